/** Rank robustness: Monte Carlo perturbation of the weights gives each unit a median rank and a 5–95% interval. */
import type { Indicator, Plan, Unit } from "./model";
import type { RankInterval } from "./results";
import { composite } from "./readiness";
import { excelRound } from "./excelMath";
import { competitionRanks } from "./ranking";
import { mulberry32 } from "./random";

/** Nearest-rank percentile of sorted values: the value at position ceil(p·n). */
export function nearestRank(sorted: readonly number[], p: number): number {
  const k = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[k - 1];
}

/** Rank intervals within each unit's group under draws × (weight · U(1−spread, 1+spread)). */
export function rankRobustness(
  plan: Plan,
  units: readonly Unit[],
  applicable: (u: Unit) => readonly Indicator[],
  scores: ReadonlyMap<string, ReadonlyMap<string, number | null>>,
): Map<string, RankInterval> {
  const {
    robustnessDraws: draws,
    robustnessSpread: spread,
    robustnessSeed: seed,
    indexDecimals,
  } = plan.settings;
  const rand = mulberry32(seed);
  const byGroup = new Map<string, Unit[]>();
  for (const u of units) byGroup.set(u.group, [...(byGroup.get(u.group) ?? []), u]);
  const ranks = new Map<string, number[]>(units.map((u) => [u.code, []]));
  for (let d = 0; d < draws; d++) {
    const weights = new Map<string, number>();
    for (const ind of plan.indicators) weights.set(ind.code, ind.weight * (1 - spread + 2 * spread * rand()));
    for (const members of byGroup.values()) {
      const idx = members.map((u) =>
        excelRound(composite(plan, applicable(u), scores.get(u.code), weights).index, indexDecimals),
      );
      const r = competitionRanks(idx);
      members.forEach((u, i) => (ranks.get(u.code) as number[]).push(r[i]));
    }
  }
  const out = new Map<string, RankInterval>();
  for (const [code, list] of ranks) {
    if (!list.length) continue;
    list.sort((a, b) => a - b);
    out.set(code, {
      median: nearestRank(list, 0.5),
      p5: nearestRank(list, 0.05),
      p95: nearestRank(list, 0.95),
    });
  }
  return out;
}
