/** A ribbon button's run: the action, then one message for the planner (what was written and found, or what failed). */
import { runAction, type Action, type RunEngine } from "../workbook/office/actions";
import type { WorkbookPort } from "../workbook/port";
import { EditedOutputError } from "../workbook/ownership";
import { countBySeverity } from "../engine/findings";
import { describeOfficeError } from "../taskpane/errors";
import { periodLabel, t, type Lang } from "../taskpane/i18n";

export interface RibbonDeps {
  readonly workbook: WorkbookPort;
  readonly lang: Lang;
  /** Where the engine runs (a Web Worker in Office, so Office's thread is never blocked); in-thread steps otherwise. */
  readonly engine?: RunEngine;
  /** Shows the message to the planner (an Office dialog). */
  readonly show: (text: string, intent: "success" | "warning" | "error") => Promise<void>;
}

/** Runs a ribbon action and tells the planner its outcome; never throws. */
export async function ribbonCommand(action: Action, deps: RibbonDeps): Promise<void> {
  const { lang } = deps;
  let text: string;
  let intent: "success" | "warning" | "error";
  try {
    const { run, written, later } = await runAction(deps.workbook, action, { lang }, { engine: deps.engine });
    const counts = countBySeverity(run.findings);
    text = `${t(lang, "done", { sheets: written.join(", ") })} ${t(lang, "checked", counts)}`;
    if (later.length && run.period)
      text += ` ${t(lang, "laterSummary", { sheets: later.join(", "), period: periodLabel(lang, run.period) })}`;
    intent = counts.error ? "error" : counts.warning ? "warning" : "success";
  } catch (e) {
    text =
      e instanceof EditedOutputError
        ? t(lang, "ribbonEdited", { sheets: e.sheets.join(", ") })
        : describeOfficeError(e, lang);
    intent = e instanceof EditedOutputError ? "warning" : "error";
  }
  await deps.show(text, intent);
}
