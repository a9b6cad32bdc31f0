/** Consolidation: many units' workbooks (each in the template's format) merged into one provincial plan. */
import type { FigureRow, FigureTable, Finding, Indicator, Plan } from "./model";
import { figureTable, valueAt } from "./figures";
import type { EnumValue, PlanRows, SettingsValues } from "./format";
import { DIRECTIONS, enumName, MEASURES, RANKING_GROUPS, SETTINGS, YES_NO } from "./format";
import type { Lang } from "./i18n/labels";
import { finding, planColumnName, settingLabel } from "./findings";
import { formatShortest } from "./i18n/numbers";
import { comparePeriodKeys, formatPeriod, periodFromKey } from "./periods";
import { SEVERITY_ORDER } from "./validate";

/** An enum value by its label in a language; a value of the planner's own (a group, a pillar) as it is. */
const label = (values: readonly EnumValue[], key: string, lang: Lang) => {
  const e = values.find((v) => v.key === key);
  return e ? enumName(e, lang) : key;
};

/** A period as the template of a language has the planner write it: "Quý II/2015", "2015-Q2". */
const periodText = (key: string, lang: Lang) =>
  lang === "vi" ? formatPeriod(periodFromKey(key) ?? { year: 0, quarter: null }, "vi") : key;

function indicatorRow(i: Indicator, lang: Lang): (string | number | null)[] {
  return [
    i.code,
    i.name,
    i.pillar,
    label(MEASURES, i.measure, lang),
    label(DIRECTIONS, i.direction, lang),
    i.weight,
    i.measure === "yesno" ? enumName(YES_NO[0], lang) : i.annualTarget,
    ...i.milestones,
    i.groups.map((g) => label(RANKING_GROUPS, g, lang)).join("; "),
    i.coverageTarget,
  ];
}

function definitionDiff(a: Indicator, b: Indicator): string | null {
  const fields: (keyof Indicator)[] = [
    "measure",
    "direction",
    "weight",
    "annualTarget",
    "pillar",
    "coverageTarget",
  ];
  for (const f of fields) if (a[f] !== b[f]) return f;
  for (let q = 0; q < Math.max(a.milestones.length, b.milestones.length); q++)
    if (a.milestones[q] !== b.milestones[q]) return `milestoneQ${q + 1}`;
  if (a.groups.join() !== b.groups.join()) return "groups";
  return null;
}

/**
 * The settings the merged plan takes from the first file that change what is computed, ranked or titled: a unit's file
 * that differs was filled in from another plan (another province, other thresholds). Kỳ hiện tại and the report's
 * settings are left out: the province's own.
 */
const COMPARED_SETTINGS: readonly (keyof SettingsValues)[] = [
  "province",
  "year",
  "gradeGood",
  "gradeFair",
  "gradeAverage",
  "attainmentCap",
  "nearTarget",
  "normalisation",
  "missingPolicy",
  "aggregation",
  "indexScale",
  "indexDecimals",
  "robustnessDraws",
  "robustnessSpread",
  "robustnessSeed",
];

/** CONFLICTING_SETTING for each compared setting of `plan` (file `name`) that differs from `first`'s (file `other`). */
function settingConflicts(plan: Plan, name: string, first: Plan, other: string): Finding[] {
  const out: Finding[] = [];
  for (const key of COMPARED_SETTINGS) {
    const mine = plan.settings[key];
    const kept = first.settings[key];
    if (mine === kept) continue;
    const def = SETTINGS.find((d) => d.key === key);
    // Values as each file writes them: an option by its label, a share as a percentage, in the file's language; a
    // whole number as typed (a year is 2026, not 2.026); a blank one is said so in the message's language.
    const shown = (p: Plan, v: string | number) =>
      def?.type === "enum"
        ? label(def.values ?? [], String(v), p.language ?? "vi")
        : def?.type === "percent" && typeof v === "number"
          ? `${formatShortest(Number((v * 100).toPrecision(15)), p.language ?? "vi")}%`
          : typeof v === "number" && Number.isInteger(v)
            ? String(v)
            : v;
    // Its cell; a blank one's where the sheet has its row.
    const where = plan.settings.cells[key] ??
      plan.settings.rows?.[key] ?? { sheet: plan.layout.settings?.sheet ?? "", cell: "" };
    out.push({
      ...finding("CONFLICTING_SETTING", where, {
        // Its label as the file writes it (the file's template's where it has none).
        setting: settingLabel(plan, key, "vi"),
        file: name,
        other,
        mine: shown(plan, mine),
        kept: shown(first, kept),
      }),
      file: name,
    });
  }
  return out;
}

// More indicators of a file than this differing from one other file are said in one finding (CONFLICTING_INDICATORS).
const MANY_CONFLICTS = 3;
// The codes that finding lists.
const LISTED_CODES = 5;

/**
 * A file's CONFLICTING_INDICATOR findings, those with one other file said once where there are more than a few (a
 * file of another template differs in most of its indicators): at the first one's cell, with their number and codes.
 */
function indicatorConflicts(found: readonly Finding[], name: string): Finding[] {
  const byOther = new Map<string, Finding[]>();
  for (const f of found)
    byOther.set(String(f.params.other), [...(byOther.get(String(f.params.other)) ?? []), f]);
  return [...byOther].flatMap(([other, fs]) => {
    if (fs.length <= MANY_CONFLICTS) return fs;
    const codes = fs.map((f) => String(f.params.code));
    const listed = codes.slice(0, LISTED_CODES).join(", ") + (codes.length > LISTED_CODES ? ", …" : "");
    return [
      {
        ...finding(
          "CONFLICTING_INDICATORS",
          { sheet: fs[0].sheet, cell: fs[0].cell },
          {
            count: fs.length,
            codes: listed,
            file: name,
            other,
          },
        ),
        file: name,
      },
    ];
  });
}

/** Each figure row with its values in the order of `codes` (null where blank or without a column). */
function rowValues(
  table: FigureTable,
  codes: readonly string[],
): (FigureRow & { values: (number | null)[] })[] {
  const column = codes.map((c) => table.indicators.indexOf(c));
  const n = table.indicators.length;
  return table.rows.map((r, i) => ({
    ...r,
    values: column.map((j) => (j < 0 ? null : valueAt(table, i * n + j))),
  }));
}

/** A parsed plan back in the template layout of a language (what the template writer writes). */
export function planToRows(plan: Plan, lang: Lang = "vi"): PlanRows {
  const settings = SETTINGS.filter((d) => plan.settings.cells[d.key] !== undefined).map(
    (d): readonly [string, string | number] => {
      const v = plan.settings[d.key];
      const shown =
        d.type === "enum"
          ? label(d.values ?? [], String(v), lang)
          : d.type === "period"
            ? periodText(String(v), lang)
            : v;
      return [lang === "vi" ? d.label : d.labelEn, shown];
    },
  );
  const codes = plan.indicators.map((i) => i.code);
  const figures = rowValues(plan.figures, codes)
    .sort(
      (a, b) =>
        comparePeriodKeys(a.period, b.period) ||
        plan.units.findIndex((u) => u.code === a.unit) - plan.units.findIndex((u) => u.code === b.unit),
    )
    .map((r) => [r.unit, periodText(r.period, lang), ...r.values]);
  return {
    settings,
    units: plan.units.map((u) => [
      u.code,
      u.name,
      label(RANKING_GROUPS, u.group, lang),
      enumName(u.active ? YES_NO[0] : YES_NO[1], lang),
    ]),
    indicators: plan.indicators.map((i) => indicatorRow(i, lang)),
    figureIndicators: codes,
    figures,
  };
}

/**
 * A unit's file's own findings as the planner merging the files is to read them, each with its file: all of them but
 * NO_UNIT_IN_GROUP (a unit's file holds its own units only; the merged plan is what must have some in every group),
 * and the definitions every file copies (a finding on Cấu hình or Chỉ tiêu) said once, in the first file that has it.
 */
function filesFindings(
  files: readonly { name: string; plan: Plan; findings?: readonly Finding[] }[],
): Finding[] {
  const said = new Set<string>();
  const out: Finding[] = [];
  for (const { name, plan, findings = [] } of files) {
    const shared = [plan.layout.settings?.sheet, plan.layout.indicators?.sheet];
    for (const f of findings) {
      if (f.code === "NO_UNIT_IN_GROUP") continue;
      if (shared.includes(f.sheet)) {
        const key = JSON.stringify([f.code, f.sheet, f.cell, f.params]);
        if (said.has(key)) continue;
        said.add(key);
      }
      out.push({ ...f, file: name });
    }
  }
  return out;
}

/**
 * Merges units' plans: settings and indicators from the first file, every unit once; conflicts become findings, and
 * so do each file's own findings (`findings`: its checkWorkbook's), named with the file, errors first. The merged
 * plan is in the units' workbooks' language when they share one.
 */
export function consolidatePlans(
  files: readonly { name: string; plan: Plan; findings?: readonly Finding[] }[],
): {
  plan: Plan;
  findings: Finding[];
} {
  const findings: Finding[] = filesFindings(files);
  const first = files[0].plan;
  const indicators = new Map(first.indicators.map((i) => [i.code, { ind: i, file: files[0].name }]));
  const units = new Map<string, { file: string; plan: Plan; unit: Plan["units"][number] }>();
  for (const { name, plan } of files) {
    if (plan !== first) findings.push(...settingConflicts(plan, name, first, files[0].name));
    const conflicts: Finding[] = [];
    for (const i of plan.indicators) {
      const known = indicators.get(i.code);
      if (!known) indicators.set(i.code, { ind: i, file: name });
      else {
        const diff = definitionDiff(known.ind, i);
        if (diff)
          conflicts.push({
            ...finding("CONFLICTING_INDICATOR", i.cell, {
              code: i.code,
              file: name,
              other: known.file,
              // The column as the file heads it.
              column: planColumnName(plan, "indicators", diff),
            }),
            file: name,
          });
      }
    }
    findings.push(...indicatorConflicts(conflicts, name));
    for (const u of plan.units) {
      const prev = units.get(u.code);
      if (prev)
        findings.push({
          ...finding("CONFLICTING_UNIT", u.cell, { code: u.code, file: name, other: prev.file }),
          file: name,
        });
      else units.set(u.code, { file: name, plan, unit: u });
    }
  }
  const codes = [...indicators.keys()];
  // Each file's rows once, grouped by unit; then each unit's rows from the file that holds the unit.
  const byFile = new Map<Plan, Map<string, ReturnType<typeof rowValues>>>();
  for (const { plan } of files) {
    const byUnit = new Map<string, ReturnType<typeof rowValues>>();
    for (const r of rowValues(plan.figures, codes)) {
      const list = byUnit.get(r.unit);
      if (list) list.push(r);
      else byUnit.set(r.unit, [r]);
    }
    byFile.set(plan, byUnit);
  }
  const rows = [...units.values()].flatMap(({ plan, unit }) => byFile.get(plan)?.get(unit.code) ?? []);
  // The merged plan's cells refer to no single sheet: it is written out again (planToRows), never read by cell.
  const figures = figureTable(
    "",
    codes,
    codes.map(() => 0),
    rows,
    rows.map((r) => r.values),
  );
  const periods = [...new Set(rows.map((r) => r.period))].sort(comparePeriodKeys);
  const plan: Plan = {
    settings: first.settings,
    units: [...units.values()].map((u) => u.unit),
    indicators: [...indicators.values()].map((x) => x.ind),
    periods,
    figures,
    layout: {},
    language: files.every((f) => f.plan.language === first.language) ? first.language : null,
  };
  // Errors first, each file's in the order given (Array.prototype.sort is stable).
  return { plan, findings: findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) };
}
