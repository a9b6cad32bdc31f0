/** Competition ranking exactly as Excel's RANK.EQ (descending), grades and their distribution. */
import type { Plan, RankingGroup } from "./model";
import type { Grade, GradeDistribution } from "./results";
import { excelGte } from "./excelMath";

/** RANK.EQ(x, values, 0): 1 + how many values are strictly greater (ties share a rank, the next is skipped). */
export function rankEq(x: number, values: readonly number[]): number {
  let greater = 0;
  for (const v of values) if (v > x) greater++;
  return greater + 1;
}

/** Competition ranks of all values at once in O(n log n); equal to rankEq for each value. */
export function competitionRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const ranks = new Array<number>(values.length);
  for (let k = 0; k < order.length; k++) {
    ranks[order[k][1]] = k > 0 && order[k][0] === order[k - 1][0] ? ranks[order[k - 1][1]] : k + 1;
  }
  return ranks;
}

export const GRADES: readonly Grade[] = ["good", "fair", "average", "weak"];

/** Grade thresholds on the index scale (the settings give them on the 0–100 scale). */
export function gradeThresholds(plan: Plan): { good: number; fair: number; average: number } {
  const f = plan.settings.indexScale / 100;
  return {
    good: plan.settings.gradeGood * f,
    fair: plan.settings.gradeFair * f,
    average: plan.settings.gradeAverage * f,
  };
}

/** Tốt ≥ good, Khá ≥ fair, Trung bình ≥ average, else Yếu. */
export function gradeOf(index: number, t: { good: number; fair: number; average: number }): Grade {
  if (excelGte(index, t.good)) return "good";
  if (excelGte(index, t.fair)) return "fair";
  if (excelGte(index, t.average)) return "average";
  return "weak";
}

/** Counts and shares of each grade for one group (or all units: null). */
export function distribution(group: RankingGroup | null, grades: readonly Grade[]): GradeDistribution {
  const counts: Record<Grade, number> = { good: 0, fair: 0, average: 0, weak: 0 };
  for (const g of grades) counts[g]++;
  const total = grades.length;
  const shares: Record<Grade, number> = { good: 0, fair: 0, average: 0, weak: 0 };
  for (const g of GRADES) shares[g] = total ? counts[g] / total : 0;
  return { group, total, counts, shares };
}
