/** Content checks over a parsed plan, and the whole check of a workbook (parse + validate). */
import type { WorkbookGrids } from "./grid";
import { a1, parseA1 } from "./grid";
import { INPUT_SHEETS, RANKING_GROUPS } from "./format";
import type { Finding, Indicator, Plan, RankingGroup } from "./model";
import { finding } from "./findings";
import { periodFromKey } from "./periods";
import { figuresForPeriod, quartersOf } from "./figureIndex";
import { parseWorkbook } from "./parse/plan";

const groupLabel = (g: RankingGroup): string => RANKING_GROUPS.find((x) => x.key === g)?.vi ?? g;

/** The target an indicator sets for a period: the quarter's milestone, else the annual target. */
export function periodTarget(ind: Indicator, period: string): number | null {
  const p = periodFromKey(period);
  if (p && p.quarter !== null) {
    const m = ind.milestones[p.quarter - 1];
    if (m !== null) return m;
  }
  return ind.annualTarget;
}

/** The period a computation uses when none is given: the Cấu hình setting, else the latest with figures. */
export function defaultPeriod(plan: Plan): string | null {
  if (plan.settings.currentPeriod) return plan.settings.currentPeriod;
  return plan.periods.length ? plan.periods[plan.periods.length - 1] : null;
}

/** Content checks: weights, groups, missing figures and targets for the period. Never throws. */
export function validatePlan(plan: Plan, period?: string | null): Finding[] {
  const out: Finding[] = [];
  const ind = plan.layout.indicators;
  const units = plan.layout.units;
  if (units && plan.units.length === 0) out.push(finding("NO_UNITS", { sheet: units.sheet }));
  if (ind && plan.indicators.length === 0) out.push(finding("NO_INDICATORS", { sheet: ind.sheet }));
  if (!ind || !units || plan.indicators.length === 0) return out;
  const activeGroups = new Set(plan.units.filter((u) => u.active).map((u) => u.group));
  const weightCol = ind.columns.weight ?? 1;
  for (const g of activeGroups) {
    const applicable = plan.indicators.filter((i) => i.groups.includes(g));
    if (applicable.length === 0) {
      out.push(
        finding(
          "NO_INDICATORS_FOR_GROUP",
          { sheet: ind.sheet, cell: a1(ind.headerRow, weightCol) },
          { group: groupLabel(g) },
        ),
      );
      continue;
    }
    const sum = applicable.reduce((s, i) => s + i.weight, 0);
    if (Math.abs(sum - 100) > 1e-9)
      out.push(
        finding(
          "WEIGHTS_DO_NOT_ADD_UP",
          { sheet: ind.sheet, cell: a1(ind.headerRow, weightCol) },
          { group: groupLabel(g), sum: Math.round(sum * 1e6) / 1e6 },
        ),
      );
  }
  for (const i of plan.indicators) {
    for (const g of i.groups) {
      if (!activeGroups.has(g))
        out.push(
          finding("NO_UNIT_IN_GROUP", i.cells.groups ?? i.cell, { indicator: i.code, group: groupLabel(g) }),
        );
    }
  }
  if (period) out.push(...periodChecks(plan, period));
  return out;
}

function periodChecks(plan: Plan, period: string): Finding[] {
  const out: Finding[] = [];
  if (!periodFromKey(period)) return out;
  // The period's key: messages write it in their own language.
  const label = period;
  const quarters = new Set(quartersOf(period));
  const figSheet = plan.layout.figures?.sheet ?? "Số liệu";
  if (![...quarters].some((q) => plan.periods.includes(q))) {
    out.push(finding("NO_FIGURES_FOR_PERIOD", { sheet: figSheet }, { period: label }));
    return out;
  }
  for (const i of plan.indicators) {
    if (i.measure !== "yesno" && periodTarget(i, period) === null) {
      // Point at the annual target: milestones are optional, the annual target is what is missing.
      out.push(
        finding("MISSING_TARGET", i.cells.annualTarget ?? i.cell, {
          indicator: i.code,
          period: label,
        }),
      );
    }
  }
  const latest = figuresForPeriod(plan, period);
  for (const u of plan.units) {
    if (!u.active) continue;
    for (const i of plan.indicators) {
      if (!i.groups.includes(u.group)) continue;
      const f = latest.get(u.code, i.code);
      if (f && f.value !== null) continue;
      const where = f ? f.cell : { sheet: figSheet, cell: "" };
      out.push(finding("MISSING_FIGURE", where, { indicator: i.code, unit: u.code, period: label }));
    }
  }
  return out;
}

const SHEET_ORDER = new Map(INPUT_SHEETS.map((s, i) => [s.name, i]));

/** Sorts findings by input-sheet order, then row, then column. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const pos = (f: Finding) => parseA1(f.cell) ?? { row: 0, col: 0 };
  return [...findings].sort((a, b) => {
    const sa = SHEET_ORDER.get(a.sheet) ?? 99;
    const sb = SHEET_ORDER.get(b.sheet) ?? 99;
    if (sa !== sb) return sa - sb;
    if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
    const pa = pos(a);
    const pb = pos(b);
    return pa.row - pb.row || pa.col - pb.col;
  });
}

/** Parses and validates a workbook for a period (default: the current period); never throws. */
export function checkWorkbook(
  wb: WorkbookGrids,
  period?: string | null,
): { plan: Plan; findings: Finding[]; period: string | null } {
  try {
    const { plan, findings } = parseWorkbook(wb);
    const p = period ?? defaultPeriod(plan);
    return { plan, findings: sortFindings([...findings, ...validatePlan(plan, p)]), period: p };
  } catch (e) {
    const { plan } = parseWorkbook({ sheets: [] });
    const detail = e instanceof Error ? e.message : String(e);
    return {
      plan,
      findings: [finding("UNREADABLE", { sheet: wb.sheets[0]?.sheet ?? "" }, { detail })],
      period: null,
    };
  }
}
