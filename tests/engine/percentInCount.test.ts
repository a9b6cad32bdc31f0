/**
 * A percentage where a count or an amount goes ("85%" in the column of an indicator counted in Số lượng or Triệu
 * đồng): PERCENT_IN_COUNT, an error, the cell not read; it was NUMBER_AS_TEXT "read as 0,85" (typed as text) or nothing
 * at all (0.85 in a cell formatted as a percentage, as Excel stores "85%" typed).
 */
import type { CellValue, Grid } from "../../src/engine/grid";
import { a1 } from "../../src/engine/grid";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { findingMessage, planSheetNames } from "../../src/engine/findings";
import { eachFigure } from "../../src/engine/figures";

const rows = samplePlanRows();
const COUNT = "DAOTAO"; // Số lượng
const AMOUNT = "KINHPHI"; // Triệu đồng
const colOf = (code: string) => rows.figureIndicators.indexOf(code) + 3; // after Mã đơn vị and Kỳ báo cáo
const ROW = rows.figures.findIndex((f) => f[1] === "Quý II/2015") + 2;
const UNIT = String(rows.figures[ROW - 2][0]);

/** The sample's grids with cells of one sheet replaced ([row, col, value, number format]). */
function edited(sheet: string, cells: [number, number, CellValue, string | null][]): Grid[] {
  return planRowsToGrids(rows).sheets.map((g) => {
    if (g.sheet !== sheet) return g;
    const values = g.values.map((r) => [...r]);
    const formats = values.map((r) => r.map((): string | null => null));
    for (const [row, col, v, f] of cells) {
      values[row - 1][col - 1] = v;
      formats[row - 1][col - 1] = f;
    }
    return { ...g, values, formats };
  });
}

const at = (grids: Grid[], sheet: string, cell: string) =>
  checkWorkbook({ sheets: grids }, "2015-Q2").findings.filter((f) => f.sheet === sheet && f.cell === cell);

describe("a percentage in the column of an indicator counted in numbers", () => {
  it.each([
    ["typed as text", "85%", null],
    ["as Excel stores 85% typed: 0.85 formatted as a percentage", 0.85, "0%"],
  ])("%s is PERCENT_IN_COUNT, the cell not read", (_, value, format) => {
    const grids = edited("Số liệu", [[ROW, colOf(COUNT), value, format]]);
    const fs = at(grids, "Số liệu", a1(ROW, colOf(COUNT)));
    expect(fs.map((f) => `${f.code} ${f.severity}`)).toEqual(["PERCENT_IN_COUNT error"]);
    const run = checkWorkbook({ sheets: grids }, "2015-Q2");
    expect(findingMessage(fs[0], "vi", "cli", planSheetNames(run.plan, "vi"))).toBe(
      "“85%” là tỷ lệ phần trăm nhưng chỉ tiêu Số lượt CBCC được đào tạo, bồi dưỡng CNTT (DAOTAO) có đơn vị tính " +
        "“Số lượng”; ô này chưa được tính. Nhập con số (số máy, số người, số triệu đồng…), không phải tỷ lệ; nếu " +
        "chỉ tiêu là tỷ lệ, sửa đơn vị tính của nó trên sheet Chỉ tiêu thành %.",
    );
    expect(findingMessage(fs[0], "en")).toMatch(
      /^“85%” is a percentage, but indicator .+ \(DAOTAO\) has the unit of measure “Count”; the cell is not counted\./,
    );
    const fig = [...eachFigure(run.plan.figures)].find(
      (f) => f.unit === UNIT && f.period === "2015-Q2" && f.indicator === COUNT,
    );
    expect(fig?.value).toBeNull();
  });

  it("in a column of million VND too", () => {
    const fs = at(
      edited("Số liệu", [[ROW, colOf(AMOUNT), "12,5 %", null]]),
      "Số liệu",
      a1(ROW, colOf(AMOUNT)),
    );
    expect(fs.map((f) => f.code)).toEqual(["PERCENT_IN_COUNT"]);
    expect(findingMessage(fs[0], "en")).toMatch(/^“12,5 %” is a percentage, .* “Million VND”/);
  });

  it("as a count's target, typed or worded as a bound", () => {
    const ind = rows.indicators.findIndex((r) => r[0] === COUNT) + 2;
    const TARGET = 7; // Chỉ tiêu năm, 1-based
    for (const v of ["85%", "≥ 85%"]) {
      const fs = at(edited("Chỉ tiêu", [[ind, TARGET, v, null]]), "Chỉ tiêu", a1(ind, TARGET));
      // The indicator is then without a target; the one cause is said once, not also as MISSING_TARGET.
      expect(fs.map((f) => [f.code, f.params.indicator])).toEqual([["PERCENT_IN_COUNT", COUNT]]);
    }
    const text = at(edited("Chỉ tiêu", [[ind, TARGET, "khoảng 150", null]]), "Chỉ tiêu", a1(ind, TARGET));
    expect(text.map((f) => f.code)).toEqual(["NOT_A_NUMBER"]);
    // A target left blank is what MISSING_TARGET is for.
    const blank = at(edited("Chỉ tiêu", [[ind, TARGET, null, null]]), "Chỉ tiêu", a1(ind, TARGET));
    expect(blank.map((f) => f.code)).toEqual(["MISSING_TARGET"]);
  });

  it("not a count, nor a percentage: left as it was", () => {
    // A count as a number, in a plain cell or one formatted otherwise; a count typed as text; a share where shares go.
    const pct = rows.figureIndicators.find((c) => rows.indicators.find((r) => r[0] === c)?.[3] === "%")!;
    const grids = edited("Số liệu", [
      [ROW, colOf(COUNT), 12, "#,##0"],
      [ROW + 1, colOf(COUNT), "12", null],
      [ROW, colOf(pct), "85%", null],
    ]);
    expect(at(grids, "Số liệu", a1(ROW, colOf(COUNT)))).toEqual([]);
    expect(at(grids, "Số liệu", a1(ROW + 1, colOf(COUNT))).map((f) => f.code)).toEqual(["NUMBER_AS_TEXT"]);
    expect(at(grids, "Số liệu", a1(ROW, colOf(pct)))).toEqual([]);
    // A weight written as a percentage is still a weight (readWeight).
    const ind = rows.indicators.findIndex((r) => r[0] === COUNT) + 2;
    const WEIGHT = 6;
    const w = edited("Chỉ tiêu", [[ind, WEIGHT, "10%", null]]);
    expect(at(w, "Chỉ tiêu", a1(ind, WEIGHT)).map((f) => f.code)).toEqual(["NUMBER_AS_TEXT"]);
  });
});
