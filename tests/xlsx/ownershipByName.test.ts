/**
 * Ownership is the record's, never a name's: a sheet of the planner's that takes the name of an output sheet the
 * product wrote once (renamed away since) is the planner's, in the .xlsx adapter as in the Office.js adapter: a write
 * that would replace it is refused (force or not), naming it, and it is kept as it is.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { planRowsToGrids } from "../../src/engine/planRows";
import type { WorkbookGrids } from "../../src/engine/grid";
import type { WorkbookPort } from "../../src/workbook/port";
import { UserSheetClashError } from "../../src/workbook/ownership";
import { editPackage } from "../helpers/packages";

beforeAll(() => installExcelEnums());

const specsFor = (grids: WorkbookGrids, period: string) =>
  runPlan(grids, { period, lang: "vi", robustness: false, summary: true }).sheets;
const MINE = [["ghi chú của tôi", 7]];

/** The steps on one adapter: the planner's own steps (rename a tab, add a sheet) given as the host does them. */
async function scenario(
  open: () => Promise<WorkbookPort>,
  rename: (from: string, to: string) => Promise<void>,
  addMine: (name: string) => Promise<void>,
  cellsOf: (name: string) => Promise<unknown>,
): Promise<{ error: unknown; before: unknown; after: unknown; owned: string[] }> {
  let wb = await open();
  const q1 = specsFor(await wb.readGrids(), "2015-Q1");
  const q1Summary = q1.find((s) => s.kind === "summary")!.name;
  await wb.applySheets(q1);
  // The planner keeps Quý I's summary under a name of their own, and the product writes Quý II's.
  await rename(q1Summary, "Báo cáo QI");
  wb = await open();
  await wb.applySheets(specsFor(await wb.readGrids(), "2015-Q2"));
  // Later the planner names a sheet of theirs as Quý I's summary was named.
  await addMine(q1Summary);
  const before = await cellsOf(q1Summary);
  wb = await open();
  const owned = await wb.ownedSheets();
  const error = await wb.applySheets(specsFor(await wb.readGrids(), "2015-Q1"), { force: true }).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, before, after: await cellsOf(q1Summary), owned };
}

describe("a sheet of the planner's named as an output the product once wrote", () => {
  it(".xlsx: not owned, so a forced write refuses to replace it and it is kept", async () => {
    let bytes = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
    let current: XlsxWorkbook | null = null;
    const open = async () => {
      if (current) bytes = await current.save();
      current = await XlsxWorkbook.load(bytes);
      return current;
    };
    const flush = async () => {
      if (current) bytes = await current.save();
      current = null;
    };
    const r = await scenario(
      open,
      async (from, to) => {
        await flush();
        bytes = await editPackage(bytes, {
          "xl/workbook.xml": (x) => x.replace(`name="${from}"`, `name="${to}"`),
        });
      },
      async (name) => {
        await flush();
        const wb = await XlsxWorkbook.load(bytes);
        await wb.addSheets([
          {
            spec: {
              name,
              kind: "results",
              blocks: [{ row: 1, col: 1, cells: [MINE[0].map((value) => ({ value }))] }],
            },
          },
        ]);
        bytes = await wb.save();
      },
      async (name) => {
        await flush();
        const grids = await (await XlsxWorkbook.load(bytes)).readGrids();
        return grids.sheets.find((g) => g.sheet === name)?.values;
      },
    );
    expect(r.owned.filter((n) => /Quý I-/.test(n))).toEqual([]);
    expect(r.error).toBeInstanceOf(UserSheetClashError);
    expect(r.after).toEqual(r.before);
    expect(r.after).toEqual(MINE);
  });

  it("Office.js (fake host): the same", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const ctx = host.context() as Excel.RequestContext;
    const r = await scenario(
      async () => new OfficeWorkbook(host.runner()),
      async (from, to) => {
        ctx.workbook.worksheets.getItem(from).name = to;
        await ctx.sync();
      },
      async (name) => {
        host.addSheet(name, MINE);
      },
      async (name) => {
        const s = host.sheet(name);
        return s ? [...s.cells].map(([k, c]) => [k, c.value]) : null;
      },
    );
    expect(r.owned.filter((n) => /Quý I-/.test(n))).toEqual([]);
    expect(r.error).toBeInstanceOf(UserSheetClashError);
    expect(r.after).toEqual(r.before);
  });
});
