/**
 * What a planner does in Excel between two runs of the add-in, which Excel allows: renaming, deleting, protecting
 * sheets, naming tables and ranges, typing into cells. The add-in either writes its outputs or says clearly, in the
 * pane's language, what stopped it and what to do; nothing the planner typed is lost.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

const sample = () => FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
const ctxOf = (host: FakeExcel) => host.context() as Excel.RequestContext;
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
