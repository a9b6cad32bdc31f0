/** Pillar scores and the composite readiness index from indicator scores and weights. */
import type { Indicator, Plan, PlanShape } from "./model";

/** Pillar scores and index of one unit. */
export interface Composite {
  readonly pillarScores: Record<string, number | null>;
  /** On the index scale, unrounded. */
  readonly index: number;
  /** Indicator scores after the missing-value policy (0 or excluded = null). */
  readonly scores: Record<string, number | null>;
  readonly missing: number;
}

interface PillarIndex {
  readonly names: readonly string[];
  readonly of: ReadonlyMap<string, number>;
}

const pillarIndexes = new WeakMap<readonly Indicator[], PillarIndex>();

/** The pillars and their numbers, worked out once per list of indicators (composite runs once per unit). */
function pillarIndex(plan: PlanShape): PillarIndex {
  let hit = pillarIndexes.get(plan.indicators);
  if (!hit) {
    const names = [...new Set(plan.indicators.map((i) => i.pillar))];
    hit = { names, of: new Map(names.map((p, k) => [p, k])) };
    pillarIndexes.set(plan.indicators, hit);
  }
  return hit;
}

/**
 * The most pillars a plan may have: the index formula on Xếp hạng names each pillar's score and weight (about 180
 * characters a pillar at a million rows, geometric mean), and Excel takes at most 8,192 characters per formula.
 */
export const MAX_PILLARS = 40;

/** The pillars in the order the indicators first name them. */
export function pillarsOf(plan: PlanShape): string[] {
  return [...pillarIndex(plan).names];
}

/**
 * Weighted pillar means of the scored indicators (null: missing, left out) and their weighted arithmetic or
 * geometric mean on the index scale; each pillar's score is written to `pillarScores` when given.
 */
function aggregate(
  plan: Plan,
  indicators: readonly Indicator[],
  scoreOf: (ind: Indicator, k: number) => number | null,
  weights: ReadonlyMap<string, number> | null,
  pillarScores: Record<string, number | null> | null,
): number {
  const { names, of } = pillarIndex(plan);
  const sumW = new Float64Array(names.length);
  const sumWs = new Float64Array(names.length);
  for (let k = 0; k < indicators.length; k++) {
    const ind = indicators[k];
    const s = scoreOf(ind, k);
    const p = of.get(ind.pillar);
    if (s === null || p === undefined) continue;
    const w = weights?.get(ind.code) ?? ind.weight;
    sumW[p] += w;
    sumWs[p] += w * s;
  }
  return pillarsToIndex(plan, names, sumW, sumWs, pillarScores);
}

/** The index from each pillar's weight sum and weighted score sum; each pillar's score written when asked. */
function pillarsToIndex(
  plan: Plan,
  names: readonly string[],
  sumW: Float64Array,
  sumWs: Float64Array,
  pillarScores: Record<string, number | null> | null,
): number {
  const { aggregation, indexScale } = plan.settings;
  let totalW = 0;
  let arith = 0;
  let logSum = 0;
  let zero = false;
  for (let p = 0; p < names.length; p++) {
    // A pillar without a scored indicator has weight 0 here: null, as one whose weights sum to 0.
    if (sumW[p] <= 0) {
      if (pillarScores) pillarScores[names[p]] = null;
      continue;
    }
    const ps = sumWs[p] / sumW[p];
    if (pillarScores) pillarScores[names[p]] = ps;
    totalW += sumW[p];
    arith += sumW[p] * ps;
    if (ps <= 0) zero = true;
    else logSum += sumW[p] * Math.log(ps);
  }
  let index = 0;
  if (totalW > 0)
    index = aggregation === "geometric" ? (zero ? 0 : Math.exp(logSum / totalW)) : arith / totalW;
  return index * indexScale;
}

/** Composite of the scores `rawOf` gives (null: missing, the policy decides 0 or excluded). */
function compose(
  plan: Plan,
  indicators: readonly Indicator[],
  rawOf: (ind: Indicator, k: number) => number | null,
  weights: ReadonlyMap<string, number> | null,
): Composite {
  const zeroMissing = plan.settings.missingPolicy === "zero";
  const scores: Record<string, number | null> = {};
  const pillarScores: Record<string, number | null> = {};
  let missing = 0;
  const scoreOf = (ind: Indicator, k: number): number | null => {
    let s = rawOf(ind, k);
    if (s === null) {
      missing++;
      if (zeroMissing) s = 0;
    }
    scores[ind.code] = s;
    return s;
  };
  const index = aggregate(plan, indicators, scoreOf, weights, pillarScores);
  return { pillarScores, index, scores, missing };
}

/** Pillar scores (weighted means) and the index (weighted arithmetic or geometric mean of pillars × scale). */
export function composite(
  plan: Plan,
  indicators: readonly Indicator[],
  raw: ReadonlyMap<string, number | null> | undefined,
  weights: ReadonlyMap<string, number> | null = null,
): Composite {
  return compose(plan, indicators, (ind) => raw?.get(ind.code) ?? null, weights);
}

/** Per list of indicators, worked out once: each one's pillar number (-1: none), code and weight, and the record shape. */
interface ListShape {
  readonly pillar: Int32Array;
  readonly codes: readonly string[];
  readonly weights: Float64Array;
  /** The scores record with every code in the list's order (null), copied for each unit and then filled in. */
  readonly blank: Readonly<Record<string, number | null>>;
}

const listShapes = new WeakMap<readonly Indicator[], ListShape>();

function listShape(plan: Plan, indicators: readonly Indicator[]): ListShape {
  let hit = listShapes.get(indicators);
  if (!hit) {
    const { of } = pillarIndex(plan);
    const fields: Record<string, number | null> = {};
    for (const i of indicators) fields[i.code] = null;
    // Made by JSON.parse, the shape has fast properties, and so have its copies: an object given its 50 codes one
    // store at a time becomes a dictionary (slower to fill, more memory). Its keys are those of `fields`, made by the
    // same stores as the records (a "__proto__" store sets the prototype, here and there alike).
    const blank = JSON.parse(JSON.stringify(fields)) as Record<string, number | null>;
    hit = {
      pillar: Int32Array.from(indicators, (i) => of.get(i.pillar) ?? -1),
      codes: indicators.map((i) => i.code),
      weights: Float64Array.from(indicators, (i) => i.weight),
      blank,
    };
    listShapes.set(indicators, hit);
  }
  return hit;
}

/** Pillar sums reused from one unit to the next (zeroed for each): two typed arrays per unit cost more than the sums. */
const sums = { sumW: new Float64Array(8), sumWs: new Float64Array(8) };

function pillarSums(pillars: number): { readonly sumW: Float64Array; readonly sumWs: Float64Array } {
  if (sums.sumW.length < pillars) {
    sums.sumW = new Float64Array(pillars);
    sums.sumWs = new Float64Array(pillars);
  } else {
    sums.sumW.fill(0, 0, pillars);
    sums.sumWs.fill(0, 0, pillars);
  }
  return sums;
}

/**
 * Adds the scores at scores[from + k] (NaN: missing, 0 under the zero policy) to their pillars' weight and weighted
 * score sums, storing each in `out` by code when given; returns how many were missing.
 */
function addScores(
  shape: ListShape,
  scores: Float64Array,
  from: number,
  zeroMissing: boolean,
  sumW: Float64Array,
  sumWs: Float64Array,
  out: Record<string, number | null> | null,
): number {
  const { pillar, codes, weights } = shape;
  let missing = 0;
  for (let k = 0; k < codes.length; k++) {
    let s = scores[from + k];
    if (Number.isNaN(s)) {
      missing++;
      if (!zeroMissing) {
        if (out) out[codes[k]] = null;
        continue;
      }
      s = 0;
    }
    if (out) out[codes[k]] = s;
    const p = pillar[k];
    if (p < 0) continue;
    const w = weights[k];
    sumW[p] += w;
    sumWs[p] += w * s;
  }
  return missing;
}

/**
 * composite() of the scores of `indicators` at scores[from + k] (NaN: missing): the same additions in the same
 * order, read by position from typed arrays (it runs once per unit, so nothing is looked up by name).
 */
export function compositeAt(
  plan: Plan,
  indicators: readonly Indicator[],
  scores: Float64Array,
  from: number,
): Composite {
  const zeroMissing = plan.settings.missingPolicy === "zero";
  const { names } = pillarIndex(plan);
  const shape = listShape(plan, indicators);
  const { sumW, sumWs } = pillarSums(names.length);
  // A copy of the filled-in shape, then stores to properties it has (no new property per store).
  const out: Record<string, number | null> = { ...shape.blank };
  const missing = addScores(shape, scores, from, zeroMissing, sumW, sumWs, out);
  const pillarScores: Record<string, number | null> = {};
  const index = pillarsToIndex(plan, names, sumW, sumWs, pillarScores);
  return { pillarScores, index, scores: out, missing };
}

/** The index alone, from the scores of `indicators` at scores[from + k] (NaN: missing, as the policy says). */
export function compositeIndex(
  plan: Plan,
  indicators: readonly Indicator[],
  scores: Float64Array,
  from: number,
): number {
  const zeroMissing = plan.settings.missingPolicy === "zero";
  const { names } = pillarIndex(plan);
  const { sumW, sumWs } = pillarSums(names.length);
  addScores(listShape(plan, indicators), scores, from, zeroMissing, sumW, sumWs, null);
  return pillarsToIndex(plan, names, sumW, sumWs, null);
}
