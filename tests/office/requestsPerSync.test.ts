/**
 * One request to Excel per sync the adapter makes, as Microsoft's client sends them (tests/fakeExcel/realClient.ts):
 * the measuring harness must not add requests of its own (bench:office's request counts are these), and no batch of the
 * adapter's may end with a request that only instantiates objects (Excel.run sends what is queued when the batch
 * resolves: a round trip to Excel on the web for nothing).
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { measuredRunner, RequestLog } from "../fakeExcel/realClient";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

/** 1 Instantiate (OfficeExtension.ActionType). */
const INSTANTIATE = 1;

describe("requests as Microsoft's client sends them", () => {
  it("are one per sync, none of them only instantiating objects, for a first compute and a summary replacing it", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    for (const action of ["compute", "summary"] as const) {
      const log = new RequestLog(true);
      const wb = new OfficeWorkbook(measuredRunner(host, log), (set, v) => host.isSetSupported(set, v));
      const from = host.log.length;
      await runAction(wb, action, { lang: "vi" });
      const syncs = host.log.length - from;
      expect([action, log.requests.length]).toEqual([action, syncs]);
      const idle = log.bodies.filter((b) => b.Actions.every((a) => a.ActionType === INSTANTIATE));
      expect([action, idle.length]).toEqual([action, 0]);
    }
  });

  it("still refuses, on an item listed, a member the client's Worksheet lacks", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const run = measuredRunner(host, new RequestLog());
    await expect(
      run(async (ctx: Excel.RequestContext) => {
        const sheets = ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
        // A member the fake has and the client's Worksheet does not.
        return (sheets.items[0] as unknown as { host: unknown }).host;
      }),
    ).rejects.toThrow(/has no member/);
  });
});
