/** Indicator scores in [0, 1]: distance to target, min–max, z-score or percentile rank within the ranking group. */
import type { Plan, RankingGroup } from "./model";
import { NO_TARGET, type AttainmentFacts } from "./attainment";
import { normalCdf } from "./excelMath";

/** Group statistics of one indicator's actual figures (active units with a figure). */
export interface GroupStats {
  readonly values: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation (Excel's STDEV.P). */
  readonly sd: number;
}

/** Statistics of a list of numbers. */
export function groupStats(values: readonly number[]): GroupStats {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const mean = n ? sum / n : 0;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { values, min, max, mean, sd: n ? Math.sqrt(ss / n) : 0 };
}

/** Min–max score, direction-aware; 1 when every value is equal. */
export function minMaxScore(x: number, s: GroupStats, lowerIsBetter: boolean): number {
  if (s.max === s.min) return 1;
  return lowerIsBetter ? (s.max - x) / (s.max - s.min) : (x - s.min) / (s.max - s.min);
}

/** Φ of the z-score within the group (population SD); 0.5 when the SD is 0. */
export function zScore(x: number, s: GroupStats, lowerIsBetter: boolean): number {
  if (s.sd === 0) return 0.5;
  const z = (x - s.mean) / s.sd;
  return normalCdf(lowerIsBetter ? -z : z);
}

/** Share of the other values that x beats: below / (below + above), reversed for lower-is-better; 1 when none differ. */
export function percentileScore(x: number, s: GroupStats, lowerIsBetter: boolean): number {
  let below = 0;
  let above = 0;
  for (const v of s.values) {
    if (v < x) below++;
    else if (v > x) above++;
  }
  if (below + above === 0) return 1;
  return (lowerIsBetter ? above : below) / (below + above);
}

/**
 * The score of each attainment fact (NaN = missing: the policy decides 0 or excluded). Group statistics are
 * collected only where some fact needs them (no target, or a relative normalisation), in the facts' order.
 */
export function factScores(plan: Plan, facts: AttainmentFacts): Float64Array {
  const { normalisation, attainmentCap: cap } = plan.settings;
  const { count, unit, indicator, actual, capped, status } = facts;
  // Groups and indicators by number; keyed by code as the plan's maps are (codes are unique in a parsed plan).
  const unitGroup = new Map(plan.units.map((u) => [u.code, u.group]));
  const groupNo = new Map<RankingGroup, number>();
  const groupOf = Int32Array.from(plan.units, (u) => {
    const g = unitGroup.get(u.code) as RankingGroup;
    let n = groupNo.get(g);
    if (n === undefined) groupNo.set(g, (n = groupNo.size));
    return n;
  });
  const indNo = new Map(plan.indicators.map((i, k) => [i.code, k]));
  const sameInd = Int32Array.from(plan.indicators, (i) => indNo.get(i.code) as number);
  const lowerByCode = new Map(plan.indicators.map((i) => [i.code, i.direction === "lower"]));
  const lower = plan.indicators.map((i) => lowerByCode.get(i.code) === true);
  const nInd = plan.indicators.length;
  const byTargetAll = normalisation === "target";
  // The actual figures of each group × indicator that some fact scores against, in the facts' order.
  const lists: (number[] | undefined)[] = new Array<number[] | undefined>(groupNo.size * nInd);
  for (let f = 0; f < count; f++) {
    const x = actual[f];
    if (Number.isNaN(x) || (byTargetAll && status[f] !== NO_TARGET)) continue;
    const key = groupOf[unit[f]] * nInd + sameInd[indicator[f]];
    const list = lists[key];
    if (list) list.push(x);
    else lists[key] = [x];
  }
  const stats = lists.map((list) => (list ? groupStats(list) : undefined));
  const out = new Float64Array(count);
  for (let f = 0; f < count; f++) {
    const x = actual[f];
    if (Number.isNaN(x)) out[f] = NaN;
    else if (byTargetAll && status[f] !== NO_TARGET) out[f] = (Number.isNaN(capped[f]) ? 0 : capped[f]) / cap;
    else {
      const k = sameInd[indicator[f]];
      const s = stats[groupOf[unit[f]] * nInd + k] as GroupStats;
      const low = lower[indicator[f]];
      if (normalisation === "zscore") out[f] = zScore(x, s, low);
      else if (normalisation === "percentile") out[f] = percentileScore(x, s, low);
      else out[f] = minMaxScore(x, s, low);
    }
  }
  return out;
}

/** Scores of every unit for every applicable indicator by unit and indicator code; null = missing. */
export function indicatorScores(
  plan: Plan,
  facts: AttainmentFacts,
  scores = factScores(plan, facts),
): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (let f = 0; f < facts.count; f++) {
    const code = plan.units[facts.unit[f]].code;
    let m = out.get(code);
    if (!m) out.set(code, (m = new Map()));
    const s = scores[f];
    m.set(plan.indicators[facts.indicator[f]].code, Number.isNaN(s) ? null : s);
  }
  return out;
}
