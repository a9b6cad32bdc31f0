/** The pane sees the workbook as it is now: the planner adds a quarter's figures in Excel while the pane is open, and
 *  the periods the pane offers follow, on the strict fake host with and without workbook change events. */
import fc from "fast-check";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { inspectWorkbook, runAction } from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { Freshness, QUIET_MS } from "../../src/taskpane/freshness";

beforeAll(() => installExcelEnums());
afterEach(() => jest.useRealTimers());

const EVENTS = { ExcelApi: "1.17" };
const OWN_UNMARKED = { ExcelApi: "1.9" }; // events, but the add-in's own writes are not marked as its own
const NO_EVENTS = { ExcelApi: "1.8" };

const hostOf = (supported: Record<string, string>) => {
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), supported);
  const wb = new OfficeWorkbook(host.runner(), (set, v) => host.isSetSupported(set, v));
  return { host, wb };
};

/** The planner types a new row of figures at the end of Số liệu: a unit's code, a period, one figure. */
function addFigures(host: FakeExcel, unit: string, period: string): void {
  const sheet = host.sheet("Số liệu")!;
  const last = Math.max(...[...sheet.cells.keys()].map((k) => Number(k.split(",")[0])));
  host.userEdit("Số liệu", `A${last + 2}`, unit);
  host.userEdit("Số liệu", `B${last + 2}`, period);
  host.userEdit("Số liệu", `C${last + 2}`, 1);
}

const periodsNow = async (wb: OfficeWorkbook) => (await inspectWorkbook(wb)).plan.periods;

describe("the Office adapter tells the planner's changes", () => {
  it("calls back after the planner's edit, not after the add-in's own write (ExcelApi 1.14 marks it)", async () => {
    const { host, wb } = hostOf(EVENTS);
    const told: number[] = [];
    const stop = await wb.watchChanges((() => told.push(1)) as () => void);
    expect(stop).not.toBeNull();
    expect(host.handlers.changed).toHaveLength(1);
    await wb.writeCells([{ sheet: "Cấu hình", cell: "B4", value: 85 }]);
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toEqual([]);
    host.userEdit("Số liệu", "C2", 0.5);
    expect(told).toEqual([]); // delivered later, never inside the call that caused it
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toEqual([1]);
    host.userAddSheet("Ghi chú");
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toEqual([1, 1]);
    stop!();
    host.userEdit("Số liệu", "C2", 0.6);
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toEqual([1, 1]);
  });

  it("below ExcelApi 1.14 its own writes are told too; below 1.9 nothing is registered", async () => {
    const unmarked = hostOf(OWN_UNMARKED);
    let told = 0;
    await unmarked.wb.watchChanges(() => told++);
    await unmarked.wb.writeCells([{ sheet: "Cấu hình", cell: "B4", value: 85 }]);
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);

    const old = hostOf(NO_EVENTS);
    await expect(old.wb.watchChanges(() => undefined)).resolves.toBeNull();
    expect(old.host.handlers.changed).toEqual([]);
  });
});

describe("a sheet renamed", () => {
  it("is told from ExcelApi 1.17 (onNameChanged), whoever renames it; below it no event tells it", async () => {
    const { host, wb } = hostOf(EVENTS);
    expect(wb.tellsEveryChange()).toBe(true);
    let told = 0;
    const stop = await wb.watchChanges(() => told++);
    expect(host.handlerCount()).toBe(4);
    host.userRenameSheet("Số liệu", "Số liệu 2015");
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);
    // Excel marks no rename as the add-in's (WorksheetNameChangedEventArgs has no triggerSource): one through the API,
    // not the adapter's writes, is told as the planner's.
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Số liệu 2015").name = "Số liệu";
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(2);
    await stop!();
    expect(host.handlerCount()).toBe(0);

    const older = hostOf(OWN_UNMARKED);
    expect(older.wb.tellsEveryChange()).toBe(false);
    let toldOlder = 0;
    await older.wb.watchChanges(() => toldOlder++);
    expect(older.host.handlerCount()).toBe(3);
    older.host.userRenameSheet("Số liệu", "Số liệu 2015");
    await new Promise((r) => setTimeout(r, 5));
    expect(toldOlder).toBe(0);
  });
});

describe("the add-in's own sheets, added, renamed and deleted by its writes", () => {
  // Excel marks none of these events as the add-in's (only WorksheetChangedEventArgs has triggerSource).
  it.each([["1.17"], ["1.14"]])("are not told (ExcelApi %s), while the planner's are", async (version) => {
    const { host, wb } = hostOf({ ExcelApi: version });
    let told = 0;
    const stop = await wb.watchChanges(() => told++);
    // Outputs written twice: temporary sheets added and renamed to the outputs' names, the old ones renamed aside and
    // deleted, the ownership sheet added.
    for (const action of ["compute", "summary", "compute"] as const)
      await runAction(wb, action, { lang: "vi" });
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(0);
    host.userAddSheet("Ghi chú");
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);
    await stop!();
  });
});

describe("the handlers are removed from Excel, not only silenced", () => {
  // On ExcelApi 1.17: changed, added, deleted and renamed.
  const FOUR = 4;
  it("stopping removes its handlers, in the context they were added in; nothing is told after", async () => {
    const { host, wb } = hostOf(EVENTS);
    let told = 0;
    const stop = await wb.watchChanges(() => told++);
    expect(host.handlerCount()).toBe(FOUR);
    await stop!();
    expect(host.handlerCount()).toBe(0);
    host.userEdit("Số liệu", "C2", 0.5);
    host.userAddSheet("Ghi chú");
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(0);
    // Stopping twice asks Excel once.
    const syncs = host.syncs;
    await stop!();
    expect(host.syncs).toBe(syncs);
  });

  it("watching again replaces the registration: ten in a row leave one set of handlers, and one listener told", async () => {
    const { host, wb } = hostOf(EVENTS);
    const told: number[] = [];
    for (let i = 0; i < 10; i++) await wb.watchChanges(() => told.push(i));
    expect(host.handlerCount()).toBe(FOUR);
    // Started together, they still end as one registration.
    await Promise.all(Array.from({ length: 5 }, () => wb.watchChanges(() => undefined)));
    expect(host.handlerCount()).toBe(FOUR);
    const last = await wb.watchChanges(() => told.push(99));
    host.userEdit("Số liệu", "C2", 0.5);
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toEqual([99]);
    await last!();
    expect(host.handlerCount()).toBe(0);
  });

  it("ten readings and actions in a row register nothing more", async () => {
    const { host, wb } = hostOf(EVENTS);
    await wb.watchChanges(() => undefined);
    for (let i = 0; i < 10; i++) await inspectWorkbook(wb);
    expect(host.handlerCount()).toBe(FOUR);
  });

  it("the fake host carries a removal only with a sync of the handler's own context (as the real client does)", async () => {
    const { host } = hostOf(EVENTS);
    const added = host.context() as Excel.RequestContext;
    const result = added.workbook.worksheets.onChanged.add(async () => undefined);
    await added.sync();
    expect(host.handlerCount()).toBe(1);
    result.remove();
    const other = host.context() as Excel.RequestContext;
    await other.sync();
    expect(host.handlerCount()).toBe(1);
    await added.sync();
    expect(host.handlerCount()).toBe(0);
  });
});

/** The pane's side, as App wires it: a Freshness whose reading sets the periods offered, an action that reads too. */
function pane(supported: Record<string, string>) {
  const { host, wb } = hostOf(supported);
  const shown = { periods: [] as readonly string[], reads: 0, busy: false };
  const fresh = new Freshness(
    () => void read(),
    () => shown.busy,
  );
  async function read() {
    fresh.reading();
    shown.reads++;
    shown.periods = (await inspectWorkbook(wb)).plan.periods;
  }
  return { host, wb, shown, fresh, read };
}

type Step =
  { kind: "addQuarter"; unit: number } | { kind: "wait"; ms: number } | { kind: "back" } | { kind: "action" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("addQuarter" as const), unit: fc.nat(5) }),
  fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 2 * QUIET_MS }) }),
  fc.constant({ kind: "back" as const }),
  fc.constant({ kind: "action" as const }),
);

describe("the periods the pane offers follow the workbook", () => {
  it.each([
    ["with change events (ExcelApi 1.17)", EVENTS],
    ["without them (ExcelApi 1.8)", NO_EVENTS],
  ])(
    "%s: after any sequence of edits, waits, actions and returns, coming back shows the workbook's periods",
    async (_name, supported) => {
      jest.useFakeTimers();
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
          const p = pane(supported);
          const stop = await p.wb.watchChanges(() => p.fresh.change());
          if (stop) p.fresh.watching();
          await p.read();
          let quarter = 3;
          const units = samplePlanRows().units.map((u) => String(u[0]));
          for (const s of steps) {
            if (s.kind === "addQuarter")
              addFigures(p.host, units[s.unit % units.length], `2015-Q${quarter++}`);
            else if (s.kind === "wait") await jest.advanceTimersByTimeAsync(s.ms);
            else if (s.kind === "back") p.fresh.back();
            else {
              // An action reads the workbook itself, then ends.
              p.shown.busy = true;
              p.fresh.reading();
              p.shown.periods = (await inspectWorkbook(p.wb)).plan.periods;
              p.shown.busy = false;
              p.fresh.idle();
            }
            await jest.advanceTimersByTimeAsync(1);
          }
          p.fresh.back();
          await jest.advanceTimersByTimeAsync(QUIET_MS + 10);
          expect(p.shown.periods).toEqual(await periodsNow(p.wb));
          await stop?.();
          p.fresh.stop();
        }),
        { numRuns: 25 },
      );
    },
  );

  it("with change events, a new quarter shows a second after the planner stops typing, with no return to the pane", async () => {
    jest.useFakeTimers();
    const p = pane(EVENTS);
    p.fresh.watching();
    await p.wb.watchChanges(() => p.fresh.change());
    await p.read();
    expect(p.shown.periods).not.toContain("2015-Q3");
    addFigures(p.host, "STTTT", "Quý III/2015");
    await jest.advanceTimersByTimeAsync(QUIET_MS / 2);
    expect(p.shown.periods).not.toContain("2015-Q3");
    await jest.advanceTimersByTimeAsync(QUIET_MS);
    expect(p.shown.periods).toContain("2015-Q3");
    // One reading for the row typed, not one per cell; coming back after it reads nothing more.
    expect(p.shown.reads).toBe(2);
    p.fresh.back();
    await jest.advanceTimersByTimeAsync(10);
    expect(p.shown.reads).toBe(2);
    p.fresh.stop();
  });
});
