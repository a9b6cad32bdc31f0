/** The task pane: the plan at a glance, the three actions with progress, and a view per kind of result. */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  CounterBadge,
  Link,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Overflow,
  OverflowItem,
  ProgressBar,
  Tab,
  TabList,
  Text,
  Title3,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import { flushSync } from "react-dom";
import type { Finding, Plan } from "../engine/model";
import type { RunResult } from "../engine/pipeline";
import type { SettingsChange } from "../engine/settingsEdit";
import type { SheetDef } from "../engine/format";
import { countBySeverity } from "../engine/findings";
import { EditedOutputError, PlannersObjectsError } from "../workbook/ownership";
import type { InteractiveWorkbook } from "../workbook/port";
import {
  addInputSheet,
  CancelledError,
  inspectWorkbook,
  makeReport,
  runAction,
  saveSettings,
  type Action,
  type Progress,
  type Stage,
} from "../workbook/office/actions";
import { planSheetsLanguage } from "../workbook/inputSheet";
import { browserDownload, type SaveFile } from "./saveFile";
import { formatNumber, inputSheetName, rememberLang, t, type Lang } from "./i18n";
import { MessageView, type Message } from "./message";
import { workerEngine } from "./workerEngine";
import { Freshness } from "./freshness";
import { OPTIONAL, type OptionalFeature } from "../workbook/office/requirements";
import { Overview } from "./views/Overview";
import { Findings } from "./views/Findings";
import { Rankings } from "./views/Rankings";
import { Attainment } from "./views/Attainment";
import { SettingsView } from "./views/SettingsView";
import { emptyDraft, redraft, type SettingsDraft } from "./views/settingsText";

type View = "overview" | "findings" | "rankings" | "attainment" | "settings";
const VIEWS: readonly View[] = ["overview", "findings", "rankings", "attainment", "settings"];
const STAGES: readonly Stage[] = ["read", "check", "compute", "summary", "sheets", "document", "write"];
const engine = workerEngine();
const PROGRESS_MS = 150;

export interface AppProps {
  workbook: InteractiveWorkbook;
  initialLang: Lang;
  /** Told when the language changes (the preview page follows it). */
  onLangChange?: (lang: Lang) => void;
  /** Features this Excel lacks (above the minimum): each gets a standing note. */
  missing?: readonly OptionalFeature[];
  /** How a made file reaches the planner: a browser download by default; in Excel an Office dialog. */
  saveFile?: SaveFile;
  /** Opens the help page (in Excel through Office, see index.tsx); by default the link opens it in a new tab. */
  openHelp?: (url: string) => void;
}

export function App({ workbook, initialLang, onLangChange, missing = [], saveFile, openHelp }: AppProps) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [view, setView] = useState<View>("overview");
  const [period, setPeriod] = useState<string>("");
  const [plan, setPlan] = useState<Plan | null>(null);
  const [findings, setFindings] = useState<readonly Finding[]>([]);
  const [run, setRun] = useState<RunResult | null>(null);
  // "save": the report is made and the planner is saving it (Excel's dialog is open): no progress, nothing to cancel.
  const [stage, setStageState] = useState<Stage | "save" | null>(null);
  // Units of work done in the stage under way (draws, rows), when it reports them.
  const [progress, setProgress] = useState<Progress | null>(null);
  const shownAt = useRef(0);
  const setStage = (s: Stage | "save" | null) => {
    // A mark per stage: the bench and the browser tests tell from them where the thread was busy.
    performance.mark(`ictplan:${s ?? "idle"}`);
    setStageState(s);
    setProgress(null);
  };
  // Shown at most every PROGRESS_MS: each update re-renders the pane.
  const showProgress = (p: Progress) => {
    const now = performance.now();
    if (p.done < p.total && now - shownAt.current < PROGRESS_MS) return;
    shownAt.current = now;
    // The last count is drawn at once: batched with the next stage's start, it would never be seen (412/1.000, then
    // the next stage).
    if (p.done >= p.total) flushSync(() => setProgress(p));
    else setProgress(p);
  };
  const [message, setMessage] = useState<Message | null>(null);
  // Settings saved since the results shown were computed: the views say so until the next computation.
  const [stale, setStale] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const messageRef = useRef<HTMLDivElement | null>(null);
  const statusRef = useRef<HTMLDivElement | null>(null);
  // Set when an action ends, so focus goes to what it says instead of falling to the page body.
  const focusMessage = useRef(false);
  useEffect(() => {
    if (message && focusMessage.current) messageRef.current?.focus();
    focusMessage.current = false;
  }, [message]);

  // Settings typed and not yet saved: kept here so that leaving the view, an action or a language change loses none.
  const [draft, setDraft] = useState<SettingsDraft>(() => emptyDraft(initialLang));

  const setLang = (l: Lang) => {
    setLangState(l);
    setDraft((d) => redraft(d, l));
    rememberLang(l);
    onLangChange?.(l);
  };

  const failure = useCallback((error: unknown): Message => ({ intent: "error", error }), []);

  // Bumped when an action starts: a reading begun before it is older than what the action reads, and is dropped.
  const reads = useRef(0);
  const latestInspect = useRef<(quiet?: boolean) => Promise<void>>(async () => undefined);
  const busyNow = useRef(false);
  busyNow.current = stage !== null;
  // The workbook as it is now: read again after the planner changes it, or comes back to the pane.
  const freshness = useMemo(
    () =>
      new Freshness(
        () => void latestInspect.current(true),
        () => busyNow.current,
      ),
    [workbook],
  );

  /** Reads and checks the workbook (nothing is written); `quiet`, a reading of the pane's own accord, says no error
   *  (the next action will). */
  const inspect = useCallback(
    async (quiet = false) => {
      const at = ++reads.current;
      freshness.reading();
      try {
        const checked = await inspectWorkbook(workbook, period || null);
        if (at !== reads.current) return;
        setPlan(checked.plan);
        setFindings(checked.findings);
      } catch (e) {
        if (!quiet) setMessage(failure(e));
      }
    },
    [workbook, failure, period, freshness],
  );
  latestInspect.current = inspect;

  useEffect(() => {
    void inspect();
    // Only on opening: later readings come with each action, and after the planner's changes (below).
  }, [workbook]);

  useEffect(() => {
    let gone = false;
    let stop: (() => Promise<void>) | null = null;
    // Removing the handlers is Excel's request: the pane does not wait for it, and a failure leaves them silenced.
    const end = (s: (() => Promise<void>) | null) => void s?.().catch(() => undefined);
    workbook
      .watchChanges?.(() => freshness.change())
      .then((s) => {
        if (gone) end(s);
        else if (s) {
          stop = s;
          // Where a rename is told by no event, coming back to the pane still reads the workbook again.
          if (workbook.tellsEveryChange?.() ?? true) freshness.watching();
        }
      })
      .catch(() => undefined); // not told: the pane reads again each time the planner comes back to it
    // Back in the pane: it has focus again, or it is shown again (a pane hidden, Excel's window restored).
    const back = () => freshness.back();
    const shown = () => {
      if (document.visibilityState === "visible") freshness.back();
    };
    window.addEventListener("focus", back);
    document.addEventListener("visibilitychange", shown);
    return () => {
      gone = true;
      end(stop);
      freshness.stop();
      window.removeEventListener("focus", back);
      document.removeEventListener("visibilitychange", shown);
    };
  }, [workbook, freshness]);

  // An action ended: a change made while it ran is read now.
  useEffect(() => {
    if (stage === null) freshness.idle();
  }, [stage, freshness]);

  // A period chosen that the workbook no longer has figures for: back to the plan's current period.
  useEffect(() => {
    if (period && plan && !plan.periods.includes(period)) setPeriod("");
  }, [plan, period]);

  /** Starts a cancellable run: clears the message, shows progress, and returns the run's abort signal. */
  function begin(): AbortSignal {
    const controller = new AbortController();
    abort.current = controller;
    reads.current++;
    freshness.reading();
    setMessage(null);
    setStage("read");
    // The button pressed is disabled while the action runs: keep focus in the pane, on its progress.
    statusRef.current?.focus();
    return controller.signal;
  }

  async function act(action: Action, force = false) {
    const signal = begin();
    try {
      const {
        run: r,
        written,
        later,
      } = await runAction(
        workbook,
        action,
        { period: period || null, lang, force },
        { onStage: setStage, onProgress: showProgress, signal, engine },
      );
      // A transition: React renders a large plan's lists in slices, so the pane takes clicks meanwhile.
      // The stale mark goes with the message that says the results are new, not a transition later.
      if (r.results) setStale(false);
      startTransition(() => {
        setRun(r);
        setPlan(r.plan);
        setFindings(r.findings);
      });
      const c = countBySeverity(r.findings);
      const checkedOnly = action === "validate" || written.length === 0;
      setMessage(
        r.refused && action !== "validate"
          ? // No report: say so, and why (the Kiểm tra sheet says it too).
            { intent: "error", refused: r.refused }
          : {
              intent: (checkedOnly ? c.error : c.error + c.warning) ? "warning" : "success",
              key: checkedOnly ? "checked" : c.error + c.warning ? "doneWithNotes" : "done",
              params: checkedOnly ? c : { sheets: written.join(", "), ...c },
              sheets: written,
              distribution: action === "validate" ? undefined : r.results?.distribution,
              later: r.period ? { sheets: later, period: r.period } : undefined,
            },
      );
      // From Overview, where the buttons are, to what the action made; a planner who went to another view while it
      // ran stays there (the message says the outcome in every view).
      const next: View | null =
        action === "validate" ? (r.findings.length ? "findings" : null) : r.results ? "rankings" : null;
      if (next) setView((v) => (v === "overview" ? next : v));
    } catch (e) {
      if (e instanceof CancelledError) {
        // Rendered in the task of the click on Hủy, not queued behind whatever the page has waiting; its effect
        // runs inside flushSync, so it must already know to move focus (Hủy, which had it, is gone).
        focusMessage.current = true;
        flushSync(() => {
          setMessage({ intent: "info", key: "cancelled" });
          setStage(null);
        });
      } else if (e instanceof EditedOutputError)
        setMessage({
          intent: "warning",
          // Objects of the planner's on an output sheet (the .xlsx adapter's refusal): said as such.
          key: e instanceof PlannersObjectsError ? "plannersObjects" : "edited",
          params: { sheets: e.sheets.join(", ") },
          retry: action,
        });
      else setMessage(failure(e));
    } finally {
      focusMessage.current = true;
      abort.current = null;
      setStage(null);
    }
  }

  /** The period's report as a Word file, handed to the planner; refused by the gate, no file and why. */
  async function report() {
    const signal = begin();
    try {
      const { run: r, file } = await makeReport(
        workbook,
        { period: period || null, lang },
        { onStage: setStage, signal, engine },
      );
      setPlan(r.plan);
      setFindings(r.findings);
      if (!file) {
        setMessage(r.refused ? { intent: "error", refused: r.refused } : failure(new Error("no summary")));
        return;
      }
      // Made: the dialog or download is the planner's to finish, not to cancel. Said on screen before the dialog opens
      // (not "writing the Word document" while the planner is saving it).
      abort.current = null;
      flushSync(() => setStage("save"));
      const outcome = await (saveFile ?? browserDownload())(file, lang);
      const c = countBySeverity(r.findings);
      setMessage(
        outcome === "closed"
          ? { intent: "info", key: "reportNotSaved" }
          : c.error + c.warning
            ? { intent: "warning", key: "reportSavedWithNotes", params: { file: file.name, ...c } }
            : { intent: "success", key: "reportSaved", params: { file: file.name } },
      );
    } catch (e) {
      setMessage(e instanceof CancelledError ? { intent: "info", key: "cancelled" } : failure(e));
    } finally {
      focusMessage.current = true;
      abort.current = null;
      setStage(null);
    }
  }

  // Settings the planner asked to save into a workbook without a settings sheet: saved once the sheet is added.
  const unsaved = useRef<SettingsChange | null>(null);

  /** A write that is not cancellable (settings, a sheet added): the button pressed is disabled or gone meanwhile, so
   *  focus waits on the progress, then goes to the message. */
  function beginWrite(): void {
    setMessage(null);
    setStage("write");
    statusRef.current?.focus();
  }

  async function save(change: SettingsChange) {
    beginWrite();
    try {
      const ok = await saveSettings(workbook, change);
      unsaved.current = ok ? null : change;
      focusMessage.current = true;
      setMessage(
        ok
          ? { intent: "success", key: "saved" }
          : {
              intent: "error",
              key: "noSettingsSheet",
              // The sheet the button adds: as the template of the workbook's language names it.
              params: { sheet: inputSheetName("settings", planSheetsLanguage(plan, lang)) },
              addSheet: "settings",
            },
      );
      if (ok && run?.results) setStale(true);
      await inspect();
      // Saved: the sheet, read again, holds what was typed. Not saved: the draft waits for the sheet to be added.
      if (ok) setDraft(emptyDraft(lang));
    } catch (e) {
      setMessage(failure(e));
    } finally {
      focusMessage.current = true;
      setStage(null);
    }
  }

  // The remedy for a missing input sheet: add it from the template in the workbook's language, then check again
  // (nothing else is written); a missing settings sheet is added to save the settings waiting for it.
  async function addSheet(key: SheetDef["key"]) {
    beginWrite();
    try {
      const sheet = await addInputSheet(workbook, key, lang);
      const change = key === "settings" ? unsaved.current : null;
      unsaved.current = null;
      if (change && (await saveSettings(workbook, change))) {
        focusMessage.current = true;
        setMessage({ intent: "success", key: "settingsSheetAdded", params: { sheet }, sheets: [sheet] });
        if (run?.results) setStale(true);
        await inspect();
        setDraft(emptyDraft(lang));
        return;
      }
      const checked = await inspectWorkbook(workbook);
      setPlan(checked.plan);
      setFindings(checked.findings);
      const c = countBySeverity(checked.findings);
      focusMessage.current = true;
      setMessage({
        intent: c.error ? "warning" : "success",
        key: "sheetAdded",
        params: { sheet, ...c },
        sheets: [sheet],
      });
    } catch (e) {
      setMessage(failure(e));
    } finally {
      focusMessage.current = true;
      setStage(null);
    }
  }

  const select = (f: Finding) =>
    void workbook.selectCell(f.sheet, f.cell).catch((e) => setMessage(failure(e)));
  const openSheet = (sheet: string) =>
    void workbook.activateSheet(sheet).catch((e) => setMessage(failure(e)));
  const busy = stage !== null;
  const inStage = progress && progress.stage === stage && progress.total > 0 ? progress : null;
  const count =
    inStage &&
    t(lang, `progress_${inStage.stage}`, {
      done: formatNumber(lang, inStage.done, 0),
      total: formatNumber(lang, inStage.total, 0),
    });
  const counts = countBySeverity(findings);
  const tabLabel = (v: View): ReactNode =>
    v === "findings" ? (
      <>
        {t(lang, "findings")}{" "}
        <CounterBadge
          count={findings.length}
          showZero
          size="small"
          color={counts.error ? "danger" : "informative"}
          aria-label={t(lang, "checked", counts)}
        />
      </>
    ) : (
      t(lang, v)
    );

  return (
    <main className="pane" lang={lang}>
      <div className="pane-head">
        <Title3 as="h1">{t(lang, "title")}</Title3>
        <HelpLink lang={lang} openHelp={openHelp} />
      </div>
      <Overflow minimumVisible={1}>
        {/* The menu sits beside the tab list, not in it: a tab list holds only tabs. */}
        <div className="pane-tabs">
          <TabList
            aria-label={t(lang, "views")}
            selectedValue={view}
            onTabSelect={(_, d) => setView(d.value as View)}
            size="small"
          >
            {VIEWS.map((v) => (
              <OverflowItem key={v} id={v} priority={v === view ? 2 : 1}>
                <Tab value={v}>{tabLabel(v)}</Tab>
              </OverflowItem>
            ))}
          </TabList>
          <MoreViews lang={lang} label={tabLabel} onSelect={setView} />
        </div>
      </Overflow>

      {missing.map((f) => (
        <MessageBar key={f} intent="warning">
          <MessageBarBody>{t(lang, `missing_${f}`, { ...OPTIONAL[f] })}</MessageBarBody>
        </MessageBar>
      ))}

      {/* Only the stage's name and the message are live regions: a screen reader reads each change of them, and
          the progress bar's value and the count change every 150 ms (it has the bar's value when it asks). */}
      <div className="pane-status" ref={statusRef} tabIndex={-1}>
        {stage && (
          <div className="pane-progress">
            {stage !== "save" && (
              <ProgressBar
                value={(STAGES.indexOf(stage) + (inStage ? inStage.done / inStage.total : 1)) / STAGES.length}
                thickness="large"
                aria-label={t(lang, "progress")}
              />
            )}
            <Text size={200} aria-live="polite">
              {t(lang, `stage_${stage}` as const)}
              {count && (
                <>
                  {" "}
                  <span className="pane-progress-count" aria-hidden="true">
                    {count}
                  </span>
                </>
              )}
            </Text>
            {abort.current && stage !== "write" && (
              <Button size="small" onClick={() => abort.current?.abort()}>
                {t(lang, "cancel")}
              </Button>
            )}
          </div>
        )}
        <div aria-live="polite">
          {message && (
            <MessageView
              ref={messageRef}
              message={message}
              lang={lang}
              onRetry={(a) => void act(a, true)}
              onOpenSheet={openSheet}
              onAddSheet={(k) => void addSheet(k)}
              busy={busy}
              sheetLang={planSheetsLanguage(plan, lang)}
            />
          )}
        </div>
      </div>

      <section role="tabpanel" aria-label={t(lang, view)} className="pane-view">
        {view === "overview" && (
          <Overview
            lang={lang}
            plan={plan}
            period={period}
            onPeriod={setPeriod}
            busy={busy}
            onAction={(a) => void act(a)}
            onReport={() => void report()}
            onShowFindings={() => setView("findings")}
            onOpenPeriods={() => freshness.back()}
          />
        )}
        {view === "findings" && (
          <Findings
            lang={lang}
            findings={findings}
            plan={plan}
            onSelect={select}
            busy={busy}
            onAddSheet={(k) => void addSheet(k)}
          />
        )}
        {stale && (view === "rankings" || view === "attainment") && (
          <MessageBar intent="warning" className="stale">
            <MessageBarBody>{t(lang, "stale")}</MessageBarBody>
          </MessageBar>
        )}
        {view === "rankings" && <Rankings lang={lang} run={run} />}
        {view === "attainment" && <Attainment lang={lang} run={run} />}
        {view === "settings" && (
          <SettingsView
            lang={lang}
            onLang={setLang}
            plan={plan}
            busy={busy}
            draft={draft}
            onDraft={setDraft}
            onSave={(c) => void save(c)}
          />
        )}
      </section>
    </main>
  );
}

/** The help page, at the pane's language's section: a link, which Excel opens through Office where it is given. */
function HelpLink({ lang, openHelp }: { lang: Lang; openHelp?: (url: string) => void }) {
  const url = new URL(`help.html#${lang}`, window.location.href).toString();
  return (
    <Link
      href={url}
      target="_blank"
      rel="noopener"
      className="help-link"
      title={t(lang, "helpTitle")}
      onClick={(e) => {
        if (!openHelp) return;
        e.preventDefault();
        openHelp(url);
      }}
    >
      {t(lang, "help")}
    </Link>
  );
}

/** The views that do not fit beside the others, in a menu at the end of the tab list. */
function MoreViews(props: { lang: Lang; label: (v: View) => ReactNode; onSelect: (v: View) => void }) {
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          ref={ref}
          appearance="transparent"
          size="small"
          className="more-views"
          aria-label={t(props.lang, "moreViews", { n: overflowCount })}
        >
          ⋯
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {VIEWS.map((v) => (
            <HiddenView key={v} view={v} label={props.label} onSelect={props.onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function HiddenView(props: { view: View; label: (v: View) => ReactNode; onSelect: (v: View) => void }) {
  const visible = useIsOverflowItemVisible(props.view);
  if (visible) return null;
  return <MenuItem onClick={() => props.onSelect(props.view)}>{props.label(props.view)}</MenuItem>;
}
