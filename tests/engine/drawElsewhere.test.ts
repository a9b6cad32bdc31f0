/**
 * Robustness drawn elsewhere (the CLI's worker thread): the run hands over a task of plain typed arrays, goes on
 * without intervals, and attaches the answer later; every figure and sheet is then the one a run that draws itself
 * gives, to the last tie.
 */
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { computeCore, computePeriod, withIntervals } from "../../src/engine/compute";
import { runPlan } from "../../src/engine/pipeline";
import { drawRanks, intervalAt, robustnessTaskAt, type RobustnessTask } from "../../src/engine/robustness";
import { factLayout } from "../../src/engine/factLayout";
import { generatePlanRows } from "../../bench/generate";
import type { Plan } from "../../src/engine/model";
import type { PlanRows } from "../../src/engine/format";
import { rankingOfJob, resultsOfJob, type RankingJob } from "../../src/engine/outputs";
import { specFingerprint } from "../../src/workbook/fingerprint";

const AS_OF = "2015-07-05";
const cases: [string, PlanRows, string][] = [
  ["the sample", samplePlanRows(), "2015-Q2"],
  ["a generated plan of 150 units", generatePlanRows(150, 20, 4), "2014-Q4"],
  // Pillar scores past Excel's limits when listed: running sums on Kết quả.
  ["a generated plan of 170 indicators", generatePlanRows(40, 170, 4), "2014-Q4"],
];

/** Only numbers, booleans, arrays and typed arrays: what survives a structured clone unchanged. */
function plainData(x: unknown): boolean {
  if (x === null || ["number", "boolean", "string"].includes(typeof x)) return true;
  if (ArrayBuffer.isView(x)) return true;
  if (Array.isArray(x)) return x.every(plainData);
  return Object.getPrototypeOf(x) === Object.prototype && Object.values(x as object).every(plainData);
}

describe("robustness drawn from a task", () => {
  it.each(cases)("%s: a cloned task draws the intervals the task itself gives", (_, rows, period) => {
    const { plan } = checkWorkbook(planRowsToGrids(rows), period);
    for (const aggregation of ["arithmetic", "geometric"] as const) {
      const p = { ...plan, settings: { ...plan.settings, aggregation, robustnessDraws: 200 } } as Plan;
      const core = computeCore(p, period);
      const task = robustnessTaskAt(p, factLayout(p), core.factScores);
      expect(plainData(task)).toBe(true);
      // What a worker receives: a structured clone.
      const drawn = drawRanks(structuredClone(task));
      expect(drawn).toHaveLength(3 * core.units.length);
      expect(drawn).toEqual(drawRanks(task));
      const intervals = core.units.map((_, i) => intervalAt(drawn, i)!);
      expect(intervals.some((r) => r.p95 > r.p5)).toBe(true);
    }
  });

  it("draws nothing without draws", () => {
    const { plan } = checkWorkbook(planRowsToGrids(samplePlanRows()), "2015-Q2");
    const p = { ...plan, settings: { ...plan.settings, robustnessDraws: 0 } } as Plan;
    const core = computeCore(p, "2015-Q2");
    const drawn = drawRanks(robustnessTaskAt(p, factLayout(p), core.factScores));
    expect(drawn).toHaveLength(0);
    expect(intervalAt(drawn, 0)).toBeNull();
  });
});

describe("a run whose robustness is drawn elsewhere", () => {
  it.each(cases)(
    "%s: hands over one task, then attaches its answer: results and sheets as a run drawing itself",
    (_, rows, period) => {
      const grids = planRowsToGrids(rows);
      const tasks: RobustnessTask[] = [];
      const first = runPlan(grids, {
        period,
        lang: "vi",
        asOf: AS_OF,
        drawElsewhere: (t) => tasks.push(t),
      });
      expect(tasks).toHaveLength(1);
      expect(first.results!.ranking.every((r) => r.robustness === null)).toBe(true);
      const whole = runPlan(grids, { period, lang: "vi", asOf: AS_OF });
      const done = first.attachIntervals!(drawRanks(structuredClone(tasks[0])));
      expect(done.attachIntervals).toBeUndefined();
      expect(done.results).toEqual(whole.results);
      expect(done.sheets).toEqual(whole.sheets);
      expect(done.summary).toEqual(whole.summary);
      // Only Xếp hạng shows the intervals: the other sheets are those already built (and maybe written).
      const rankingAt = first.sheets.findIndex((s) => s.kind === "ranking");
      expect(done.sheets[rankingAt]).not.toEqual(first.sheets[rankingAt]);
      first.sheets.forEach((s, i) => i !== rankingAt && expect(done.sheets[i]).toBe(s));
    },
  );

  it.each(cases)(
    "%s: Xếp hạng built elsewhere from its job (a structured clone, no figures): the sheet a run drawing itself writes",
    (_, rows, period) => {
      const grids = planRowsToGrids(rows);
      const tasks: RobustnessTask[] = [];
      const jobs: RankingJob[] = [];
      const first = runPlan(grids, {
        period,
        lang: "vi",
        asOf: AS_OF,
        drawElsewhere: (t) => tasks.push(t),
        rankingElsewhere: (j) => jobs.push(j),
      });
      expect(jobs).toHaveLength(1);
      expect("figures" in jobs[0].plan).toBe(false);
      const whole = runPlan(grids, { period, lang: "vi", asOf: AS_OF });
      const at = whole.sheets.findIndex((s) => s.kind === "ranking");
      // The stand-in: what a write needs before the first sheet (name, kind, defined names), and no cells.
      const { blocks, definedNames, name, kind } = whole.sheets[at];
      expect(blocks.length).toBeGreaterThan(0);
      expect(first.sheets[at]).toEqual({ name, kind, definedNames, blocks: [] });
      const drawn = drawRanks(structuredClone(tasks[0]));
      const there = rankingOfJob(structuredClone(jobs[0]), drawn);
      expect(there).toEqual(whole.sheets[at]);
      expect(specFingerprint(there)).toBe(specFingerprint(whole.sheets[at]));
      // Kết quả built from the job too (its rows packed): the sheet written, and so its fingerprint.
      const results = resultsOfJob(structuredClone(jobs[0]));
      const written = first.sheets.find((s) => s.kind === "results")!;
      expect(results).toEqual(written);
      expect(specFingerprint(results)).toBe(specFingerprint(written));
      const done = first.attachIntervals!(drawn, there);
      expect(done.sheets).toEqual(whole.sheets);
      expect(done.sheets[at]).toBe(there);
      expect(done.results).toEqual(whole.results);
      // Not built elsewhere after all (the thread failed): built here, the same sheet.
      expect(first.attachIntervals!(drawn).sheets).toEqual(whole.sheets);
    },
  );

  it("hands nothing over without robustness, or when the data are refused", () => {
    const grids = planRowsToGrids(samplePlanRows());
    const tasks: RobustnessTask[] = [];
    const drawElsewhere = (t: RobustnessTask) => tasks.push(t);
    const jobs: RankingJob[] = [];
    const rankingElsewhere = (j: RankingJob) => jobs.push(j);
    const off = runPlan(grids, {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
      drawElsewhere,
      rankingElsewhere,
    });
    expect(off.attachIntervals).toBeUndefined();
    // Without draws elsewhere, Xếp hạng is built here, with its cells.
    expect(jobs).toHaveLength(0);
    expect(off.sheets.find((s) => s.kind === "ranking")?.blocks.length).toBeGreaterThan(0);
    const refused = runPlan(grids, { period: "2016-Q1", lang: "vi", drawElsewhere, rankingElsewhere });
    expect(refused.refused?.reason).toBe("noFigures");
    expect(refused.attachIntervals).toBeUndefined();
    expect(tasks).toHaveLength(0);
    expect(jobs).toHaveLength(0);
  });

  it("computePeriod: withIntervals gives what drawing here gives", () => {
    const { plan } = checkWorkbook(planRowsToGrids(samplePlanRows()), "2015-Q2");
    let task: RobustnessTask | null = null;
    const apart = computePeriod(plan, "2015-Q2", { robustness: true, drawElsewhere: (t) => (task = t) });
    expect(task).not.toBeNull();
    expect(withIntervals(apart, drawRanks(task!))).toEqual(
      computePeriod(plan, "2015-Q2", { robustness: true }),
    );
  });
});
