import fc from "fast-check";
import { planRowsToGrids } from "../../src/engine/planRows";
import { checkWorkbook, periodTarget, sortFindings } from "../../src/engine/validate";
import { parseA1 } from "../../src/engine/grid";
import { INPUT_SHEETS } from "../../src/engine/format";
import { computeCore, computePeriod } from "../../src/engine/compute";
import {
  attainmentFacts,
  effectiveCoverage,
  provinceAttainment,
  statusOf,
  unitAttainment,
} from "../../src/engine/attainment";
import { figuresForPeriod } from "../../src/engine/figureIndex";
import { factScores, groupStats, minMaxScore, percentileScore, zScore } from "../../src/engine/scoring";
import { composite } from "../../src/engine/readiness";
import { robustnessTaskAt } from "../../src/engine/robustness";
import { robustnessTask } from "../helpers/plainRobustnessTask";
import { factLayout } from "../../src/engine/factLayout";
import { excelRound, excelRoundExact } from "../../src/engine/excelMath";
import type { AttainmentStatus, ProvinceAttainment, UnitAttainment } from "../../src/engine/results";
import type { Finding, Indicator, Plan, Unit } from "../../src/engine/model";
import type { PlanRows } from "../../src/engine/format";
import { planRowsArb } from "../helpers/randomPlan";
import { samplePlanRows } from "../../src/engine/sample";

/** The plain definition: an indicator applies to the units of the groups it names. */
const applies = (ind: Indicator, unit: Unit): boolean => ind.groups.includes(unit.group);

/** The plan with some units made inactive (the layout leaves them out). */
function withInactive(rows: PlanRows, inactive: readonly boolean[]): PlanRows {
  return {
    ...rows,
    units: rows.units.map((u, i) => (inactive[i % inactive.length] ? [u[0], u[1], u[2], "Không"] : u)),
  };
}

interface PlainFact {
  readonly unit: Unit;
  readonly code: string;
  readonly actual: number | null;
  readonly target: number | null;
  readonly attainment: number | null;
  readonly capped: number | null;
  readonly status: AttainmentStatus;
}

/** Uncapped attainment as first written: actual/target (higher is better), target/actual (lower), the 1/0 of a yes/no. */
function attainmentOf(
  actual: number | null,
  target: number | null,
  ind: Indicator,
  cap: number,
): number | null {
  if (actual === null) return null;
  if (ind.measure === "yesno") return actual;
  if (target === null) return null;
  if (ind.direction === "lower") return actual <= 0 ? Math.max(cap, 1) : target / actual;
  return target <= 0 ? null : actual / target;
}

/** Attainment written plainly: figure by unit and code, attainmentOf and statusOf, unit by unit. */
function plainFacts(plan: Plan, period: string): PlainFact[] {
  const figures = figuresForPeriod(plan, period);
  const { attainmentCap: cap, nearTarget } = plan.settings;
  const out: PlainFact[] = [];
  for (const unit of plan.units.filter((u) => u.active))
    for (const ind of plan.indicators.filter((i) => applies(i, unit))) {
      const actual = figures.get(unit.code, ind.code)?.value ?? null;
      const target = ind.measure === "yesno" ? 1 : periodTarget(ind, period);
      const a = attainmentOf(actual, target, ind, cap);
      const hasTarget =
        ind.measure === "yesno" || (target !== null && (ind.direction === "lower" || target > 0));
      out.push({
        unit,
        code: ind.code,
        actual,
        target,
        attainment: a,
        capped: a === null ? null : Math.min(a, cap),
        status: statusOf(a, hasTarget, nearTarget),
      });
    }
  return out;
}

/** Scores written plainly: group statistics of the same indicator's actual figures in the unit's group. */
function plainScores(plan: Plan, facts: readonly PlainFact[]): (number | null)[] {
  const { normalisation, attainmentCap: cap } = plan.settings;
  const byTarget = (f: PlainFact) => normalisation === "target" && f.status !== "noTarget";
  return facts.map((f) => {
    if (f.actual === null) return null;
    if (byTarget(f)) return (f.capped ?? 0) / cap;
    const s = groupStats(
      facts
        .filter(
          (g) => g.unit.group === f.unit.group && g.code === f.code && g.actual !== null && !byTarget(g),
        )
        .map((g) => g.actual as number),
    );
    const lower = plan.indicators.find((i) => i.code === f.code)?.direction === "lower";
    if (normalisation === "zscore") return zScore(f.actual, s, lower);
    if (normalisation === "percentile") return percentileScore(f.actual, s, lower);
    return minMaxScore(f.actual, s, lower);
  });
}

/** Province attainment written plainly: each indicator's attainment rows (by code) filtered and counted. */
function plainProvince(plan: Plan, rows: readonly UnitAttainment[]): ProvinceAttainment[] {
  return plan.indicators.map((ind) => {
    const list = rows.filter((r) => r.indicator === ind.code);
    const withData = list.filter((r) => r.attainment !== null);
    const base = {
      indicator: ind.code,
      period: rows[0]?.period ?? "",
      applicableUnits: list.length,
      unitsWithData: list.filter((r) => r.actual !== null).length,
      coverageTarget: ind.coverageTarget,
    };
    if (list.every((r) => r.status === "noTarget"))
      return {
        ...base,
        unitsMeeting: null,
        shareMeeting: null,
        attainment: null,
        status: "noTarget",
        meanAttainment: null,
      };
    const meeting = list.filter((r) => r.status === "met").length;
    const share = list.length ? meeting / list.length : null;
    const a = share !== null && effectiveCoverage(ind) > 0 ? share / effectiveCoverage(ind) : null;
    return {
      ...base,
      unitsMeeting: meeting,
      shareMeeting: share,
      attainment: a,
      status: statusOf(a, true, plan.settings.nearTarget),
      meanAttainment: withData.length
        ? withData.reduce((sum, r) => sum + (r.attainment ?? 0), 0) / withData.length
        : null,
    };
  });
}

const nullable = (v: number) => (Number.isNaN(v) ? null : v);
const STATUS: readonly AttainmentStatus[] = ["met", "near", "notMet", "noData", "noTarget"];

describe("the typed paths of attainment, scores and composites against their plain definitions", () => {
  const arb = fc.tuple(planRowsArb(), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }));

  it("facts, scores, composites and previous standings match, over random plans", () => {
    fc.assert(
      fc.property(arb, ([rows, inactive]) => {
        const { plan } = checkWorkbook(planRowsToGrids(withInactive(rows, inactive)), "2015-Q1");
        for (const period of ["2014-Q4", "2015-Q1"]) {
          const plain = plainFacts(plan, period);
          const facts = attainmentFacts(plan, period);
          expect(facts.count).toBe(plain.length);
          const typed = plain.map((_, f) => ({
            unit: plan.units[facts.unit[f]],
            code: plan.indicators[facts.indicator[f]].code,
            actual: nullable(facts.actual[f]),
            target: nullable(facts.target[f]),
            attainment: nullable(facts.attainment[f]),
            capped: nullable(facts.capped[f]),
            status: STATUS[facts.status[f]],
          }));
          expect(typed).toEqual(plain);
          const scores = plainScores(plan, plain);
          expect([...factScores(plan, facts)].map(nullable)).toEqual(scores);
          // Composites of the plain scores by code (composite(): the path the robustness reference uses too).
          const core = computeCore(plan, period);
          const active = plan.units.filter((u) => u.active);
          expect(core.ranking.map((r) => r.unit)).toEqual(active.map((u) => u.code));
          active.forEach((u, i) => {
            const raw = new Map(
              plain.flatMap((f, k) => (f.unit === u ? [[f.code, scores[k]] as const] : [])),
            );
            const c = composite(
              plan,
              plan.indicators.filter((ind) => applies(ind, u)),
              raw,
            );
            const r = core.ranking[i];
            expect(r.index).toBe(c.index);
            expect(r.indicatorScores).toEqual(c.scores);
            expect(Object.keys(r.indicatorScores)).toEqual(Object.keys(c.scores));
            expect(r.pillarScores).toEqual(c.pillarScores);
            expect(r.missingFigures).toBe(c.missing);
          });
        }
        // The previous period's standings: what computeCore ranks for that period, unit by unit.
        const before = computeCore(plan, "2014-Q4").ranking;
        const results = computePeriod(plan, "2015-Q1");
        const now = results.ranking;
        if (results.attainment.length)
          expect(results.province).toEqual(plainProvince(plan, results.attainment));
        expect(now.map((r) => r.previous)).toEqual(
          before.map((r) => ({
            indexRounded: r.indexRounded,
            rankInGroup: r.rankInGroup,
            rankOverall: r.rankOverall,
            grade: r.grade,
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("a code of __proto__ (only in a plan built in memory: parsed codes are upper case) is stored as composite() does", () => {
    const { plan } = checkWorkbook(planRowsToGrids(samplePlanRows()), "2015-Q2");
    const p = {
      ...plan,
      indicators: plan.indicators.map((i, k) => (k === 0 ? { ...i, code: "__proto__" } : i)),
    } as Plan;
    const core = computeCore(p, "2015-Q2");
    core.units.forEach((u, i) => {
      const c = composite(p, core.applicable(u), core.scores.get(u.code));
      const r = core.ranking[i].indicatorScores;
      expect(Object.keys(r)).toEqual(Object.keys(c.scores));
      expect(Object.getPrototypeOf(r)).toBe(Object.getPrototypeOf(c.scores));
      expect(r).toEqual(c.scores);
    });
  });

  it("province attainment pools the facts of an indicator code listed twice, as its rows do", () => {
    const { plan } = checkWorkbook(planRowsToGrids(samplePlanRows()), "2015-Q2");
    const p = { ...plan, indicators: [...plan.indicators, plan.indicators[0]] } as Plan;
    const facts = attainmentFacts(p, "2015-Q2");
    const province = provinceAttainment(p, "2015-Q2", facts);
    expect(province).toEqual(plainProvince(p, unitAttainment(p, "2015-Q2", undefined, facts)));
    expect(province[0].applicableUnits).toBe(
      2 * attainmentFacts(plan, "2015-Q2").indicator.filter((k) => k === 0).length,
    );
  });

  it("the robustness task read in place equals the one built score by score, for either missing policy", () => {
    fc.assert(
      fc.property(arb, fc.constantFrom("zero", "exclude"), ([rows, inactive], missingPolicy) => {
        const { plan: parsed } = checkWorkbook(planRowsToGrids(withInactive(rows, inactive)), "2015-Q1");
        const plan = { ...parsed, settings: { ...parsed.settings, missingPolicy } } as Plan;
        const core = computeCore(plan, "2015-Q1");
        const layout = factLayout(plan);
        // Scores asked for one by one: the k-th applicable indicator's of a unit, null where missing.
        const scoreOf = (u: Unit, _: Indicator, k: number) => {
          const s = core.factScores[layout.start[core.units.indexOf(u)] + k];
          return Number.isNaN(s) ? null : s;
        };
        const plain = robustnessTask(plan, core.units, core.applicable, scoreOf);
        expect(robustnessTaskAt(plan, factLayout(plan), core.factScores)).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });
});

describe("excelRound's arithmetic path", () => {
  const digits = fc.integer({ min: -2, max: 9 });
  // Plain doubles, and values at and within a few ulps of a half or a whole at each number of digits.
  const nearHalf = fc
    .tuple(
      fc.integer({ min: -2e7, max: 2e7 }),
      digits,
      fc.constantFrom(0, 0.5),
      fc.integer({ min: -4, max: 4 }),
    )
    .map(([k, d, half, ulps]) => {
      let x = (k + half) / 10 ** d;
      for (let i = 0; i < Math.abs(ulps); i++)
        x = ulps > 0 ? x + Number.EPSILON * Math.abs(x) : x - Number.EPSILON * Math.abs(x);
      return [x, d] as const;
    });
  const plain = fc.tuple(fc.double({ noNaN: true }), digits);
  const small = fc.tuple(fc.double({ min: -1e8, max: 1e8, noNaN: true }), digits);

  it("gives exactly the 15-digit path's result (sign of zero included)", () => {
    fc.assert(
      fc.property(fc.oneof(nearHalf, plain, small), ([x, d]) => {
        expect(Object.is(excelRound(x, d), excelRoundExact(x, d))).toBe(true);
      }),
      { numRuns: 20000 },
    );
    for (const [x, d] of [
      [0.125, 2],
      [-0.125, 2],
      [2.675, 2],
      [1.005, 2],
      [-0, 2],
      [0, 0],
      [5e-324, 3],
      [-5e-324, 3],
      [99.995, 2],
      [9999999.5, 0],
      [NaN, 2],
      [Infinity, 2],
    ] as const)
      expect(Object.is(excelRound(x, d), excelRoundExact(x, d))).toBe(true);
  });
});

describe("sortFindings with its keys worked out once", () => {
  /** The order as first written: the keys worked out at every comparison. */
  function plainSort(findings: readonly Finding[]): Finding[] {
    const sheetOrder = new Map(INPUT_SHEETS.map((x, i) => [x.name, i]));
    const sevOrder = { error: 0, warning: 1, info: 2 } as const;
    const pos = (f: Finding) => parseA1(f.cell) ?? { row: 0, col: 0 };
    return [...findings].sort((a, b) => {
      const sev = sevOrder[a.severity] - sevOrder[b.severity];
      if (sev) return sev;
      const sa = sheetOrder.get(a.sheet) ?? 99;
      const sb = sheetOrder.get(b.sheet) ?? 99;
      if (sa !== sb) return sa - sb;
      if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
      const pa = pos(a);
      const pb = pos(b);
      return pa.row - pb.row || pa.col - pb.col;
    });
  }
  const finding = fc.record({
    code: fc.constantFrom("A", "B", "C"),
    severity: fc.constantFrom("error" as const, "warning" as const, "info" as const),
    sheet: fc.constantFrom(...INPUT_SHEETS.map((x) => x.name), "Khác", "Ghi chú"),
    cell: fc.oneof(
      fc.constant(""),
      fc
        .tuple(fc.constantFrom("A", "B", "Z", "AA"), fc.integer({ min: 1, max: 30 }))
        .map(([c, r]) => `${c}${r}`),
    ),
    params: fc.constant({}),
  });

  it("gives the order of the plain comparator, ties kept in their first order", () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), (findings) => {
        const sorted = sortFindings(findings);
        const plain = plainSort(findings);
        expect(sorted.length).toBe(plain.length);
        sorted.forEach((f, i) => expect(f).toBe(plain[i]));
      }),
      { numRuns: 2000 },
    );
  });
});
