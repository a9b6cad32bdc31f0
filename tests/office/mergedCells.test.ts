/**
 * A group merged down Đơn vị in Excel: the add-in reads the merged areas (ExcelApi 1.13, in the request that reads the
 * sheets' bounds) and the plan reads as on the CLI; past Excel's 512 merged areas, or on an older Excel, it reads the
 * sheets without them, as before.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { inspectWorkbook } from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

type Ctx = {
  workbook: {
    worksheets: { getItem(n: string): { getRange(a: string): { merge(across?: boolean): void } } };
  };
  sync(): Promise<void>;
};

/** The sample in a host of the given ExcelApi, with Đơn vị's two groups merged down column C (and more merges). */
async function mergedHost(version: string, extraMerges = 0): Promise<FakeExcel> {
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: version });
  const ctx = host.context() as Ctx;
  const units = ctx.workbook.worksheets.getItem("Đơn vị");
  units.getRange("C2:C23").merge();
  units.getRange("C24:C32").merge();
  // Merged pairs of empty cells off to the right, as a sheet with many merged cells has them.
  for (let i = 0; i < extraMerges; i++) units.getRange(`H${i + 2}:I${i + 2}`).merge();
  await ctx.sync();
  return host;
}

const errorsOf = async (host: FakeExcel, supports: (s: string, v: string) => boolean) =>
  (await inspectWorkbook(new OfficeWorkbook(host.runner(), supports))).findings.filter(
    (f) => f.severity === "error",
  );

describe("a group merged down Đơn vị, read by the add-in", () => {
  it("reads on every row it covers, in the requests it made before", async () => {
    const host = await mergedHost("1.13");
    expect(host.valueAt("Đơn vị", "C3")).toBe("");
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    const { plan, findings } = await inspectWorkbook(wb);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(plan.units.filter((u) => u.group === "department")).toHaveLength(22);
    expect(plan.units.filter((u) => u.group === "district")).toHaveLength(9);
    // Sheet names, bounds with merged areas, one request of cells.
    expect(wb.syncs).toBe(3);
  });

  it("on an Excel without ExcelApi 1.13 the rows below a merge read blank, as before (errors, no failure)", async () => {
    const host = await mergedHost("1.12");
    const errors = await errorsOf(host, (s, v) => host.isSetSupported(s, v));
    expect(errors.filter((f) => f.code === "MISSING_VALUE")).toHaveLength(29);
  });

  it("past 512 merged areas Excel gives none: the sheets are read without them", async () => {
    const host = await mergedHost("1.13", 520);
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    const { findings } = await inspectWorkbook(wb);
    expect(findings.filter((f) => f.code === "MISSING_VALUE")).toHaveLength(29);
    expect(wb.syncs).toBe(4);
  });
});
