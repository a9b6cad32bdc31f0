/** A cell that holds an Excel error value such as #DIV/0! or #N/A. */
export interface CellError {
  readonly error: string;
}

/** A cell value as the adapters hand it to the engine. */
export type CellValue = string | number | boolean | Date | CellError | null;

/** A rectangular block of one sheet, as read by an adapter (the Excel add-in or an .xlsx file). */
export interface Grid {
  readonly sheet: string;
  /** 1-based row of values[0]. */
  readonly originRow: number;
  /** 1-based column of values[r][0]. */
  readonly originCol: number;
  readonly values: readonly (readonly CellValue[])[];
  /** Formula text ("=A1+1") where the cell holds a formula, else null; same shape as values. */
  readonly formulas?: readonly (readonly (string | null)[])[];
  /** Merged areas in A1 notation, e.g. "A1:F1". */
  readonly merges?: readonly string[];
  /** Number formats where a cell shows a percentage ("0%"), else null; same shape as values. Absent: none. */
  readonly formats?: readonly (readonly (string | null)[])[];
  /** A sheet not shown as a tab: "hidden" (Unhide shows it) or "veryHidden" (only a macro can). Absent: visible. */
  readonly visibility?: "hidden" | "veryHidden";
}

/** A workbook as the engine sees it: its sheets as grids, in workbook order. */
export interface WorkbookGrids {
  readonly sheets: readonly Grid[];
}

/** The address of one cell: sheet name and 1-based row and column. */
export interface CellRef {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** True when a cell value is an Excel error. */
export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && "error" in v;
}

/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  const hit = LETTERS[col];
  if (hit !== undefined) return hit;
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  // Excel's columns (A to XFD) are remembered: output sheets ask for the same few columns millions of times.
  if (Number.isInteger(col) && col > 0 && col <= 16384) LETTERS[col] = s;
  return s;
}

const LETTERS: string[] = [];

/** 1-based column number for column letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A1 address of a 1-based row and column, e.g. (3, 2) → "B3". */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** A1 address of a cell reference, without the sheet name. */
export function refAddress(ref: CellRef): string {
  return a1(ref.row, ref.col);
}

/** Parses "B3" (or "$B$3") into a 1-based row and column; null if it is not an address. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** The value at a 1-based sheet row and column of a grid, or null outside it. */
export function cellAt(grid: Grid, row: number, col: number): CellValue {
  const r = grid.values[row - grid.originRow];
  if (!r) return null;
  const v = r[col - grid.originCol];
  return v === undefined ? null : v;
}

/** True when an Excel number format shows the value as a percentage ("0%", "0.0%"; not a quoted or escaped %). */
export function isPercentFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  return /%/.test(format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ""));
}

/** True when a number format code shows a date or time (d, m, y, h, s outside quotes, escapes and [colour]). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?:h+|m+|s+)\]/gi, "h")
    .replace(/\[[^\]]*\]/g, "");
  const first = bare.split(";")[0];
  return /[dmyhs]/i.test(first) && !/^[#0.,%\s]*$/.test(first);
}

/** An Excel serial date as a JavaScript date (UTC), in the 1900 or 1904 date system. */
export function serialToDate(serial: number, date1904: boolean): Date {
  // 25569 = days from 1899-12-30 to 1970-01-01; the 1904 system counts from 1904-01-01 (1462 days later).
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * 86400000));
}

/** True when the cell at a 1-based sheet row and column is formatted to show a percentage. */
export function shownAsPercent(grid: Grid, row: number, col: number): boolean {
  return isPercentFormat(grid.formats?.[row - grid.originRow]?.[col - grid.originCol]);
}
