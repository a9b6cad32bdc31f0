/**
 * The write protocol's temporary sheets (ictplan_tmp_<k>, ictplan_old_<k>) and the planner's sheets of such names: the
 * product removes only the temporary sheets it can prove it wrote (listed in its ownership record, their cells as it
 * wrote them); a sheet of the planner's with such a name is never deleted, overwritten or renamed.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { OutputWriteError } from "../../src/workbook/office/writeError";
import { runAction } from "../../src/workbook/office/actions";
import { META_SHEET } from "../../src/workbook/ownership";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { describeOfficeError } from "../../src/taskpane/errors";

beforeAll(() => installExcelEnums());

const sample = () => FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
const isScratch = (n: string) => /^ictplan_(tmp|old)_/i.test(n);
const OUTPUTS = ["Kết quả", "Xếp hạng", "Kiểm tra"];

/** A sheet's cells as the planner sees them in the formula bar. */
const contents = (host: FakeExcel, name: string) => host.shown(name);

/** Every text on the ownership sheet. */
const metaTexts = (host: FakeExcel) =>
  [...host.sheet(META_SHEET)!.cells.values()].map((c) => String(c.value));

describe("a planner's sheets named like the write's temporary sheets", () => {
  it("ictplan_tmp_0, ictplan_old_0, ICTPLAN_TMP_1: kept as they are, run after run; the outputs are written", async () => {
    const host = sample();
    const theirs = {
      ictplan_tmp_0: [["ghi chú của tôi", 42]],
      ictplan_old_0: [["bản cũ", "=1+2"]],
      ICTPLAN_TMP_1: [["nháp"]],
    };
    for (const [name, rows] of Object.entries(theirs)) host.addSheet(name, rows);
    const before = Object.keys(theirs).map((n) => [n, contents(host, n)]);
    const wb = new OfficeWorkbook(host.runner());
    for (const lang of ["vi", "en", "vi"] as const) {
      await runAction(wb, "compute", { lang, period: "2015-Q2", force: true });
      expect(Object.keys(theirs).map((n) => [n, host.sheet(n) ? contents(host, n) : null])).toEqual(before);
      expect(
        host.sheets
          .map((s) => s.name)
          .filter(isScratch)
          .sort(),
      ).toEqual(Object.keys(theirs).sort());
    }
    expect(OUTPUTS.every((n) => host.sheet(n))).toBe(true);
    expect(await wb.ownedSheets()).not.toEqual(expect.arrayContaining(["ictplan_tmp_0"]));
    // Read like any sheet of theirs, as the .xlsx adapter reads it.
    expect((await wb.readGrids()).sheets.map((g) => g.sheet)).toEqual(
      expect.arrayContaining(Object.keys(theirs)),
    );
  });
});

describe("temporary sheets left by an interrupted run (the swap and its undo both failed)", () => {
  /** Runs a replacing compute whose swap fails at `op`, then every later request too (the connection is lost). */
  async function interrupted(host: FakeExcel, op: number): Promise<OutputWriteError> {
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    // Find the swap: the last request of a replacing write.
    const probe = host.snapshot();
    const s0 = host.syncs;
    await runAction(wb, "compute", { lang: "en", period: "2015-Q2", force: true });
    const swapSync = host.syncs - s0;
    host.restore(probe);
    const base = host.syncs;
    host.failure = { sync: base + swapSync, op };
    const sync = host.sync.bind(host);
    host.sync = async () => {
      if (host.syncs >= base + swapSync) {
        host.syncs++;
        throw Object.assign(new Error("connection lost"), { code: "GeneralException" });
      }
      return sync();
    };
    const error = await runAction(wb, "compute", { lang: "en", period: "2015-Q2", force: true }).catch(
      (e: unknown) => e,
    );
    host.sync = sync;
    host.failure = null;
    expect(error).toBeInstanceOf(OutputWriteError);
    return error as OutputWriteError;
  }

  it("the next run removes those it wrote and the planner did not touch; outputs and record end true", async () => {
    let tried = 0;
    for (const op of [0, 2, 5, 9, 14]) {
      const host = sample();
      const error = await interrupted(host, op);
      expect(error.outcome).toBe("unknown");
      const left = host.sheets.map((s) => s.name).filter(isScratch);
      if (!left.length) continue;
      tried++;
      const wb = new OfficeWorkbook(host.runner());
      await runAction(wb, "compute", { lang: "vi", period: "2015-Q2", force: true });
      expect([op, host.sheets.map((s) => s.name).filter(isScratch)]).toEqual([op, []]);
      expect(OUTPUTS.every((n) => host.sheet(n))).toBe(true);
      expect(metaTexts(host).filter(isScratch)).toEqual([]);
    }
    expect(tried).toBeGreaterThan(0);
  });

  it("one the planner typed into since is the planner's: kept, and the run goes on beside it", async () => {
    const host = sample();
    await interrupted(host, 2);
    const left = host.sheets.map((s) => s.name).filter(isScratch);
    expect(left.length).toBeGreaterThan(0);
    host.writeCell(host.sheet(left[0])!, 0, 0, "ghi chú của tôi");
    const kept = contents(host, left[0]);
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2", force: true });
    expect(host.sheets.map((s) => s.name).filter(isScratch)).toEqual([left[0]]);
    expect(contents(host, left[0])).toEqual(kept);
    expect(OUTPUTS.every((n) => host.sheet(n))).toBe(true);
    // The message of the interrupted run says the planner may have to delete what remains.
    const message = describeOfficeError(new OutputWriteError(new Error("x"), "unknown", left), "en");
    expect(message).toMatch(/delete any that remain/);
    expect(describeOfficeError(new OutputWriteError(new Error("x"), "unknown", left), "vi")).toMatch(
      /bạn tự xoá/,
    );
  });
});

describe("the ownership record", () => {
  it("lists no temporary sheet after a run", async () => {
    const host = sample();
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(metaTexts(host).filter(isScratch)).toEqual([]);
  });
});
