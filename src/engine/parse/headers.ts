/** Finding the input sheets and their header rows, whatever the header language, accents or order. */
import type { Grid, WorkbookGrids } from "../grid";
import { a1, cellAt } from "../grid";
import type { ColumnDef, SettingDef, SheetDef } from "../format";
import { INPUT_SHEETS, SETTINGS, sheetDef } from "../format";
import { foldText } from "../text";
import type { Finding } from "../model";
import { finding } from "../findings";
import { headersLanguage, isListsSheet, workbookLanguage } from "../language";
import type { Lang } from "../i18n/labels";
import { templateHeaders } from "../planRows";
import { normaliseCode, validCode } from "./values";

/** How many rows from the top are searched for the header row (title rows may sit above it). */
const HEADER_SCAN_ROWS = 20;

/** Every folded spelling that names a column. */
export function columnNames(c: ColumnDef): string[] {
  return [c.header, c.headerEn, c.key, ...c.aliases].map(foldText);
}

/** Finds each input sheet by its name or an alias; reports missing and duplicate sheets. */
/** True for a sheet name the parser takes as Đơn vị, Chỉ tiêu or Số liệu (by name or alias): the lists it reads row by row. */
export function isListSheetName(name: string): boolean {
  const folded = foldText(name);
  return INPUT_SHEETS.some(
    (def) =>
      def.key !== "settings" &&
      [def.name, def.nameEn, def.key, ...def.aliases].some((n) => foldText(n) === folded),
  );
}

export function locateSheets(wb: WorkbookGrids): {
  sheets: Partial<Record<SheetDef["key"], Grid>>;
  findings: Finding[];
  language: "vi" | "en" | null;
  /**
   * The input sheets missing by name that another sheet's header row stands for (RENAMED_SHEET, RENAMED_HIDDEN_SHEET,
   * RENAMED_SHEETS).
   */
  renamed: readonly SheetDef["key"][];
} {
  const sheets: Partial<Record<SheetDef["key"], Grid>> = {};
  const findings: Finding[] = [];
  const missing: SheetDef[] = [];
  for (const def of INPUT_SHEETS) {
    const names = new Set([def.name, def.nameEn, def.key, ...def.aliases].map(foldText));
    const matches = wb.sheets.filter((g) => names.has(foldText(g.sheet)));
    if (matches.length === 0) {
      missing.push(def);
      continue;
    }
    // The one the planner sees first: a hidden "Số liệu" beside a visible "Data" is an old copy put away.
    const exact =
      matches.find((g) => !g.visibility && g.sheet.normalize("NFC") === def.name) ??
      matches.find((g) => !g.visibility) ??
      matches.find((g) => g.sheet.normalize("NFC") === def.name) ??
      matches[0];
    sheets[def.key] = exact;
    for (const other of matches) {
      if (other !== exact)
        findings.push(
          finding(
            "DUPLICATE_SHEET",
            { sheet: other.sheet, cell: "A1" },
            { sheet: exact.sheet, other: other.sheet },
          ),
        );
    }
  }
  const lookalikes = findLookalikes(wb, sheets, missing);
  // A missing sheet is named, with its headers, in the language of the workbook's other input sheets: their names',
  // else their headers' (sheets named by aliases only, "Data", "Config").
  const language =
    workbookLanguage(wb.sheets) ??
    headersLanguage([
      ...Object.entries(sheets).flatMap(([key, grid]) => headerTexts(grid, sheetDef(key as SheetDef["key"]))),
      ...Object.values(lookalikes).flatMap((l) => l.flatMap((x) => matchedTexts(x.grid, x.header))),
    ]);
  const lang = language ?? "vi";
  for (const def of missing) {
    const name = lang === "vi" ? def.name : def.nameEn;
    // The sheets the planner sees, when any does: a hidden one beside them is an old copy put away ("Số liệu 2024").
    const all = lookalikes[def.key] ?? [];
    const shown = all.filter((l) => !l.grid.visibility);
    const like = shown.length ? shown : all;
    if (like.length) {
      // Not read in its place: a header row is shared by last year's copy and an archived one ("DV cũ"), and which
      // sheet a contested ranking is computed from is the planner's to say, by its name.
      const at = { sheet: like[0].sheet, cell: a1(like[0].header.row, like[0].grid.originCol) };
      findings.push(
        like.length === 1
          ? finding(like[0].grid.visibility ? "RENAMED_HIDDEN_SHEET" : "RENAMED_SHEET", at, {
              sheet: name,
              other: like[0].sheet,
            })
          : finding("RENAMED_SHEETS", at, {
              sheet: name,
              others: like.map((l) => `“${l.sheet}”`).join(", "),
            }),
      );
    } else if (def.key !== "settings")
      findings.push(
        finding(
          "MISSING_SHEET",
          { sheet: name, cell: "A1" },
          { sheet: name, columns: templateHeaders(def.key, [], lang).join(" | ") },
        ),
      );
  }
  return { sheets, findings, language, renamed: Object.keys(lookalikes) as SheetDef["key"][] };
}

/** The texts of a sheet's header row that name its columns. */
function headerTexts(grid: Grid, def: SheetDef): string[] {
  const header = detectHeader(grid, def);
  return header ? matchedTexts(grid, header) : [];
}

/** The texts of a header row's cells that name a column. */
function matchedTexts(grid: Grid, header: HeaderMatch): string[] {
  return Object.values(header.columns).map((col) => String(cellAt(grid, header.row, col)));
}

/** A sheet whose header row is an input sheet's. */
interface Lookalike {
  readonly sheet: string;
  readonly grid: Grid;
  readonly header: HeaderMatch;
}

/**
 * For each missing input sheet, the workbook's other sheets whose header row is its: every required column, and no
 * fewer of the row's headers its than not (the Kết quả sheet's "Mã đơn vị | Tên đơn vị | Nhóm | …" names three
 * columns of Đơn vị among fourteen). On Số liệu a code heads an indicator's column; a settings sheet must also
 * name a setting. The lists sheet, a very hidden sheet and the sheets already found are never one.
 */
function findLookalikes(
  wb: WorkbookGrids,
  found: Partial<Record<SheetDef["key"], Grid>>,
  missing: readonly SheetDef[],
): Partial<Record<SheetDef["key"], Lookalike[]>> {
  const out: Partial<Record<SheetDef["key"], Lookalike[]>> = {};
  if (!missing.length) return out;
  const taken = new Set(Object.values(found));
  for (const grid of wb.sheets) {
    // A very hidden sheet is no one's to rename: only a macro can show it.
    if (
      taken.has(grid) ||
      grid.visibility === "veryHidden" ||
      isListsSheet(grid, "vi") ||
      isListsSheet(grid, "en")
    )
      continue;
    let best: { def: SheetDef; header: HeaderMatch; own: number } | null = null;
    for (const def of missing) {
      const header = detectHeader(grid, def);
      if (!header || def.columns.some((c) => c.required && header.columns[c.key] === undefined)) continue;
      const codes =
        def.key === "figures"
          ? [...header.unmatched.values()].filter((t) => validCode(normaliseCode(t))).length
          : 0;
      const own = Object.keys(header.columns).length + codes;
      if (own < header.unmatched.size - codes) continue;
      if (def.key === "settings" && !namesSetting(grid, header)) continue;
      if (!best || own > best.own) best = { def, header, own };
    }
    if (best) (out[best.def.key] ??= []).push({ sheet: grid.sheet, grid, header: best.header });
  }
  return out;
}

/** Whether a settings-like sheet names a known setting below its header row (not any "Tham số | Giá trị" list). */
function namesSetting(grid: Grid, header: HeaderMatch): boolean {
  const col = header.columns.setting;
  for (let row = header.row + 1; row < grid.originRow + grid.values.length; row++) {
    const v = cellAt(grid, row, col);
    if (typeof v === "string" && findSetting(v)) return true;
  }
  return false;
}

let settingNames: Map<string, SettingDef> | null = null;

/** The setting a label names (its key, Vietnamese or English label, or an alias; case and diacritics ignored). */
export function findSetting(label: string): SettingDef | undefined {
  if (!settingNames) {
    settingNames = new Map();
    for (const d of SETTINGS)
      for (const n of [d.key, d.label, d.labelEn, ...d.aliases]) settingNames.set(foldText(n), d);
  }
  return settingNames.get(foldText(label));
}

/** The header row found on a sheet: its 1-based row and the column of each key. */
export interface HeaderMatch {
  readonly row: number;
  readonly columns: Record<string, number>;
  /** Header cells that matched nothing: column → text. */
  readonly unmatched: Map<number, string>;
}

/** Detects the header row: the row among the first rows that names the most columns of the sheet. */
export function detectHeader(
  grid: Grid,
  def: SheetDef,
  extra: ReadonlyMap<string, string> = new Map(),
): HeaderMatch | null {
  const best = bestHeaderRow(grid, def, extra);
  const required = def.columns.filter((c) => c.required).length;
  return best && Object.keys(best.columns).length >= Math.min(2, required) ? best : null;
}

/**
 * The settings sheet's header row: as detectHeader finds it, or the row naming one of its two columns ("Tham số"
 * without "Giá trị", or the other way round). The sheet is found by its name and has no other columns: the other
 * column is what is missing (MISSING_KEY_COLUMN names it), not the header row.
 */
export function detectSettingsHeader(grid: Grid): HeaderMatch | null {
  return bestHeaderRow(grid, sheetDef("settings"), new Map());
}

/** The row among the first rows that names the most columns of the sheet, or null when none names one. */
function bestHeaderRow(grid: Grid, def: SheetDef, extra: ReadonlyMap<string, string>): HeaderMatch | null {
  const lookup = new Map<string, string>();
  for (const c of def.columns) for (const n of columnNames(c)) if (!lookup.has(n)) lookup.set(n, c.key);
  for (const [folded, key] of extra) if (!lookup.has(folded)) lookup.set(folded, key);
  let best: HeaderMatch | null = null;
  let bestScore = 0;
  const lastRow = Math.min(grid.originRow + grid.values.length - 1, grid.originRow + HEADER_SCAN_ROWS - 1);
  for (let row = grid.originRow; row <= lastRow; row++) {
    const cols: Record<string, number> = {};
    const unmatched = new Map<number, string>();
    let score = 0;
    const width = grid.values[row - grid.originRow]?.length ?? 0;
    for (let i = 0; i < width; i++) {
      const col = grid.originCol + i;
      const v = cellAt(grid, row, col);
      if (typeof v !== "string" || !v.trim()) continue;
      const key = lookup.get(foldText(v));
      if (key !== undefined && cols[key] === undefined) {
        cols[key] = col;
        score++;
      } else unmatched.set(col, v);
    }
    if (score > bestScore) {
      bestScore = score;
      best = { row, columns: cols, unmatched };
    }
  }
  return best;
}

/** The 1-based last row of a grid that holds anything. */
export function lastFilledRow(grid: Grid): number {
  for (let i = grid.values.length - 1; i >= 0; i--) {
    if (grid.values[i].some((v) => v !== null && !(typeof v === "string" && v.trim() === "")))
      return grid.originRow + i;
  }
  return grid.originRow - 1;
}

/**
 * The columns without which no row of a sheet is counted: a setting needs its name and value, a unit its code and
 * group, an indicator its code, unit of measure and weight, a figures row its unit and period. (A unit or an indicator
 * without a name is named by its code; one without a pillar is counted under the first.)
 */
export const ROW_KEYS: Readonly<Record<SheetDef["key"], readonly string[]>> = {
  settings: ["setting", "value"],
  units: ["code", "group"],
  indicators: ["code", "measure", "weight"],
  figures: ["unit", "period"],
};

/**
 * Findings for required columns missing from a detected header, each named as the template of the workbook's language
 * heads it: MISSING_KEY_COLUMN for a column every row needs (the one finding for the sheet's rows, none of which is
 * counted), else MISSING_COLUMN.
 */
export function missingColumns(grid: Grid, def: SheetDef, header: HeaderMatch, lang: Lang): Finding[] {
  return def.columns
    .filter((c) => c.required && header.columns[c.key] === undefined)
    .map((c) =>
      finding(
        ROW_KEYS[def.key].includes(c.key) ? "MISSING_KEY_COLUMN" : "MISSING_COLUMN",
        { sheet: grid.sheet, cell: a1(header.row, grid.originCol) },
        { column: lang === "vi" ? c.header : c.headerEn, sheet: grid.sheet, row: header.row },
      ),
    );
}
