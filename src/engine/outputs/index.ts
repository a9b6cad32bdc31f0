/** All output sheets for a period, in the order they are written. */
import type { Finding, Plan, PlanShape } from "../model";
import type { PeriodResults, UnitReadiness } from "../results";
import { fitCellText, type SheetSpec } from "../sheetSpec";
import type { QuarterlySummary } from "../summary";
import type { Lang } from "../i18n/labels";
import { buildResultsSheet, resultsRows, type ResultsLayout } from "./resultsSheet";
import { packAttainment, unpackAttainment, type PackedAttainment } from "../packedAttainment";
import {
  buildRankingSheet,
  intervalCells,
  listedFits,
  rankingStandIn,
  type RankingLayout,
  type RankingResults,
} from "./rankingSheet";
import { buildFindingsSheet } from "./findingsSheet";
import { planSheetNames } from "../findings";
import { buildSummarySheet } from "./summarySheet";
import { periodTitle } from "./style";
import { buildReport } from "../report";
import { withIntervals } from "../compute";

export { quoteSheetName } from "./refs";
export { summarySheetName } from "./summarySheet";

export interface OutputOptions {
  readonly lang: Lang;
  /** The summary's content; null leaves the summary tab out. */
  readonly summary: QuarterlySummary | null;
  /**
   * Xếp hạng is built elsewhere, from the job handed over here as soon as Kết quả is built (the other sheets are built
   * meanwhile): the sheets hold its stand-in (rankingStandIn).
   */
  readonly rankingElsewhere?: (job: RankingJob) => void;
}

/**
 * What Xếp hạng is built from but the intervals, and Kết quả (for its fingerprint): plain data, for a thread
 * (structured clone), the figures left out.
 */
export interface RankingJob {
  readonly plan: PlanShape;
  readonly results: RankingResults;
  readonly layout: ResultsLayout;
  readonly lang: Lang;
  /** Kết quả's rows (their figures packed) and whether it has running sums. */
  readonly resultsSheet: { readonly attainment: PackedAttainment; readonly running: boolean };
}

/** Xếp hạng of a job with the intervals drawn (drawRanks' answer), its texts cut to fit a cell. */
export function rankingOfJob(job: RankingJob, drawn: Int32Array): SheetSpec {
  const { plan, results, layout, lang } = job;
  return fitCellText(buildRankingSheet(plan, withIntervals(results, drawn), layout, lang).spec);
}

/** Kết quả of a job, as the run that made the job built it (fitted, as written). */
export function resultsOfJob(job: RankingJob): SheetSpec {
  const { plan, results, lang, resultsSheet } = job;
  const unitResults = { ...results, attainment: unpackAttainment(resultsSheet.attainment) };
  const rows = resultsRows(plan, unitResults);
  return fitCellText(buildResultsSheet(plan, unitResults, lang, rows, resultsSheet.running).spec);
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

/**
 * buildOutputSheets; Xếp hạng for results that differ only in their robustness intervals (from the sheet built, given
 * as fitCellText left it, or built anew when it was left to the job); and the job.
 */
export function outputSheets(
  plan: Plan,
  results: PeriodResults,
  findings: readonly Finding[],
  options: OutputOptions,
): {
  sheets: SheetSpec[];
  rankingFor: (results: PeriodResults, built: SheetSpec) => SheetSpec;
} {
  const { lang, summary } = options;
  // Pillar scores list each indicator's weight and score while those formulas fit Excel's limits; past them (from
  // about 150 indicators, 65 in one pillar under the exclude policy) Kết quả gets running sums, read instead. Which
  // form is worked out from Kết quả's rows, so each sheet is built once.
  const rows = resultsRows(plan, results);
  const running = !listedFits(plan, results, rows, lang);
  const res = buildResultsSheet(plan, results, lang, rows, running);
  const elsewhere = options.rankingElsewhere;
  if (elsewhere) {
    const { figures: _figures, ...shape } = plan;
    elsewhere({
      plan: shape,
      results: { period: results.period, ranking: results.ranking },
      layout: res.layout,
      lang,
      resultsSheet: { attainment: packAttainment(results.attainment), running },
    });
  }
  const rank = elsewhere ? null : buildRankingSheet(plan, results, res.layout, lang);
  const checks = buildFindingsSheet(
    findings,
    lang,
    periodTitle(plan, results.period, lang),
    null,
    planSheetNames(plan, lang),
  );
  const sheets = [res.spec, rank?.spec ?? rankingStandIn(plan, lang), checks];
  if (summary) sheets.push(buildSummarySheet(buildReport(plan, summary, lang)));
  return {
    sheets,
    // The interval cells patched in are short texts: the sheet patched stays fitted.
    rankingFor: (r, built) =>
      rank
        ? withIntervalCells(built, rank.layout, r)
        : fitCellText(buildRankingSheet(plan, r, res.layout, lang).spec),
  };
}

/**
 * Xếp hạng with each unit's robustness cells from other results (the same units, other intervals): its other cells
 * are the ones built, so a second build (its formulas: 60 MB and 0.7-1.1 s at 3,500 units at load 6) is not needed.
 */
function withIntervalCells(spec: SheetSpec, layout: RankingLayout, results: PeriodResults): SheetSpec {
  const unitAt = new Map<number, UnitReadiness>();
  for (const u of results.ranking) {
    const row = layout.rowOf.get(u.unit);
    if (row !== undefined) unitAt.set(row, u);
  }
  const { median, interval } = layout.col;
  return {
    ...spec,
    blocks: spec.blocks.map((b) => {
      if (!b.cells.some((_, i) => unitAt.has(b.row + i))) return b;
      return {
        ...b,
        cells: b.cells.map((cells, i) => {
          const u = unitAt.get(b.row + i);
          if (!u) return cells;
          const out = cells.slice();
          [out[median - b.col], out[interval - b.col]] = intervalCells(u);
          return out;
        }),
      };
    }),
  };
}
