/** Content checks over a parsed plan, and the whole check of a workbook (parse + validate). */
import type { WorkbookGrids } from "./grid";
import { a1, parseA1, refAddress } from "./grid";
import { INPUT_SHEETS, RANKING_GROUPS } from "./format";
import type { Finding, Indicator, Plan, SheetLayout } from "./model";
import { finding, planColumnName, settingLabel } from "./findings";
import { comparePeriodKeys, parsePeriod, periodFromKey, periodKey } from "./periods";
import { labels } from "./i18n/labels";
import { foldText } from "./text";
import { figuresForPeriod, quartersOf } from "./figureIndex";
import { parseWorkbook } from "./parse/plan";
import { figureCell, valueAt } from "./figures";
import { MAX_PILLARS, pillarsOf } from "./readiness";

/** The target an indicator sets for a period: the quarter's milestone, else the annual target. */
export function periodTarget(ind: Indicator, period: string): number | null {
  const p = periodFromKey(period);
  if (p && p.quarter !== null) {
    const m = ind.milestones[p.quarter - 1];
    if (m !== null) return m;
  }
  return ind.annualTarget;
}

/**
 * The period a computation uses when none is given: the Cấu hình setting, else the latest with figures (rows laid out
 * for the quarters to come, still blank, are not figures), else the latest with rows.
 */
export function defaultPeriod(plan: Plan): string | null {
  if (plan.settings.currentPeriod) return plan.settings.currentPeriod;
  return latestWithFigures(plan) ?? plan.periods.at(-1) ?? null;
}

/**
 * Content checks: weights, groups, missing figures and targets for the period. Never throws. `sheets` are the
 * workbook's sheet names: a summary tab among them tells a period already reported (CURRENT_PERIOD_BEHIND).
 */
export function validatePlan(plan: Plan, period?: string | null, sheets: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const ind = plan.layout.indicators;
  const units = plan.layout.units;
  // An empty list points at its first row, where the planner starts typing.
  const firstCell = (l: SheetLayout) => ({ sheet: l.sheet, cell: a1(l.firstRow, l.columns.code ?? 1) });
  // A list that could not be read is not empty: its finding (a missing column, a renamed sheet) says why.
  const unread = new Set(plan.unread ?? []);
  if (units && plan.units.length === 0 && !unread.has("units"))
    out.push(finding("NO_UNITS", firstCell(units)));
  if (ind && plan.indicators.length === 0 && !unread.has("indicators"))
    out.push(finding("NO_INDICATORS", firstCell(ind)));
  if (!ind || !units || plan.indicators.length === 0 || unread.has("units")) return out;
  const pillars = pillarsOf(plan);
  if (pillars.length > MAX_PILLARS) {
    // Point at the first indicator naming a pillar past the limit.
    const past = plan.indicators.find((i) => i.pillar === pillars[MAX_PILLARS]) as Indicator;
    out.push(
      finding("TOO_MANY_PILLARS", past.cells.pillar ?? past.cell, {
        count: pillars.length,
        max: MAX_PILLARS,
        column: planColumnName(plan, "indicators", "pillar"),
      }),
    );
  }
  const activeGroups = new Set(plan.units.filter((u) => u.active).map((u) => u.group));
  const weightCol = ind.columns.weight ?? 1;
  for (const g of activeGroups) {
    const applicable = plan.indicators.filter((i) => i.groups.includes(g));
    if (applicable.length === 0) {
      // A group of the planner's own with no indicator is most likely a misspelt group: point at its first unit.
      const first = RANKING_GROUPS.some((k) => k.key === g)
        ? undefined
        : plan.units.find((u) => u.group === g && u.active);
      const groupCol = units.columns.group;
      out.push(
        finding(
          "NO_INDICATORS_FOR_GROUP",
          first && groupCol
            ? { sheet: units.sheet, row: first.cell.row, col: groupCol }
            : { sheet: ind.sheet, cell: a1(ind.headerRow, weightCol) },
          { group: g, column: planColumnName(plan, "indicators", "groups") },
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
          { group: g, sum: Math.round(sum * 1e6) / 1e6 },
        ),
      );
  }
  // With no units at all, NO_UNITS says it once; no group is "without units" on its own.
  for (const i of plan.units.length ? plan.indicators : []) {
    for (const g of i.groups) {
      if (!activeGroups.has(g))
        out.push(
          finding("NO_UNIT_IN_GROUP", i.cells.groups ?? i.cell, {
            indicator: i.code,
            group: g,
            column: planColumnName(plan, "indicators", "groups"),
          }),
        );
    }
  }
  // Figures that could not be read are not "no figures for the period".
  if (period && !unread.has("figures")) out.push(...periodChecks(plan, period, sheets));
  return out;
}

/** Where the period was chosen: the Kỳ hiện tại cell when it names this period, else the figures' period header. */
function periodCell(plan: Plan, period: string): { sheet: string; cell: string } {
  const set = plan.settings.cells.currentPeriod;
  if (set && plan.settings.currentPeriod === period) return { sheet: set.sheet, cell: refAddress(set) };
  const fig = plan.layout.figures;
  const col = fig?.columns.period;
  return { sheet: fig?.sheet ?? "Số liệu", cell: fig && col ? a1(fig.headerRow, col) : "A1" };
}

/** The latest period a figure is typed for; a row laid out for a quarter to come, still blank, is not one. */
function latestWithFigures(plan: Plan): string | null {
  const { rows, values, indicators } = plan.figures;
  const n = indicators.length;
  let latest: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    if (latest !== null && comparePeriodKeys(rows[i].period, latest) <= 0) continue;
    for (let j = 0; j < n; j++)
      if (!Number.isNaN(values[i * n + j])) {
        latest = rows[i].period;
        break;
      }
  }
  return latest;
}

/** The periods the workbook has a summary tab for ("Tổng hợp Quý I-2015", "Summary Q1 2015"), by key. */
function summaryTabPeriods(sheets: readonly string[]): string[] {
  const prefixes = (["vi", "en"] as const).map((l) => `${foldText(labels(l).sheetSummary)} `);
  return sheets.flatMap((name) => {
    const folded = foldText(name);
    const prefix = prefixes.find((x) => folded.startsWith(x));
    const p = prefix ? parsePeriod(folded.slice(prefix.length)) : null;
    return p ? [periodKey(p)] : [];
  });
}

function periodChecks(plan: Plan, period: string, sheets: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const p = periodFromKey(period);
  if (!p) return out;
  // The period's key: messages write it in their own language.
  const label = period;
  const quarters = new Set(quartersOf(period));
  if (![...quarters].some((q) => plan.periods.includes(q))) {
    out.push(finding("NO_FIGURES_FOR_PERIOD", periodCell(plan, period), { period: label }));
    return out;
  }
  // Kỳ hiện tại left in last year, as when last year's workbook is copied to start this year and the new quarter's
  // figures typed. Not for an earlier quarter of the figures' year (a quarter's summary remade on purpose), nor when
  // the workbook has the summary tab of a period after it (the later period reported, the planner went back); the
  // tab of Kỳ hiện tại itself tells nothing, as a copied workbook carries last year's tabs.
  const set = plan.settings.cells.currentPeriod;
  const later = latestWithFigures(plan) ?? "";
  const l = periodFromKey(later);
  const behind =
    l !== null && l.year > p.year && !summaryTabPeriods(sheets).some((k) => comparePeriodKeys(k, period) > 0);
  if (set && plan.settings.currentPeriod === period && behind)
    out.push(
      finding("CURRENT_PERIOD_BEHIND", set, {
        period: label,
        later,
        setting: settingLabel(plan, "currentPeriod", "vi"),
      }),
    );
  for (const i of plan.indicators) {
    const t = i.measure === "yesno" ? 1 : periodTarget(i, period);
    if (t === 0 && i.direction === "higher") {
      const q = p.quarter;
      const fromMilestone = q !== null && i.milestones[q - 1] !== null;
      const cell = (fromMilestone ? i.cells[`milestoneQ${q}`] : i.cells.annualTarget) ?? i.cell;
      out.push(finding("ZERO_TARGET", cell, { indicator: i.code, period: label }));
      continue;
    }
    if (t === null) {
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
  const withColumn = new Set(plan.figures.indicators);
  const fig = plan.layout.figures;
  // A unit without a row for the period is one finding where its row would go, not one per indicator.
  let nextRow = fig ? fig.lastRow + 1 : 2;
  // Per ranking group, its indicators with a column and those columns in the table.
  const byGroup = new Map<
    string,
    { readonly inds: readonly Indicator[]; readonly cols: readonly number[] }
  >();
  // Positions, not figure objects: these loops run units × indicators times.
  const { table } = latest;
  for (const u of plan.units) {
    if (!u.active) continue;
    let applicable = byGroup.get(u.group);
    if (!applicable) {
      const inds = plan.indicators.filter((i) => i.groups.includes(u.group) && withColumn.has(i.code));
      applicable = { inds, cols: inds.map((i) => latest.columnOf(i.code)) };
      byGroup.set(u.group, applicable);
    }
    const { inds, cols } = applicable;
    if (!inds.length) continue;
    const used = latest.positionsOf(u.code);
    if (!used || cols.every((j) => used[j] < 0)) {
      out.push(
        finding(
          "MISSING_FIGURE_ROW",
          { sheet: fig?.sheet ?? "Số liệu", row: nextRow++, col: fig?.columns.unit ?? 1 },
          { unit: u.code, period: label, indicators: inds.length },
        ),
      );
      continue;
    }
    for (let k = 0; k < inds.length; k++) {
      const p = used[cols[k]];
      if (p < 0 || valueAt(table, p) !== null) continue;
      out.push(
        finding("MISSING_FIGURE", figureCell(table, p), {
          indicator: inds[k].code,
          unit: u.code,
          period: label,
        }),
      );
    }
  }
  return out;
}

const SHEET_ORDER = new Map(INPUT_SHEETS.map((s, i) => [s.name, i]));
/** Severities in the order findings are listed. */
export const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sorts findings errors first, then by input-sheet order, row and column. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  // Each finding's keys worked out once, not at every comparison (a plan with missing figures has thousands).
  const keyed = findings.map((f) => {
    const pos = parseA1(f.cell) ?? { row: 0, col: 0 };
    return {
      f,
      sev: SEVERITY_ORDER[f.severity],
      sheet: SHEET_ORDER.get(f.sheet) ?? 99,
      row: pos.row,
      col: pos.col,
    };
  });
  keyed.sort((a, b) => {
    const sev = a.sev - b.sev;
    if (sev) return sev;
    if (a.sheet !== b.sheet) return a.sheet - b.sheet;
    if (a.f.sheet !== b.f.sheet) return a.f.sheet < b.f.sheet ? -1 : 1;
    return a.row - b.row || a.col - b.col;
  });
  return keyed.map((k) => k.f);
}

/** Adds the names of the units and indicators a finding's params code, so that its message names them. */
function withNames(findings: readonly Finding[], plan: Plan): Finding[] {
  const units = new Map(plan.units.map((u) => [u.code, u.name]));
  const inds = new Map(plan.indicators.map((i) => [i.code, i.name]));
  return findings.map((f) => {
    const unitName = typeof f.params.unit === "string" ? units.get(f.params.unit) : undefined;
    const indicatorName = typeof f.params.indicator === "string" ? inds.get(f.params.indicator) : undefined;
    if (unitName === undefined && indicatorName === undefined) return f;
    return {
      ...f,
      params: {
        ...f.params,
        ...(unitName !== undefined ? { unitName } : {}),
        ...(indicatorName !== undefined ? { indicatorName } : {}),
      },
    };
  });
}

/** What a cell whose value could not be read would also be said to lack. */
const MISSING_WHEN_UNREAD = new Set(["MISSING_FIGURE", "MISSING_TARGET"]);

/** Parses and validates a workbook for a period (default: the current period); never throws. */
export function checkWorkbook(
  wb: WorkbookGrids,
  period?: string | null,
): { plan: Plan; findings: Finding[]; period: string | null } {
  try {
    const { plan, findings } = parseWorkbook(wb);
    const p = period ?? defaultPeriod(plan);
    // A figure or target that could not be read already has its error; it is not also "missing".
    const unreadable = new Set(
      findings.filter((f) => f.severity === "error").map((f) => `${f.sheet}!${f.cell}`),
    );
    const content = validatePlan(
      plan,
      p,
      wb.sheets.map((g) => g.sheet),
    ).filter((f) => !MISSING_WHEN_UNREAD.has(f.code) || !unreadable.has(`${f.sheet}!${f.cell}`));
    return { plan, findings: sortFindings(withNames([...findings, ...content], plan)), period: p };
  } catch (e) {
    const { plan } = parseWorkbook({ sheets: [] });
    const detail = e instanceof Error ? e.message : String(e);
    return {
      plan,
      findings: [finding("UNREADABLE", { sheet: wb.sheets[0]?.sheet ?? "", cell: "A1" }, { detail })],
      period: null,
    };
  }
}
