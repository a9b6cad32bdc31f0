/** Rank robustness: Monte Carlo perturbation of the weights gives each unit a median rank and a 5–95% interval. */
import type { Indicator, Plan, Unit } from "./model";
import type { RankInterval } from "./results";
import { pillarsOf } from "./readiness";
import { excelRound } from "./excelMath";
import { mulberry32 } from "./random";
import type { FactLayout } from "./factLayout";

/** Nearest-rank percentile of sorted values: the value at position ceil(p·n). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const k = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[k - 1];
}

/**
 * The index rounded to `digits` as an integer count of its last decimal (equal exactly when the rounded indices
 * are equal). Away from a half it is plain arithmetic; at a half, Excel's ROUND (excelRound) decides.
 */
function roundedKey(x: number, scale: number, digits: number): number {
  const y = Math.abs(x) * scale;
  const f = y - Math.floor(y);
  if (Math.abs(f - 0.5) > 1e-7) return Math.sign(x) * Math.floor(y + 0.5);
  return Math.round(excelRound(x, digits) * scale);
}

/**
 * One ranking group as flat typed arrays. Units scored on the same indicators share a signature: those
 * indicators ordered pillar by pillar (each pillar keeping the unit's order of additions), whose weights and pillar
 * weight sums are worked out once per draw for all its units.
 */
export interface GroupArrays {
  /** Each member's position in the units ranked. */
  readonly members: Int32Array;
  /** Indicator numbers of every signature, one after the other. */
  readonly sigInd: Int32Array;
  /** Where each signature's run in sigInd starts. */
  readonly sigStart: Int32Array;
  /** Where each signature's run of each pillar ends in sigInd (signature × pillars + pillar). */
  readonly sigPillarEnd: Int32Array;
  /** Each member's signature. */
  readonly unitSig: Int32Array;
  /** Each member's scores sit at scores[unitBase + t] for t in its signature's run. */
  readonly unitBase: Int32Array;
  readonly scores: Float64Array;
}

/**
 * Everything the draws read, as numbers and typed arrays only: it can be posted to a worker thread (structured clone)
 * and drawn there with the same figures.
 */
export interface RobustnessTask {
  readonly draws: number;
  readonly spread: number;
  readonly seed: number;
  readonly indexDecimals: number;
  readonly indexScale: number;
  readonly geometric: boolean;
  /** Number of pillars. */
  readonly pillars: number;
  /** How many units are ranked (the length of drawRanks' answer is three times this). */
  readonly units: number;
  /** The plan's indicator weights, in the plan's order. */
  readonly weights: Float64Array;
  /** The ranking groups in the order of their first unit. */
  readonly groups: readonly GroupArrays[];
}

/**
 * Sorts distinct numbers in place: insertion sort, which is linear on a nearly sorted array, falling back to the
 * native sort once it has moved more than a sort's worth of elements. The result is the same either way.
 */
export function sortNearlySorted(a: Float64Array): Float64Array {
  const n = a.length;
  let budget = 8 * n + 64;
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
    budget -= i - 1 - j;
    if (budget < 0) return a.sort();
  }
  return a;
}

/** A unit's scored indicators (numbers in the plan), their pillars' numbers and their scores, in the same order. */
export interface Scored {
  readonly ind: ArrayLike<number>;
  readonly pillar: ArrayLike<number>;
  readonly score: ArrayLike<number>;
}

/** Flattens a group's scored indicators into signatures and score arrays. */
function groupArrays(
  members: readonly Unit[],
  positions: readonly number[],
  scoredOf: (u: Unit, m: number) => Scored,
  pillarCount: number,
): GroupArrays {
  const sigNo = new Map<string, number>();
  const sigInd: number[] = [];
  const sigStart: number[] = [];
  const sigPillarEnd: number[] = [];
  const unitSig = new Int32Array(members.length);
  const unitBase = new Int32Array(members.length);
  const scored = members.map(scoredOf);
  let total = 0;
  for (const x of scored) total += x.score.length;
  const scores = new Float64Array(total);
  let filled = 0;
  // Pillar order and key per list of scored indicators; units scored on all their indicators share one list.
  const arranged = new Map<ArrayLike<number>, { order: number[]; ends: number[]; key: string }>();
  scored.forEach(({ ind, pillar, score }, m) => {
    let a = arranged.get(ind);
    if (!a) {
      const order: number[] = [];
      const ends: number[] = [];
      for (let p = 0; p < pillarCount; p++) {
        for (let t = 0; t < ind.length; t++) if (pillar[t] === p) order.push(t);
        ends.push(order.length);
      }
      a = { order, ends, key: order.map((t) => ind[t]).join(",") };
      arranged.set(ind, a);
    }
    const { order, ends, key } = a;
    let sig = sigNo.get(key);
    if (sig === undefined) {
      sig = sigNo.size;
      sigNo.set(key, sig);
      sigStart.push(sigInd.length);
      for (const e of ends) sigPillarEnd.push(sigInd.length + e);
      for (const t of order) sigInd.push(ind[t]);
    }
    unitSig[m] = sig;
    unitBase[m] = filled - sigStart[sig];
    for (let j = 0; j < order.length; j++) scores[filled++] = score[order[j]];
  });
  sigStart.push(sigInd.length);
  return {
    members: Int32Array.from(positions),
    sigInd: Int32Array.from(sigInd),
    sigStart: Int32Array.from(sigStart),
    sigPillarEnd: Int32Array.from(sigPillarEnd),
    unitSig,
    unitBase,
    scores,
  };
}

/** The task from each unit's scored indicators (scoredOf: the unit and its position in `units`). */
export function assembledTask(
  plan: Plan,
  units: readonly Unit[],
  scoredOf: (u: Unit, i: number) => Scored,
): RobustnessTask {
  const {
    robustnessDraws: draws,
    robustnessSpread: spread,
    robustnessSeed: seed,
    indexDecimals,
    aggregation,
    indexScale,
  } = plan.settings;
  const P = pillarsOf(plan).length;
  const byGroup = new Map<string, { members: Unit[]; positions: number[] }>();
  units.forEach((u, i) => {
    const g = byGroup.get(u.group);
    if (g) {
      g.members.push(u);
      g.positions.push(i);
    } else byGroup.set(u.group, { members: [u], positions: [i] });
  });
  return {
    draws,
    spread,
    seed,
    indexDecimals,
    indexScale,
    geometric: aggregation === "geometric",
    pillars: P,
    units: units.length,
    weights: Float64Array.from(plan.indicators, (i) => i.weight),
    groups: [...byGroup.values()].map((g) =>
      groupArrays(g.members, g.positions, (u, m) => scoredOf(u, g.positions[m]), P),
    ),
  };
}

/**
 * What the draws (drawRanks) read: the plan's active units (its factLayout) with their scores read by position from
 * the facts' scores (NaN: missing); a unit scored on every applicable indicator shares its group's numbers and reads
 * its scores in place, without a call per score.
 */
export function robustnessTaskAt(plan: Plan, layout: FactLayout, scores: Float64Array): RobustnessTask {
  const zero = plan.settings.missingPolicy === "zero";
  const indNo = new Map(plan.indicators.map((ind, k) => [ind.code, k]));
  const pillarNo = new Map(pillarsOf(plan).map((p, k) => [p, k]));
  const numbered = new Map<readonly Indicator[], { ind: Int32Array; pillar: Int32Array }>();
  return assembledTask(plan, layout.units, (_, a) => {
    const list = layout.lists[a];
    let nums = numbered.get(list);
    if (!nums) {
      nums = {
        ind: Int32Array.from(list, (i) => indNo.get(i.code) as number),
        pillar: Int32Array.from(list, (i) => pillarNo.get(i.pillar) as number),
      };
      numbered.set(list, nums);
    }
    const from = layout.start[a];
    const to = from + list.length;
    let missing = from;
    while (missing < to && !Number.isNaN(scores[missing])) missing++;
    if (missing === to) return { ind: nums.ind, pillar: nums.pillar, score: scores.subarray(from, to) };
    if (zero) {
      const score = scores.slice(from, to);
      for (let k = missing - from; k < score.length; k++) if (Number.isNaN(score[k])) score[k] = 0;
      return { ind: nums.ind, pillar: nums.pillar, score };
    }
    const ind: number[] = [];
    const pillar: number[] = [];
    const score: number[] = [];
    for (let k = 0; k < list.length; k++) {
      const s = scores[from + k];
      if (Number.isNaN(s)) continue;
      ind.push(nums.ind[k]);
      pillar.push(nums.pillar[k]);
      score.push(s);
    }
    return { ind, pillar, score };
  });
}

/**
 * Runs a task's draws: each unit's median rank, 5th and 95th percentile rank within its group under
 * draws × (weight · U(1−spread, 1+spread)), as [median, p5, p95] at 3 × the unit's position; empty without draws.
 * The same figures as composite() + ROUND + competition ranks per draw (same order of additions, same random
 * numbers), computed over typed arrays: one weight vector per draw, pillar weights once per signature, each group
 * sorted once per draw.
 */
export function drawRanks(task: RobustnessTask, onDraw?: (done: number, total: number) => void): Int32Array {
  const { draws, spread, indexDecimals, indexScale, geometric, pillars: P, groups } = task;
  if (draws <= 0) return new Int32Array(0);
  const rand = mulberry32(task.seed);
  const nInd = task.weights.length;
  const baseWeights = task.weights;
  const weights = new Float64Array(nInd);
  const scale = 10 ** indexDecimals;
  const largest = Math.max(0, ...groups.map((g) => g.members.length));
  const longest = Math.max(0, ...groups.map((g) => g.sigInd.length));
  const mostPillarRuns = Math.max(0, ...groups.map((g) => g.sigPillarEnd.length));
  // Each member's rank in each draw, draw after draw: ranks[k][draw × size + member]; 2 bytes a rank where they fit
  // (the largest array of a run: draws × units).
  const ranks = groups.map((g) =>
    g.members.length < 2 ** 16
      ? new Uint16Array(draws * g.members.length)
      : new Int32Array(draws * g.members.length),
  );
  // Each group's members in the last draw's ascending order (packed with their keys while sorting).
  const orders = groups.map((g) => Float64Array.from(g.members, (_, m) => m));
  // Per draw: each signature's weights in its order, and its pillar weight sums.
  const sigW = new Float64Array(longest);
  const sigPw = new Float64Array(mostPillarRuns);
  // Packing needs the key times SLOT within a double's exact integers; otherwise sort with a comparator.
  const packable = largest < 2 ** 20 && 1000 * Math.abs(indexScale) * scale < 2 ** 32;
  const keys = new Float64Array(largest);
  // Without packing: the members, sorted with a comparator.
  const packed = new Float64Array(largest);
  const SLOT = 2 ** 20;
  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < nInd; k++) weights[k] = baseWeights[k] * (1 - spread + 2 * spread * rand());
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      const { sigInd, sigStart, sigPillarEnd, unitSig, unitBase, scores: sc } = g;
      for (let t = 0; t < sigInd.length; t++) sigW[t] = weights[sigInd[t]];
      for (let sig = 0; sig + 1 < sigStart.length; sig++) {
        let t = sigStart[sig];
        for (let p = 0; p < P; p++) {
          const end = sigPillarEnd[sig * P + p];
          let w = 0;
          for (; t < end; t++) w += sigW[t];
          sigPw[sig * P + p] = w;
        }
      }
      const n = g.members.length;
      for (let m = 0; m < n; m++) {
        const sig = unitSig[m];
        const base = unitBase[m];
        let t = sigStart[sig];
        let totalW = 0;
        let arith = 0;
        let logSum = 0;
        let zero = false;
        for (let p = 0; p < P; p++) {
          const end = sigPillarEnd[sig * P + p];
          let ws = 0;
          for (; t < end; t++) ws += sigW[t] * sc[base + t];
          const pw = sigPw[sig * P + p];
          if (pw <= 0) continue;
          const ps = ws / pw;
          totalW += pw;
          arith += pw * ps;
          // Only the geometric mean reads the logarithms (the slowest step of a draw).
          if (!geometric) continue;
          if (ps <= 0) zero = true;
          else logSum += pw * Math.log(ps);
        }
        const index =
          (totalW > 0 ? (geometric ? (zero ? 0 : Math.exp(logSum / totalW)) : arith / totalW) : 0) *
          indexScale;
        const key = roundedKey(index, scale, indexDecimals);
        keys[m] = key;
      }
      // Competition ranks: sort once (ascending, read from the end), equal rounded indices share the first's rank.
      const order = orders[gi];
      const rankOf = ranks[gi];
      let sorted: Float64Array;
      if (packable) {
        // The last draw's order, re-keyed, is nearly sorted: weights move within a band, so ranks move little.
        for (let k = 0; k < n; k++) {
          const m = order[k];
          order[k] = keys[m] * SLOT + m;
        }
        sorted = sortNearlySorted(order);
      } else {
        for (let m = 0; m < n; m++) packed[m] = m;
        sorted = packed.subarray(0, n).sort((a, b) => keys[a] - keys[b] || a - b);
      }
      let rank = 0;
      let prev = NaN;
      for (let k = 0; k < n; k++) {
        const v = sorted[n - 1 - k];
        const m = packable ? v - Math.floor(v / SLOT) * SLOT : v;
        if (packable) order[n - 1 - k] = m;
        if (k === 0 || keys[m] !== prev) rank = k + 1;
        prev = keys[m];
        rankOf[d * n + m] = rank;
      }
    }
    onDraw?.(d + 1, draws);
  }
  // Ranks run from 1 to the group's size: percentiles by counting, not by sorting each unit's draws.
  const counts = new Int32Array(largest + 2);
  const out = new Int32Array(3 * task.units);
  groups.forEach((g, gi) => {
    const all = ranks[gi];
    const n = g.members.length;
    for (let m = 0; m < n; m++) {
      let lo = all[m];
      let hi = all[m];
      for (let d = 0; d < draws; d++) {
        const r = all[d * n + m];
        counts[r]++;
        if (r < lo) lo = r;
        else if (r > hi) hi = r;
      }
      const at = (p: number): number => {
        const k = Math.max(1, Math.ceil(p * draws));
        let seen = 0;
        for (let r = lo; r <= hi; r++) if ((seen += counts[r]) >= k) return r;
        return hi;
      };
      const i = 3 * g.members[m];
      out[i] = at(0.5);
      out[i + 1] = at(0.05);
      out[i + 2] = at(0.95);
      counts.fill(0, lo, hi + 1);
    }
  });
  return out;
}

/** The interval of the unit at each position, from drawRanks' answer; null for all when there were no draws. */
export function intervalAt(drawn: Int32Array, position: number): RankInterval | null {
  const i = 3 * position;
  return i + 2 < drawn.length ? { median: drawn[i], p5: drawn[i + 1], p95: drawn[i + 2] } : null;
}
