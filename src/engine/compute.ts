/** Everything computed for one period: attainment, scores, index, ranks, grades, changes and robustness. */
import type { Indicator, Plan, Unit } from "./model";
import type { GradeDistribution, PeriodResults, UnitReadiness } from "./results";
import { attainmentFacts, provinceAttainment, unitAttainment, type AttainmentFacts } from "./attainment";
import { factLayout } from "./factLayout";
import { figuresForPeriod, quartersOf } from "./figureIndex";
import { factScores, indicatorScores } from "./scoring";
import { compositeAt, compositeIndex } from "./readiness";
import { excelRound } from "./excelMath";
import { competitionRanks, distribution, gradeOf, gradeThresholds } from "./ranking";
import { drawRanks, intervalAt, robustnessTaskAt, type RobustnessTask } from "./robustness";
import { periodFromKey, periodKey, previousPeriod } from "./periods";
import { orderGroups } from "./format";

export interface ComputeOptions {
  /** Run the Monte Carlo rank-robustness analysis (default false: it is the slow part). */
  readonly robustness?: boolean;
  /** Told after each robustness draw (draws done, total), so a caller can show progress. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * With robustness: draw elsewhere (a worker thread). Handed the task as soon as the scores are known; the results'
   * intervals stay null until withIntervals attaches drawRanks' answer.
   */
  readonly drawElsewhere?: (task: RobustnessTask) => void;
}

interface Core {
  readonly ranking: UnitReadiness[];
  readonly rows: ReturnType<typeof unitAttainment>;
  /** The period's attainment as flat arrays, rows' source. */
  readonly facts: AttainmentFacts;
  /** Scores by unit and indicator code (made when first read: the computation itself reads them by position). */
  readonly scores: Map<string, Map<string, number | null>>;
  /** Each fact's score in the order of the plan's factLayout (NaN: missing). */
  readonly factScores: Float64Array;
  readonly units: readonly Unit[];
  readonly applicable: (u: Unit) => readonly Indicator[];
}

/** Rounded indices, ranks overall and in group, and grades of units from their unrounded indices. */
function standings(plan: Plan, units: readonly Unit[], indices: readonly number[]) {
  const thresholds = gradeThresholds(plan);
  const rounded = indices.map((x) => excelRound(x, plan.settings.indexDecimals));
  const overall = competitionRanks(rounded);
  const inGroup = new Array<number>(units.length);
  for (const g of new Set(units.map((u) => u.group))) {
    const idx = units.map((u, i) => (u.group === g ? i : -1)).filter((i) => i >= 0);
    const r = competitionRanks(idx.map((i) => rounded[i]));
    idx.forEach((i, k) => (inGroup[i] = r[k]));
  }
  return { rounded, overall, inGroup, grades: rounded.map((x) => gradeOf(x, thresholds)) };
}

/** One period's units, scores and ranking before robustness and change (exported for the robustness test). */
export function computeCore(plan: Plan, period: string): Core {
  const figures = figuresForPeriod(plan, period);
  const facts = attainmentFacts(plan, period, figures);
  const rows = unitAttainment(plan, period, figures, facts);
  const scores = factScores(plan, facts);
  const { units, lists, start, applicable } = factLayout(plan);
  const comps = units.map((_, a) => compositeAt(plan, lists[a], scores, start[a]));
  const st = standings(
    plan,
    units,
    comps.map((c) => c.index),
  );
  const ranking: UnitReadiness[] = units.map((u, i) => ({
    unit: u.code,
    name: u.name,
    group: u.group,
    indicatorScores: comps[i].scores,
    pillarScores: comps[i].pillarScores,
    index: comps[i].index,
    indexRounded: st.rounded[i],
    rankInGroup: st.inGroup[i],
    rankOverall: st.overall[i],
    grade: st.grades[i],
    missingFigures: comps[i].missing,
    previous: null,
    indexChange: null,
    rankChange: null,
    robustness: null,
  }));
  let byCode: Map<string, Map<string, number | null>> | null = null;
  return {
    ranking,
    rows,
    facts,
    get scores() {
      return (byCode ??= indicatorScores(plan, facts, scores));
    },
    factScores: scores,
    units,
    applicable,
  };
}

/**
 * What a later period shows of this one (rounded index, ranks, grade) per unit code: the same figures as
 * computeCore's ranking, without its attainment rows, score maps and per-unit records.
 */
function previousStandings(plan: Plan, period: string): Map<string, NonNullable<UnitReadiness["previous"]>> {
  const scores = factScores(plan, attainmentFacts(plan, period));
  const { units, lists, start } = factLayout(plan);
  const indices = units.map((_, a) => compositeIndex(plan, lists[a], scores, start[a]));
  const st = standings(plan, units, indices);
  return new Map(
    units.map((u, i) => [
      u.code,
      {
        indexRounded: st.rounded[i],
        rankInGroup: st.inGroup[i],
        rankOverall: st.overall[i],
        grade: st.grades[i],
      },
    ]),
  );
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
  const task = options.robustness ? robustnessTaskAt(plan, factLayout(plan), core.factScores) : null;
  if (task && options.drawElsewhere) options.drawElsewhere(task);
  const drawn = task && !options.drawElsewhere ? drawRanks(task, options.onProgress) : null;
  const prevKey = previousWithFigures(plan, period);
  const prev = prevKey ? previousStandings(plan, prevKey) : null;
  const ranking = core.ranking.map((r, i): UnitReadiness => {
    const p = prev?.get(r.unit);
    return {
      ...r,
      previous: p ?? null,
      indexChange: p ? excelRound(r.indexRounded - p.indexRounded, plan.settings.indexDecimals) : null,
      rankChange: p ? p.rankInGroup - r.rankInGroup : null,
      robustness: drawn && intervalAt(drawn, i),
    };
  });
  return {
    period,
    previousPeriod: prevKey,
    attainment: core.rows,
    province: provinceAttainment(plan, period, core.facts),
    ranking,
    distribution: gradeDistributions(ranking),
  };
}

/** Results computed with drawElsewhere, with the intervals drawn there (drawRanks' answer to the task handed over). */
export function withIntervals<R extends Pick<PeriodResults, "ranking">>(results: R, drawn: Int32Array): R {
  return { ...results, ranking: results.ranking.map((r, i) => ({ ...r, robustness: intervalAt(drawn, i) })) };
}
