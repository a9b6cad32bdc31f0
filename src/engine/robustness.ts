/** Rank robustness: Monte Carlo perturbation of the weights gives each unit a median rank and a 5–95% interval. */
import type { Indicator, Plan, Unit } from "./model";
import type { RankInterval } from "./results";
import { pillarsOf } from "./readiness";
import { excelRound } from "./excelMath";
import { mulberry32 } from "./random";

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

/** A unit's scored indicators, flattened: indicator numbers, their pillar numbers and their scores. */
interface UnitScores {
  readonly ind: Int32Array;
  readonly pillar: Int32Array;
  readonly score: Float64Array;
}

/**
 * Rank intervals within each unit's group under draws × (weight · U(1−spread, 1+spread)). The same figures as
 * composite() + ROUND + competition ranks per draw (same order of additions, same random numbers), computed over
 * typed arrays: one weight vector per draw, each group's units sorted once per draw.
 */
export function rankRobustness(
  plan: Plan,
  units: readonly Unit[],
  applicable: (u: Unit) => readonly Indicator[],
  scores: ReadonlyMap<string, ReadonlyMap<string, number | null>>,
  onDraw?: (done: number, total: number) => void,
): Map<string, RankInterval> {
  const {
    robustnessDraws: draws,
    robustnessSpread: spread,
    robustnessSeed: seed,
    indexDecimals,
    missingPolicy,
    aggregation,
    indexScale,
  } = plan.settings;
  const rand = mulberry32(seed);
  const indNo = new Map(plan.indicators.map((ind, k) => [ind.code, k]));
  const pillars = pillarsOf(plan);
  const pillarNo = new Map(pillars.map((p, k) => [p, k]));
  const flat = (u: Unit): UnitScores => {
    const raw = scores.get(u.code);
    const ind: number[] = [];
    const pil: number[] = [];
    const sc: number[] = [];
    for (const i of applicable(u)) {
      let s = raw?.get(i.code) ?? null;
      if (s === null && missingPolicy === "zero") s = 0;
      if (s === null) continue;
      ind.push(indNo.get(i.code) as number);
      pil.push(pillarNo.get(i.pillar) as number);
      sc.push(s);
    }
    return { ind: Int32Array.from(ind), pillar: Int32Array.from(pil), score: Float64Array.from(sc) };
  };
  const byGroup = new Map<string, Unit[]>();
  for (const u of units) {
    const g = byGroup.get(u.group);
    if (g) g.push(u);
    else byGroup.set(u.group, [u]);
  }
  const ranks = new Map<string, Int32Array>(units.map((u) => [u.code, new Int32Array(draws)]));
  const groups = [...byGroup.values()].map((members) => ({
    members,
    scores: members.map(flat),
    ranks: members.map((u) => ranks.get(u.code) as Int32Array),
  }));
  const weights = new Float64Array(plan.indicators.length);
  const pw = new Float64Array(pillars.length);
  const pws = new Float64Array(pillars.length);
  const scale = 10 ** indexDecimals;
  const largest = Math.max(0, ...groups.map((g) => g.members.length));
  // Packing needs the key times SLOT within a double's exact integers; otherwise sort with a comparator.
  const packable = largest < 2 ** 20 && 1000 * Math.abs(indexScale) * scale < 2 ** 32;
  const keys = new Float64Array(largest);
  // Key and member packed in one number, so the typed array sorts natively (no comparator call per comparison).
  const packed = new Float64Array(largest);
  const SLOT = 2 ** 20;
  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < plan.indicators.length; k++)
      weights[k] = plan.indicators[k].weight * (1 - spread + 2 * spread * rand());
    for (const g of groups) {
      const n = g.members.length;
      for (let m = 0; m < n; m++) {
        const us = g.scores[m];
        pw.fill(0);
        pws.fill(0);
        for (let t = 0; t < us.ind.length; t++) {
          const w = weights[us.ind[t]];
          pw[us.pillar[t]] += w;
          pws[us.pillar[t]] += w * us.score[t];
        }
        let totalW = 0;
        let arith = 0;
        let logSum = 0;
        let zero = false;
        for (let p = 0; p < pillars.length; p++) {
          if (pw[p] <= 0) continue;
          const ps = pws[p] / pw[p];
          totalW += pw[p];
          arith += pw[p] * ps;
          if (ps <= 0) zero = true;
          else logSum += pw[p] * Math.log(ps);
        }
        const index =
          (totalW > 0
            ? aggregation === "geometric"
              ? zero
                ? 0
                : Math.exp(logSum / totalW)
              : arith / totalW
            : 0) * indexScale;
        keys[m] = roundedKey(index, scale, indexDecimals);
        packed[m] = packable ? keys[m] * SLOT + m : m;
      }
      // Competition ranks: sort once (ascending, read from the end), equal rounded indices share the first's rank.
      const sorted = packable
        ? packed.subarray(0, n).sort()
        : packed.subarray(0, n).sort((a, b) => keys[a % SLOT] - keys[b % SLOT] || (a % SLOT) - (b % SLOT));
      let rank = 0;
      let prev = NaN;
      for (let k = 0; k < n; k++) {
        const v = sorted[n - 1 - k];
        const m = packable ? v - Math.floor(v / SLOT) * SLOT : v % SLOT;
        if (k === 0 || keys[m] !== prev) rank = k + 1;
        prev = keys[m];
        g.ranks[m][d] = rank;
      }
    }
    onDraw?.(d + 1, draws);
  }
  const out = new Map<string, RankInterval>();
  for (const [code, list] of ranks) {
    if (!list.length) continue;
    list.sort();
    out.set(code, {
      median: nearestRank(list, 0.5),
      p5: nearestRank(list, 0.05),
      p95: nearestRank(list, 0.95),
    });
  }
  return out;
}
