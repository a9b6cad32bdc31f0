/**
 * An input sheet as the template writes it (header row, column widths and formats, drop-downs), as data both
 * adapters write: the template (ExcelJS), and the pane's "add the missing sheet" in Excel and in the preview.
 */
import type { ColumnDef, SettingDef, SheetDef } from "../engine/format";
import { DIRECTIONS, MEASURES, PILLARS, RANKING_GROUPS, SETTINGS, sheetDef } from "../engine/format";
import { columnLetter, type Grid } from "../engine/grid";
import { templateHeaders } from "../engine/planRows";
import type { SheetSpec, SpecCell } from "../engine/sheetSpec";
import type { Plan } from "../engine/model";
import { LISTS, LISTS_SHEETS, foldName, isListsSheet } from "../engine/language";
import { enumName } from "../engine/format";

type Lang = "vi" | "en";
/** The lists sheet of a Vietnamese template. */
export const LISTS_SHEET = LISTS_SHEETS.vi;
/** Header fill, dark blue (ARGB as ExcelJS takes it). */
export const HEADER_FILL = "FF1F4E79";
/** Rows the drop-downs and formats cover in an empty template. */
export const TEMPLATE_ROWS = 500;
/** Height of the header row, in points. */
export const HEADER_HEIGHT = 30;

/** The language a sheet added to a checked plan's workbook takes: its sheets' (plan.language), else the pane's. */
export function planSheetsLanguage(plan: Plan | null, fallback: Lang): Lang {
  return plan?.language ?? fallback;
}

/** A setting's default as the planner reads it: an enum by its label ("Theo chỉ tiêu"), never its key. */
export function settingValue(s: SettingDef, lang: Lang): string | number | null {
  if (s.default === "") return null;
  const e = s.values?.find((v) => v.key === s.default);
  return e ? enumName(e, lang) : s.default;
}

/** The in-cell list of a setting that takes one of a few values: a quoted, comma-separated formula. */
export function settingList(s: SettingDef, lang: Lang): string | null {
  return s.values ? `"${s.values.map((v) => enumName(v, lang)).join(",")}"` : null;
}

function listRange(key: string, sheet: string): string {
  const i = LISTS.findIndex((l) => l.key === key);
  const col = columnLetter(i + 1);
  return `'${sheet.replace(/'/g, "''")}'!$${col}$2:$${col}$${LISTS[i].values.length + 1}`;
}

/** The lists-sheet range a column's drop-down offers, or null for a free column. */
export function listFor(c: ColumnDef, lang: Lang = "vi", sheet: string = LISTS_SHEETS[lang]): string | null {
  if (c.type === "yesno") return listRange("yesno", sheet);
  if (c.values === RANKING_GROUPS && c.type === "enum") return listRange("group", sheet);
  if (c.values === MEASURES) return listRange("measure", sheet);
  if (c.values === DIRECTIONS) return listRange("direction", sheet);
  if (c.values === PILLARS) return listRange("pillar", sheet);
  return null;
}

/** A sheet named like a lists sheet (Excel compares names ignoring case). */
const hasListsName = (name: string) =>
  Object.values(LISTS_SHEETS).some((n) => foldName(n) === foldName(name));

/**
 * The sheet the drop-downs of an added sheet read: the workbook's lists sheet of that language, found by its content
 * (the one named as the template names it first), or, when it has none, the name a new one takes: the template's
 * ("Danh mục", "Lists"), or "Danh mục (ictplan)", … when a sheet of the planner's has it.
 */
export function listsSheetFor(grids: readonly Grid[], lang: Lang): { name: string; exists: boolean } {
  const ours = grids
    .filter((g) => isListsSheet(g, lang))
    .sort((a, b) => Number(hasListsName(b.sheet)) - Number(hasListsName(a.sheet)));
  if (ours.length) return { name: ours[0].sheet, exists: true };
  const taken = new Set(grids.map((g) => foldName(g.sheet)));
  const base = LISTS_SHEETS[lang];
  let name = base;
  for (let k = 1; taken.has(foldName(name)); k++) name = `${base} (ictplan${k > 1 ? ` ${k}` : ""})`;
  return { name, exists: false };
}

/**
 * A sheet to add: what it holds, whether it is hidden, and its drop-downs (cells, and the source as the formula of a
 * list: a range of the lists sheet, or a quoted comma-separated list).
 */
export interface NewSheet {
  readonly spec: SheetSpec;
  readonly hidden?: boolean;
  readonly lists?: readonly { readonly range: string; readonly source: string }[];
}

const header = (value: string): SpecCell => ({
  value,
  style: { bold: true, fontColor: "FFFFFF", fill: HEADER_FILL.slice(2), wrap: true },
});

/**
 * An input sheet as the empty template has it, in the template's language: the header row (white bold on dark
 * blue, frozen), the settings with their defaults on Cấu hình (drop-downs for those with a few values), widths,
 * number formats and drop-downs down to row TEMPLATE_ROWS; Số liệu gets a column per indicator code given.
 */
export function inputSheet(
  key: SheetDef["key"],
  indicators: readonly { readonly code: string; readonly percent: boolean }[] = [],
  lang: Lang = "vi",
  listsName: string = LISTS_SHEETS[lang],
): NewSheet {
  const def = sheetDef(key);
  const codes = key === "figures" ? indicators.map((i) => i.code) : [];
  const headers = templateHeaders(key, codes, lang);
  // A percent indicator's column reads as Excel shows it (60 → 60%), as in the template.
  const percentFrom = headers.length - codes.length;
  const rows: (string | number | null)[][] =
    key === "settings"
      ? SETTINGS.map((s) => [lang === "vi" ? s.label : s.labelEn, settingValue(s, lang)])
      : [];
  const body: SpecCell[][] = [];
  for (let r = 2; r <= TEMPLATE_ROWS; r++)
    body.push(
      headers.map((_, j) => {
        const value = rows[r - 2]?.[j] ?? null;
        const numberFormat =
          j >= percentFrom && indicators[j - percentFrom]?.percent ? "0%" : def.columns[j]?.numberFormat;
        return numberFormat ? { value, numberFormat } : { value };
      }),
    );
  const widths = headers.map((_, j) => ({
    col: j + 1,
    width: def.columns[j]?.width ?? (j < def.columns.length ? 14 : 11),
  }));
  const lists = def.columns.flatMap((c, j) => {
    const source = listFor(c, lang, listsName);
    const letter = columnLetter(j + 1);
    return source ? [{ range: `${letter}2:${letter}${TEMPLATE_ROWS}`, source }] : [];
  });
  if (key === "settings")
    SETTINGS.forEach((s, i) => {
      const source = settingList(s, lang);
      if (source) lists.push({ range: `B${i + 2}`, source });
    });
  return {
    spec: {
      name: lang === "vi" ? def.name : def.nameEn,
      kind: "results",
      blocks: [{ row: 1, col: 1, cells: [headers.map(header), ...body] }],
      columnWidths: widths,
      rowHeights: [{ row: 1, height: HEADER_HEIGHT }],
      freeze: { rows: 1, cols: 0 },
    },
    lists,
  };
}

/** Whether a sheet's drop-downs read a lists sheet (the settings' lists are in the cells, quoted). */
export function readsLists(sheet: NewSheet): boolean {
  return (sheet.lists ?? []).some((l) => !l.source.startsWith('"'));
}

/** The hidden lists sheet the drop-downs read, as the template writes it (under another name beside a planner's). */
export function listsSheet(lang: Lang = "vi", name: string = LISTS_SHEETS[lang]): NewSheet {
  const height = Math.max(...LISTS.map((l) => l.values.length)) + 1;
  const cells: SpecCell[][] = Array.from({ length: height }, (_, r) =>
    LISTS.map((l) => {
      const v = r === 0 ? null : l.values[r - 1];
      return { value: r === 0 ? (lang === "vi" ? l.title : l.titleEn) : v ? enumName(v, lang) : null };
    }),
  );
  return {
    spec: {
      name,
      kind: "results",
      blocks: [{ row: 1, col: 1, cells }],
      columnWidths: LISTS.map((_, i) => ({ col: i + 1, width: 28 })),
    },
    hidden: true,
  };
}
