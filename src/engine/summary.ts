/** The quarterly summary's content as data: key figures, tables, top and bottom units, changes, validation status. */
import type { Finding, Plan, RankingGroup, Severity } from "./model";
import type { Grade, GradeDistribution, PeriodResults, ProvinceAttainment, UnitReadiness } from "./results";
import { RANKING_GROUPS } from "./format";
import { countBySeverity } from "./findings";

export interface GroupSummary {
  readonly group: RankingGroup;
  /** Units of the group by rank (ties by code). */
  readonly ranking: readonly UnitReadiness[];
  readonly meanIndex: number | null;
  readonly top: readonly UnitReadiness[];
  readonly bottom: readonly UnitReadiness[];
}

export interface QuarterlySummary {
  readonly province: string;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly unitsRanked: number;
  readonly gradeCounts: Readonly<Record<Grade, number>>;
  /** Share of unit × indicator attainments that meet their target, among those with a target. */
  readonly targetsMetShare: number | null;
  readonly findings: Readonly<Record<Severity, number>>;
  readonly indicators: readonly ProvinceAttainment[];
  readonly groups: readonly GroupSummary[];
  readonly distribution: readonly GradeDistribution[];
  /** Units whose rank in their group moved the most since the previous period (largest first). */
  readonly biggestChanges: readonly UnitReadiness[];
}

const TOP_N = 3;
const CHANGES_N = 5;

/** Units of a ranking in rank order, ties by code. */
export function byRank(list: readonly UnitReadiness[]): UnitReadiness[] {
  return [...list].sort(
    (a, b) => a.rankInGroup - b.rankInGroup || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
  );
}

/** Builds the summary's content for the period of the results. */
export function buildQuarterlySummary(
  plan: Plan,
  results: PeriodResults,
  findings: readonly Finding[],
): QuarterlySummary {
  const groups: GroupSummary[] = [];
  for (const g of RANKING_GROUPS) {
    const ranking = byRank(results.ranking.filter((r) => r.group === g.key));
    if (!ranking.length) continue;
    const mean = ranking.reduce((s, r) => s + r.indexRounded, 0) / ranking.length;
    groups.push({
      group: g.key as RankingGroup,
      ranking,
      meanIndex: mean,
      top: ranking.slice(0, TOP_N),
      bottom: ranking.slice(-TOP_N).reverse(),
    });
  }
  const all = results.distribution.find((d) => d.group === "all");
  const withTarget = results.attainment.filter((a) => a.status !== "noTarget");
  const met = withTarget.filter((a) => a.status === "met").length;
  const biggestChanges = results.ranking
    .filter((r) => r.rankChange !== null && r.rankChange !== 0)
    .sort((a, b) => Math.abs(b.rankChange ?? 0) - Math.abs(a.rankChange ?? 0) || (a.unit < b.unit ? -1 : 1))
    .slice(0, CHANGES_N);
  return {
    province: plan.settings.province,
    period: results.period,
    previousPeriod: results.previousPeriod,
    unitsRanked: results.ranking.length,
    gradeCounts: all?.counts ?? { good: 0, fair: 0, average: 0, weak: 0 },
    targetsMetShare: withTarget.length ? met / withTarget.length : null,
    findings: countBySeverity(findings),
    indicators: results.province,
    groups,
    distribution: results.distribution,
    biggestChanges,
  };
}
