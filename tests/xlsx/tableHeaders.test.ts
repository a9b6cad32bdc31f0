/**
 * A table's column names are its header cells' text (ECMA-376 Part 1, 18.5.1.3 tableColumn: "the unique caption of the
 * table column. This is what shall be displayed in the header row"), unique in the table ignoring case, at most 255
 * characters (MS-OI29500 2.1.681). Excel repairs a file whose names and header cells differ ("Repaired Records: Table
 * from /xl/tables/tableN.xml"), and when it makes a table over duplicate headers (Excel's TableCollection.add) it
 * renames the header cells. Xếp hạng heads a column with each pillar's name, the planner's text: a pillar named as
 * another column ("Chỉ số"), two differing only in case, one with a line break. The spec itself carries Excel's unique
 * names, so both adapters write the same header cells, Excel renames none of them, and the fingerprint of what was
 * written is that of the sheet read back (the next run does not take the outputs for the planner's edits).
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { planRowsToGrids } from "../../src/engine/planRows";
import { tableColumnNames } from "../../src/engine/sheetSpec";
import type { PlanRows } from "../../src/engine/format";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { editPackage, partsOf } from "../helpers/packages";
import { describeErrors, sdkErrorsOf } from "../helpers/openXmlSdk";
import { excelRuleBreaks, tableHeaders } from "../helpers/excelRules";

jest.setTimeout(120_000);
beforeAll(() => installExcelEnums());

const LONG = `Ứng dụng ${"rất dài ".repeat(40)}`.trim();
const PILLARS = ["Chỉ số", "chỉ số", "Mã đơn vị", "Dòng một\nDòng hai", LONG, LONG.toUpperCase()];

/** The sample with its first indicators' pillars renamed so that Xếp hạng's header row repeats itself. */
function clashingPlan(): PlanRows {
  const rows = samplePlanRows();
  return {
    ...rows,
    indicators: rows.indicators.map((r, i) =>
      i < PILLARS.length ? r.map((v, j) => (j === 2 ? PILLARS[i] : v)) : r,
    ),
  };
}

const run = (grids: Parameters<typeof runPlan>[0]) =>
  runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false, summary: true }).sheets;

/** Each table of a package: its header cells' text and its tableColumn names, as Excel reads them. */
const tablesOf = async (bytes: Uint8Array) => tableHeaders(await partsOf(bytes));

describe("tableColumnNames: Excel's names for a header row", () => {
  it("duplicates ignoring case get a number, blanks are ColumnN, long names are cut to 255", () => {
    expect(tableColumnNames(["Tên", "tên", "", "Tên2", "TÊN", null])).toEqual([
      "Tên",
      "tên2",
      "Column3",
      "Tên22",
      "TÊN3",
      "Column6",
    ]);
    const long = tableColumnNames(["x".repeat(300), "X".repeat(300)]);
    expect(long.map((n) => n.length)).toEqual([255, 255]);
    expect(long[0].toLowerCase()).not.toBe(long[1].toLowerCase());
  });
});

describe("table header cells and column names agree", () => {
  it("every output spec's table header row already holds Excel's names, in both languages", () => {
    for (const lang of ["vi", "en"] as const)
      for (const spec of runPlan(planRowsToGrids(clashingPlan()), {
        period: "2015-Q2",
        lang,
        robustness: false,
        summary: true,
      }).sheets)
        for (const t of spec.tables ?? []) {
          const from = Number(/\d+/.exec(t.range)![0]);
          const header = spec.blocks.find((b) => b.row === from)!.cells[0].map((c) => c.value);
          expect([spec.name, header]).toEqual([spec.name, tableColumnNames(header)]);
        }
  });

  it(".xlsx: every table's tableColumn names are its header cells' text, unique, and the validator finds nothing", async () => {
    const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(clashingPlan())).save());
    await wb.applySheets(run(await wb.readGrids()));
    const bytes = await wb.save();
    const tables = await tablesOf(bytes);
    const ranking = tables.find((t) => t.table === "XepHang")!;
    expect(ranking.cells.slice(3, 3 + PILLARS.length)).toEqual(
      expect.arrayContaining(["Chỉ số", "chỉ số2", "Mã đơn vị2", "Dòng một\nDòng hai"]),
    );
    for (const t of tables) {
      expect([t.table, t.names]).toEqual([t.table, t.cells]);
      expect(new Set(t.names.map((n) => n.toLowerCase())).size).toBe(t.names.length);
      expect(t.names.every((n) => n.length > 0 && n.length <= 255)).toBe(true);
    }
    expect([...describeErrors(await sdkErrorsOf(bytes, "xlsx")), ...(await excelRuleBreaks(bytes))]).toEqual(
      [],
    );
  });

  it(".xlsx: Xếp hạng re-saved by another program is not taken for the planner's edit on the next run", async () => {
    let wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(clashingPlan())).save());
    await wb.applySheets(run(await wb.readGrids()));
    let bytes = await wb.save();
    const parts = await partsOf(bytes);
    const xml = new TextDecoder().decode(parts.get("xl/workbook.xml"));
    const rId = /<sheet [^>]*name="Xếp hạng"[^>]*r:id="(rId\d+)"/.exec(xml)![1];
    const rels = new TextDecoder().decode(parts.get("xl/_rels/workbook.xml.rels"));
    const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`)
      .exec(rels)![1]
      .replace(/^\/?(xl\/)?/, "xl/");
    // Another program's save: the same cells, other bytes (the part is read and fingerprinted again).
    bytes = await editPackage(bytes, { [target]: (x) => x.replace("<sheetData>", "<sheetData>\n") });
    wb = await XlsxWorkbook.load(bytes);
    await expect(wb.applySheets(run(await wb.readGrids()))).resolves.not.toThrow();
  });

  it("Office: Excel renames no header cell when the table is made, and the next run takes nothing for an edit", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(clashingPlan()));
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    const spec = run(planRowsToGrids(clashingPlan())).find((s) => s.kind === "ranking")!;
    const header = spec.blocks.find((b) => b.row === 4)!.cells[0].map((c) => c.value);
    const shown = host.shown("Xếp hạng");
    expect(header.map((_, j) => shown[`3,${j}`])).toEqual(header);
    await expect(runAction(wb, "compute", { lang: "vi", period: "2015-Q2" })).resolves.toBeDefined();
  });
});

describe("output table names on the .xlsx path, as on the Office path", () => {
  /** Each table's sheet and name, after computing `runs` times. */
  async function namesAfter(bytes: Uint8Array, runs: number): Promise<string[][]> {
    for (let i = 0; i < runs; i++) {
      const wb = await XlsxWorkbook.load(bytes);
      await wb.applySheets(run(await wb.readGrids()));
      bytes = await wb.save();
    }
    const parts = await partsOf(bytes);
    const text = (n: string) => new TextDecoder().decode(parts.get(n));
    const sheets = [...text("xl/workbook.xml").matchAll(/<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)];
    const rels = text("xl/_rels/workbook.xml.rels");
    return sheets.flatMap(([, name, rId]) => {
      const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)![1].replace(/^\/?(xl\/)?/, "");
      const own = `xl/${target.replace(/([^/]+)$/, "_rels/$1.rels")}`;
      if (!parts.has(own)) return [];
      return [...text(own).matchAll(/Target="\.\.\/tables\/([^"]+)"/g)].map((t) => [
        name,
        /displayName="([^"]+)"/.exec(text(`xl/tables/${t[1]}`))![1],
      ]);
    });
  }
  const OUTPUT_TABLES = [
    ["Kết quả", "KetQua"],
    ["Xếp hạng", "XepHang"],
    ["Kiểm tra", "KiemTra"],
  ];

  it("a rewritten output's table keeps its name run after run (not KetQua_2 every other run)", async () => {
    const sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
    for (const runs of [1, 2, 3])
      expect(
        (await namesAfter(sample, runs)).filter(([s]) => s !== "Đơn vị" && !/^(Cấu|Chỉ|Số)/.test(s)),
      ).toEqual(OUTPUT_TABLES);
  });

  it("a planner's table or defined name with an output table's name keeps it; the output's takes the next", async () => {
    const sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
    const theirs = await editPackage(sample, {
      "xl/tables/table2.xml": (x) => x.replace(/(displayName|name)="DonVi"/g, '$1="ketqua"'),
      "xl/workbook.xml": (x) =>
        x.replace(
          "<calcPr",
          `<definedNames><definedName name="XEPHANG">'Đơn vị'!$A$1</definedName></definedNames><calcPr`,
        ),
    });
    for (const runs of [1, 2])
      expect(await namesAfter(theirs, runs)).toEqual(
        expect.arrayContaining([
          ["Đơn vị", "ketqua"],
          ["Kết quả", "KetQua_2"],
          ["Xếp hạng", "XepHang_2"],
          ["Kiểm tra", "KiemTra"],
        ]),
      );
  });
});
