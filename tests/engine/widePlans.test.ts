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
