/**
 * The task-pane and ribbon actions, shared by both: check, compute and rank, generate the quarterly summary; and the
 * pane's report as a Word file, made from the workbook without writing to it.
 */
import { planSteps, type RunOptions, type RunResult, type RunStep } from "../../engine/pipeline";
import type { WorkbookGrids } from "../../engine/grid";
import type { OutputKind } from "../../engine/sheetSpec";
import type { Lang } from "../../engine/i18n/labels";
import { checkWorkbook } from "../../engine/validate";
import { settingsEdits, type SettingsChange } from "../../engine/settingsEdit";
import { buildReport } from "../../engine/report";
import type { InteractiveWorkbook, WorkbookPort } from "../port";
import type { SheetDef } from "../../engine/format";
import { inputSheet, listsSheet, listsSheetFor, readsLists } from "../inputSheet";
import { periodsDrawingOn } from "../../engine/periods";
import { summarySheetName } from "../../engine/outputs/summarySheet";

export type Action = "validate" | "compute" | "summary";

/** The stages an action goes through; it can be cancelled before "write" and not after. */
export type Stage = "read" | RunStep | "document" | "write";

const WRITES: Record<Action, readonly OutputKind[]> = {
  validate: ["findings"],
  compute: ["results", "ranking", "findings"],
  summary: ["results", "ranking", "findings", "summary"],
};

export interface ActionOptions {
  readonly period?: string | null;
  readonly lang: Lang;
  readonly force?: boolean;
}

/** Runs the engine's steps on grids, reporting each; rejects with CancelledError when the signal aborts. */
export type RunEngine = (
  grids: WorkbookGrids,
  options: RunOptions,
  onStep: (step: RunStep) => void,
  signal?: AbortSignal,
) => Promise<RunResult>;

/** How far a long stage has got: robustness draws while computing, rows while writing. */
export interface Progress {
  readonly stage: "compute" | "write";
  readonly done: number;
  readonly total: number;
}

export interface ActionHooks {
  /** Called as each stage starts, so a pane can show progress. */
  readonly onStage?: (stage: Stage) => void;
  /** Called as a long stage advances (often; a pane may show each). */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting cancels the action at the next stage boundary before anything is written. */
  readonly signal?: AbortSignal;
  /** Where the engine runs: by default on this thread, pausing between steps; the pane uses a Web Worker. */
  readonly engine?: RunEngine;
}

/** The action was cancelled before it wrote anything. */
export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

// Yielding to the event loop between stages lets the pane repaint and take a click on Cancel.
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function stepper<S extends Stage>(
  onStage?: (stage: S) => void,
  signal?: AbortSignal,
): (stage: S) => Promise<void> {
  return async (stage) => {
    if (signal?.aborted) throw new CancelledError();
    onStage?.(stage);
    await pause();
    if (signal?.aborted) throw new CancelledError();
  };
}

/** The engine on this thread, yielding to the event loop between steps. */
export const inThread: RunEngine = async (grids, options, onStep, signal) => {
  const step = stepper(onStep, signal);
  const steps = planSteps(grids, options);
  let next = steps.next();
  while (!next.done) {
    await step(next.value);
    next = steps.next();
  }
  return next.value;
};

/** Runs an action on a workbook: reads it, computes, writes the sheets the action owns. */
export async function runAction(
  port: WorkbookPort,
  action: Action,
  options: ActionOptions,
  hooks: ActionHooks = {},
): Promise<{ run: RunResult; written: string[]; later: string[] }> {
  const { onProgress } = hooks;
  const step = stepper(hooks.onStage, hooks.signal);
  await step("read");
  const grids = await port.readGrids();
  const engine = hooks.engine ?? inThread;
  const run = await engine(
    grids,
    {
      period: options.period ?? null,
      lang: options.lang,
      robustness: action !== "validate",
      summary: action === "summary",
      onProgress: onProgress && ((done, total) => onProgress({ stage: "compute", done, total })),
    },
    (s) => hooks.onStage?.(s),
    hooks.signal,
  );
  const sheets = run.sheets.filter((s) => WRITES[action].includes(s.kind));
  // Summary tabs of later periods already in the workbook, snapshots that still show this period as it was (a Q1
  // figure corrected after Quý II's tab was made): named, not rewritten.
  const summary = sheets.some((s) => s.kind === "summary") && run.period ? periodsDrawingOn(run.period) : [];
  const names = new Set(summary.flatMap((p) => [summarySheetName(p, "vi"), summarySheetName(p, "en")]));
  const later = names.size ? (await port.ownedSheets()).filter((n) => names.has(n)) : [];
  if (sheets.length) {
    await step("write");
    await port.applySheets(sheets, {
      force: options.force ?? false,
      onProgress: onProgress && ((done, total) => onProgress({ stage: "write", done, total })),
    });
  }
  return { run, written: sheets.map((s) => s.name), later };
}

/** A file made for the planner to save. */
export interface ReportFile {
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * The quarterly report of a period as a .docx, the same file as `ictplan report`; the workbook is only read. A
 * report the gate refuses gives no file (the run's `refused` says why).
 */
export async function makeReport(
  port: WorkbookPort,
  options: ActionOptions,
  hooks: ActionHooks = {},
): Promise<{ run: RunResult; file: ReportFile | null }> {
  const step = stepper(hooks.onStage, hooks.signal);
  await step("read");
  const grids = await port.readGrids();
  const run = await (hooks.engine ?? inThread)(
    grids,
    { period: options.period ?? null, lang: options.lang, robustness: false, summary: true },
    (s) => hooks.onStage?.(s),
    hooks.signal,
  );
  if (run.refused || !run.summary) return { run, file: null };
  await step("document");
  // The Word writer is loaded only when a report is asked for: the pane and the ribbon start without it.
  const { reportDocx } = await import(/* webpackChunkName: "docx" */ "../../document/reportDocx");
  const bytes = await reportDocx(buildReport(run.plan, run.summary, options.lang));
  const stem = options.lang === "vi" ? "bao-cao" : "report";
  return { run, file: { name: `${stem}-${run.summary.period}.docx`, mime: DOCX_MIME, bytes } };
}

/** Reads and checks the workbook without writing anything: what the pane shows when it opens. */
export async function inspectWorkbook(port: WorkbookPort, period: string | null = null) {
  return checkWorkbook(await port.readGrids(), period);
}

/**
 * Adds a missing input sheet as the template has it in the workbook's language (the pane's when its sheets show
 * none; Số liệu with a column per indicator of Chỉ tiêu), and the hidden lists sheet its drop-downs read when that
 * is missing too; no other sheet is touched. Returns the name.
 */
export async function addInputSheet(
  port: Pick<InteractiveWorkbook, "readGrids" | "addSheets">,
  key: SheetDef["key"],
  lang: Lang = "vi",
): Promise<string> {
  const grids = await port.readGrids();
  const { plan } = checkWorkbook(grids, null);
  // The workbook's own language where its sheets show one (the parser's decision): a Vietnamese workbook stays
  // Vietnamese.
  const sheetLang = plan.language ?? lang;
  // The lists sheet is told by its content (a planner's own "Danh mục" is never read nor written), its name compared
  // as Excel compares names (a lists sheet renamed DANH MỤC is still it).
  const listsAt = listsSheetFor(grids.sheets, sheetLang);
  const sheet = inputSheet(
    key,
    plan.indicators.map((i) => ({
      code: i.code,
      percent: i.measure === "percent",
    })),
    sheetLang,
    listsAt.name,
  );
  const lists = readsLists(sheet) && !listsAt.exists ? [listsSheet(sheetLang, listsAt.name)] : [];
  // The lists first: a drop-down's source must name a sheet that exists.
  await port.addSheets([...lists, sheet]);
  return sheet.spec.name;
}

/** Writes changed settings into the plan's settings sheet; false when the workbook has none. */
export async function saveSettings(port: InteractiveWorkbook, change: SettingsChange): Promise<boolean> {
  const grids = await port.readGrids();
  const edits = settingsEdits(grids, checkWorkbook(grids, null).plan, change);
  if (!edits) return false;
  await port.writeCells(edits);
  return true;
}
