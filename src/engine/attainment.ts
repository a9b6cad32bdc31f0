/** Target attainment: per unit, indicator and period, and for the province as a whole. */
import type { Indicator, Plan, Unit } from "./model";
import type { AttainmentStatus, ProvinceAttainment, UnitAttainment } from "./results";
import { figuresForPeriod } from "./figureIndex";
import { figureCell, valueAt } from "./figures";
import { periodTarget } from "./validate";
import { excelGte } from "./excelMath";

/** Uncapped attainment: actual/target (higher is better), target/actual (lower), or the 1/0 of a yes/no. */
export function attainmentOf(
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

/** Status band of an attainment. */
export function statusOf(a: number | null, hasTarget: boolean, nearTarget: number): AttainmentStatus {
  if (!hasTarget) return "noTarget";
  if (a === null) return "noData";
  if (excelGte(a, 1)) return "met";
  return excelGte(a, nearTarget) ? "near" : "notMet";
}

/** True when the indicator applies to the unit (its group is among the indicator's groups). */
export function applies(ind: Indicator, unit: Unit): boolean {
  return ind.groups.includes(unit.group);
}

/** Attainment of every active unit for every applicable indicator in a period. */
export function unitAttainment(
  plan: Plan,
  period: string,
  figures = figuresForPeriod(plan, period),
): UnitAttainment[] {
  const { attainmentCap: cap, nearTarget } = plan.settings;
  const out: UnitAttainment[] = [];
  const targets = new Map(
    plan.indicators.map((i) => [i.code, i.measure === "yesno" ? 1 : periodTarget(i, period)]),
  );
  for (const u of plan.units) {
    if (!u.active) continue;
    for (const ind of plan.indicators) {
      if (!applies(ind, u)) continue;
      // Positions, not figure objects: this loop runs units × indicators times, twice per computation.
      const p = figures.positionOf(u.code, ind.code);
      const actual = p < 0 ? null : valueAt(figures.table, p);
      const target = targets.get(ind.code) ?? null;
      const a = attainmentOf(actual, target, ind, cap);
      const hasTarget =
        ind.measure === "yesno" || (target !== null && (ind.direction === "lower" || target > 0));
      const row: { -readonly [K in keyof UnitAttainment]: UnitAttainment[K] } = {
        unit: u.code,
        indicator: ind.code,
        period,
        actual,
        target,
        attainment: a,
        capped: a === null ? null : Math.min(a, cap),
        status: statusOf(a, hasTarget, nearTarget),
      };
      if (p >= 0) row.source = figureCell(figures.table, p);
      if (figures.table.converted.has(p)) row.converted = true;
      out.push(row);
    }
  }
  return out;
}

/**
 * Province-level attainment, one rule for every indicator with a target: the share of applicable units meeting
 * the period target against the coverage target (Chỉ tiêu toàn tỉnh; blank means every unit, 100%), and the status
 * bands applied to that ratio. An indicator without a target has no counts and the status Không có chỉ tiêu.
 */
export function provinceAttainment(
  plan: Plan,
  period: string,
  rows: readonly UnitAttainment[],
): ProvinceAttainment[] {
  const byInd = new Map<string, UnitAttainment[]>();
  for (const r of rows) {
    const list = byInd.get(r.indicator) ?? [];
    list.push(r);
    byInd.set(r.indicator, list);
  }
  return plan.indicators.map((ind) => {
    const list = byInd.get(ind.code) ?? [];
    const withData = list.filter((r) => r.attainment !== null);
    const base = {
      indicator: ind.code,
      period,
      applicableUnits: list.length,
      unitsWithData: list.filter((r) => r.actual !== null).length,
      coverageTarget: ind.coverageTarget,
    };
    if (!list.some((r) => r.status !== "noTarget"))
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
    const cov = effectiveCoverage(ind);
    const a = share !== null && cov > 0 ? share / cov : null;
    return {
      ...base,
      unitsMeeting: meeting,
      shareMeeting: share,
      attainment: a,
      status: statusOf(a, true, plan.settings.nearTarget),
      meanAttainment: withData.length
        ? withData.reduce((s, r) => s + (r.attainment ?? 0), 0) / withData.length
        : null,
    };
  });
}

/** The share of units that must meet the target: the Chỉ tiêu toàn tỉnh cell, 100% when it is blank. */
export function effectiveCoverage(of: { readonly coverageTarget: number | null }): number {
  return of.coverageTarget ?? 1;
}
