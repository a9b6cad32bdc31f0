/** Pillar scores and the composite readiness index from indicator scores and weights. */
import type { Indicator, Plan } from "./model";

/** Pillar scores and index of one unit. */
export interface Composite {
  readonly pillarScores: Record<string, number | null>;
  /** On the index scale, unrounded. */
  readonly index: number;
  /** Indicator scores after the missing-value policy (0 or excluded = null). */
  readonly scores: Record<string, number | null>;
  readonly missing: number;
}

/** The pillars in the order the indicators first name them. */
export function pillarsOf(plan: Plan): string[] {
  return [...new Set(plan.indicators.map((i) => i.pillar))];
}

/** Pillar scores (weighted means) and the index (weighted arithmetic or geometric mean of pillars × scale). */
export function composite(
  plan: Plan,
  indicators: readonly Indicator[],
  raw: ReadonlyMap<string, number | null> | undefined,
  weights: ReadonlyMap<string, number> | null = null,
): Composite {
  const { missingPolicy, aggregation, indexScale } = plan.settings;
  const scores: Record<string, number | null> = {};
  const sums = new Map<string, { w: number; ws: number }>();
  let missing = 0;
  for (const ind of indicators) {
    let s = raw?.get(ind.code) ?? null;
    if (s === null) {
      missing++;
      if (missingPolicy === "zero") s = 0;
    }
    scores[ind.code] = s;
    if (s === null) continue;
    const w = weights?.get(ind.code) ?? ind.weight;
    const acc = sums.get(ind.pillar) ?? { w: 0, ws: 0 };
    acc.w += w;
    acc.ws += w * s;
    sums.set(ind.pillar, acc);
  }
  const pillarScores: Record<string, number | null> = {};
  let totalW = 0;
  let arith = 0;
  let logSum = 0;
  let zero = false;
  for (const p of pillarsOf(plan)) {
    const acc = sums.get(p);
    if (!acc || acc.w <= 0) {
      pillarScores[p] = null;
      continue;
    }
    const ps = acc.ws / acc.w;
    pillarScores[p] = ps;
    totalW += acc.w;
    arith += acc.w * ps;
    if (ps <= 0) zero = true;
    else logSum += acc.w * Math.log(ps);
  }
  let index = 0;
  if (totalW > 0)
    index = aggregation === "geometric" ? (zero ? 0 : Math.exp(logSum / totalW)) : arith / totalW;
  return { pillarScores, index: index * indexScale, scores, missing };
}
