/** The task pane: the plan at a glance, the three actions with progress, and a view per kind of result. */
import { useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  CounterBadge,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  Text,
  Title3,
} from "@fluentui/react-components";
import type { Finding, Plan } from "../engine/model";
import type { RunResult } from "../engine/pipeline";
import type { SettingsChange } from "../engine/settingsEdit";
import { countBySeverity } from "../engine/findings";
import { refusalMessage } from "../engine/gate";
import { EditedOutputError } from "../workbook/ownership";
import type { InteractiveWorkbook } from "../workbook/port";
import {
  CancelledError,
  inspectWorkbook,
  runAction,
  saveSettings,
  type Action,
  type Stage,
} from "../workbook/office/actions";
import { rememberLang, t, type Lang } from "./i18n";
import { describeOfficeError } from "./errors";
import { workerEngine } from "./workerEngine";
import { OPTIONAL, type OptionalFeature } from "../workbook/office/requirements";
import { Overview } from "./views/Overview";
import { Findings } from "./views/Findings";
import { Rankings } from "./views/Rankings";
import { Attainment } from "./views/Attainment";
import { SettingsView } from "./views/SettingsView";

type View = "overview" | "findings" | "rankings" | "attainment" | "settings";
type Message = { intent: "success" | "error" | "warning" | "info"; text: string; retry?: Action };
const STAGES: readonly Stage[] = ["read", "check", "compute", "summary", "sheets", "write"];
const engine = workerEngine();

export interface AppProps {
  workbook: InteractiveWorkbook;
  initialLang: Lang;
  /** Told when the language changes (the preview page follows it). */
  onLangChange?: (lang: Lang) => void;
  /** Features this Excel lacks (above the minimum): each gets a standing note. */
  missing?: readonly OptionalFeature[];
}

export function App({ workbook, initialLang, onLangChange, missing = [] }: AppProps) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [view, setView] = useState<View>("overview");
  const [period, setPeriod] = useState<string>("");
  const [plan, setPlan] = useState<Plan | null>(null);
  const [findings, setFindings] = useState<readonly Finding[]>([]);
  const [run, setRun] = useState<RunResult | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const abort = useRef<AbortController | null>(null);

  const setLang = (l: Lang) => {
    setLangState(l);
    rememberLang(l);
    onLangChange?.(l);
  };

  const failure = useCallback(
    (e: unknown): Message => ({ intent: "error", text: describeOfficeError(e, lang) }),
    [lang],
  );

  const inspect = useCallback(async () => {
    try {
      const checked = await inspectWorkbook(workbook);
      setPlan(checked.plan);
      setFindings(checked.findings);
    } catch (e) {
      setMessage(failure(e));
    }
  }, [workbook, failure]);

  useEffect(() => {
    void inspect();
    // Only on opening: later reads happen with each action.
  }, [workbook]);

  async function act(action: Action, force = false) {
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setStage("read");
    try {
      const { run: r, written } = await runAction(
        workbook,
        action,
        { period: period || null, lang, force },
        { onStage: setStage, signal: controller.signal, engine },
      );
      setRun(r);
      setPlan(r.plan);
      setFindings(r.findings);
      const c = countBySeverity(r.findings);
      const sheets = written.join(", ");
      setMessage(
        r.refused && action !== "validate"
          ? // No report: say so, and why (the Kiểm tra sheet says it too).
            { intent: "error", text: refusalMessage(r.refused, lang) }
          : action === "validate" || written.length === 0
            ? { intent: c.error ? "warning" : "success", text: t(lang, "checked", c) }
            : c.error + c.warning
              ? { intent: "warning", text: t(lang, "doneWithNotes", { sheets, ...c }) }
              : { intent: "success", text: t(lang, "done", { sheets }) },
      );
      if (action === "validate" && r.findings.length) setView("findings");
      if (action !== "validate" && r.results && view === "overview") setView("rankings");
    } catch (e) {
      if (e instanceof CancelledError) setMessage({ intent: "info", text: t(lang, "cancelled") });
      else if (e instanceof EditedOutputError)
        setMessage({
          intent: "warning",
          text: t(lang, "edited", { sheets: e.sheets.join(", ") }),
          retry: action,
        });
      else setMessage(failure(e));
    } finally {
      abort.current = null;
      setStage(null);
    }
  }

  async function save(change: SettingsChange) {
    setMessage(null);
    setStage("write");
    try {
      const ok = await saveSettings(workbook, change);
      setMessage(
        ok
          ? { intent: "success", text: t(lang, "saved") }
          : { intent: "error", text: t(lang, "noSettingsSheet") },
      );
      await inspect();
    } catch (e) {
      setMessage(failure(e));
    } finally {
      setStage(null);
    }
  }

  const select = (f: Finding) =>
    void workbook.selectCell(f.sheet, f.cell).catch((e) => setMessage(failure(e)));
  const busy = stage !== null;
  const counts = countBySeverity(findings);

  return (
    <main className="pane" lang={lang}>
      <Title3 as="h1">{t(lang, "title")}</Title3>
      <TabList
        aria-label={t(lang, "views")}
        selectedValue={view}
        onTabSelect={(_, d) => setView(d.value as View)}
        size="small"
        style={{ flexWrap: "wrap" }}
      >
        <Tab value="overview">{t(lang, "overview")}</Tab>
        <Tab value="findings">
          {t(lang, "findings")}{" "}
          <CounterBadge
            count={findings.length}
            showZero
            size="small"
            color={counts.error ? "danger" : "informative"}
            aria-label={t(lang, "checked", counts)}
          />
        </Tab>
        <Tab value="rankings">{t(lang, "rankings")}</Tab>
        <Tab value="attainment">{t(lang, "attainment")}</Tab>
        <Tab value="settings">{t(lang, "settings")}</Tab>
      </TabList>

      {missing.map((f) => (
        <MessageBar key={f} intent="warning">
          <MessageBarBody>{t(lang, `missing_${f}`, { ...OPTIONAL[f] })}</MessageBarBody>
        </MessageBar>
      ))}

      <div aria-live="polite" className="pane-status">
        {stage && (
          <div className="pane-progress">
            <ProgressBar
              value={(STAGES.indexOf(stage) + 1) / STAGES.length}
              thickness="large"
              aria-label={t(lang, "progress")}
            />
            <Text size={200}>{t(lang, `stage_${stage}` as const)}</Text>
            {abort.current && stage !== "write" && (
              <Button size="small" onClick={() => abort.current?.abort()}>
                {t(lang, "cancel")}
              </Button>
            )}
          </div>
        )}
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>
              {message.text}{" "}
              {message.retry && (
                <Button size="small" onClick={() => void act(message.retry as Action, true)}>
                  {t(lang, "overwrite")}
                </Button>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
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
          />
        )}
        {view === "findings" && <Findings lang={lang} findings={findings} onSelect={select} />}
        {view === "rankings" && <Rankings lang={lang} run={run} />}
        {view === "attainment" && <Attainment lang={lang} run={run} />}
        {view === "settings" && (
          <SettingsView lang={lang} onLang={setLang} plan={plan} busy={busy} onSave={(c) => void save(c)} />
        )}
      </section>
    </main>
  );
}
