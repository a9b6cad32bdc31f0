/** Everything computed for one period: attainment, scores, index, ranks, grades, changes and robustness. */
import type { Indicator, Plan, RankingGroup, Unit } from "./model";
import type { GradeDistribution, PeriodResults, UnitReadiness } from "./results";
import { applies, provinceAttainment, unitAttainment } from "./attainment";
import { figuresForPeriod, quartersOf } from "./figureIndex";
import { indicatorScores } from "./scoring";
import { composite } from "./readiness";
import { excelRound } from "./excelMath";
import { competitionRanks, distribution, gradeOf, gradeThresholds } from "./ranking";
import { rankRobustness } from "./robustness";
import { periodFromKey, periodKey, previousPeriod } from "./periods";
import { orderGroups } from "./format";

export interface ComputeOptions {
  /** Run the Monte Carlo rank-robustness analysis (default false: it is the slow part). */
  readonly robustness?: boolean;
  /** Told after each robustness draw (draws done, total), so a caller can show progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

interface Core {
  readonly ranking: UnitReadiness[];
  readonly rows: ReturnType<typeof unitAttainment>;
  readonly scores: Map<string, Map<string, number | null>>;
  readonly units: Unit[];
  readonly applicable: (u: Unit) => Indicator[];
}

/** One period's units, scores and ranking before robustness and change (exported for the robustness test). */
export function computeCore(plan: Plan, period: string): Core {
  const figures = figuresForPeriod(plan, period);
  const rows = unitAttainment(plan, period, figures);
  const scores = indicatorScores(plan, rows);
  const units = plan.units.filter((u) => u.active);
  const byGroup = new Map<RankingGroup, Indicator[]>();
  const applicable = (u: Unit): Indicator[] => {
    let list = byGroup.get(u.group);
    if (!list) {
      list = plan.indicators.filter((i) => applies(i, u));
      byGroup.set(u.group, list);
    }
    return list;
  };
  const thresholds = gradeThresholds(plan);
  const comps = units.map((u) => composite(plan, applicable(u), scores.get(u.code)));
  const rounded = comps.map((c) => excelRound(c.index, plan.settings.indexDecimals));
  const overall = competitionRanks(rounded);
  const inGroup = new Array<number>(units.length);
  for (const g of new Set(units.map((u) => u.group))) {
    const idx = units.map((u, i) => (u.group === g ? i : -1)).filter((i) => i >= 0);
    const r = competitionRanks(idx.map((i) => rounded[i]));
    idx.forEach((i, k) => (inGroup[i] = r[k]));
  }
  const ranking: UnitReadiness[] = units.map((u, i) => ({
    unit: u.code,
    name: u.name,
    group: u.group,
    indicatorScores: comps[i].scores,
    pillarScores: comps[i].pillarScores,
    index: comps[i].index,
    indexRounded: rounded[i],
    rankInGroup: inGroup[i],
    rankOverall: overall[i],
    grade: gradeOf(rounded[i], thresholds),
    missingFigures: comps[i].missing,
    previous: null,
    indexChange: null,
    rankChange: null,
    robustness: null,
  }));
  return { ranking, rows, scores, units, applicable };
}

/** The period before a period key, when the plan has figures for it. */
export function previousWithFigures(plan: Plan, period: string): string | null {
  const p = periodFromKey(period);
  if (!p) return null;
  const prev = periodKey(previousPeriod(p));
  const qs = new Set(quartersOf(prev));
  return plan.periods.some((k) => qs.has(k)) ? prev : null;
}

/** Grade distributions per ranking group present, then over all units. */
export function gradeDistributions(ranking: readonly UnitReadiness[]): GradeDistribution[] {
  const out: GradeDistribution[] = [];
  for (const g of orderGroups(ranking.map((r) => r.group)))
    out.push(
      distribution(
        g,
        ranking.filter((r) => r.group === g).map((r) => r.grade),
      ),
    );
  out.push(
    distribution(
      null,
      ranking.map((r) => r.grade),
    ),
  );
  return out;
}

/** Computes every result for a period key ("2015-Q2" or the year "2014"). */
export function computePeriod(plan: Plan, period: string, options: ComputeOptions = {}): PeriodResults {
  const core = computeCore(plan, period);
  const prevKey = previousWithFigures(plan, period);
  const prev = prevKey ? new Map(computeCore(plan, prevKey).ranking.map((r) => [r.unit, r])) : null;
  const robust = options.robustness
    ? rankRobustness(plan, core.units, core.applicable, core.scores, options.onProgress)
    : null;
  const ranking = core.ranking.map((r): UnitReadiness => {
    const p = prev?.get(r.unit);
    return {
      ...r,
      previous: p
        ? {
            indexRounded: p.indexRounded,
            rankInGroup: p.rankInGroup,
            rankOverall: p.rankOverall,
            grade: p.grade,
          }
        : null,
      indexChange: p ? excelRound(r.indexRounded - p.indexRounded, plan.settings.indexDecimals) : null,
      rankChange: p ? p.rankInGroup - r.rankInGroup : null,
      robustness: robust?.get(r.unit) ?? null,
    };
  });
  return {
    period,
    previousPeriod: prevKey,
    attainment: core.rows,
    province: provinceAttainment(plan, period, core.rows),
    ranking,
    distribution: gradeDistributions(ranking),
  };
}
