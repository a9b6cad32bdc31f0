import fc from "fast-check";
import { eachFigure } from "../../src/engine/figures";
import type { WorkbookGrids } from "../../src/engine/grid";
import type { PlanRows } from "../../src/engine/format";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { evaluateSpecs } from "../helpers/hyperformula";
import { planRowsArb } from "../helpers/randomPlan";

function differential(grids: WorkbookGrids, period: string | null) {
  const run = runPlan(grids, { period, lang: "vi", robustness: false });
  return { run, ...evaluateSpecs(grids, run.sheets) };
}

describe("live formulas agree with the engine (evaluated by HyperFormula)", () => {
  const sample = samplePlanRows();

  it.each(["2015-Q2", "2015-Q1", "2014"])("on the sample for %s", (period) => {
    const { checked, mismatches, run } = differential(planRowsToGrids(sample), period);
    expect(run.sheets.map((s) => s.name)).toEqual([
      "Kết quả",
      "Xếp hạng",
      "Kiểm tra",
      expect.stringMatching(/^Tổng hợp /),
    ]);
    expect(checked).toBeGreaterThan(2000);
    expect(mismatches).toEqual([]);
  });

  it("recalculates a corrected figure exactly as the engine computes the corrected plan", () => {
    const grids = planRowsToGrids(sample);
    const { run, hf } = differential(grids, "2015-Q2");
    // Raise Sở Ngoại vụ's e-mail use in 2015-Q2 and compare what the formulas now say with a fresh engine run.
    const figSheet = hf.getSheetId("Số liệu") as number;
    const layout = run.plan.layout.figures!;
    const fig = [...eachFigure(run.plan.figures)].find(
      (f) => f.unit === "SNGV" && f.indicator === "EMAIL_SD" && f.period === "2015-Q2",
    )!;
    hf.setCellContents({ sheet: figSheet, row: fig.cell.row - 1, col: fig.cell.col - 1 }, 0.9);
    const changedRows: PlanRows = {
      ...sample,
      figures: sample.figures.map((r, i) =>
        i + layout.firstRow === fig.cell.row ? r.map((v, j) => (j + 1 === fig.cell.col ? 0.9 : v)) : r,
      ),
    };
    const after = runPlan(planRowsToGrids(changedRows), { period: "2015-Q2", lang: "vi", robustness: false });
    const rank = hf.getSheetId("Xếp hạng") as number;
    const rankSpec = run.sheets[1];
    const rowOf = new Map<string, number>();
    rankSpec.blocks[3].cells.forEach((r, i) => rowOf.set(String(r[0].value), rankSpec.blocks[3].row + i));
    const before = run.results!.ranking.find((r) => r.unit === "SNGV")!;
    const expected = after.results!.ranking.find((r) => r.unit === "SNGV")!;
    expect(expected.indexRounded).toBeGreaterThan(before.indexRounded);
    const r = rowOf.get("SNGV")!;
    const headers = rankSpec.blocks[2].cells[0].map((c) => c.value);
    const col = (h: string) => headers.indexOf(h);
    expect(hf.getCellValue({ sheet: rank, row: r - 1, col: col("Chỉ số (làm tròn)") })).toBe(
      expected.indexRounded,
    );
    expect(hf.getCellValue({ sheet: rank, row: r - 1, col: col("Hạng trong nhóm") })).toBe(
      expected.rankInGroup,
    );
    expect(hf.getCellValue({ sheet: rank, row: r - 1, col: col("Hạng chung") })).toBe(expected.rankOverall);
  });

  it.each([
    ["Min–max", /^=IF\(COUNT\(\S+\)=0,"",(MIN|MAX)\(/],
    ["Z-score", /^=IF\(COUNT\(\S+\)=0,"",(AVERAGE|STDEVP)\(/],
  ])(
    "under %s, each block's statistics are computed once, so recalculation stays linear",
    (label, statistic) => {
      const rows: PlanRows = {
        ...sample,
        settings: [...sample.settings.filter(([k]) => k !== "Chuẩn hóa"), ["Chuẩn hóa", label]],
      };
      const { run, mismatches } = differential(planRowsToGrids(rows), "2015-Q2");
      expect(mismatches).toEqual([]);
      const results = run.sheets[0];
      const formulas = results.blocks
        .flatMap((b) => b.cells.flat())
        .flatMap((c) => (c.formula ? [c.formula] : []));
      const withRange = formulas.filter((f) => /\$[A-Z]+\$\d+:\$[A-Z]+\$\d+/.test(f));
      const blocks = new Set(run.results!.ranking.map((r) => r.group)).size * run.plan.indicators.length;
      expect(withRange.length).toBeLessThanOrEqual(2 * blocks);
      expect(withRange.length).toBeGreaterThan(0);
      expect(withRange.filter((f) => !statistic.test(f))).toEqual([]);
    },
  );

  it("on random plans, with ties, blanks and every normalisation and aggregation", () => {
    let formulas = 0;
    fc.assert(
      fc.property(planRowsArb(), (rows) => {
        const { checked, mismatches } = differential(planRowsToGrids(rows), "2015-Q1");
        formulas += checked;
        expect(mismatches).toEqual([]);
      }),
      { seed: 4242, numRuns: 40 },
    );
    expect(formulas).toBeGreaterThan(400);
  });
});
