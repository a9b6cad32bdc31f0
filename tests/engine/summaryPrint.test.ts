/** The quarterly tab's print layout at a province's real size: 22 departments and 150 communes. */
import { planRowsToGrids } from "../../src/engine/planRows";
import { runPlan } from "../../src/engine/pipeline";
import { PAGE_HEIGHT, SUMMARY_WIDTHS } from "../../src/engine/outputs/summarySheet";
import { lines, measureOf, textWidth } from "../../src/engine/outputs/lineBreaks";
import { buildReport } from "../../src/engine/report";
import { samplePlanRows } from "../../src/engine/sample";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { province2025Rows } from "../helpers/province2025";

const summaryOf = (lang: "vi" | "en", communes = 150): SheetSpec =>
  runPlan(planRowsToGrids(province2025Rows(communes)), {
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

  it("starts a long chart on the page its table ends on, unless that page is full (120 to 160 communes)", () => {
    let shared = 0;
    for (let n = 120; n <= 160; n += 5) {
      const s = n === 150 ? spec : summaryOf("vi", n);
      const br = s.print!.rowBreaks!;
      const page = (row: number) => br.filter((b) => b < row).length;
      const tall = new Map(s.rowHeights!.map((r) => [r.row, r.height]));
      const communes = s.charts!.filter((c) => c.title.includes("UBND xã, phường, đặc khu ("));
      const first = communes[0].anchor.fromRow;
      const tableRows = s.blocks.filter((b) => b.row < first && b.cells[0][0].style?.border);
      const lastTableRow = Math.max(...tableRows.map((b) => b.row));
      const used = (p: number, below: number) => {
        let u = 0;
        for (let r = 1; r < below; r++) if (page(r) === p) u += tall.get(r) ?? 15;
        return u;
      };
      if (page(first) === page(lastTableRow)) {
        shared++;
        // That page is full: the rows of the table on it and the chart's rows take most of it.
        expect([n, used(page(first), communes[0].anchor.toRow) > PAGE_HEIGHT * 0.8]).toEqual([n, true]);
      } else {
        // A new page only when the table left too little room for a chart's first ten bars (70 + 19 × 10 points).
        expect([n, PAGE_HEIGHT - used(page(lastTableRow), lastTableRow + 1) < 260]).toEqual([n, true]);
      }
    }
    expect(shared).toBeGreaterThan(3);
  });
});

it("prints the heading block and every paragraph at the top of its row: a row taller than the lines its text takes in print leaves the slack below it, not between a heading and its text", () => {
  for (const lang of ["vi", "en"] as const) {
    const run = runPlan(planRowsToGrids(samplePlanRows()), {
      period: "2015-Q2",
      lang,
      robustness: false,
      asOf: "2015-07-05",
    });
    const spec = run.sheets.find((s) => s.kind === "summary")!;
    const report = buildReport(run.plan, run.summary!, lang);
    const texts = [
      ...Object.values(report.heading).filter(
        (t) => t !== report.heading.kind && t !== report.heading.subject,
      ),
      ...report.body.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])),
    ];
    const cells = new Map(
      spec.blocks.flatMap((b) => b.cells.flat()).map((c) => [c.value, c.style?.vertical]),
    );
    expect(texts.map((t) => [t.slice(0, 30), cells.get(t)])).toEqual(
      texts.map((t) => [t.slice(0, 30), "top"]),
    );
  }
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

  it("labels its axis every 20%, as the .docx does: eleven labels 0%…100% across the tab were printed slanted", () => {
    const spec = summaryOf("vi");
    const [share, ...index] = spec.charts!;
    expect(share.valueAxis).toEqual({ min: 0, max: 1, majorUnit: 0.2, numberFormat: "0%" });
    for (const c of index)
      expect(c.valueAxis).toEqual({ min: 0, max: 100, majorUnit: 10, numberFormat: "0" });
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

describe("the summary's tables in their columns", () => {
  // A word wider than its column is broken inside it ("Hạn" / "g"); a grade or a figure wrapped makes its row twice
  // as tall as its neighbours. Measured as the layout measures (lineBreaks.ts, checked against prints in summaryFit).
  it.each(["vi", "en"] as const)("breaks no word and wraps no grade or figure (%s)", (lang) => {
    const broken: string[] = [];
    const wrapped: string[] = [];
    for (const rows of [samplePlanRows(), province2025Rows()]) {
      const run = runPlan(planRowsToGrids(rows), {
        period: "2015-Q2",
        lang,
        robustness: false,
        sheets: false,
      });
      for (const b of buildReport(run.plan, run.summary!, lang).body) {
        if (b.kind !== "table") continue;
        let col = 1;
        const widths = b.table.columns.map((c) => {
          const w = SUMMARY_WIDTHS.slice(col - 1, col - 1 + c.span).reduce((s, x) => s + x, 0);
          col += c.span;
          return w;
        });
        const check = (text: string, i: number, bold: boolean) => {
          const { room } = measureOf(widths[i], 11, bold);
          for (const w of text.split(/\s+/)) if (textWidth(w, bold) > room) broken.push(w);
        };
        b.table.columns.forEach((c, i) => check(c.title, i, true));
        for (const r of b.table.rows)
          r.forEach((c, i) => {
            check(c.text, i, !!c.bold);
            if ((c.grade || c.value !== undefined) && lines(c.text, widths[i], 11, !!c.bold) > 1)
              wrapped.push(c.text);
          });
      }
    }
    expect([...new Set(broken)]).toEqual([]);
    expect([...new Set(wrapped)]).toEqual([]);
  });
});
