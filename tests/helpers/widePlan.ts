/** Wide plans: many indicators over any number of pillars (names of any length), for Excel's formula limits. */
import type { PlanRows } from "../../src/engine/format";
import { generatePlanRows } from "../../bench/generate";

export interface WidePlanOptions {
  readonly units: number;
  readonly indicators: number;
  /** The pillar names; indicator i goes to pillar i mod their number. */
  readonly pillars: readonly string[];
  readonly quarters?: number;
  /** "Tính 0 điểm" (default) or "Loại trừ". */
  readonly missing?: string;
  /** "Trung bình cộng" (default) or "Trung bình nhân". */
  readonly aggregation?: string;
  /** "Theo chỉ tiêu" (default), "Min–max", "Z-score" or "Thứ hạng phần trăm". */
  readonly normalisation?: string;
  readonly seed?: number;
}

/** generatePlanRows with the pillars and methods given (its figures have about 2% blanks and many ties). */
export function widePlanRows(o: WidePlanOptions): PlanRows {
  const base = generatePlanRows(o.units, o.indicators, o.quarters ?? 4, o.seed ?? 1);
  return {
    ...base,
    settings: [
      ...base.settings,
      ["Chuẩn hóa", o.normalisation ?? "Theo chỉ tiêu"],
      ["Số liệu thiếu", o.missing ?? "Tính 0 điểm"],
      ["Cách tổng hợp", o.aggregation ?? "Trung bình cộng"],
    ],
    indicators: base.indicators.map((row, i) =>
      row.map((v, k) => (k === 2 ? o.pillars[i % o.pillars.length] : v)),
    ),
  };
}

/** n pillar names of the given length ("Trụ cột 7 …" padded with Vietnamese words), all different. */
export function pillarNames(n: number, length = 20): string[] {
  return Array.from({ length: n }, (_, i) => {
    const head = `Trụ cột ${i + 1}`;
    let name = head;
    while (name.length < length) name += " chuyển đổi số";
    return name.slice(0, Math.max(length, head.length)).trimEnd();
  });
}
