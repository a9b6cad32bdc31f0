import fc from "fast-check";
import { eachFigure } from "../../src/engine/figures";
import type { WorkbookGrids } from "../../src/engine/grid";
import type { PlanRows } from "../../src/engine/format";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { evaluateSpecs } from "../helpers/hyperformula";
import { formulaOf, specDefinedNames } from "../../src/engine/sheetSpec";
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

  it("recalculates after thresholds, cap, near-target, scale and decimals change on Cấu hình, as a fresh run computes", () => {
    const base: PlanRows = { ...sample, settings: [...sample.settings, ["Ngưỡng Gần đạt", 0.8]] };
    const { run, hf, mismatches } = differential(planRowsToGrids(base), "2015-Q2");
    expect(mismatches).toEqual([]);
    const changes: Record<string, number> = {
      "Ngưỡng Tốt": 95,
      "Ngưỡng Khá": 70,
      "Mức trần tỷ lệ đạt": 1.2,
      "Ngưỡng Gần đạt": 0.5,
      "Thang điểm": 1000,
      "Số chữ số thập phân": 1,
    };
    // The settings are read through defined names, one per live setting with a cell.
    const names = specDefinedNames(run.sheets).map((d) => d.name);
    expect(names.sort()).toEqual(
      [
        "ictplan_attainmentCap",
        "ictplan_gradeAverage",
        "ictplan_gradeFair",
        "ictplan_gradeGood",
        "ictplan_indexDecimals",
        "ictplan_indexScale",
        "ictplan_nearTarget",
      ].sort(),
    );
    const settingsSheet = hf.getSheetId("Cấu hình") as number;
    base.settings.forEach(([k], i) => {
      if (k in changes) hf.setCellContents({ sheet: settingsSheet, row: i + 1, col: 1 }, changes[k]);
    });
    const changed: PlanRows = {
      ...base,
      settings: base.settings.map(([k, v]) => [k, k in changes ? changes[k] : v] as const),
    };
    const after = runPlan(planRowsToGrids(changed), { period: "2015-Q2", lang: "vi", robustness: false });
    // Every formula now shows what a fresh run writes, without writing the sheets again. Kết quả keeps its row
    // order; Xếp hạng is sorted by rank, so its rows are matched by unit code. The previous period's index and
    // rank are values of the last run (docs/formulas.md), so the two change columns are left out.
    const differ: string[] = [];
    let grades = 0;
    const same = (want: unknown, got: unknown) =>
      typeof want === "number" && typeof got === "number"
        ? Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want))
        : want === got;
    for (const k of [0, 1]) {
      const spec = run.sheets[k];
      const id = hf.getSheetId(spec.name) as number;
      const body = spec.blocks[3];
      const afterBody = after.sheets[k].blocks[3];
      const header = spec.blocks[2].cells[0].map((c) => c.value);
      const skip = new Set(["Thay đổi chỉ số", "Thay đổi hạng"].map((h) => header.indexOf(h)));
      const afterRow = new Map(afterBody.cells.map((r, i) => [`${r[0].value}|${k ? "" : r[3].value}`, i]));
      body.cells.forEach((row, i) => {
        const j0 = afterRow.get(`${row[0].value}|${k ? "" : row[3].value}`)!;
        row.forEach((c, j) => {
          if (!formulaOf(c) || skip.has(j)) return;
          const want = afterBody.cells[j0][j].value ?? "";
          const got = hf.getCellValue({ sheet: id, row: body.row - 1 + i, col: body.col - 1 + j }) ?? "";
          if (typeof want === "string" && /^(Tốt|Khá|Trung bình|Yếu)$/.test(want)) grades++;
          if (!same(want, got))
            differ.push(`${spec.name}!${body.row + i}:${j + 1} ${String(got)} ≠ ${String(want)}`);
        });
      });
    }
    expect(differ).toEqual([]);
    expect(grades).toBe(31);
    // The changes did change what the sheets show.
    const good = (r: typeof run) => r.results!.ranking.filter((u) => u.grade === "good").length;
    expect(good(after)).toBeLessThan(good(run));
    expect(after.results!.ranking[0].indexRounded).toBeGreaterThan(100);
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
      const formulas = results.blocks.flatMap((b) => b.cells.flat()).flatMap((c) => formulaOf(c) ?? []);
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
