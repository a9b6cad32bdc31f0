/** Random plans (fast-check) in the template layout, with ties, missing figures and every kind of indicator. */
import fc from "fast-check";
import type { PlanRows } from "../../src/engine/format";

const DEPT = "Sở, ban, ngành";
const DIST = "UBND huyện, thành phố";
const PILLARS = ["Hạ tầng kỹ thuật", "Nhân lực", "Ứng dụng nội bộ", "Dịch vụ công trực tuyến"];
const MEASURES = ["%", "Số lượng", "Có/Không", "Triệu đồng"] as const;

export interface RandomPlanOptions {
  readonly normalisation?: string;
  readonly missingPolicy?: string;
  readonly aggregation?: string;
}

const indicatorArb = fc.record({
  measure: fc.constantFrom(...MEASURES),
  lower: fc.boolean(),
  weight: fc.integer({ min: 1, max: 30 }),
  target: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null, freq: 4 }),
  milestone: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null, freq: 2 }),
  pillar: fc.integer({ min: 0, max: PILLARS.length - 1 }),
  groups: fc.constantFrom(DEPT, DIST, `${DEPT}; ${DIST}`),
  coverage: fc.option(fc.constantFrom(0.5, 0.6, 1), { nil: null }),
});

/** An arbitrary plan of 2–14 units, 1–7 indicators and figures for 2014-Q4 and 2015-Q1 (values from small sets, so ties are common). */
export function planRowsArb(opts: RandomPlanOptions = {}): fc.Arbitrary<PlanRows> {
  return fc
    .record({
      groups: fc.array(fc.boolean(), { minLength: 2, maxLength: 14 }),
      indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 7 }),
      values: fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null, freq: 6 }), {
        minLength: 14 * 7 * 2,
        maxLength: 14 * 7 * 2,
      }),
      normalisation: fc.constantFrom(
        opts.normalisation ?? "target",
        opts.normalisation ?? "minmax",
        opts.normalisation ?? "zscore",
        opts.normalisation ?? "percentile",
      ),
      missing: fc.constantFrom(opts.missingPolicy ?? "zero", opts.missingPolicy ?? "exclude"),
      aggregation: fc.constantFrom(opts.aggregation ?? "arithmetic", opts.aggregation ?? "geometric"),
    })
    .map(({ groups, indicators, values, normalisation, missing, aggregation }) => {
      const units = groups.map(
        (d, i) => [`U${i + 1}`, `Đơn vị ${i + 1}`, d ? DEPT : DIST, "Có"] as (string | number | null)[],
      );
      const inds = indicators.map((x, i) => {
        const pct = x.measure === "%";
        const scale = (v: number | null) => (v === null ? null : pct ? v / 100 : v);
        return [
          `I${i + 1}`,
          `Chỉ tiêu ${i + 1}`,
          PILLARS[x.pillar],
          x.measure,
          x.lower && x.measure !== "Có/Không" ? "Thấp hơn tốt hơn" : "Cao hơn tốt hơn",
          x.weight,
          x.measure === "Có/Không" ? "Có" : scale(x.target),
          null,
          x.measure === "Có/Không" ? null : scale(x.milestone),
          null,
          null,
          x.groups,
          x.coverage,
        ] as (string | number | null)[];
      });
      const figures: (string | number | null)[][] = [];
      let k = 0;
      for (const period of ["Quý IV/2014", "Quý I/2015"]) {
        units.forEach((u) => {
          figures.push([
            u[0],
            period,
            ...indicators.map((x) => {
              const v = values[k++ % values.length];
              if (v === null) return null;
              if (x.measure === "Có/Không") return v % 2;
              if (x.measure === "%") return v / 20;
              return v;
            }),
          ]);
        });
      }
      return {
        settings: [
          ["Tỉnh", "Thử"],
          ["Kỳ hiện tại", "2015-Q1"],
          ["Chuẩn hóa", normalisation],
          ["Số liệu thiếu", missing],
          ["Cách tổng hợp", aggregation],
          ["Số lần mô phỏng", 20],
        ],
        units,
        indicators: inds,
        figureIndicators: inds.map((r) => String(r[0])),
        figures,
      } satisfies PlanRows;
    });
}
