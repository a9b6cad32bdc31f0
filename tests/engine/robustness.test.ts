import { checkWorkbook } from "../../src/engine/validate";
import { planRowsToGrids } from "../../src/engine/planRows";
import { computeCore } from "../../src/engine/compute";
import fc from "fast-check";
import {
  drawRanks,
  intervalAt,
  nearestRank,
  robustnessTaskAt,
  sortNearlySorted,
} from "../../src/engine/robustness";
import { factLayout } from "../../src/engine/factLayout";
import { composite } from "../../src/engine/readiness";
import { excelRound } from "../../src/engine/excelMath";
import { competitionRanks } from "../../src/engine/ranking";
import { mulberry32 } from "../../src/engine/random";
import { samplePlanRows } from "../../src/engine/sample";
import { generatePlanRows } from "../../bench/generate";
import type { Indicator, Plan, Unit } from "../../src/engine/model";

/** The definition, written plainly: per draw, perturbed weights, composite(), ROUND, competition ranks. */
function reference(
  plan: Plan,
  units: readonly Unit[],
  applicable: (u: Unit) => readonly Indicator[],
  scores: ReadonlyMap<string, ReadonlyMap<string, number | null>>,
) {
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
      members.forEach((u, i) => ranks.get(u.code)!.push(r[i]));
    }
  }
  return new Map(
    [...ranks].map(([code, list]) => {
      list.sort((a, b) => a - b);
      return [
        code,
        { median: nearestRank(list, 0.5), p5: nearestRank(list, 0.05), p95: nearestRank(list, 0.95) },
      ];
    }),
  );
}

describe("rank robustness over typed arrays", () => {
  const cases = [
    ["the sample", samplePlanRows(), "2015-Q2"],
    ["a generated plan of 120 units", generatePlanRows(120, 20, 4), "2014-Q4"],
  ] as const;
  it.each(cases)(
    "%s: the same intervals as the plain definition, for every aggregation, missing policy and rounding",
    (_, rows, period) => {
      const { plan } = checkWorkbook(planRowsToGrids(rows), period);
      for (const aggregation of ["arithmetic", "geometric"] as const)
        for (const missingPolicy of ["zero", "exclude"] as const)
          // 6 decimals on the 0–100 scale do not fit the packed sort: the comparator sort is tested too.
          for (const indexDecimals of [0, 2, 6]) {
            const p: Plan = {
              ...plan,
              settings: { ...plan.settings, aggregation, missingPolicy, indexDecimals, robustnessDraws: 150 },
            } as Plan;
            const core = computeCore(p, period);
            // By position, as computePeriod gives them; the reference reads them by code.
            const drawn = drawRanks(robustnessTaskAt(p, factLayout(p), core.factScores));
            const fast = new Map(core.units.map((u, i) => [u.code, intervalAt(drawn, i)!]));
            expect(fast).toEqual(reference(p, core.units, core.applicable, core.scores));
            // Not trivially equal: the intervals are not all a single rank.
            expect([...fast.values()].some((r) => r.p95 > r.p5)).toBe(true);
          }
    },
  );
});

describe("the per-draw sort", () => {
  it("sorts like the native sort, nearly sorted or shuffled (where it falls back)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 300 }), fc.nat(300), (values, swaps) => {
        const a = Float64Array.from(values).sort();
        // A few neighbouring swaps (a nearly sorted array), or many (a shuffled one).
        const rand = mulberry32(swaps);
        for (let k = 0; k < swaps && a.length > 1; k++) {
          const i = Math.floor(rand() * (a.length - 1));
          [a[i], a[i + 1]] = [a[i + 1], a[i]];
        }
        const reversed = a.slice().reverse();
        expect([...sortNearlySorted(a)]).toEqual([...Float64Array.from(values).sort()]);
        expect([...sortNearlySorted(reversed)]).toEqual([...Float64Array.from(values).sort()]);
      }),
    );
  });
});
