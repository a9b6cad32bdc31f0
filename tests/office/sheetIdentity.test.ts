/**
 * A sheet of the planner's renamed in Excel to the name of an output they deleted is theirs: the add-in records each
 * output's Worksheet.id (kept across renames) and takes a listed sheet with another id that does not hold what was
 * written for the planner's, refused with or without the pane's Overwrite, never written over, as the .xlsx path
 * does by sheetId (tests/xlsx/sheetIdentity.test.ts). A record without ids, or whose ids none of its sheets keeps,
 * is decided by names as before; each path carries the other's ids for the sheets it keeps.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { describeOfficeError } from "../../src/taskpane/errors";
import { EditedOutputError, META_SHEET, UserSheetClashError } from "../../src/workbook/ownership";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

const MINE = [
  ["Ghi chú của tôi", "Nội dung"],
  ["Họp ban chỉ đạo", 42],
];
const OUTPUTS = ["Kết quả", "Xếp hạng", "Kiểm tra"];
const compute = (wb: OfficeWorkbook, force = false) =>
  runAction(wb, "compute", { lang: "vi", period: "2015-Q2", force });

/** The sample with a sheet of the planner's (Ghi chú), computed once in the add-in. */
async function computed(): Promise<{ host: FakeExcel; wb: OfficeWorkbook }> {
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
  host.addSheet("Ghi chú", MINE);
  const wb = new OfficeWorkbook(host.runner());
  await compute(wb);
  return { host, wb };
}

/** What the planner does in Excel: deletes Kết quả, then gives Ghi chú its name. */
async function deleteAndRename(host: FakeExcel): Promise<void> {
  const ctx = host.context() as Excel.RequestContext;
  ctx.workbook.worksheets.getItem("Kết quả").delete();
  ctx.workbook.worksheets.getItem("Ghi chú").name = "Kết quả";
  await ctx.sync();
}

/** The record's column (0-based) of the ownership sheet, rows 2 on. */
const recordColumn = (host: FakeExcel, col: number) => {
  const meta = host.sheet(META_SHEET)!;
  const rows = [...meta.cells.keys()].map((k) => Number(k.split(",")[0])).filter((r) => r > 0);
  return Array.from(
    { length: Math.max(0, ...rows) },
    (_, i) => meta.cells.get(`${i + 1},${col}`)?.value ?? "",
  );
};

/** Sets cells of the ownership sheet as another writer left them (test set-up, not through the API). */
function setMeta(host: FakeExcel, cells: Record<string, string>): void {
  const meta = host.sheet(META_SHEET)!;
  for (const [k, value] of Object.entries(cells))
    if (value === "") meta.cells.delete(k);
    else meta.cells.set(k, { value, formula: null, numberFormat: "General" });
  host.markDirty();
}

describe("the add-in: a planner's sheet renamed to the name of an output they deleted", () => {
  it("records each output's Worksheet.id (column J), unique, kept through the swap's renames", async () => {
    const { host } = await computed();
    const ids = recordColumn(host, 9);
    expect(ids).toEqual(OUTPUTS.map((n) => host.sheet(n)!.id));
    expect(new Set(ids).size).toBe(3);
    expect(host.sheet(META_SHEET)!.cells.get("0,9")?.value).toBe("worksheetId");
  });

  it("not owned (another id, other cells): refused with or without Overwrite, naming it; kept as it is", async () => {
    const { host, wb } = await computed();
    await deleteAndRename(host);
    const mine = host.shown("Kết quả");
    expect(await wb.ownedSheets()).toEqual(["Xếp hạng", "Kiểm tra"]);
    for (const force of [false, true]) {
      const error = await compute(wb, force).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserSheetClashError);
      expect((error as UserSheetClashError).sheet).toBe("Kết quả");
      expect(describeOfficeError(error, "vi")).toMatch(/Đổi tên.*"Kết quả"/);
      expect(describeOfficeError(error, "en")).toMatch(/Rename it.*"Kết quả"/);
      expect(host.shown("Kết quả")).toEqual(mine);
    }
    // Renamed, it is left alone and the outputs are written again beside it (with Overwrite: Xếp hạng's formulas
    // turned to #REF! when Kết quả was deleted).
    const ctx = host.context() as Excel.RequestContext;
    ctx.workbook.worksheets.getItem("Kết quả").name = "Ghi chú";
    await ctx.sync();
    await compute(wb, true);
    expect(host.shown("Ghi chú")).toEqual(mine);
    expect(await wb.ownedSheets()).toEqual(OUTPUTS);
  });

  it("an output the planner edited keeps its id: still the product's, refused as edited, replaced with Overwrite", async () => {
    const { host, wb } = await computed();
    host.userEdit("Xếp hạng", "B40", "ghi chú của tôi");
    await expect(compute(wb)).rejects.toBeInstanceOf(EditedOutputError);
    await compute(wb, true);
    expect(JSON.stringify(host.shown("Xếp hạng"))).not.toContain("ghi chú của tôi");
  });

  it("a record without ids (an earlier version's, the CLI's) or with none of its ids kept: the name decides, as before", async () => {
    const variants: ((row: number) => string)[] = [() => "", (row) => `{khác-${row}}`];
    for (const ids of variants) {
      const { host, wb } = await computed();
      setMeta(host, Object.fromEntries([1, 2, 3].map((r) => [`${r},9`, ids(r)])));
      host.userEdit("Xếp hạng", "B40", "ghi chú của tôi");
      expect(await wb.ownedSheets()).toEqual(OUTPUTS);
      await expect(compute(wb)).rejects.toBeInstanceOf(EditedOutputError);
      await compute(wb, true);
      expect(JSON.stringify(host.shown("Xếp hạng"))).not.toContain("ghi chú của tôi");
      // The record written now has the ids again.
      expect(recordColumn(host, 9)).toEqual(OUTPUTS.map((n) => host.sheet(n)!.id));
    }
  });

  it("the .xlsx adapter's part stamps and sheetIds (E:F) stay for the sheets a write keeps, go for those it replaces", async () => {
    const { host, wb } = await computed();
    // As a CLI run leaves them beside each record row.
    setMeta(
      host,
      Object.fromEntries(
        [1, 2, 3].flatMap((r) => [
          [`${r},4`, `1a2b3c4${r}:100`],
          [`${r},5`, String(6 + r)],
        ]),
      ),
    );
    // Kiểm tra alone is written again: Kết quả and Xếp hạng are kept.
    await runAction(wb, "validate", { lang: "vi", period: "2015-Q2" });
    const names = recordColumn(host, 0);
    expect(names).toEqual(OUTPUTS);
    expect(recordColumn(host, 5)).toEqual(["7", "8", ""]);
    expect(recordColumn(host, 4)).toEqual(["1a2b3c41:100", "1a2b3c42:100", ""]);
    expect(recordColumn(host, 9)).toEqual(OUTPUTS.map((n) => host.sheet(n)!.id));
  });
});
