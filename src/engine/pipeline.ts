/** The main job as one pure function: check a workbook, compute a period, build the output sheets. */
import type { WorkbookGrids } from "./grid";
import type { Finding, Plan } from "./model";
import type { PeriodResults, UnitReadiness } from "./results";
import { fitCellText, type SheetSpec } from "./sheetSpec";
import type { QuarterlySummary } from "./summary";
import type { Lang } from "./i18n/labels";
import { checkWorkbook } from "./validate";
import { computePeriod, withIntervals } from "./compute";
import { buildQuarterlySummary } from "./summary";
import { outputSheets, type RankingJob } from "./outputs";
import { parsePeriod, periodKey } from "./periods";
import { refusal, type Refusal } from "./gate";
import { buildFindingsSheet } from "./outputs/findingsSheet";
import { planSheetNames } from "./findings";
import type { RobustnessTask } from "./robustness";

export interface RunOptions {
  /** Period as typed ("2015-Q2", "Quý II/2015", "2014"); default: the plan's current period. */
  readonly period?: string | null;
  readonly lang: Lang;
  readonly robustness?: boolean;
  /** Build the summary tab too (default true). */
  readonly summary?: boolean;
  /** Build the output sheets (default true); without them a run's sheets are empty (a Word report needs none). */
  readonly sheets?: boolean;
  /** The day the summary's figures are taken (ISO date); default today. */
  readonly asOf?: string;
  /** Progress inside the compute step (robustness draws done, total); not sent to a worker. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * With robustness: the draws run elsewhere (the CLI's worker thread), handed this task as soon as the scores are
   * known. The run's intervals stay null; its `attachIntervals` gives the run with drawRanks' answer.
   */
  readonly drawElsewhere?: (task: RobustnessTask) => void;
  /**
   * With the task handed to drawElsewhere: Xếp hạng is built there too (rankingOfJob, once the draws are done), handed
   * this job as soon as Kết quả's rows are known. The run's sheets then hold its stand-in, and `attachIntervals` takes
   * the sheet built there.
   */
  readonly rankingElsewhere?: (job: RankingJob) => void;
}

export interface RunResult {
  readonly plan: Plan;
  readonly findings: readonly Finding[];
  readonly period: string | null;
  readonly results: PeriodResults | null;
  readonly summary: QuarterlySummary | null;
  /** Why no results were computed (the data make a report meaningless), or null. */
  readonly refused: Refusal | null;
  /** The output sheets; when refused, only the checks sheet, saying why; none when run with `sheets: false`. */
  readonly sheets: readonly SheetSpec[];
  /**
   * Only when the task went to drawElsewhere: this run with the intervals drawn there, results and Xếp hạng alike
   * (the other sheets are the same objects). Xếp hạng is `ranking` where it was built elsewhere (rankingOfJob of the
   * job handed to rankingElsewhere), else built here.
   */
  readonly attachIntervals?: (drawn: Int32Array, ranking?: SheetSpec) => RunResult;
}

/** Reads a typed period into its key, or null when it is not one. */
export function periodArg(text: string): string | null {
  const p = parsePeriod(text);
  return p ? periodKey(p) : null;
}

/** The steps of a run, in order; a caller that must stay responsive can pause between them. */
export type RunStep = "check" | "compute" | "summary" | "sheets";

/** Checks, computes and builds the output sheets, yielding before each step; returns the result. */
export function* planSteps(grids: WorkbookGrids, options: RunOptions): Generator<RunStep, RunResult, void> {
  yield "check";
  const { plan, findings, period } = checkWorkbook(grids, options.period ?? null);
  const refused = refusal(plan, findings, period, options.lang);
  if (refused) {
    const checks = fitCellText(
      buildFindingsSheet(
        findings,
        options.lang,
        plan.settings.province,
        refused,
        planSheetNames(plan, options.lang),
      ),
    );
    return { plan, findings, period, results: null, summary: null, refused, sheets: [checks] };
  }
  if (!period) throw new Error("unreachable: the gate refuses a run without a period");
  yield "compute";
  let handedOver = false;
  const drawElsewhere = options.drawElsewhere;
  const results = computePeriod(plan, period, {
    robustness: options.robustness ?? true,
    onProgress: options.onProgress,
    drawElsewhere:
      drawElsewhere &&
      ((task) => {
        handedOver = true;
        drawElsewhere(task);
      }),
  });
  yield "summary";
  const summary =
    options.summary === false
      ? null
      : buildQuarterlySummary(plan, results, findings, options.asOf ?? new Date().toISOString());
  if (options.sheets === false)
    return { plan, findings, period, results, summary, refused: null, sheets: [] };
  yield "sheets";
  const { sheets: built, rankingFor } = outputSheets(plan, results, findings, {
    lang: options.lang,
    summary,
    rankingElsewhere: handedOver ? options.rankingElsewhere : undefined,
  });
  const sheets = built.map(fitCellText);
  const run: RunResult = { plan, findings, period, results, summary, refused: null, sheets };
  if (!handedOver) return run;
  return {
    ...run,
    attachIntervals: (drawn, builtElsewhere) => {
      const withDrawn = withIntervals(results, drawn);
      const built = sheets.find((s) => s.kind === "ranking") as SheetSpec;
      const ranking = builtElsewhere ?? rankingFor(withDrawn, built);
      return {
        ...run,
        results: withDrawn,
        summary: summary && relinked(summary, results.ranking, withDrawn.ranking),
        sheets: sheets.map((s) => (s.kind === "ranking" ? ranking : s)),
      };
    },
  };
}

/** The summary listing the new records where it listed the old ones (the same units, other intervals). */
function relinked(
  summary: QuarterlySummary,
  from: readonly UnitReadiness[],
  to: readonly UnitReadiness[],
): QuarterlySummary {
  const swap = new Map(from.map((r, i) => [r, to[i]]));
  const re = (list: readonly UnitReadiness[]) => list.map((r) => swap.get(r) ?? r);
  return {
    ...summary,
    groups: summary.groups.map((g) => ({
      ...g,
      ranking: re(g.ranking),
      top: re(g.top),
      bottom: re(g.bottom),
      rises: re(g.rises),
      falls: re(g.falls),
    })),
    biggestChanges: re(summary.biggestChanges),
  };
}

/** Checks, computes and builds the output sheets; never throws for bad input (it becomes findings). */
export function runPlan(grids: WorkbookGrids, options: RunOptions): RunResult {
  const steps = planSteps(grids, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
