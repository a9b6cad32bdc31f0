/** The quarterly tab's print layout at a province's real size: 22 departments and 150 communes. */
import { planRowsToGrids } from "../../src/engine/planRows";
import { runPlan } from "../../src/engine/pipeline";
import { PAGE_HEIGHT } from "../../src/engine/outputs/summarySheet";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { province2025Rows } from "../helpers/province2025";

const summaryOf = (lang: "vi" | "en"): SheetSpec =>
  runPlan(planRowsToGrids(province2025Rows()), {
    period: "2015-Q2",
    lang,
    robustness: false,
    asOf: "2015-07-05",
  }).sheets.find((s) => s.kind === "summary")!;

describe("the summary tab of a province of 172 units, printed", () => {
  const spec = summaryOf("vi");
  const breaks = spec.print!.rowBreaks!;
  const pageOf = (row: number) => breaks.filter((b) => b < row).length;
  const height = new Map(spec.rowHeights!.map((r) => [r.row, r.height]));

  it("puts every chart on one page: a group of 150 is charted in parts of at most 30 bars", () => {
    const charts = spec.charts!;
    const communes = charts.filter((c) =>
      c.title.startsWith("Chỉ số theo đơn vị – UBND xã, phường, đặc khu"),
    );
    const n = communes.length;
    expect(communes.map((c) => c.title.slice(-5))).toEqual(
      Array.from({ length: n }, (_, k) => `(${k + 1}/${n})`),
    );
    for (const c of charts) {
      const { fromRow, toRow } = c.anchor;
      // The chart covers rows fromRow … toRow - 1: all on one page, no taller than a page.
      expect(pageOf(toRow - 1)).toBe(pageOf(fromRow));
      let tall = 0;
      for (let r = fromRow; r < toRow; r++) tall += height.get(r) ?? 15;
      expect(tall).toBeLessThanOrEqual(PAGE_HEIGHT);
    }
    // 150 bars in all, each commune once, in rank order.
    const bars = communes.flatMap((c) => {
      const [from, to] = c.categories.split(":").map((x) => Number(/\d+/.exec(x)![0]));
      return to - from + 1;
    });
    expect(bars.reduce((s, n) => s + n, 0)).toBe(150);
    expect(Math.max(...bars)).toBeLessThanOrEqual(30);
  });

  it("starts a long chart on the page its table ends on, not after a page of a few rows", () => {
    const communes = spec.charts!.filter((c) => c.title.includes("UBND xã, phường, đặc khu ("));
    const first = communes[0].anchor.fromRow;
    // The table's last row is the row before the chart's first: the chart shares its page.
    const tableRows = spec.blocks.filter((b) => b.row < first && b.cells[0][0].style?.border);
    const lastTableRow = Math.max(...tableRows.map((b) => b.row));
    expect(pageOf(first)).toBe(pageOf(lastTableRow));
    // That page is full: the rows of the table on it and the chart's rows take most of it.
    let used = 0;
    for (let r = 1; r < communes[0].anchor.toRow; r++)
      if (pageOf(r) === pageOf(first)) used += height.get(r) ?? 15;
    expect(used).toBeGreaterThan(PAGE_HEIGHT * 0.8);
  });
});

describe("the summary tab's chart of province targets", () => {
  it("draws no bar for an indicator without a province target, where a 0% would read as none meeting it", () => {
    const spec = summaryOf("en");
    const chart = spec.charts!.find((c) => c.title === "Share of units meeting each target")!;
    const [from] = chart.categories.split(":").map((x) => Number(/\d+/.exec(x)![0]));
    const col = chart.categories.charCodeAt(0) - 64;
    const data = spec.blocks.find((b) => b.row === from && b.col === col)!;
    const bars = data.cells.map(([name, value]) => [name.value, value.value]);
    expect(bars).toContainEqual(["Số lượt CBCC được đào tạo, bồi dưỡng CNTT", null]);
    expect(bars.filter(([, v]) => v === null)).toHaveLength(1);
    expect(bars.filter(([, v]) => typeof v === "number")).toHaveLength(12);
  });
});

it("no sheet asks for a row taller than Excel's 409 points, even for a finding whose message runs to pages", async () => {
  const { samplePlanRows } = await import("../../src/engine/sample");
  const rows = samplePlanRows();
  // A settings row whose name is a pasted page of text: its finding quotes it on Kiểm tra.
  const long = { ...rows, settings: [...rows.settings, ["x".repeat(20_000), 1] as const] };
  const run = runPlan(planRowsToGrids(long), { period: "2015-Q2", lang: "vi", robustness: false });
  const check = run.sheets.find((s) => s.kind === "findings")!;
  expect(Math.max(...check.rowHeights!.map((r) => r.height))).toBe(409);
  for (const s of run.sheets)
    for (const r of s.rowHeights ?? []) expect([s.name, r.height <= 409]).toEqual([s.name, true]);
});
