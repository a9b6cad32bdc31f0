/**
 * A sheet of the planner's renamed to the name of an output they deleted is theirs: the .xlsx adapter records each
 * output's sheetId (workbook.xml keeps it across renames) and takes a listed sheet with another id that does not hold
 * what was written for the planner's, refused even with force, never written over. Where the file kept no id (a program
 * renumbered them all), the name decides as before. The add-in's record leaves the column empty (its rows are others).
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { planRowsToGrids } from "../../src/engine/planRows";
import { META_SHEET, UserSheetClashError } from "../../src/workbook/ownership";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { editPackage } from "../helpers/packages";

jest.setTimeout(60_000);
beforeAll(() => installExcelEnums());

const MINE = [
  ["Ghi chú của tôi", "Nội dung"],
  ["Họp ban chỉ đạo", 42],
];
const SUMMARY = "Tổng hợp Quý II-2015";
const specs = (grids: Parameters<typeof runPlan>[0]) =>
  runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false, summary: true }).sheets;

/** The sample with a sheet of the planner's (Ghi chú), computed once. */
async function computed(): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  await wb.addSheets([
    {
      spec: {
        name: "Ghi chú",
        kind: "results",
        blocks: [{ row: 1, col: 1, cells: MINE.map((r) => r.map((value) => ({ value }))) }],
      },
    },
  ]);
  await wb.applySheets(specs(await wb.readGrids()));
  return wb.save();
}

/** As Excel saves it after the planner deleted the summary tab and renamed Ghi chú to the summary's name. */
const deleteAndRename = (bytes: Uint8Array) =>
  editPackage(bytes, {
    "xl/workbook.xml": (x) => {
      const sheets = [...x.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);
      const gone = sheets.findIndex((t) => t.includes(`name="${SUMMARY}"`));
      return x
        .replace(sheets[gone], "")
        .replace('name="Ghi chú"', `name="${SUMMARY}"`)
        .replace(/<definedName\b[^>]*localSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g, (d, i: string) =>
          Number(i) === gone
            ? ""
            : Number(i) > gone
              ? d.replace(/localSheetId="\d+"/, `localSheetId="${Number(i) - 1}"`)
              : d,
        );
    },
  });

const cellsOf = async (bytes: Uint8Array, name: string) =>
  (await (await XlsxWorkbook.load(bytes)).readGrids()).sheets.find((g) => g.sheet === name)?.values;

describe("a planner's sheet renamed to the name of an output they deleted", () => {
  it(".xlsx: not owned (another sheetId, other cells): refused with or without force, kept as it is", async () => {
    const bytes = await deleteAndRename(await computed());
    expect(await cellsOf(bytes, SUMMARY)).toEqual(MINE);
    for (const force of [false, true]) {
      const wb = await XlsxWorkbook.load(bytes);
      expect(await wb.ownedSheets()).toEqual(["Kết quả", "Xếp hạng", "Kiểm tra"]);
      const error = await wb.applySheets(specs(await wb.readGrids()), { force }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserSheetClashError);
      expect((error as UserSheetClashError).sheet).toBe(SUMMARY);
      expect(await cellsOf(await wb.save(), SUMMARY)).toEqual(MINE);
    }
  });

  it(".xlsx: an output the planner edited keeps its id: still the product's, replaced with force", async () => {
    const wb = await XlsxWorkbook.load(await computed());
    wb.writeCells([{ sheet: SUMMARY, cell: "A3", value: "sửa tay" }]);
    const edited = await wb.save();
    const again = await XlsxWorkbook.load(edited);
    expect(await again.ownedSheets()).toContain(SUMMARY);
    await again.applySheets(specs(await again.readGrids()), { force: true });
    expect(JSON.stringify(await cellsOf(await again.save(), SUMMARY))).not.toContain("sửa tay");
  });

  it(".xlsx: ids renumbered by another program: the name decides, as before (an edited output replaced with force)", async () => {
    const wb0 = await XlsxWorkbook.load(await computed());
    wb0.writeCells([{ sheet: SUMMARY, cell: "A3", value: "sửa tay" }]);
    const renumbered = await editPackage(await wb0.save(), {
      "xl/workbook.xml": (x) =>
        x.replace(/sheetId="(\d+)"/g, (_m, n: string) => `sheetId="${Number(n) + 100}"`),
    });
    const wb = await XlsxWorkbook.load(renumbered);
    expect(await wb.ownedSheets()).toEqual(["Kết quả", "Xếp hạng", "Kiểm tra", SUMMARY]);
    await wb.applySheets(specs(await wb.readGrids()), { force: true });
    const out = await wb.save();
    expect(await (await XlsxWorkbook.load(out)).ownedSheets()).toHaveLength(4);
    expect(JSON.stringify(await cellsOf(out, SUMMARY))).not.toContain("sửa tay");
  });

  it(".xlsx: the sheets a write keeps are recorded with the sheetId they have now and the add-in's Worksheet.id", async () => {
    const wb0 = await XlsxWorkbook.load(await computed());
    // The add-in's ids beside the record's rows (J), as an add-in run leaves them.
    wb0.writeCells([2, 3, 4, 5].map((r) => ({ sheet: META_SHEET, cell: `J${r}`, value: `{id-${r}}` })));
    // Every id renumbered by another program: the names decide.
    const renumbered = await editPackage(await wb0.save(), {
      "xl/workbook.xml": (x) =>
        x.replace(/sheetId="(\d+)"/g, (_m, n: string) => `sheetId="${Number(n) + 100}"`),
    });
    const wb = await XlsxWorkbook.load(renumbered);
    // Kiểm tra alone written again: the others kept.
    await wb.applySheets(specs(await wb.readGrids()).filter((s) => s.kind === "findings"));
    const written = await wb.save();
    const again = await XlsxWorkbook.load(written);
    const ids = (await again.owned()).map((o) => [o.name, o.worksheetId ?? "", o.sheetId]);
    expect(ids).toEqual([
      ["Kết quả", "{id-2}", 108],
      ["Xếp hạng", "{id-3}", 109],
      [SUMMARY, "{id-5}", 111],
      ["Kiểm tra", "", 110],
    ]);
    // So an output the planner edits next is still the product's: replaced with force, not refused as theirs.
    again.writeCells([{ sheet: "Xếp hạng", cell: "B40", value: "sửa tay" }]);
    const edited = await XlsxWorkbook.load(await again.save());
    await edited.applySheets(specs(await edited.readGrids()), { force: true });
    expect(JSON.stringify(await cellsOf(await edited.save(), "Xếp hạng"))).not.toContain("sửa tay");
  });

  it("Office: rewriting the record clears the .xlsx adapter's sheet ids (column F) and part stamps of the sheets it replaces", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    const meta = host.sheet(META_SHEET)!;
    // As a CLI run leaves them: a stamp and an id beside each record row.
    for (let r = 0; r < 4; r++) {
      meta.cells.set(`${r},4`, {
        value: r ? "1a2b3c4d:100" : "part",
        formula: null,
        numberFormat: "General",
      });
      meta.cells.set(`${r},5`, { value: r ? 7 + r : "sheetId", formula: null, numberFormat: "General" });
    }
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    const left = [...host.sheet(META_SHEET)!.cells].filter(
      ([k, c]) => /^[1-9]\d*,[45]$/.test(k) && c.value !== "",
    );
    expect(left).toEqual([]);
  });
});
