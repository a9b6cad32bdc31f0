/** Finding the input sheets and their header rows, whatever the header language, accents or order. */
import type { Grid, WorkbookGrids } from "../grid";
import { a1, cellAt } from "../grid";
import type { ColumnDef, SheetDef } from "../format";
import { INPUT_SHEETS } from "../format";
import { foldText } from "../text";
import type { Finding } from "../model";
import { finding } from "../findings";
import { workbookLanguage } from "../language";
import type { Lang } from "../i18n/labels";
import { templateHeaders } from "../planRows";

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
} {
  const sheets: Partial<Record<SheetDef["key"], Grid>> = {};
  const findings: Finding[] = [];
  // A missing sheet is named, with its headers, in the language of the workbook's other input sheets.
  const language = workbookLanguage(wb.sheets);
  const lang = language ?? "vi";
  for (const def of INPUT_SHEETS) {
    const names = new Set([def.name, def.nameEn, def.key, ...def.aliases].map(foldText));
    const matches = wb.sheets.filter((g) => names.has(foldText(g.sheet)));
    if (matches.length === 0) {
      if (def.key !== "settings")
        findings.push(
          finding(
            "MISSING_SHEET",
            { sheet: lang === "vi" ? def.name : def.nameEn, cell: "A1" },
            {
              sheet: lang === "vi" ? def.name : def.nameEn,
              columns: templateHeaders(def.key, [], lang).join(" | "),
            },
          ),
        );
      continue;
    }
    const exact = matches.find((g) => g.sheet.normalize("NFC") === def.name) ?? matches[0];
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
  return { sheets, findings, language };
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
  const required = def.columns.filter((c) => c.required).length;
  return best && bestScore >= Math.min(2, required) ? best : null;
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
 * Findings for required columns missing from a detected header, each named as the template of the workbook's language
 * heads it.
 */
export function missingColumns(grid: Grid, def: SheetDef, header: HeaderMatch, lang: Lang): Finding[] {
  return def.columns
    .filter((c) => c.required && header.columns[c.key] === undefined)
    .map((c) =>
      finding(
        "MISSING_COLUMN",
        { sheet: grid.sheet, cell: a1(header.row, grid.originCol) },
        { column: lang === "vi" ? c.header : c.headerEn, sheet: grid.sheet },
      ),
    );
}
