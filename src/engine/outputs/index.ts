/** All output sheets for a period, in the order they are written. */
import type { Finding, Plan } from "../model";
import type { PeriodResults } from "../results";
import type { SheetSpec } from "../sheetSpec";
import type { QuarterlySummary } from "../summary";
import type { Lang } from "../i18n/labels";
import { buildResultsSheet } from "./resultsSheet";
import { buildRankingSheet } from "./rankingSheet";
import { buildFindingsSheet } from "./findingsSheet";
import { buildSummarySheet } from "./summarySheet";
import { periodTitle } from "./style";
import { buildReport } from "../report";

export { quoteSheetName } from "./refs";
export { summarySheetName } from "./summarySheet";

export interface OutputOptions {
  readonly lang: Lang;
  /** The summary's content; null leaves the summary tab out. */
  readonly summary: QuarterlySummary | null;
}

/** Kết quả, Xếp hạng, Kiểm tra and (with a summary) Tổng hợp <quarter>. */
export function buildOutputSheets(
  plan: Plan,
  results: PeriodResults,
  findings: readonly Finding[],
  options: OutputOptions,
): SheetSpec[] {
  return outputSheets(plan, results, findings, options).sheets;
}

/** buildOutputSheets, and Xếp hạng again for results that differ only in their robustness intervals. */
export function outputSheets(
  plan: Plan,
  results: PeriodResults,
  findings: readonly Finding[],
  options: OutputOptions,
): { sheets: SheetSpec[]; rankingFor: (results: PeriodResults) => SheetSpec } {
  const { lang, summary } = options;
  const res = buildResultsSheet(plan, results, lang);
  const rank = buildRankingSheet(plan, results, res.layout, lang);
  const checks = buildFindingsSheet(findings, lang, periodTitle(plan, results.period, lang));
  const sheets = [res.spec, rank.spec, checks];
  if (summary) sheets.push(buildSummarySheet(buildReport(plan, summary, lang)));
  return { sheets, rankingFor: (r) => buildRankingSheet(plan, r, res.layout, lang).spec };
}
