import fc from "fast-check";
import type { CellValue, Grid, WorkbookGrids } from "../../src/engine/grid";
import { parseA1 } from "../../src/engine/grid";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import ExcelJS from "exceljs";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";

const SEED = Number(process.env.FUZZ_SEED ?? 20151231);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const hostileCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e-308, 0, -0, 60, 1.2, 120),
  fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }, { error: "#REF!" }, { error: "#VALUE!" }),
  fc.boolean(),
  fc.constantFrom(
    "Có",
    "x",
    "✓",
    "Không",
    "60%",
    "60 %",
    "1.100",
    "0,6",
    "1.234,5",
    "=1+1",
    "+84",
    "-",
    "@SUM(A1)",
    "Quý II/2015",
    "2015-Q2",
    "Quý V/2015",
  ),
  fc.constantFrom("Sở Nội vụ".normalize("NFD"), "Sở\u200b Nội\u00a0vụ", " SNV ", "snv", "MAYTINH", "ĐƠN VỊ"),
  fc.string({ maxLength: 12 }),
  fc.constant("x".repeat(32767)),
  fc.date({ min: new Date(2000, 0, 1), max: new Date(2030, 0, 1), noInvalidDate: true }),
);

const sheetName = fc.constantFrom(
  "Cấu hình",
  "Đơn vị",
  "Chỉ tiêu",
  "Số liệu",
  "so lieu",
  "SỐ LIỆU",
  "Figures",
  "Khác",
);

/** A grid of hostile cells, sometimes with the sample's real header row on top. */
const hostileGrid: fc.Arbitrary<Grid> = fc
  .record({
    sheet: sheetName,
    rows: fc.array(fc.array(hostileCell, { maxLength: 8 }), { maxLength: 12 }),
    originRow: fc.integer({ min: 1, max: 4 }),
    header: fc.boolean(),
  })
  .map(({ sheet, rows, originRow, header }) => {
    const real = planRowsToGrids(samplePlanRows()).sheets.find((g) => g.sheet === sheet);
    const values = header && real ? [real.values[0], ...rows] : rows;
    return { sheet, originRow, originCol: 1, values, merges: originRow > 1 ? ["A1:D1"] : [] };
  });

/** The sample with a few of its cells replaced by hostile values. */
const damagedSample: fc.Arbitrary<WorkbookGrids> = fc
  .array(
    fc.record({
      sheet: fc.integer({ min: 0, max: 3 }),
      row: fc.nat(200),
      col: fc.nat(15),
      value: hostileCell,
    }),
    { maxLength: 12 },
  )
  .map((edits) => {
    const base = planRowsToGrids(samplePlanRows());
    const sheets = base.sheets.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
    for (const e of edits) {
      const g = sheets[e.sheet];
      const r = g.values[e.row % g.values.length];
      r[e.col % r.length] = e.value;
    }
    return { sheets };
  });

function checkInvariants(wb: WorkbookGrids): void {
  const run = runPlan(wb, { period: null, lang: "vi", robustness: false });
  for (const f of run.findings) {
    expect(typeof f.code).toBe("string");
    expect(["error", "warning", "info"]).toContain(f.severity);
    expect(typeof f.sheet).toBe("string");
    if (f.cell !== "") expect(parseA1(f.cell)).not.toBeNull();
  }
  for (const u of run.results?.ranking ?? []) {
    expect(Number.isFinite(u.index)).toBe(true);
    expect(u.rankInGroup).toBeGreaterThanOrEqual(1);
  }
}

/** An .xlsx holding the grids as a user's workbook would (values only; errors as Excel errors). */
async function xlsxOf(wb: WorkbookGrids): Promise<XlsxWorkbook> {
  const book = new ExcelJS.Workbook();
  for (const g of wb.sheets) {
    const ws = book.addWorksheet(g.sheet);
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || (typeof v === "number" && !Number.isFinite(v))) return;
        ws.getCell(g.originRow + r, g.originCol + c).value = (
          typeof v === "object" && !(v instanceof Date) ? { error: v.error } : v
        ) as ExcelJS.CellValue;
      }),
    );
  }
  return XlsxWorkbook.load(await book.xlsx.writeBuffer());
}

const inputsOf = (wb: WorkbookGrids, names: readonly string[]) =>
  wb.sheets.filter((g) => names.includes(g.sheet)).map((g) => [g.sheet, g.values, g.formulas ?? null]);

describe(`fuzzing (seed ${SEED}, ${RUNS} cases each; FUZZ_RUNS and FUZZ_SEED change them)`, () => {
  beforeAll(() => console.log(`fuzz: seed ${SEED}, ${RUNS} cases per property`));

  it("random hostile workbooks: parse, validate and compute never throw; every finding has a valid cell", () => {
    fc.assert(
      fc.property(fc.array(hostileGrid, { maxLength: 6 }), (sheets) => checkInvariants({ sheets })),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("the sample with damaged cells: same guarantees", () => {
    fc.assert(
      fc.property(damagedSample, (wb) => checkInvariants(wb)),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it("damaged workbooks through both adapters: the outputs are written and the input sheets stay cell for cell", async () => {
    installExcelEnums();
    await fc.assert(
      fc.asyncProperty(damagedSample, async (wb) => {
        const names = wb.sheets.map((g) => g.sheet);
        const office = new OfficeWorkbook(FakeExcel.withGrids(wb).runner());
        const officeBefore = inputsOf(await office.readGrids(), names);
        const viaOffice = await runAction(office, "summary", { lang: "vi" });
        expect(inputsOf(await office.readGrids(), names)).toEqual(officeBefore);
        const xlsx = await xlsxOf(wb);
        const xlsxBefore = inputsOf(await xlsx.readGrids(), names);
        const viaXlsx = await runAction(xlsx, "summary", { lang: "vi" });
        const reopened = await XlsxWorkbook.load(await xlsx.save());
        expect(inputsOf(await reopened.readGrids(), names)).toEqual(xlsxBefore);
        // Both adapters wrote the same sheets (the fake host drops dates and errors, so only names compare).
        expect(viaOffice.written).toEqual(viaXlsx.written);
      }),
      { seed: SEED + 3, numRuns: Math.max(5, Math.round(RUNS / 10)) },
    );
    // The fake host evaluates every output formula (HyperFormula) when the outputs are read back.
  }, 300_000);

  it("hostile text survives the .xlsx adapter as text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("=1+1", "+84 912", "-", "@SUM(A1)", '=HYPERLINK("x")', "'quoted"), {
          minLength: 1,
          maxLength: 4,
        }),
        async (names) => {
          const rows = samplePlanRows();
          const units = rows.units.map((u, i) => (i < names.length ? [u[0], names[i], u[2], u[3]] : u));
          const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate({ ...rows, units })).save());
          const grids = await wb.readGrids();
          const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
          await wb.applySheets(run.sheets);
          const back = await (await XlsxWorkbook.load(await wb.save())).readGrids();
          const rank = back.sheets.find((g) => g.sheet === "Xếp hạng")!;
          for (let i = 0; i < names.length; i++) {
            const r = rank.values.findIndex((row) => row[0] === rows.units[i][0]);
            expect(rank.values[r][1]).toBe(names[i]);
            expect(rank.formulas?.[r]?.[1] ?? null).toBeNull();
          }
        },
      ),
      { seed: SEED + 2, numRuns: Math.max(3, Math.round(RUNS / 30)) },
    );
  });
});
