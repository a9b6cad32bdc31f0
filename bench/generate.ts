/** Deterministic generated plans of any size, for benchmarks and scale tests. */
import type { PlanRows } from "../src/engine/format";
import { QUARTER_ROMAN } from "../src/engine/format";
import { mulberry32 } from "../src/engine/random";

const GROUPS = ["Sở, ban, ngành", "UBND huyện, thành phố"];
const PILLARS = [
  "Hạ tầng kỹ thuật",
  "Nhân lực",
  "Ứng dụng nội bộ",
  "Dịch vụ công trực tuyến",
  "Môi trường – chính sách",
];
const MEASURES = ["%", "Số lượng", "Có/Không", "Triệu đồng"];

/** A plan of `units` units, `indicators` indicators and `quarters` quarters from 2014-Q1 on; about 2% of figures blank. */
export function generatePlanRows(units: number, indicators: number, quarters: number, seed = 1): PlanRows {
  const rand = mulberry32(seed);
  const unitRows = Array.from({ length: units }, (_, i) => [
    `U${i + 1}`,
    `Đơn vị số ${i + 1}`,
    GROUPS[i % 3 === 0 ? 1 : 0],
    "Có",
  ]);
  const weight = 100 / indicators;
  const inds = Array.from({ length: indicators }, (_, i) => {
    const measure = MEASURES[i % MEASURES.length];
    const lower = measure === "Số lượng" && i % 8 === 1;
    const target =
      measure === "%"
        ? 0.6
        : measure === "Có/Không"
          ? "Có"
          : measure === "Triệu đồng"
            ? 200
            : lower
              ? 3
              : i % 5 === 0
                ? null
                : 10;
    return [
      `I${i + 1}`,
      `Chỉ tiêu ${i + 1}`,
      PILLARS[i % PILLARS.length],
      measure,
      lower ? "Thấp hơn tốt hơn" : "Cao hơn tốt hơn",
      weight,
      target,
      null,
      measure === "%" ? 0.3 : null,
      null,
      null,
      null,
      measure === "Có/Không" ? 0.6 : null,
    ];
  });
  const figures: (string | number | null)[][] = [];
  for (let q = 0; q < quarters; q++) {
    const period = `Quý ${QUARTER_ROMAN[q % 4]}/${2014 + Math.floor(q / 4)}`;
    for (let u = 0; u < units; u++) {
      const level = 0.3 + ((u * 7919) % 100) / 140;
      const row: (string | number | null)[] = [`U${u + 1}`, period];
      for (let i = 0; i < indicators; i++) {
        if (rand() < 0.02) {
          row.push(null);
          continue;
        }
        const m = MEASURES[i % MEASURES.length];
        const x = level * (0.8 + 0.4 * rand());
        row.push(
          m === "%"
            ? Math.min(1, Math.round(x * 100) / 100)
            : m === "Có/Không"
              ? x > 0.6
                ? 1
                : 0
              : m === "Triệu đồng"
                ? Math.round(200 * x)
                : Math.round(12 * x),
        );
      }
      figures.push(row);
    }
  }
  return {
    settings: [["Tỉnh", "Thử nghiệm"]],
    units: unitRows,
    indicators: inds,
    figureIndicators: inds.map((r) => String(r[0])),
    figures,
  };
}
