/** A1 references for formulas: quoted sheet names, absolute cells, bounded ranges, references moved to other sheets. */
import type { CellRef } from "../grid";
import type { FormulaTemplate } from "../sheetSpec";
import { a1, columnLetter } from "../grid";

/** Quotes a sheet name when Excel needs it (anything but plain ASCII letters, digits and _), doubling apostrophes. */
export function quoteSheetName(name: string): string {
  let q = QUOTED.get(name);
  if (q === undefined) {
    q =
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
        ? name
        : `'${name.replace(/'/g, "''")}'`;
    // A plan has a handful of sheets, named in every cross-sheet reference.
    if (QUOTED.size < 1000) QUOTED.set(name, q);
  }
  return q;
}

const QUOTED = new Map<string, string>();

/** Absolute address "$B$7". */
export function abs(row: number, col: number): string {
  return `$${columnLetter(col)}$${row}`;
}

/** Reference to a cell on another sheet: 'Số liệu'!$E$12. */
export function sheetRef(ref: CellRef): string {
  return `${quoteSheetName(ref.sheet)}!${abs(ref.row, ref.col)}`;
}

/** Relative address on the same sheet: "E12". */
export function local(row: number, col: number): string {
  return a1(row, col);
}

/** Absolute range on the same sheet: $F$5:$F$40. */
export function absRange(row1: number, col1: number, row2: number, col2: number): string {
  return `${abs(row1, col1)}:${abs(row2, col2)}`;
}

/** A string literal for a formula, with quotes doubled. */
export function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Where a formula's row number goes in a row template. */
export const ROW = "\uE000";

/**
 * A formula whose only varying part is its row number, cut once at the row (Kết quả has a row per unit ×
 * indicator): a cell carries the template and its row, and its text is built only where it is needed.
 */
export function rowTemplate(text: string): FormulaTemplate {
  return { parts: text.split(ROW) };
}

const STRING_LITERAL = /("(?:[^"]|"")*")/;

/**
 * A pattern matching a reference to one of the given sheets as Excel writes it ('Kết quả'! or Results!), capturing the
 * quoted or plain name: not a longer name ending the same ('Tổng hợp Kết quả'!, X''Kết quả'!), nor a sheet of another
 * workbook ([1]Results!).
 */
function sheetPattern(quoted: readonly string[]): RegExp {
  const alternatives = [...quoted]
    .sort((a, b) => b.length - a.length)
    .map((q) => (q.startsWith("'") ? `(?<!')${escape(q)}` : `(?<![\\w.'\\]\\u00C0-\\uFFFF])${escape(q)}`));
  return new RegExp(`(${alternatives.join("|")})!`, "g");
}

/**
 * A function rewriting a formula's references to the given sheets (name → other name), outside string literals. The
 * Office adapter writes formulas against its temporary sheets so (Excel binds a reference to a sheet and carries it
 * through the later rename); the ownership check reads a leftover temporary sheet's formulas under their final names.
 */
export function retargeter(names: ReadonlyMap<string, string>): (formula: string) => string {
  if (!names.size) return (f) => f;
  const by = new Map([...names].map(([from, to]) => [quoteSheetName(from), `${quoteSheetName(to)}!`]));
  const pattern = sheetPattern([...by.keys()]);
  return (formula) =>
    formula
      .split(STRING_LITERAL)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(pattern, (_m, q: string) => by.get(q) ?? _m)))
      .join("");
}

/** A test of whether a formula refers to one of the given sheets (outside string literals), as Excel writes it. */
export function refersToSheets(names: readonly string[]): (formula: string) => boolean {
  if (!names.length) return () => false;
  const pattern = sheetPattern(names.map(quoteSheetName));
  return (formula) =>
    formula.split(STRING_LITERAL).some((part, i) => {
      pattern.lastIndex = 0;
      return i % 2 === 0 && pattern.test(part);
    });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The names of the tables the product writes on its output sheets (Kết quả, Xếp hạng, Kiểm tra), in every language. */
export const OUTPUT_TABLES = { results: "KetQua", ranking: "XepHang", findings: "KiemTra" } as const;
