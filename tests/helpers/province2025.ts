/**
 * A province as it is since July 2025: the sample's 22 departments and, in place of its 9 districts, 150 communes,
 * wards and a special zone with long names ("Ủy ban nhân dân xã … mở rộng số 8"), each taking a district's figures
 * with a small deterministic spread. For print tests at a real province's size.
 */
import type { PlanRows } from "../../src/engine/format";
import { samplePlanRows } from "../../src/engine/sample";

const DISTRICT = "UBND huyện, thành phố";
const COMMUNE = "UBND xã, phường, đặc khu";
const PLACES = [
  "Bản Xèo",
  "Cam Đường",
  "Nậm Xé",
  "Mường Hum",
  "Tả Phìn",
  "Sín Chéng",
  "Bảo Nhai",
  "Nghĩa Đô",
  "Phong Niên",
  "Xuân Quang",
  "Thượng Hà",
  "Khánh Yên Thượng",
  "Lùng Khấu Nhin",
  "Pha Long",
  "Bắc Ngầm",
  "Võ Lao",
  "Dương Quỳ",
  "Chiềng Ken",
  "Minh Lương",
  "Hợp Thành",
  "Tằng Loỏng",
  "Gia Phú",
  "Cốc San",
  "Y Tý",
];

/** The sample's departments and `communes` communes (150 by default) in one plan. */
export function province2025Rows(communes = 150): PlanRows {
  const rows = samplePlanRows();
  const districts = rows.units.filter((u) => u[2] === DISTRICT);
  const added = Array.from({ length: communes }, (_, i) => {
    const kind = i === communes - 1 ? "Đặc khu" : i % 10 === 0 ? "Phường" : "Xã";
    const place = PLACES[i % PLACES.length];
    const name =
      i % 7 === 0
        ? `Ủy ban nhân dân ${kind.toLowerCase()} ${place} mở rộng số ${i + 1}`
        : `${kind} ${place} ${Math.floor(i / PLACES.length) + 1}`;
    return [`X${String(i + 1).padStart(3, "0")}`, name, COMMUNE, "Có"];
  });
  const figures: (string | number | null)[][] = [];
  for (const f of rows.figures) {
    const d = districts.findIndex((u) => u[0] === f[0]);
    if (d < 0) figures.push([...f]);
    else
      added.forEach((c, i) => {
        if (i % districts.length === d)
          figures.push([
            c[0],
            f[1],
            ...f
              .slice(2)
              .map((v, k) =>
                typeof v === "number" && v > 1 ? Math.round(v * (0.8 + ((i * 7 + k) % 9) / 20)) : v,
              ),
          ]);
      });
  }
  return {
    ...rows,
    units: [...rows.units.filter((u) => u[2] !== DISTRICT), ...added],
    indicators: rows.indicators.map((r) =>
      r.map((v, j) => (j === 11 && typeof v === "string" ? v.replace(DISTRICT, COMMUNE) : v)),
    ),
    figures,
  };
}
