/** The three ribbon and task-pane actions, shared by both: check, compute and rank, generate the quarterly summary. */
import { runPlan, type RunResult } from "../../engine/pipeline";
import type { OutputKind } from "../../engine/sheetSpec";
import type { Lang } from "../../engine/i18n/labels";
import type { WorkbookPort } from "../port";

export type Action = "validate" | "compute" | "summary";

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

/** Runs an action on a workbook: reads it, computes, writes the sheets the action owns. */
export async function runAction(
  port: WorkbookPort,
  action: Action,
  options: ActionOptions,
): Promise<{ run: RunResult; written: string[] }> {
  const grids = await port.readGrids();
  const run = runPlan(grids, {
    period: options.period ?? null,
    lang: options.lang,
    robustness: action !== "validate",
    summary: action === "summary",
  });
  const sheets = run.sheets.filter((s) => WRITES[action].includes(s.kind));
  if (sheets.length) await port.applySheets(sheets, { force: options.force ?? false });
  return { run, written: sheets.map((s) => s.name) };
}
