/**
 * What a planner does in Excel between two runs of the add-in, which Excel allows: renaming, deleting, protecting
 * sheets, naming tables and ranges, typing into cells. The add-in either writes its outputs or says clearly, in the
 * pane's language, what stopped it and what to do; nothing the planner typed is lost.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { addInputSheet, runAction } from "../../src/workbook/office/actions";
import { inputSheet } from "../../src/workbook/inputSheet";
import { describeOfficeError } from "../../src/taskpane/errors";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

const sample = () => FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
const ctxOf = (host: FakeExcel) => host.context() as Excel.RequestContext;
/** A sheet's cells as the planner sees them in the formula bar. */
function contents(host: FakeExcel, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of host.sheet(name)!.cells) {
    const v = c.formula !== null ? host.render(c.formula) : c.value;
    if (v !== "") out[k] = v;
  }
  return out;
}
const tablesOf = (host: FakeExcel) => host.tables.map((t) => [t.sheet.name, t.name]);

describe("a planner's table or defined name with an output table's name", () => {
  it("the output table takes the next free name (KetQua_2) and the write completes, run after run", async () => {
    const host = sample();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Đơn vị").tables.add("A1:B3", true).name = "KetQua";
    ctx.workbook.names.add("XepHang", "='Đơn vị'!$A$1");
    await ctx.sync();
    const wb = new OfficeWorkbook(host.runner());
    for (const lang of ["vi", "en"] as const) {
      await runAction(wb, "compute", { lang, period: "2015-Q2", force: true });
      expect(
        host.sheets.map((s) => s.name).filter((n) => n.startsWith("ictplan_") && n !== "ictplan_meta"),
      ).toEqual([]);
      expect(tablesOf(host).sort()).toEqual(
        [
          ["Đơn vị", "KetQua"],
          [lang === "vi" ? "Kết quả" : "Results", "KetQua_2"],
          [lang === "vi" ? "Xếp hạng" : "Ranking", "XepHang_2"],
          [lang === "vi" ? "Kiểm tra" : "Checks", "KiemTra"],
        ].sort(),
      );
      // The swap finished: the calculation it requests ran.
      expect(host.calculations).toBeGreaterThan(0);
    }
    expect(host.names.find((n) => n.name === "XepHang")).toBeDefined();
  });
});

describe("adding a missing input sheet beside the planner's sheets", () => {
  it("a lists sheet the planner renamed in another case (DANH MỤC) is the lists sheet: only the input sheet is added", async () => {
    const host = sample();
    host.sheets = host.sheets.filter((s) => s.name !== "Đơn vị");
    host.addSheet("DANH MỤC", [["Nhóm xếp hạng"], ["Sở, ban, ngành"]]);
    const wb = new OfficeWorkbook(host.runner());
    expect(await addInputSheet(wb, "units", "vi")).toBe("Đơn vị");
    expect(host.sheets.map((s) => s.name)).toEqual(["Cấu hình", "Chỉ tiêu", "Số liệu", "DANH MỤC", "Đơn vị"]);
    expect(contents(host, "DANH MỤC")).toEqual({ "0,0": "Nhóm xếp hạng", "1,0": "Sở, ban, ngành" });
  });

  it("a sheet with the new sheet's name in another case or Unicode form: a message naming it, nothing added", async () => {
    const host = sample();
    host.sheets = host.sheets.filter((s) => s.name !== "Đơn vị");
    // Typed with a decomposed-Unicode keyboard setting (Unikey "tổ hợp"): the same name to Excel.
    const theirs = "ĐƠN VỊ".normalize("NFD");
    host.addSheet(theirs, [["của tôi"]]);
    const names = host.sheets.map((s) => s.name);
    const error = await new OfficeWorkbook(host.runner())
      .addSheets([inputSheet("units")])
      .catch((e: unknown) => e);
    expect(describeOfficeError(error, "vi")).toMatch(new RegExp(`Đổi tên.*"${theirs}"`));
    expect(describeOfficeError(error, "en")).toMatch(new RegExp(`Rename it.*"${theirs}"`));
    expect(host.sheets.map((s) => s.name)).toEqual(names);
  });
});
