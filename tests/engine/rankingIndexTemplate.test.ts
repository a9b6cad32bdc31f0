/**
 * Xếp hạng's index formula, the longest of a plan (2,900 characters at 50 indicators), is one row template for the
 * units with the same pillar weights, so that the .xlsx writer and the fingerprint take a run of them as one formula
 * filled down instead of reading each unit's text; a unit whose weights no other unit has keeps its text.
 */
import { planRowsToGrids } from "../../src/engine/planRows";
import { runPlan } from "../../src/engine/pipeline";
import { formulaOf, type SheetSpec, type SpecCell } from "../../src/engine/sheetSpec";
import { labels } from "../../src/engine/i18n/labels";
import { sheetXml } from "../../src/workbook/xlsx/write";
import { MINIMAL_STYLES, StyleBook } from "../../src/workbook/xlsx/styles";
import { generatePlanRows } from "../../bench/generate";
import type { PlanRows } from "../../src/engine/format";

const COMMUNE = "UBND xã, phường, đặc khu";
/** The Chỉ tiêu column of the groups an indicator applies to (after the annual target and four quarters). */
const APPLIES_TO = 11;

/** Xếp hạng's index cells, top to bottom, with the first unit's row. */
function indexCells(rows: PlanRows): { spec: SheetSpec; cells: SpecCell[]; first: number; col: number } {
  const run = runPlan(planRowsToGrids(rows), { lang: "vi", robustness: false, asOf: "2015-01-05" });
  const spec = run.sheets.find((s) => s.kind === "ranking") as SheetSpec;
  const header = spec.blocks.find((b) => b.cells[0]?.some((c) => c.value === labels("vi").index));
  const j = header?.cells[0].findIndex((c) => c.value === labels("vi").index) ?? -1;
  const units = spec.blocks.reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
  expect(j).toBeGreaterThanOrEqual(0);
  return { spec, cells: units.cells.map((r) => r[j]), first: units.row, col: units.col + j };
}

describe("Xếp hạng's index formula as a row template", () => {
  it("is one template for the units with the same weights, the first unit's cell included", () => {
    const { spec, cells, first, col } = indexCells(generatePlanRows(40, 10, 4));
    expect(cells).toHaveLength(40);
    expect(cells.every((c) => c.fill === cells[0].fill && c.fill !== undefined)).toBe(true);
    cells.forEach((c, i) => expect(c.fillRow).toBe(first + i));
    // Its text at each row reads that row's pillar cells; the file writes the column as one formula filled down.
    expect(formulaOf(cells[1])).toContain(`(D${first + 1})`);
    expect(formulaOf(cells[1])).not.toContain(`(D${first})`);
    const letter = String.fromCharCode(64 + col);
    const xml = new TextDecoder().decode(sheetXml(spec, new StyleBook(MINIMAL_STYLES), { tables: [] }));
    expect(xml).toContain(`<f t="shared" ref="${letter}${first}:${letter}${first + 39}"`);
  });

  it("is the text of a unit whose weights no other unit has", () => {
    const rows = generatePlanRows(12, 10, 4);
    // One commune, and an indicator for communes only: its weights are its own.
    const units = rows.units.map((u, i) => (i === 5 ? [u[0], u[1], COMMUNE, u[3]] : u));
    const indicators = rows.indicators.map((r, i) =>
      i === 2 ? r.map((v, k) => (k === APPLIES_TO ? COMMUNE : v)) : r,
    );
    const { cells } = indexCells({ ...rows, units, indicators });
    const alone = cells.filter((c) => c.fill === undefined);
    expect(alone).toHaveLength(1);
    expect(alone[0].formula).toMatch(/^=IF\(\(/);
    const shared = cells.filter((c) => c.fill !== undefined);
    expect(shared).toHaveLength(11);
  });
});
