/** Findings: constructing them and rendering their messages. */
import type { CellRef } from "./grid";
import { refAddress } from "./grid";
import type { Finding, Plan, PlanShape, Severity } from "./model";
import {
  enumName,
  INPUT_SHEETS,
  MEASURES,
  RANKING_GROUPS,
  SETTINGS,
  sheetDef,
  type SettingsValues,
  type SheetDef,
} from "./format";
import { FINDING_TEXTS, TAKEN_TEXTS, type FindingCode, type FindingText } from "./i18n/findings";
import { fillTemplate, fillTemplateFrom } from "./text";
import { labels } from "./i18n/labels";
import { formatPeriod, periodFromKey } from "./periods";
import { formatShortest } from "./i18n/numbers";

export type { FindingCode };

/** A finding with the catalogue's severity for its code. */
export function finding(
  code: FindingCode,
  where: CellRef | { sheet: string; cell?: string },
  params: Record<string, string | number> = {},
): Finding {
  const cell = "row" in where ? refAddress(where) : (where.cell ?? "");
  return { code, severity: FINDING_TEXTS[code].severity, sheet: where.sheet, cell, params };
}

/** The input sheets as a message names them, by key. */
export type SheetNames = Readonly<Record<SheetDef["key"], string>>;

/** The input sheets as a language's template names them. */
export function templateSheetNames(lang: "vi" | "en"): SheetNames {
  return Object.fromEntries(
    INPUT_SHEETS.map((d) => [d.key, lang === "vi" ? d.name : d.nameEn]),
  ) as SheetNames;
}

/**
 * The input sheets as the planner's workbook names them: each found sheet by its own name, a missing one as the
 * template of the workbook's language names it (plan.language), else as the message's.
 */
export function planSheetNames(plan: PlanShape, lang: "vi" | "en"): SheetNames {
  const names = templateSheetNames(plan.language ?? lang);
  return Object.fromEntries(
    INPUT_SHEETS.map((d) => [d.key, plan.layout[d.key]?.sheet ?? names[d.key]]),
  ) as SheetNames;
}

/**
 * A setting as a message names it: its label as the planner's settings sheet has it, else as the template of the
 * workbook's language labels it (the message's language when the workbook shows none).
 */
export function settingLabel(plan: Plan, key: keyof SettingsValues, lang: "vi" | "en"): string {
  const def = SETTINGS.find((d) => d.key === key);
  if (!def) return key;
  return plan.settings.labels?.[key] ?? ((plan.language ?? lang) === "vi" ? def.label : def.labelEn);
}

/**
 * A column as a message names it: its header as the planner's sheet writes it, else as the template of the workbook's
 * language heads it (Vietnamese when the workbook shows none).
 */
export function planColumnName(plan: Plan, sheet: SheetDef["key"], key: string): string {
  const c = sheetDef(sheet).columns.find((x) => x.key === key);
  const template = c ? (plan.language === "en" ? c.headerEn : c.header) : key;
  return plan.layout[sheet]?.headers?.[key] ?? template;
}

/** The placeholders a text names the input sheets by: {settingsSheet}, {unitsSheet}, {indicatorsSheet}, {figuresSheet}. */
export function sheetParams(names: SheetNames): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([k, v]) => [`${k}Sheet`, v]));
}

/** The note under an output sheet's title, naming the planner's figures sheet as their workbook does. */
export function generatedNote(
  plan: PlanShape,
  lang: "vi" | "en",
  names = planSheetNames(plan, lang),
): string {
  return fillTemplate(labels(lang).generated, sheetParams(names));
}

/** Where a message is read: remedies differ (only the command line can run `ictplan template`). */
export type Host = "excel" | "cli";

/** Params as a message shows them, where they differ from the params themselves: a unit or indicator code with its
 *  name, "Sở Du lịch (SDL)"; numbers the language's way (vi 10.000 and 0,6), except a value quoted as the planner
 *  typed it; a known ranking group (kept as its key) by the language's name, as the output sheets name it. */
function shownParams(params: Finding["params"], lang: "vi" | "en"): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const group = RANKING_GROUPS.find((g) => g.key === params.group);
  if (group) out.group = enumName(group, lang);
  const measure = MEASURES.find((m) => m.key === params.measure);
  if (measure) out.measure = enumName(measure, lang);
  // A setting whose default is blank (Kỳ hiện tại: the latest period with figures) says so, not "the default  is used";
  // so does a blank setting of a unit's file (CONFLICTING_SETTING's values).
  for (const k of ["default", "mine", "kept"])
    if (params[k] === "") out[k] = lang === "vi" ? "(để trống)" : "(blank)";
  // A file that records no saved time, an empty list of units (consolidate's): said so.
  for (const k of ["fileSaved", "otherSaved"])
    if (params[k] === "") out[k] = lang === "vi" ? "không rõ" : "not recorded";
  for (const k of ["withFile", "withoutFile"])
    if (params[k] === "") out[k] = lang === "vi" ? "không có" : "none";
  // Why consolidate took a file's figures, with the files' saved times as shown.
  const { taken } = params;
  if (typeof taken === "string" && Object.hasOwn(TAKEN_TEXTS, taken))
    out.taken = fillTemplateFrom(TAKEN_TEXTS[taken as keyof typeof TAKEN_TEXTS][lang], [out, params]);
  const keys = Object.keys(params);
  for (let i = 0; i < keys.length; i++) {
    const v = params[keys[i]];
    if (typeof v === "number" && keys[i] !== "value") out[keys[i]] = formatShortest(v, lang);
  }
  const { unit, unitName, indicator, indicatorName } = params;
  if (typeof unitName === "string" && unitName && unitName !== unit) out.unit = `${unitName} (${unit})`;
  if (typeof indicatorName === "string" && indicatorName && indicatorName !== indicator)
    out.indicator = `${indicatorName} (${indicator})`;
  return out;
}

// A run's messages all name the sheets by the same names: their placeholders are made once per names.
const SHEET_PARAMS = new WeakMap<SheetNames, Readonly<Record<string, string>>>();

/** sheetParams of names, remembered per names object. */
function sheetParamsOf(names: SheetNames): Readonly<Record<string, string>> {
  let p = SHEET_PARAMS.get(names);
  if (!p) SHEET_PARAMS.set(names, (p = sheetParams(names)));
  return p;
}

/**
 * The finding's message in a language, without the location; the remedy is the one that works on the host. The input
 * sheets are named as `names` says (planSheetNames: as the planner's workbook names them).
 */
export function findingMessage(
  f: Finding,
  lang: "vi" | "en",
  host: Host = "excel",
  names: SheetNames = templateSheetNames(lang),
): string {
  const t = (FINDING_TEXTS as Record<string, FindingText>)[f.code];
  if (!t) return f.code;
  // A period is kept as its key and written in the message's language.
  const periods: Record<string, string> = {};
  for (const k of ["period", "later"]) {
    const key = f.params[k];
    const period = typeof key === "string" ? periodFromKey(key) : null;
    if (period) periods[k] = formatPeriod(period, lang);
  }
  // The periods over the params as shown over the params over the sheets' names, as if merged in that order.
  const p = [periods, shownParams(f.params, lang), f.params, sheetParamsOf(names)];
  const fix = host === "cli" && t.cli ? t.cli : t;
  return `${fillTemplateFrom(lang === "vi" ? t.vi : t.en, p)} ${fillTemplateFrom(lang === "vi" ? fix.fixVi : fix.fixEn, p)}`;
}

/** The sheet a finding is on, with its workbook as Excel writes a reference to another's ("[unit-SDL.xlsx]Số liệu"). */
export function findingSheet(f: Finding): string {
  return f.file ? `[${f.file}]${f.sheet}` : f.sheet;
}

/** "Số liệu!E12: message" — where, then what and what to do. */
export function formatFinding(
  f: Finding,
  lang: "vi" | "en",
  host: Host = "excel",
  names: SheetNames = templateSheetNames(lang),
): string {
  const where = f.cell ? `${findingSheet(f)}!${f.cell}` : findingSheet(f);
  return `${where}: ${findingMessage(f, lang, host, names)}`;
}

/** Counts findings by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
