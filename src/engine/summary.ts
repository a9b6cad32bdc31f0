/** The quarterly summary's content as data: key figures, tables, leaders and laggards, changes, data quality. */
import type { Finding, Plan, RankingGroup, Severity } from "./model";
import type { Grade, GradeDistribution, PeriodResults, ProvinceAttainment, UnitReadiness } from "./results";
import { orderGroups } from "./format";
import { countBySeverity } from "./findings";

export interface GroupSummary {
  readonly group: RankingGroup;
  /** Units of the group by rank (ties by code). */
  readonly ranking: readonly UnitReadiness[];
  readonly meanIndex: number | null;
  /** Mean index of the same units in the previous period (those that have one), or null. */
  readonly previousMeanIndex: number | null;
  readonly counts: Readonly<Record<Grade, number>>;
  /** Grade counts of the group's units in the previous period, or null without one. */
  readonly previousCounts: Readonly<Record<Grade, number>> | null;
  /** The leading units (up to three), best first. */
  readonly top: readonly UnitReadiness[];
  /** The trailing units not among the leaders (up to three), last first. */
  readonly bottom: readonly UnitReadiness[];
  /** Largest index rises and falls since the previous period (largest first). */
  readonly rises: readonly UnitReadiness[];
  readonly falls: readonly UnitReadiness[];
}

export interface QuarterlySummary {
  readonly province: string;
  readonly period: string;
  readonly previousPeriod: string | null;
  /** The day the figures were taken (ISO date): the summary is a snapshot of that day's workbook. */
  readonly asOf: string;
  readonly unitsRanked: number;
  readonly gradeCounts: Readonly<Record<Grade, number>>;
  readonly previousGradeCounts: Readonly<Record<Grade, number>> | null;
  /** Share of unit × indicator attainments that meet their target, among those with a target. */
  readonly targetsMetShare: number | null;
  readonly findings: Readonly<Record<Severity, number>>;
  /** Unit × indicator figures missing for the period (each scored by the missing-value policy). */
  readonly missingFigures: number;
  /** Units with at least one missing figure. */
  readonly unitsWithMissing: number;
  readonly indicators: readonly ProvinceAttainment[];
  /** Indicators whose share of units meeting is below Chỉ tiêu toàn tỉnh (blank: 100%), furthest behind first. */
  readonly behindTargets: readonly ProvinceAttainment[];
  readonly groups: readonly GroupSummary[];
  readonly distribution: readonly GradeDistribution[];
  /** Units whose rank in their group moved the most since the previous period (largest first). */
  readonly biggestChanges: readonly UnitReadiness[];
}

const TOP_N = 3;
const CHANGES_N = 5;

const byCode = (a: UnitReadiness, b: UnitReadiness) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);

/** Units of a ranking in rank order, ties by code. */
export function byRank(list: readonly UnitReadiness[]): UnitReadiness[] {
  return [...list].sort((a, b) => a.rankInGroup - b.rankInGroup || byCode(a, b));
}

const emptyCounts = (): Record<Grade, number> => ({ good: 0, fair: 0, average: 0, weak: 0 });

function countGrades(list: readonly UnitReadiness[], previous: boolean): Record<Grade, number> | null {
  const c = emptyCounts();
  let any = false;
  for (const u of list) {
    const g = previous ? u.previous?.grade : u.grade;
    if (!g) continue;
    c[g]++;
    any = true;
  }
  return any ? c : null;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Builds the summary's content for the period of the results, as of the given day (ISO date). */
export function buildQuarterlySummary(
  plan: Plan,
  results: PeriodResults,
  findings: readonly Finding[],
  asOf: string,
): QuarterlySummary {
  const groups: GroupSummary[] = [];
  for (const g of orderGroups(results.ranking.map((r) => r.group))) {
    const ranking = byRank(results.ranking.filter((r) => r.group === g));
    const changed = ranking.filter((r) => r.indexChange !== null && r.indexChange !== 0);
    groups.push({
      group: g,
      ranking,
      meanIndex: mean(ranking.map((r) => r.indexRounded)),
      previousMeanIndex: mean(ranking.flatMap((r) => (r.previous ? [r.previous.indexRounded] : []))),
      counts: countGrades(ranking, false) ?? emptyCounts(),
      previousCounts: countGrades(ranking, true),
      top: ranking.slice(0, TOP_N),
      // Below the leaders only: in a group of four or five a unit would otherwise lead and trail at once.
      bottom: ranking.slice(Math.max(TOP_N, ranking.length - TOP_N)).reverse(),
      rises: changed
        .filter((r) => (r.indexChange ?? 0) > 0)
        .sort((a, b) => (b.indexChange ?? 0) - (a.indexChange ?? 0) || byCode(a, b))
        .slice(0, TOP_N),
      falls: changed
        .filter((r) => (r.indexChange ?? 0) < 0)
        .sort((a, b) => (a.indexChange ?? 0) - (b.indexChange ?? 0) || byCode(a, b))
        .slice(0, TOP_N),
    });
  }
  const all = results.distribution.find((d) => d.group === null);
  const withTarget = results.attainment.filter((a) => a.status !== "noTarget");
  const met = withTarget.filter((a) => a.status === "met").length;
  const biggestChanges = results.ranking
    .filter((r) => r.rankChange !== null && r.rankChange !== 0)
    .sort((a, b) => Math.abs(b.rankChange ?? 0) - Math.abs(a.rankChange ?? 0) || byCode(a, b))
    .slice(0, CHANGES_N);
  const missing = results.attainment.filter((a) => a.status === "noData");
  return {
    province: plan.settings.province,
    period: results.period,
    previousPeriod: results.previousPeriod,
    asOf: asOf.slice(0, 10),
    unitsRanked: results.ranking.length,
    gradeCounts: all?.counts ?? emptyCounts(),
    previousGradeCounts: countGrades(results.ranking, true),
    targetsMetShare: withTarget.length ? met / withTarget.length : null,
    findings: countBySeverity(findings),
    missingFigures: missing.length,
    unitsWithMissing: new Set(missing.map((a) => a.unit)).size,
    indicators: results.province,
    behindTargets: results.province
      .filter((p) => p.status !== "noTarget" && p.attainment !== null && p.attainment < 1)
      .sort((a, b) => (a.attainment ?? 0) - (b.attainment ?? 0)),
    groups,
    distribution: results.distribution,
    biggestChanges,
  };
}
