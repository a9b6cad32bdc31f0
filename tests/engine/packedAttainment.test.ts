/**
 * Attainment rows packed for a thread (typed arrays and a string table) come back field for field: every null, every
 * number to the bit (NaN, infinities, -0), the optional source and converted flag present exactly where they were.
 */
import fc from "fast-check";
import { packAttainment, unpackAttainment } from "../../src/engine/packedAttainment";
import type { AttainmentStatus, UnitAttainment } from "../../src/engine/results";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";

const STATUSES: AttainmentStatus[] = ["met", "near", "notMet", "noData", "noTarget"];

const row: fc.Arbitrary<UnitAttainment> = fc
  .record({
    unit: fc.string(),
    indicator: fc.string(),
    period: fc.constantFrom("2015-Q2", "2015", "2026-Q4"),
    actual: fc.option(fc.double()),
    target: fc.option(fc.double()),
    attainment: fc.option(fc.double()),
    capped: fc.option(fc.double()),
    status: fc.constantFrom(...STATUSES),
    source: fc.option(fc.record({ sheet: fc.string(), row: fc.nat(1_048_576), col: fc.nat(16_384) }), {
      nil: undefined,
    }),
    converted: fc.option(fc.boolean(), { nil: undefined }),
  })
  // Absent, not undefined: the rows the engine makes leave out what they do not have (and plain objects, as theirs).
  .map(({ source, converted, ...rest }) => ({
    ...rest,
    ...(source ? { source: { ...source } } : {}),
    ...(converted === undefined ? {} : { converted }),
  }));

describe("packed attainment", () => {
  it("gives back random rows field for field, after a structured clone", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const back = unpackAttainment(structuredClone(packAttainment(rows)));
        expect(back).toStrictEqual(rows);
        // toStrictEqual takes 0 for -0: Object.is tells them apart.
        back.forEach((b, i) =>
          (["actual", "target", "attainment", "capped"] as const).forEach((k) =>
            expect(Object.is(b[k], rows[i][k])).toBe(true),
          ),
        );
      }),
    );
  });

  it("gives back the sample's rows", () => {
    const run = runPlan(planRowsToGrids(samplePlanRows()), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
    });
    const rows = run.results!.attainment;
    expect(rows.some((a) => a.source) && rows.some((a) => a.actual === null)).toBe(true);
    expect(unpackAttainment(packAttainment(rows))).toStrictEqual(rows);
  });
});
