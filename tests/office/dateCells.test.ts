/**
 * A date typed where a period goes, in Excel: Range.values gives the date's serial number ("[Api set: ExcelApi 1.1]
 * Represents the raw values of the specified range"), and only Range.numberFormat tells it is a date. The add-in must
 * read it as the .xlsx reader does (a date), so the planner is told "the cell holds the date 30/06/2015", not that
 * "42185" is no period.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { findingMessage } from "../../src/engine/findings";

beforeAll(() => installExcelEnums());

/** 30/06/2015 in Excel's 1900 date system. */
const JUNE_30_2015 = 42185;

it("reads a date-formatted number on an input sheet as the date, as the .xlsx reader does", async () => {
  const sample = samplePlanRows();
  const host = FakeExcel.withGrids(planRowsToGrids(sample));
  const figureRow = sample.figures.findIndex((r) => r[0] === "STTTT" && r[1] === "Quý II/2015") + 1;
  const settingRow = sample.settings.findIndex((r) => r[0] === "Kỳ hiện tại") + 1;
  // Cell keys are 0-based "row,col"; row 0 is the header.
  host
    .sheet("Số liệu")!
    .cells.set(`${figureRow},1`, { value: JUNE_30_2015, formula: null, numberFormat: "d/m/yyyy" });
  host.sheet("Cấu hình")!.cells.set(`${settingRow},1`, {
    value: JUNE_30_2015,
    formula: null,
    numberFormat: "dd/mm/yyyy;@",
  });
  // A number in a figures column with a number format stays a number.
  host.sheet("Số liệu")!.cells.set(`${figureRow + 1},2`, { value: 1, formula: null, numberFormat: "0.00" });

  const grids = await new OfficeWorkbook(host.runner()).readGrids();
  const figures = grids.sheets.find((g) => g.sheet === "Số liệu")!;
  expect(figures.values[figureRow][1]).toEqual(new Date(Date.UTC(2015, 5, 30)));
  expect(figures.values[figureRow + 1][2]).toBe(1);

  const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
  const asDate = run.findings.filter((f) => f.code === "PERIOD_AS_DATE");
  expect(asDate.map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual([
    `Cấu hình!B${settingRow + 1}`,
    `Số liệu!B${figureRow + 1}`,
  ]);
  for (const f of asDate) expect(findingMessage(f, "vi", "excel")).toContain("30/06/2015");
  expect(run.findings.map((f) => findingMessage(f, "vi", "excel")).join("\n")).not.toContain(
    String(JUNE_30_2015),
  );
});
