/** "Add the missing sheet": the pane's remedy for MISSING_SHEET, on the strict fake host and on the .xlsx adapter. */
import ExcelJS from "exceljs";
import { FakeExcel, installExcelEnums, type SheetModel } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { addInputSheet } from "../../src/workbook/office/actions";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { planRowsToGrids, templateHeaders } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { INPUT_SHEETS, type SheetDef } from "../../src/engine/format";
import type { WorkbookGrids } from "../../src/engine/grid";
import { LISTS_SHEET, TEMPLATE_ROWS } from "../../src/workbook/inputSheet";

beforeAll(() => installExcelEnums());

const MISSABLE: SheetDef["key"][] = ["units", "indicators", "figures"];
const nameOf = (key: SheetDef["key"]) => INPUT_SHEETS.find((d) => d.key === key)?.name as string;

/** The sample's grids without one input sheet (and without the lists sheet, as a hand-made workbook has none). */
function without(key: SheetDef["key"]): WorkbookGrids {
  const grids = planRowsToGrids(samplePlanRows());
  return { sheets: grids.sheets.filter((g) => g.sheet !== nameOf(key)) };
}

const snapshot = (s: SheetModel) => JSON.stringify([...s.cells].sort(), null, 0);

describe("adding a missing input sheet in Excel (fake host)", () => {
  it.each(MISSABLE)("adds %s as the template has it and touches no other sheet", async (key) => {
    const host = FakeExcel.withGrids(without(key));
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    const before = new Map(host.sheets.map((s) => [s.name, snapshot(s)]));
    expect(checkWorkbook(await wb.readGrids(), null).findings.map((f) => f.code)).toContain("MISSING_SHEET");

    const name = await addInputSheet(wb, key);
    expect(name).toBe(nameOf(key));
    for (const [sheet, cells] of before) expect(snapshot(host.sheet(sheet) as SheetModel)).toBe(cells);
    // Số liệu has no drop-downs, so no lists sheet comes with it.
    const lists = key === "figures" ? [] : [LISTS_SHEET];
    expect(host.sheets.map((s) => s.name)).toEqual([...before.keys(), ...lists, name]);

    const added = host.sheet(name) as SheetModel;
    const codes = samplePlanRows().indicators.map((r) => String(r[0]));
    const headers = templateHeaders(key, key === "figures" ? codes : []);
    expect(headers.map((_, j) => added.cells.get(`0,${j}`)?.value)).toEqual(headers);
    expect(added.formats.get("0,0")).toMatchObject({ "font.bold": true, "fill.color": "#1F4E79" });
    expect(added.freeze).toEqual({ rows: 1, cols: 0 });
    expect(added.rowHeights.get(0)).toBe(30);
    expect(added.columnWidths.size).toBeGreaterThan(0);
    // Drop-downs read the hidden lists sheet, down to the template's last row.
    expect(added.dataValidations.length > 0).toBe(key !== "figures");
    for (const v of added.dataValidations) {
      expect(v.box.r0).toBe(1);
      expect(v.box.r1).toBe(TEMPLATE_ROWS - 1);
      expect(String((v.rule.list as { source: string }).source)).toMatch(
        /^='Danh mục'!\$[A-E]\$2:\$[A-E]\$\d+$/,
      );
    }
    if (key !== "figures") expect(host.sheet(LISTS_SHEET)?.visibility).toBe("Hidden");

    // Checked again: the sheet is no longer missing, and nothing else was lost.
    const after = checkWorkbook(await wb.readGrids(), null);
    expect(after.findings.filter((f) => f.code === "MISSING_SHEET")).toEqual([]);
  });

  it("without ExcelApi 1.8 adds the sheet without drop-downs, and keeps an existing lists sheet", async () => {
    const host = FakeExcel.withGrids(without("units"));
    host.supported.ExcelApi = "1.7";
    host.sheets.splice(host.sheets.indexOf(host.sheet(nameOf("indicators")) as SheetModel), 1);
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    await addInputSheet(wb, "units");
    expect(host.sheet(nameOf("units"))?.dataValidations).toEqual([]);
    // The lists sheet is there now: adding another sheet does not add a second one.
    await addInputSheet(wb, "indicators");
    expect(host.sheets.filter((s) => s.name === LISTS_SHEET)).toHaveLength(1);
  });

  it("refuses to add a sheet whose name is taken", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const wb = new OfficeWorkbook(host.runner());
    const before = host.sheets.map(snapshot);
    await expect(addInputSheet(wb, "units")).rejects.toThrow(/exists/);
    expect(host.sheets.map(snapshot)).toEqual(before);
  });
});

describe("adding a missing input sheet in the .xlsx adapter (the preview)", () => {
  async function workbookWithout(key: SheetDef["key"]): Promise<XlsxWorkbook> {
    const template = buildTemplate(samplePlanRows());
    template.removeWorksheet((template.getWorksheet(nameOf(key)) as ExcelJS.Worksheet).id);
    template.removeWorksheet((template.getWorksheet(LISTS_SHEET) as ExcelJS.Worksheet).id);
    return XlsxWorkbook.load(new Uint8Array(await template.xlsx.writeBuffer()));
  }

  it.each(MISSABLE)("adds %s with the template's headers, formats and drop-downs", async (key) => {
    const wb = await workbookWithout(key);
    const before = (await wb.readGrids()).sheets;
    await addInputSheet(wb, key);
    const after = (await wb.readGrids()).sheets;
    for (const g of before) expect(after.find((a) => a.sheet === g.sheet)).toEqual(g);
    expect(checkWorkbook({ sheets: after }, null).findings.some((f) => f.code === "MISSING_SHEET")).toBe(
      false,
    );

    // Read back as Excel would: compare with the template's own sheet (ExcelJS).
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load(Buffer.from(await wb.save()) as unknown as ArrayBuffer);
    const mine = saved.getWorksheet(nameOf(key)) as ExcelJS.Worksheet;
    const theirs = buildTemplate().getWorksheet(nameOf(key)) as ExcelJS.Worksheet;
    const row = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
    if (key !== "figures") expect(row(mine)).toEqual(row(theirs));
    expect(mine.getCell("A1").font?.bold).toBe(true);
    expect(mine.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const validations = (
      mine as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
    ).dataValidations.model;
    const template = (
      theirs as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
    ).dataValidations.model;
    const formulae = (m: Record<string, { formulae: string[] }>) =>
      [...new Set(Object.values(m).map((v) => v.formulae[0]))].sort();
    expect(formulae(validations)).toEqual(formulae(template));
    if (key !== "figures") expect(saved.getWorksheet(LISTS_SHEET)?.state).toBe("hidden");
    for (let j = 1; j <= theirs.columnCount; j++)
      if (theirs.getCell(2, j).numFmt) expect(mine.getCell(2, j).numFmt).toBe(theirs.getCell(2, j).numFmt);
  });
});
