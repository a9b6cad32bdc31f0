/** A plan's workbook as the template writes it, read back and computed as the print tests compute it. */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { runPlan, type RunResult } from "../../src/engine/pipeline";
import type { PlanRows } from "../../src/engine/format";
import type { Lang } from "../../src/engine/i18n/labels";

/** The plan's workbook computed for Q2 2015 as of 5 July 2015 in a language, without robustness; nothing written. */
export async function computedQ2(rows: PlanRows, lang: Lang): Promise<{ wb: XlsxWorkbook; run: RunResult }> {
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(rows)).save());
  const run = runPlan(await wb.readGrids(), {
    period: "2015-Q2",
    lang,
    robustness: false,
    asOf: "2015-07-05",
  });
  return { wb, run };
}
