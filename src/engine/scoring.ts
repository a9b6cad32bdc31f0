/** Indicator scores in [0, 1]: distance to target, min–max, z-score or percentile rank within the ranking group. */
import type { Plan, RankingGroup } from "./model";
import type { UnitAttainment } from "./results";
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

/** Scores of every unit for every applicable indicator; null = missing (policy decides 0 or excluded). */
export function indicatorScores(
  plan: Plan,
  rows: readonly UnitAttainment[],
): Map<string, Map<string, number | null>> {
  const { normalisation, attainmentCap: cap } = plan.settings;
  const unitGroup = new Map(plan.units.map((u) => [u.code, u.group]));
  const lowerIsBetter = new Map(plan.indicators.map((i) => [i.code, i.direction === "lower"]));
  // Group statistics only where some row needs them (no target, or a relative normalisation).
  const collect = new Map<RankingGroup, Map<string, number[]>>();
  for (const r of rows) {
    if (r.actual === null || (normalisation === "target" && r.status !== "noTarget")) continue;
    const g = unitGroup.get(r.unit) as RankingGroup;
    let byInd = collect.get(g);
    if (!byInd) collect.set(g, (byInd = new Map()));
    const list = byInd.get(r.indicator);
    if (list) list.push(r.actual);
    else byInd.set(r.indicator, [r.actual]);
  }
  const stats = new Map<RankingGroup, Map<string, GroupStats>>();
  for (const [g, byInd] of collect)
    stats.set(g, new Map([...byInd].map(([i, list]) => [i, groupStats(list)])));
  const out = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    let score: number | null = null;
    if (r.actual !== null) {
      if (normalisation === "target" && r.status !== "noTarget") score = (r.capped ?? 0) / cap;
      else {
        const lower = lowerIsBetter.get(r.indicator) === true;
        const s = stats.get(unitGroup.get(r.unit) as RankingGroup)?.get(r.indicator) as GroupStats;
        if (normalisation === "zscore") score = zScore(r.actual, s, lower);
        else if (normalisation === "percentile") score = percentileScore(r.actual, s, lower);
        else score = minMaxScore(r.actual, s, lower);
      }
    }
    let m = out.get(r.unit);
    if (!m) out.set(r.unit, (m = new Map()));
    m.set(r.indicator, score);
  }
  return out;
}
