/**
 * The tab order on both adapters over random sequences of actions: the planner's sheets, then Kết quả, Xếp hạng,
 * Kiểm tra, then one summary per period in period order, whatever order the actions ran in; regenerating a period
 * replaces its tab in its place; the workbook opens on the summary just written.
 */
import fc from "fast-check";
import JSZip from "jszip";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import type { WorkbookGrids } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { summarySheetName } from "../../src/engine/outputs/summarySheet";
import { META_SHEET } from "../../src/workbook/ownership";

beforeAll(() => installExcelEnums());

type Action = { kind: "compute" | "summary"; period: string };
const PERIODS = ["2015-Q2", "2014", "2015", "2015-Q1", "2015-Q3"] as const;
/** The periods in time order: a year after its quarters (2015-Q3 has no figures: the report is refused). */
const CHRONOLOGICAL = ["2014", "2015-Q1", "2015-Q2", "2015-Q3", "2015"];
const OUTPUTS = ["Kết quả", "Xếp hạng", "Kiểm tra"];

let template: Uint8Array;
let grids: WorkbookGrids;
const specCache = new Map<string, readonly SheetSpec[]>();
beforeAll(async () => {
  template = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
  grids = await (await XlsxWorkbook.load(template)).readGrids();
});

/** What an action writes: compute leaves the summaries alone, summary adds its period's tab. */
function specsOf(a: Action): readonly SheetSpec[] {
  let run = specCache.get(a.period);
  if (!run) {
    run = runPlan(grids, { period: a.period, lang: "vi", robustness: false, asOf: "2015-07-05" }).sheets;
    specCache.set(a.period, run);
  }
  return run.filter((s) => a.kind === "summary" || s.kind !== "summary");
}

/** The order the actions must leave, and the tab shown at the end (null: the one shown before). */
function expected(inputs: readonly string[], actions: readonly Action[]) {
  const outputs = new Set<string>();
  const summaries = new Set<string>();
  let opening: string | null = null;
  for (const a of actions)
    for (const s of specsOf(a)) {
      if (s.kind === "summary") summaries.add((opening = s.name));
      else outputs.add(s.name);
    }
  const periods = CHRONOLOGICAL.filter((p) => summaries.has(summarySheetName(p, "vi")));
  return {
    order: [
      ...inputs,
      ...OUTPUTS.filter((n) => outputs.has(n)),
      ...periods.map((p) => summarySheetName(p, "vi")),
      META_SHEET,
    ],
    opening,
  };
}

const actions = fc.array(
  fc.record({
    kind: fc.constantFrom<Action["kind"]>("compute", "summary"),
    period: fc.constantFrom(...PERIODS),
  }),
  { minLength: 1, maxLength: 5 },
);

describe("tab order", () => {
  it("the .xlsx path: inputs, outputs, summaries by period; opens on the summary just written, its tab alone selected", async () => {
    const inputs = await (await XlsxWorkbook.load(template)).sheetNames();
    await fc.assert(
      fc.asyncProperty(actions, async (steps) => {
        let bytes = template;
        for (const a of steps) {
          // Saved and opened again between actions, as the CLI and the preview's downloads do.
          const wb = await XlsxWorkbook.load(bytes);
          await wb.applySheets(specsOf(a), { force: true });
          bytes = await wb.save();
        }
        const want = expected(inputs, steps);
        const wb = await XlsxWorkbook.load(bytes);
        expect(await wb.sheetNames()).toEqual(want.order);
        const zip = await JSZip.loadAsync(bytes);
        const workbook = await zip.file("xl/workbook.xml")!.async("string");
        const active = Number(/activeTab="(\d+)"/.exec(workbook)?.[1] ?? 0);
        expect(want.order[active]).toBe(want.opening ?? inputs[0]);
        // Sheet-scoped names follow their sheet: each print area names the sheet it belongs to.
        for (const m of workbook.matchAll(
          /<definedName name="_xlnm\.Print_\w+" localSheetId="(\d+)">'([^']+)'/g,
        ))
          expect(want.order[Number(m[1])]).toBe(m[2]);
        if (want.opening) {
          const selected: string[] = [];
          for (const f of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)))
            if (/<sheetView[^>]*tabSelected="1"/.test(await zip.file(f)!.async("string"))) selected.push(f);
          expect(selected.length).toBe(1);
        }
      }),
      { numRuns: 15 },
    );
  }, 300_000);

  it("the Office.js path: the same order (Worksheet.position), the summary just written activated", async () => {
    const inputs = planRowsToGrids(samplePlanRows()).sheets.map((g) => g.sheet);
    await fc.assert(
      fc.asyncProperty(actions, async (steps) => {
        const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
        // Order, not values, is under test: formulas are not evaluated.
        host.unevaluated = 0;
        const wb = new OfficeWorkbook(host.runner());
        for (const a of steps) await wb.applySheets(specsOf(a), { force: true });
        const want = expected(inputs, steps);
        expect(host.sheets.map((s) => s.name)).toEqual(want.order);
        expect(host.active).toBe(want.opening);
      }),
      { numRuns: 15 },
    );
  }, 300_000);

  it("regenerating a period replaces its own tab in its place, whatever ran before", async () => {
    let bytes = template;
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    host.unevaluated = 0;
    const office = new OfficeWorkbook(host.runner());
    const steps: Action[] = [
      { kind: "summary", period: "2015-Q2" },
      { kind: "summary", period: "2015-Q1" },
      { kind: "compute", period: "2015-Q3" },
      { kind: "summary", period: "2015-Q2" },
    ];
    for (const a of steps) {
      const wb = await XlsxWorkbook.load(bytes);
      await wb.applySheets(specsOf(a), { force: true });
      bytes = await wb.save();
      await office.applySheets(specsOf(a), { force: true });
    }
    const tail = [
      ...OUTPUTS,
      summarySheetName("2015-Q1", "vi"),
      summarySheetName("2015-Q2", "vi"),
      META_SHEET,
    ];
    expect((await (await XlsxWorkbook.load(bytes)).sheetNames()).slice(-6)).toEqual(tail);
    expect(host.sheets.map((s) => s.name).slice(-6)).toEqual(tail);
    expect(host.active).toBe(summarySheetName("2015-Q2", "vi"));
  }, 120_000);
});
