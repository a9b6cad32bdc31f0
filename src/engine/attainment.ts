/** Target attainment: per unit, indicator and period, and for the province as a whole. */
import type { Plan } from "./model";
import type { AttainmentStatus, ProvinceAttainment, UnitAttainment } from "./results";
import { figuresForPeriod } from "./figureIndex";
import { figureCell } from "./figures";
import { periodTarget } from "./validate";
import { excelGte } from "./excelMath";
import { factLayout } from "./factLayout";

/** Status band of an attainment. */
export function statusOf(a: number | null, hasTarget: boolean, nearTarget: number): AttainmentStatus {
  if (!hasTarget) return "noTarget";
  if (a === null) return "noData";
  if (excelGte(a, 1)) return "met";
  return excelGte(a, nearTarget) ? "near" : "notMet";
}

/** The statuses by their number in AttainmentFacts.status. */
const STATUSES: readonly AttainmentStatus[] = ["met", "near", "notMet", "noData", "noTarget"];
const STATUS_NO = new Map(STATUSES.map((s, k) => [s, k]));
/** AttainmentFacts.status of "noTarget". */
export const NO_TARGET = STATUS_NO.get("noTarget") as number;
const MET = STATUS_NO.get("met") as number;
const NEAR = STATUS_NO.get("near") as number;
const NOT_MET = STATUS_NO.get("notMet") as number;
const NO_DATA = STATUS_NO.get("noData") as number;
/** The three rules of attainment, by number: actual/target (higher is better), target/actual (lower), the 1/0 of a yes/no. */
const HIGHER = 0;
const LOWER = 1;
const YESNO = 2;

/**
 * Every active unit × applicable indicator of a period as flat arrays (NaN where a value is null), in the order of
 * unitAttainment: units as the plan lists them, each with its applicable indicators in the plan's order (the plan's
 * factLayout, whose unit and indicator arrays these share). Scoring reads these; the row objects are made only for
 * the period that is reported.
 */
export interface AttainmentFacts {
  readonly count: number;
  /** Each fact's unit (position in plan.units) and indicator (position in plan.indicators). */
  readonly unit: Int32Array;
  readonly indicator: Int32Array;
  /** Position of the figure in the plan's figure table, or -1. */
  readonly position: Int32Array;
  readonly actual: Float64Array;
  readonly target: Float64Array;
  readonly attainment: Float64Array;
  readonly capped: Float64Array;
  /** Number of the status in STATUSES. */
  readonly status: Uint8Array;
}

/** A typed value back to a nullable number. */
function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/** Attainment of every active unit for every applicable indicator in a period, as flat arrays. */
export function attainmentFacts(
  plan: Plan,
  period: string,
  figures = figuresForPeriod(plan, period),
): AttainmentFacts {
  const { attainmentCap: cap, nearTarget } = plan.settings;
  const layout = factLayout(plan);
  const { count: total, unit, indicator, start } = layout;
  // Per indicator, once: the period's target (NaN: none), whether it has one, and its rule.
  const byCode = new Map(
    plan.indicators.map((i) => [i.code, i.measure === "yesno" ? 1 : periodTarget(i, period)]),
  );
  const nInd = plan.indicators.length;
  const targets = new Float64Array(nInd);
  const hasTarget = new Uint8Array(nInd);
  const rule = new Uint8Array(nInd);
  const columns = new Int32Array(nInd);
  for (let k = 0; k < nInd; k++) {
    const ind = plan.indicators[k];
    const target = byCode.get(ind.code) ?? null;
    targets[k] = target ?? NaN;
    hasTarget[k] =
      ind.measure === "yesno" || (target !== null && (ind.direction === "lower" || target > 0)) ? 1 : 0;
    rule[k] = ind.measure === "yesno" ? YESNO : ind.direction === "lower" ? LOWER : HIGHER;
    columns[k] = figures.columnOf(ind.code);
  }
  const position = new Int32Array(total);
  const actualOf = new Float64Array(total);
  const targetOf = new Float64Array(total);
  const attainment = new Float64Array(total);
  const capped = new Float64Array(total);
  const status = new Uint8Array(total);
  const values = figures.table.values;
  const lowerAtZero = Math.max(cap, 1);
  for (let a = 0; a < layout.units.length; a++) {
    const used = figures.positionsOf(layout.units[a].code);
    for (let f = start[a], end = start[a + 1]; f < end; f++) {
      const k = indicator[f];
      const j = columns[k];
      const p = j < 0 || !used ? -1 : used[j];
      const actual = p < 0 ? NaN : values[p];
      const target = targets[k];
      // Uncapped attainment (NaN: none); a lower-is-better actual of 0 or less counts as the cap (at least 1).
      let att = NaN;
      if (!Number.isNaN(actual)) {
        const r = rule[k];
        if (r === YESNO) att = actual;
        else if (!Number.isNaN(target)) {
          if (r === LOWER) att = actual <= 0 ? lowerAtZero : target / actual;
          else if (target > 0) att = actual / target;
        }
      }
      position[f] = p;
      actualOf[f] = actual;
      targetOf[f] = target;
      attainment[f] = att;
      capped[f] = Number.isNaN(att) ? NaN : Math.min(att, cap);
      // statusOf by number (a plain ≥ first: excelGte is needed only below the bound).
      status[f] =
        hasTarget[k] === 0
          ? NO_TARGET
          : Number.isNaN(att)
            ? NO_DATA
            : att >= 1 || excelGte(att, 1)
              ? MET
              : att >= nearTarget || excelGte(att, nearTarget)
                ? NEAR
                : NOT_MET;
    }
  }
  return {
    count: total,
    unit,
    indicator,
    position,
    actual: actualOf,
    target: targetOf,
    attainment,
    capped,
    status,
  };
}

/** Attainment of every active unit for every applicable indicator in a period. */
export function unitAttainment(
  plan: Plan,
  period: string,
  figures = figuresForPeriod(plan, period),
  facts = attainmentFacts(plan, period, figures),
): UnitAttainment[] {
  const out: UnitAttainment[] = [];
  const { table } = figures;
  for (let f = 0; f < facts.count; f++) {
    const p = facts.position[f];
    const unit = plan.units[facts.unit[f]].code;
    const indicator = plan.indicators[facts.indicator[f]].code;
    const actual = orNull(facts.actual[f]);
    const target = orNull(facts.target[f]);
    const attainment = orNull(facts.attainment[f]);
    const capped = orNull(facts.capped[f]);
    const status = STATUSES[facts.status[f]];
    // Whole literals (one shape each), the source cell last where there is a figure; converted figures are few.
    const row: UnitAttainment =
      p < 0
        ? { unit, indicator, period, actual, target, attainment, capped, status }
        : {
            unit,
            indicator,
            period,
            actual,
            target,
            attainment,
            capped,
            status,
            source: figureCell(table, p),
          };
    out.push(table.converted.has(p) ? { ...row, converted: true } : row);
  }
  return out;
}

/**
 * Province-level attainment, one rule for every indicator with a target: the share of applicable units meeting
 * the period target against the coverage target (Chỉ tiêu toàn tỉnh; blank means every unit, 100%), and the status
 * bands applied to that ratio. An indicator without a target has no counts and the status Không có chỉ tiêu.
 */
export function provinceAttainment(plan: Plan, period: string, facts: AttainmentFacts): ProvinceAttainment[] {
  // One pass over the facts (units × indicators of them), counting per indicator code, as unitAttainment's rows of
  // that code (a code listed twice pools them): reading the 50,000 rows of a 1,000-unit plan instead took 20-60 ms.
  // The sum adds the attainments in the facts' order, the rows' order.
  const nInd = plan.indicators.length;
  const slot = new Int32Array(nInd);
  const slotOf = new Map<string, number>();
  for (let k = 0; k < nInd; k++) {
    const code = plan.indicators[k].code;
    let s = slotOf.get(code);
    if (s === undefined) slotOf.set(code, (s = slotOf.size));
    slot[k] = s;
  }
  const applicable = new Int32Array(slotOf.size);
  const withActual = new Int32Array(slotOf.size);
  const withData = new Int32Array(slotOf.size);
  const meeting = new Int32Array(slotOf.size);
  const hasTarget = new Uint8Array(slotOf.size);
  const sum = new Float64Array(slotOf.size);
  for (let f = 0; f < facts.count; f++) {
    const s = slot[facts.indicator[f]];
    applicable[s]++;
    if (!Number.isNaN(facts.actual[f])) withActual[s]++;
    const a = facts.attainment[f];
    if (!Number.isNaN(a)) {
      withData[s]++;
      sum[s] += a;
    }
    const status = facts.status[f];
    if (status !== NO_TARGET) hasTarget[s] = 1;
    if (status === MET) meeting[s]++;
  }
  return plan.indicators.map((ind, k) => {
    const s = slot[k];
    const base = {
      indicator: ind.code,
      period,
      applicableUnits: applicable[s],
      unitsWithData: withActual[s],
      coverageTarget: ind.coverageTarget,
    };
    if (!hasTarget[s])
      return {
        ...base,
        unitsMeeting: null,
        shareMeeting: null,
        attainment: null,
        status: "noTarget",
        meanAttainment: null,
      };
    const share = applicable[s] ? meeting[s] / applicable[s] : null;
    const cov = effectiveCoverage(ind);
    const a = share !== null && cov > 0 ? share / cov : null;
    return {
      ...base,
      unitsMeeting: meeting[s],
      shareMeeting: share,
      attainment: a,
      status: statusOf(a, true, plan.settings.nearTarget),
      meanAttainment: withData[s] ? sum[s] / withData[s] : null,
    };
  });
}

/** The share of units that must meet the target: the Chỉ tiêu toàn tỉnh cell, 100% when it is blank. */
export function effectiveCoverage(of: { readonly coverageTarget: number | null }): number {
  return of.coverageTarget ?? 1;
}
