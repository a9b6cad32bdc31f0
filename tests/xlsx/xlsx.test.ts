import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { runPlan } from "../../src/engine/pipeline";
import { INPUT_SHEETS } from "../../src/engine/format";
import { EditedOutputError } from "../../src/workbook/ownership";
import type { Grid } from "../../src/engine/grid";

async function sampleBytes(): Promise<Uint8Array> {
  return XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
}

async function computeOnce(bytes: Uint8Array, force = false): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.load(bytes);
  const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
  await wb.applySheets(run.sheets, { force });
  return wb.save();
}

const byName = (sheets: readonly Grid[], name: string) => sheets.find((g) => g.sheet === name);

describe("the template", () => {
  it("has the four input sheets with their headers, and checks clean of errors", async () => {
    const bytes = await XlsxWorkbook.of(buildTemplate()).save();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    for (const def of INPUT_SHEETS) {
      const ws = wb.getWorksheet(def.name);
      expect(ws).toBeDefined();
      const headers = def.columns.map((_, i) => ws!.getRow(1).getCell(i + 1).value);
      expect(headers).toEqual(def.columns.map((c) => c.header));
      expect(ws!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toHaveLength(1);
    }
    expect(wb.getWorksheet("Hướng dẫn")).toBeDefined();
    const units = wb.getWorksheet("Đơn vị")!;
    const dv = (
      units as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    for (const cell of ["C2", "C500"])
      expect(dv[cell]).toMatchObject({ type: "list", formulae: ["'Danh mục'!$A$2:$A$4"] });
    const grids = await (await XlsxWorkbook.load(bytes)).readGrids();
    expect(checkWorkbook(grids).findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("a planner's own layout in an .xlsx file", () => {
  it("a group merged down Đơn vị and a heading merged across a row read as Excel shows them, with no error", async () => {
    // The sample's Đơn vị table gets a heading row on top and its two groups merged down column C, as in Excel.
    const wb = buildTemplate(samplePlanRows());
    const ws = wb.getWorksheet("Đơn vị")!;
    ws.spliceRows(2, 0, ["I. KHỐI SỞ, BAN, NGÀNH"]);
    ws.mergeCells("A2:D2");
    for (let r = 4; r <= 24; r++) ws.getCell(`C${r}`).value = null;
    ws.mergeCells("C3:C24");
    const bytes = await XlsxWorkbook.of(wb).save();
    const grids = await (await XlsxWorkbook.load(bytes)).readGrids();
    expect(byName(grids.sheets, "Đơn vị")?.merges).toEqual(expect.arrayContaining(["A2:D2", "C3:C24"]));
    const { plan, findings } = checkWorkbook(grids, "2015-Q2");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.filter((f) => f.code === "NOTE_ROW").map((f) => f.cell)).toEqual(["A2"]);
    expect(plan.units.filter((u) => u.group === "department")).toHaveLength(22);
  });
});

describe("compute on an .xlsx file", () => {
  let input: Uint8Array;
  let output: Uint8Array;
  beforeAll(async () => {
    input = await sampleBytes();
    output = await computeOnce(input);
  });

  it("leaves every input sheet unchanged, cell for cell, values and formulas", async () => {
    const before = await (await XlsxWorkbook.load(input)).readGrids();
    const after = await (await XlsxWorkbook.load(output)).readGrids();
    for (const g of before.sheets) {
      const a = byName(after.sheets, g.sheet);
      expect(a?.values).toEqual(g.values);
      expect(a?.formulas).toEqual(g.formulas);
    }
  });

  it("writes the four output sheets with formulas and their cached results", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ExcelJS.Buffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(["Kết quả", "Xếp hạng", "Kiểm tra", "Tổng hợp Quý II-2015"]),
    );
    const rank = wb.getWorksheet("Xếp hạng")!;
    const cell = rank.getRow(5).getCell(10).value as ExcelJS.CellFormulaValue;
    expect(cell.formula).toMatch(/^ROUND\(/);
    expect(typeof cell.result).toBe("number");
    expect(rank.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToWidth: 1 });
  });

  it("adds native chart parts that the package declares and the summary sheet links", async () => {
    const zip = await JSZip.loadAsync(output);
    const charts = Object.keys(zip.files)
      .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    // Attainment by indicator, then one index chart per ranking group (departments, districts).
    expect(charts.length).toBe(3);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const c of charts) expect(types).toContain(`/${c}`);
    const [attainment, departments] = await Promise.all(
      charts.slice(0, 2).map((c) => zip.file(c)!.async("string")),
    );
    expect(attainment).toContain("<c:chartSpace");
    // Names, not codes; shares as percent on a 0–100% axis.
    expect(attainment).toContain("<c:v>Có mạng nội bộ (LAN) kết nối Internet</c:v>");
    expect(attainment).not.toMatch(/<c:v>[A-Z_]+<\/c:v>/);
    expect(attainment).toContain('<c:max val="1"/><c:min val="0"/>');
    expect(attainment).toContain('formatCode="0%"');
    // Index 0–100, rank 1 at the top, one bar per unit in its grade's colour, no legend (one series).
    expect(departments).toMatch(/<c:f>'Tổng hợp Quý II-2015'!\$I\$\d+:\$I\$\d+<\/c:f>/);
    expect(departments).toContain('<c:max val="100"/><c:min val="0"/>');
    expect(departments).toContain('<c:orientation val="maxMin"/>');
    expect(departments.match(/<c:dPt>/g)).toHaveLength(22);
    expect(departments).toContain('<a:srgbClr val="2E7D32"/>');
    expect(departments).not.toContain("<c:legend>");
    expect(departments.match(/<c:ser>/g)).toHaveLength(1);
    const drawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f));
    expect(drawings).toHaveLength(1);
    const sheets = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    expect(sheets.filter((s) => /<drawing r:id="rId\d+"\/>/.test(s))).toHaveLength(1);
  });

  it("is idempotent: computing its own output again gives the same output sheets", async () => {
    const again = await computeOnce(output);
    const a = await (await XlsxWorkbook.load(output)).readGrids();
    const b = await (await XlsxWorkbook.load(again)).readGrids();
    expect(b.sheets.map((s) => s.sheet)).toEqual(a.sheets.map((s) => s.sheet));
    for (const g of a.sheets) expect(byName(b.sheets, g.sheet)).toEqual(g);
  });

  it("refuses to overwrite an output sheet the user edited, unless forced", async () => {
    const wb = await XlsxWorkbook.load(output);
    wb.writeCells([{ sheet: "Xếp hạng", cell: "B5", value: "Ghi chú của tôi" }]);
    const edited = await wb.save();
    await expect(computeOnce(edited)).rejects.toBeInstanceOf(EditedOutputError);
    const forced = await computeOnce(edited, true);
    const grids = await (await XlsxWorkbook.load(forced)).readGrids();
    expect(byName(grids.sheets, "Xếp hạng")?.values[4][1]).not.toBe("Ghi chú của tôi");
  });

  it("knows its own unedited output from the parts' CRC-32 without reading the sheets; a part re-saved differently goes to the fingerprint", async () => {
    const wb = await XlsxWorkbook.load(output);
    const owned = await wb.owned();
    expect(owned.length).toBeGreaterThan(0);
    for (const o of owned) expect(o.part).toMatch(/^[0-9a-f]{1,8}:\d+$/);
    const read = jest.spyOn(
      XlsxWorkbook.prototype as unknown as { grid(s: { name: string }): unknown },
      "grid",
    );
    try {
      expect(await wb.unchangedSinceWritten()).toBe(true);
      expect(new Set(read.mock.calls.map(([s]) => s.name))).toEqual(new Set(["ictplan_meta"]));
      // The same cells in other bytes (a view setting), as another program may save them: read and fingerprinted.
      const zip = await JSZip.loadAsync(output);
      // Kết quả is the largest sheet part.
      const parts = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
      const texts = await Promise.all(parts.map((f) => zip.file(f)!.async("string")));
      const k = texts.reduce((best, t, i) => (t.length > texts[best].length ? i : best), 0);
      const [results, xml] = [parts[k], texts[k]];
      zip.file(results, xml.replace("<sheetView ", '<sheetView zoomScale="90" '));
      const resaved = await XlsxWorkbook.load(
        new Uint8Array(await zip.generateAsync({ type: "uint8array" })),
      );
      read.mockClear();
      expect(await resaved.editedSheets()).toEqual([]);
      expect(read.mock.calls.map(([s]) => s.name)).toContain("Kết quả");
      // And the title typed over in those bytes is seen.
      zip.file(results, xml.replace(/(<c r="A1"[^>]*><is><t[^>]*>)[^<]*/, "$1Ghi chú của tôi"));
      const edited = await XlsxWorkbook.load(new Uint8Array(await zip.generateAsync({ type: "uint8array" })));
      expect(await edited.editedSheets()).toEqual(["Kết quả"]);
    } finally {
      read.mockRestore();
    }
  });

  it("never writes over a sheet it does not own", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(input as unknown as ExcelJS.Buffer);
    book.addWorksheet("Kết quả").getCell("A1").value = "của người dùng";
    const wb = await XlsxWorkbook.load(new Uint8Array(await book.xlsx.writeBuffer()));
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    await expect(wb.applySheets(run.sheets)).rejects.toThrow(/not owned/);
    const after = await (await XlsxWorkbook.load(await wb.save())).readGrids();
    expect(byName(after.sheets, "Kết quả")?.values).toEqual([["của người dùng"]]);
  });

  it("keeps text that looks like a formula as text", async () => {
    const wb = await XlsxWorkbook.load(input);
    wb.writeCells([{ sheet: "Đơn vị", cell: "B2", value: '=HYPERLINK("http://x")' }]);
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    await wb.applySheets(run.sheets);
    const out = await XlsxWorkbook.load(await wb.save());
    const grids = await out.readGrids();
    const rank = byName(grids.sheets, "Xếp hạng")!;
    const row = rank.values.findIndex((r) => r[0] === "STTTT");
    expect(rank.values[row][1]).toBe('=HYPERLINK("http://x")');
    expect(rank.formulas?.[row][1] ?? null).toBeNull();
  });
});

describe("functions newer than Excel 2007", () => {
  it("are stored with the _xlfn. prefix Excel and LibreOffice need, and read back as typed", async () => {
    const rows = samplePlanRows();
    const zscore = {
      ...rows,
      settings: [...rows.settings.filter(([k]) => k !== "Chuẩn hóa"), ["Chuẩn hóa", "Z-score"] as const],
    };
    const bytes = await computeOnce(await XlsxWorkbook.of(buildTemplate(zscore)).save());
    const zip = await JSZip.loadAsync(bytes);
    const xml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
          .map((f) => zip.file(f)!.async("string")),
      )
    ).join("");
    expect(xml).toContain("_xlfn.NORM.S.DIST(");
    expect(xml).not.toMatch(/[^.]NORM\.S\.DIST\(/);
    const results = byName((await (await XlsxWorkbook.load(bytes)).readGrids()).sheets, "Kết quả")!;
    const formulas = results.formulas!.flat().filter((f): f is string => f !== null);
    expect(formulas.some((f) => f.includes("NORM.S.DIST("))).toBe(true);
    expect(formulas.some((f) => f.includes("_xlfn."))).toBe(false);
    // Read back as typed, the output matches its fingerprint: recomputing needs no --force.
    await expect(computeOnce(bytes)).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe("the bundled sample file", () => {
  it("assets/samples/lao-cai-2015.xlsx holds exactly what the sample code generates (npm run sample)", async () => {
    const { readFile } = await import("node:fs/promises");
    const committed = await (
      await XlsxWorkbook.load(await readFile(`${__dirname}/../../assets/samples/lao-cai-2015.xlsx`))
    ).readGrids();
    const fresh = await (await XlsxWorkbook.load(await sampleBytes())).readGrids();
    expect(committed).toEqual(fresh);
    expect(checkWorkbook(committed).findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("partial writes", () => {
  it("writing only the checks sheet keeps the other owned sheets; one summary tab per period", async () => {
    const wb = await XlsxWorkbook.load(await computeOnce(await sampleBytes()));
    const grids = await wb.readGrids();
    const q1 = runPlan(grids, { period: "2015-Q1", lang: "vi", robustness: false, asOf: "2015-04-10" });
    await wb.applySheets(q1.sheets.filter((s) => s.kind === "findings"));
    expect(await wb.ownedSheets()).toEqual(
      expect.arrayContaining(["Kết quả", "Xếp hạng", "Tổng hợp Quý II-2015", "Kiểm tra"]),
    );
    await wb.applySheets(q1.sheets);
    const again = await XlsxWorkbook.load(await wb.save());
    // One tab per period: Quý I's summary joins Quý II's.
    expect((await again.ownedSheets()).filter((n) => n.startsWith("Tổng hợp")).sort()).toEqual([
      "Tổng hợp Quý I-2015",
      "Tổng hợp Quý II-2015",
    ]);
    const before = await again.sheetNames();
    // Regenerating Q1 replaces only Q1's tab, in its place.
    const q1b = runPlan(await again.readGrids(), { period: "2015-Q1", lang: "vi", robustness: false });
    await again.applySheets(q1b.sheets, { force: true });
    expect(await again.sheetNames()).toEqual(before);
  });
});
