/** Percent cells read as Excel shows them (issue 17): the cell's number format decides. */
import type { Grid } from "../../src/engine/grid";
import { isPercentFormat } from "../../src/engine/grid";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { runPlan } from "../../src/engine/pipeline";
import { findingMessage } from "../../src/engine/findings";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";

const rows = samplePlanRows();
const pctIndicator = String(rows.indicators.find((r) => r[3] === "%")![0]);
const col = rows.figureIndicators.indexOf(pctIndicator) + 3; // 1-based: after Mã đơn vị and Kỳ báo cáo
const lastRow = rows.figures.length + 1;

/** The sample's grids with one figure cell's value and format replaced. */
function withFigure(value: number, format: string | null): Grid[] {
  const grids = planRowsToGrids(rows).sheets.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
  const fig = grids.find((g) => g.sheet === "Số liệu")!;
  fig.values[lastRow - 1][col - 1] = value;
  const formats = fig.values.map((r, i) =>
    r.map((_, j) => (i === lastRow - 1 && j === col - 1 ? format : null)),
  );
  return grids.map((g) => (g === fig ? { ...g, formats } : g));
}

describe("percent cells read as Excel shows them", () => {
  it.each([
    ["0%", true],
    ["0.0%", true],
    ["#,##0.00%", true],
    ["General", false],
    ['0" %"', false],
    ["0\\%", false],
    ["[Red]0.00", false],
    [null, false],
  ])("knows whether %s shows a percentage", (format, pct) => {
    expect(isPercentFormat(format)).toBe(pct);
  });

  it("reads 1.2 in a %-formatted figure cell as 120% (out of range), not as 1.2% with a note", () => {
    const { findings } = checkWorkbook({ sheets: withFigure(1.2, "0%") }, "2015-Q2");
    const at = findings.filter(
      (f) => f.sheet === "Số liệu" && f.cell === `${String.fromCharCode(64 + col)}${lastRow}`,
    );
    expect(at.map((f) => f.code)).toEqual(["PERCENT_OUT_OF_RANGE"]);
    expect(findingMessage(at[0], "vi")).toMatch(/^Tỷ lệ 120% nằm ngoài khoảng 0–100%/);
  });

  it("still reads 1.2 in a General cell as 1.2 percent points, with its note", () => {
    const { findings } = checkWorkbook({ sheets: withFigure(1.2, null) }, "2015-Q2");
    const at = findings.filter((f) => f.cell === `${String.fromCharCode(64 + col)}${lastRow}`);
    expect(at.map((f) => f.code)).toEqual(["PERCENT_POINTS"]);
  });

  it("uses 0.45 in a %-formatted cell as 45%, the value Excel's formulas see", () => {
    const run = runPlan(
      { sheets: withFigure(0.45, "0.0%") },
      { period: "2015-Q2", lang: "vi", robustness: false },
    );
    const unit = String(rows.figures[rows.figures.length - 1][0]);
    const a = run.results!.attainment.find((x) => x.unit === unit && x.indicator === pctIndicator)!;
    expect(a.actual).toBe(0.45);
    expect(a.converted).toBeUndefined();
  });

  it("reads a percent-formatted Cấu hình value as shown: 0.9 in a % cell is 90%, 90 in a % cell is refused", () => {
    const grids = planRowsToGrids(rows).sheets.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
    const settings = grids.find((g) => g.sheet === "Cấu hình")!;
    settings.values.push(["Ngưỡng Gần đạt", 0.9], ["Biên độ trọng số", 90]);
    const n = settings.values.length;
    const formats = settings.values.map((_, i) => [null, i >= n - 2 ? "0%" : null]);
    const out = checkWorkbook(
      { sheets: grids.map((g) => (g === settings ? { ...g, formats } : g)) },
      "2015-Q2",
    );
    expect(out.plan.settings.nearTarget).toBe(0.9);
    expect(out.findings).toContainEqual(
      expect.objectContaining({ code: "INVALID_SETTING", sheet: "Cấu hình", cell: `B${n}` }),
    );
  });

  it("carries percent formats from an .xlsx file into the grids", async () => {
    const wb = buildTemplate(rows);
    const ws = wb.getWorksheet("Số liệu")!;
    ws.getCell(lastRow, col).value = 1.2;
    ws.getCell(lastRow, col).numFmt = "0%";
    const bytes = await XlsxWorkbook.of(wb).save();
    const grids = await (await XlsxWorkbook.load(bytes)).readGrids();
    const fig = grids.sheets.find((g) => g.sheet === "Số liệu")!;
    expect(fig.formats?.[lastRow - 1][col - 1]).toBe("0%");
    expect(fig.formats?.[lastRow - 1][0]).toBeNull();
    const { findings } = checkWorkbook(grids, "2015-Q2");
    expect(findings.find((f) => f.cell === `${String.fromCharCode(64 + col)}${lastRow}`)?.code).toBe(
      "PERCENT_OUT_OF_RANGE",
    );
  });

  it("carries percent formats from Excel (numberFormat of the used range) into the grids", async () => {
    installExcelEnums();
    const host = FakeExcel.withGrids(planRowsToGrids(rows));
    const fig = host.sheet("Số liệu")!;
    const cell = fig.cells.get(`${lastRow - 1},${col - 1}`)!;
    cell.value = 1.2;
    cell.numberFormat = "0%";
    const grids = await new OfficeWorkbook(host.runner()).readGrids();
    const g = grids.sheets.find((s) => s.sheet === "Số liệu")!;
    expect(g.formats?.[lastRow - 1][col - 1]).toBe("0%");
    const { findings } = checkWorkbook(grids, "2015-Q2");
    expect(findings.find((f) => f.cell === `${String.fromCharCode(64 + col)}${lastRow}`)?.code).toBe(
      "PERCENT_OUT_OF_RANGE",
    );
  });

  it("makes a target of 0 a finding at the cell that sets it, not a silent change to min–max", () => {
    const at = (code: string) => rows.indicators.findIndex((r) => r[0] === code);
    // KINHPHI: annual target (column G) 0; DVC3: its Quý II milestone (column I) 0.
    const zero = rows.indicators.map((r, i) =>
      i === at("KINHPHI")
        ? r.map((v, j) => (j === 6 ? 0 : v))
        : i === at("DVC3")
          ? r.map((v, j) => (j === 8 ? 0 : v))
          : r,
    );
    const { findings } = checkWorkbook(planRowsToGrids({ ...rows, indicators: zero }), "2015-Q2");
    expect(findings.filter((f) => f.code === "ZERO_TARGET").map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      `Chỉ tiêu!I${at("DVC3") + 2}`,
      `Chỉ tiêu!G${at("KINHPHI") + 2}`,
    ]);
    // Q1 has no milestone of 0 for DVC3: only KINHPHI.
    const q1 = checkWorkbook(planRowsToGrids({ ...rows, indicators: zero }), "2015-Q1").findings;
    expect(q1.filter((f) => f.code === "ZERO_TARGET").map((f) => f.params.indicator)).toEqual(["KINHPHI"]);
  });
});
