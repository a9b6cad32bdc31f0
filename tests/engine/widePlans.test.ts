/**
 * Plans of any shape within the product's limits (up to 400 indicators, 1–40 pillars, pillar names of up to 300
 * characters) give formulas within Excel's limits (8,192 characters, 255 arguments, 64 levels), text within its 32,767
 * characters a cell and 255 a table column's title, and formulas that compute the engine's values (HyperFormula).
 */
import fc from "fast-check";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { refusalMessage } from "../../src/engine/gate";
import { MAX_PILLARS } from "../../src/engine/readiness";
import { formulaOf } from "../../src/engine/sheetSpec";
import { formulaLimitBreaks } from "../helpers/excelRules";
import { evaluateSpecs } from "../helpers/hyperformula";
import { pillarNames, widePlanRows, type WidePlanOptions } from "../helpers/widePlan";
import * as resultsSheet from "../../src/engine/outputs/resultsSheet";
import * as rankingSheet from "../../src/engine/outputs/rankingSheet";
import { outputSheets } from "../../src/engine/outputs";
import { pillarsOf } from "../../src/engine/readiness";
import type { WorkbookGrids } from "../../src/engine/grid";

const NAME_CHARS = [..."abcdeghiklmnopqrstuvxyĐđăâêôơưáàảãạếềểễệ '\"-&<>/"];

const shapeArb: fc.Arbitrary<WidePlanOptions> = fc.record({
  units: fc.integer({ min: 2, max: 5 }),
  indicators: fc.integer({ min: 1, max: 400 }),
  pillars: fc
    .array(fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 300 }), {
      minLength: 1,
      maxLength: MAX_PILLARS,
    })
    // Different names after trimming (the parser trims them), none blank.
    .map((names) => names.map((n, i) => `${i + 1} ${n.join("")}`)),
  missing: fc.constantFrom("Tính 0 điểm", "Loại trừ"),
  aggregation: fc.constantFrom("Trung bình cộng", "Trung bình nhân"),
  normalisation: fc.constantFrom("Theo chỉ tiêu", "Min–max", "Z-score", "Thứ hạng phần trăm"),
  seed: fc.integer({ min: 1, max: 1000 }),
});

function run(o: WidePlanOptions, lang: "vi" | "en" = "vi") {
  const grids = planRowsToGrids(widePlanRows({ ...o, quarters: 2 }));
  return { grids, run: runPlan(grids, { period: "2014-Q2", lang, robustness: false }) };
}

/** Whether Kết quả carries the running sums (its column N headed "Trọng số trụ cột (cộng dồn)" or in English). */
const hasRunningSums = (r: ReturnType<typeof runPlan>): boolean =>
  r.sheets[0].blocks.some((b) => b.row === 4 && b.col === 14);

/** What in a run's sheets breaks Excel's limits, one line each. */
function limitBreaks(r: ReturnType<typeof runPlan>): string[] {
  const out: string[] = [];
  for (const s of r.sheets) {
    for (const b of s.blocks)
      b.cells.forEach((row, i) =>
        row.forEach((c, j) => {
          const at = `${s.name} R${b.row + i}C${b.col + j}`;
          const f = formulaOf(c);
          if (f) for (const x of formulaLimitBreaks(f)) out.push(`${at}: ${x}`);
          if (typeof c.value === "string" && c.value.length > 32767)
            out.push(`${at}: ${c.value.length} characters`);
          // A table's header row: each title is a table column's name.
          if (s.tables?.length && b.row + i === 4 && typeof c.value === "string" && c.value.length > 255)
            out.push(`${at}: a table column title of ${c.value.length} characters`);
        }),
      );
    for (const w of s.columnWidths ?? [])
      if (w.width > 255) out.push(`${s.name} column ${w.col}: width ${w.width}`);
  }
  return out;
}

describe("plans of any shape stay within Excel's limits", () => {
  it("every formula, text and column of random wide plans, listed or with running sums", () => {
    let formulas = 0;
    const modes = new Set<boolean>();
    fc.assert(
      fc.property(shapeArb, fc.constantFrom("vi" as const, "en" as const), (o, lang) => {
        const { run: r } = run(o, lang);
        expect(r.sheets.length).toBeGreaterThanOrEqual(3);
        expect(limitBreaks(r)).toEqual([]);
        modes.add(hasRunningSums(r));
        formulas += r.sheets.flatMap((s) => s.blocks).length;
      }),
      { seed: 2711, numRuns: 30 },
    );
    expect(formulas).toBeGreaterThan(30);
    expect([...modes].sort()).toEqual([false, true]);
  });

  it("a plan whose listed pillar formulas fit keeps them; past Excel's limits, Kết quả gets running sums", () => {
    const sample = runPlan(planRowsToGrids(samplePlanRows()), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
    });
    expect(hasRunningSums(sample)).toBe(false);
    expect(formulaOf(sample.sheets[1].blocks[3].cells[0][3])).toMatch(
      /^=\('Chỉ tiêu'!\$F\$\d+\*'Kết quả'!K\d+\+/,
    );
    // 5 pillars of 32 indicators: the index formula listing 160 weights three times would be 8,669 characters.
    const wide = run({ units: 3, indicators: 160, pillars: pillarNames(5) }).run;
    expect(hasRunningSums(wide)).toBe(true);
    expect(
      wide.sheets[0].blocks.find((b) => b.row === 4 && b.col === 14)?.cells[0].map((c) => c.value),
    ).toEqual(["Trọng số trụ cột (cộng dồn)", "Điểm × trọng số trụ cột (cộng dồn)"]);
    expect(formulaOf(wide.sheets[1].blocks[3].cells[0][3])).toMatch(
      /^=IF\('Kết quả'!N(\d+)<=0,"",'Kết quả'!O\1\/'Kết quả'!N\1\)$/,
    );
    // Under the exclude policy COUNT lists a pillar's scores: 256 indicators in one pillar pass its 255 arguments.
    const fit = run({ units: 2, indicators: 40, pillars: ["A"], missing: "Loại trừ" }).run;
    expect(hasRunningSums(fit)).toBe(false);
    const many = run({ units: 2, indicators: 256, pillars: ["A"], missing: "Loại trừ" }).run;
    expect(hasRunningSums(many)).toBe(true);
  });

  it("and the formulas compute the engine's values (HyperFormula), on a few random shapes", () => {
    fc.assert(
      fc.property(shapeArb, (o) => {
        const { grids, run: r } = run({ ...o, units: 4 });
        const { checked, mismatches } = evaluateSpecs(grids, r.sheets);
        expect(checked).toBeGreaterThan(o.indicators * 4);
        expect(mismatches.slice(0, 5)).toEqual([]);
      }),
      { seed: 1312, numRuns: 4 },
    );
  });

  it("the largest shapes: 400 indicators in one pillar, and over 40 pillars with the longest names", () => {
    const one = run({ units: 3, indicators: 400, pillars: ["Chính quyền số"], missing: "Loại trừ" }).run;
    expect(limitBreaks(one)).toEqual([]);
    const forty = run({
      units: 3,
      indicators: 400,
      pillars: pillarNames(MAX_PILLARS, 300),
      aggregation: "Trung bình nhân",
    }).run;
    expect(limitBreaks(forty)).toEqual([]);
    const longest = Math.max(
      ...forty.sheets.flatMap((s) =>
        s.blocks.flatMap((b) => b.cells.flat().map((c) => formulaOf(c)?.length ?? 0)),
      ),
    );
    expect(longest).toBeLessThan(8192);
  });

  it(`refuses a plan of more than ${MAX_PILLARS} pillars, saying where and why in both languages`, () => {
    for (const lang of ["vi", "en"] as const) {
      const { run: r } = run({ units: 3, indicators: 60, pillars: pillarNames(MAX_PILLARS + 1) }, lang);
      expect(r.refused?.reason).toBe("tooManyPillars");
      expect(refusalMessage(r.refused!, lang)).toMatch(lang === "vi" ? /41 trụ cột/ : /41 pillars/);
      const f = r.findings.find((x) => x.code === "TOO_MANY_PILLARS");
      // Indicator 41 is the first of the 41st pillar: its Trụ cột cell.
      const cell = r.plan.indicators[MAX_PILLARS].cells.pillar;
      expect(f).toMatchObject({
        severity: "error",
        sheet: cell.sheet,
        params: { count: 41, max: MAX_PILLARS },
      });
      expect(f?.cell).toMatch(new RegExp(`^C${cell.row}$`));
    }
  });
});

/** What a plan's workbook varies beyond its shape: what Xếp hạng's listed formulas name and how long that is. */
interface Variant {
  /** The Chỉ tiêu sheet's name, as any the parser takes it by (apostrophes are doubled in references). */
  readonly indicatorsSheet: string;
  /** Per indicator, cyclically: its weight typed as text (the number is then written into the formulas), or null. */
  readonly textWeights: readonly (string | null)[];
  /** Per indicator, cyclically: whether it applies to departments only (other units have no row for it). */
  readonly departmentsOnly: readonly boolean[];
  /** Thang điểm: absent (100 written), a number on Cấu hình (its defined name) or text (the number written). */
  readonly scale: number | string | null;
}

const PLAIN: Variant = {
  indicatorsSheet: "Chỉ tiêu",
  textWeights: [null],
  departmentsOnly: [false],
  scale: null,
};

function variantGrids(o: WidePlanOptions, v: Variant): WorkbookGrids {
  const rows = widePlanRows({ ...o, quarters: 2 });
  const grids = planRowsToGrids({
    ...rows,
    settings: v.scale === null ? rows.settings : [...rows.settings, ["Thang điểm", v.scale]],
    indicators: rows.indicators.map((row, i) =>
      row.map((x, k) =>
        k === 5
          ? (v.textWeights[i % v.textWeights.length] ?? x)
          : k === 11 && v.departmentsOnly[i % v.departmentsOnly.length]
            ? "Sở, ban, ngành"
            : x,
      ),
    ),
  });
  return {
    ...grids,
    sheets: grids.sheets.map((g) => (g.sheet === "Chỉ tiêu" ? { ...g, sheet: v.indicatorsSheet } : g)),
  };
}

/** A plan's run without its sheets, and what Kết quả's rows make of the listed formulas. */
function predicted(grids: WorkbookGrids, lang: "vi" | "en") {
  const r = runPlan(grids, { period: "2014-Q2", lang, robustness: false, sheets: false });
  if (!r.results) throw new Error(`refused: ${r.refused?.reason}`);
  const rows = resultsSheet.resultsRows(r.plan, r.results);
  return {
    plan: r.plan,
    results: r.results,
    rows,
    extent: rankingSheet.listedExtent(r.plan, r.results, rows, lang),
  };
}

/** The longest pillar or index formula of Xếp hạng built listing every indicator, and COUNT's most arguments there. */
function builtExtent(p: ReturnType<typeof predicted>, lang: "vi" | "en"): rankingSheet.ListedExtent {
  const res = resultsSheet.buildResultsSheet(p.plan, p.results, lang, p.rows, false);
  const { spec } = rankingSheet.buildRankingSheet(p.plan, p.results, res.layout, lang);
  const pillars = pillarsOf(p.plan).length;
  let longest = 0;
  let counted = 0;
  // The units' rows: columns D on, a pillar score each, then the index.
  for (const row of spec.blocks[3].cells)
    for (const c of row.slice(3, 4 + pillars)) {
      const f = formulaOf(c) ?? "";
      longest = Math.max(longest, f.length);
      const count = /^=IF\(COUNT\(([^)]*)\)/.exec(f);
      if (count) counted = Math.max(counted, count[1].split(",").length);
    }
  return { longest, counted };
}

const SHEET_NAMES = [
  "Chỉ tiêu",
  "Indicators",
  "Danh mục' chỉ' tiêu",
  // 31 characters, Excel's longest (a name may not start or end with an apostrophe): each is two in a reference.
  "Danh''''''mục''''''chỉ'''''tiêu",
];

const variantArb: fc.Arbitrary<Variant> = fc.record({
  indicatorsSheet: fc.constantFrom(...SHEET_NAMES),
  textWeights: fc.array(fc.constantFrom(null, "1", "2,5", "0,125", "14,285714285714286"), {
    minLength: 1,
    maxLength: 5,
  }),
  departmentsOnly: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  scale: fc.constantFrom(null, 100, 1000, "1000", "1"),
});

describe("the form of Xếp hạng's pillar scores is decided before the sheets are built", () => {
  it("the listed formulas' length and COUNT's arguments, worked out from Kết quả's rows, are those of the formulas built, and decide the form", () => {
    const forms = new Set<boolean>();
    fc.assert(
      fc.property(
        // 1 to 14 units: Xếp hạng's rows pass 9.
        shapeArb.map((o) => ({ ...o, units: ((o.seed ?? 0) % 14) + 1 })),
        variantArb,
        fc.constantFrom("vi" as const, "en" as const),
        (o, v, lang) => {
          const p = predicted(variantGrids(o, v), lang);
          expect(p.extent).toEqual(builtExtent(p, lang));
          // The bound from the plan alone is never below, so where it fits the listed formulas do.
          const bound = rankingSheet.listedBound(p.plan, p.results, p.rows, lang);
          expect(bound.longest).toBeGreaterThanOrEqual(p.extent.longest);
          expect(bound.counted).toBeGreaterThanOrEqual(p.extent.counted);
          const listed = rankingSheet.withinLimits(p.extent);
          expect(rankingSheet.listedFits(p.plan, p.results, p.rows, lang)).toBe(listed);
          // The sheets written take the form that fits, and list only within Excel's limits.
          const r = runPlan(variantGrids(o, v), { period: "2014-Q2", lang, robustness: false });
          expect(hasRunningSums(r)).toBe(!listed);
          expect(limitBreaks(r)).toEqual([]);
          forms.add(listed);
        },
      ),
      { seed: 4242, numRuns: 40 },
    );
    expect([...forms].sort()).toEqual([false, true]);
  });

  /** A weight typed as text of `chars` characters: 1, 10, 1,5, 1,55 … (the number is written into the formulas). */
  const weightText = (chars: number): string =>
    chars === 1 ? "1" : chars === 2 ? "10" : `1,${"5".repeat(chars - 2)}`;
  /** A plan whose indicators' weights are typed as text of the lengths given, at a Thang điểm. */
  const tuned = (base: WidePlanOptions, lengths: readonly number[], scale: Variant["scale"]) =>
    variantGrids(
      { ...base, indicators: lengths.length },
      { ...PLAIN, indicatorsSheet: "Danh mục' chỉ' tiêu", textWeights: lengths.map(weightText), scale },
    );

  it.each([
    ["the index, arithmetic mean", { pillars: pillarNames(5) }],
    ["the index, geometric mean", { pillars: pillarNames(5), aggregation: "Trung bình nhân" }],
    ["a pillar score under the exclude policy", { pillars: ["Một trụ cột"], missing: "Loại trừ" }],
  ] as [string, Partial<WidePlanOptions>][])(
    "just under 8,192 characters lists, just over reads running sums: %s",
    (_, shape) => {
      const base: WidePlanOptions = { units: 3, indicators: 1, pillars: ["A"], seed: 7, ...shape };
      const longest = (grids: WorkbookGrids) => predicted(grids, "vi").extent.longest;
      /** The last k in [lo, hi) for which fits(k) (fits(lo) holds, fits(hi) does not). */
      const lastFitting = (lo: number, hi: number, fits: (k: number) => boolean): number => {
        while (lo + 1 < hi) {
          const mid = (lo + hi) >> 1;
          if (fits(mid)) lo = mid;
          else hi = mid;
        }
        return lo;
      };
      // The fewest indicators whose listed formulas pass the limit with weights of 17 characters; then how many of
      // them may have 17 characters, the others 1, and still fit; then the next one's length and the scale that
      // bring the longest formula nearest the limit from below and from above.
      const n = lastFitting(2, 400, (k) => longest(tuned(base, Array<number>(k).fill(17), null)) <= 8192) + 1;
      const lengths = (long: number, next: number) =>
        Array.from({ length: n }, (_, i) => (i < long ? 17 : i === long ? next : 1));
      const j = lastFitting(0, n, (k) => longest(tuned(base, lengths(k, 1), null)) <= 8192);
      let under: { grids: WorkbookGrids; length: number } | null = null;
      let over: { grids: WorkbookGrids; length: number } | null = null;
      for (let chars = 1; chars <= 17; chars++)
        for (const scale of [null, "1", "1000"]) {
          const grids = tuned(base, lengths(j, chars), scale);
          const length = longest(grids);
          if (length <= 8192 && (!under || length > under.length)) under = { grids, length };
          if (length > 8192 && (!over || length < over.length)) over = { grids, length };
        }
      expect(under!.length).toBeGreaterThanOrEqual(8191);
      expect(over!.length).toBeLessThanOrEqual(8193);
      for (const [{ grids, length }, fits] of [
        [under!, true],
        [over!, false],
      ] as const) {
        expect(builtExtent(predicted(grids, "vi"), "vi").longest).toBe(length);
        const r = runPlan(grids, { period: "2014-Q2", lang: "vi", robustness: false });
        expect(hasRunningSums(r)).toBe(!fits);
        expect(limitBreaks(r)).toEqual([]);
      }
    },
  );

  it("COUNT's arguments are counted exactly; 256 would pass Excel's 255, though the length binds first", () => {
    for (const indicators of [255, 256]) {
      const o = { units: 2, indicators, pillars: ["Một trụ cột"], missing: "Loại trừ" };
      const p = predicted(variantGrids(o, { ...PLAIN, textWeights: ["1"] }), "en");
      expect(p.extent).toEqual(builtExtent(p, "en"));
      expect(p.extent.counted).toBe(indicators);
      // A listed term is at least 80 characters: 255 of them are far past 8,192.
      expect(p.extent.longest).toBeGreaterThan(8192 * 2);
    }
    expect(rankingSheet.withinLimits({ longest: 8192, counted: 255 })).toBe(true);
    expect(rankingSheet.withinLimits({ longest: 8192, counted: 256 })).toBe(false);
    expect(rankingSheet.withinLimits({ longest: 8193, counted: 0 })).toBe(false);
  });

  it("a wide plan's Kết quả and Xếp hạng are each built once", () => {
    const r = run({ units: 3, indicators: 200, pillars: pillarNames(5) }).run;
    const results = jest.spyOn(resultsSheet, "buildResultsSheet");
    const ranking = jest.spyOn(rankingSheet, "buildRankingSheet");
    try {
      const { sheets } = outputSheets(r.plan, r.results!, r.findings, { lang: "vi", summary: null });
      expect(hasRunningSums({ ...r, sheets })).toBe(true);
      expect(results).toHaveBeenCalledTimes(1);
      expect(ranking).toHaveBeenCalledTimes(1);
    } finally {
      results.mockRestore();
      ranking.mockRestore();
    }
  });
});
