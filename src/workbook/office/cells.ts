/** Cell contents across the Office.js boundary: typed literals Excel does not coerce, values read back. */
import type { CellValue } from "../../engine/grid";
import type { SpecCell } from "../../engine/sheetSpec";

const ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

/** A value as Range.values returns it, as the engine's cell value (errors become CellError). */
export function readValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" && ERRORS.has(v)) return { error: v };
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * The formula of a cell read back, or null for a constant. Range.formulas returns a constant's value, so a text
 * constant such as "=1+1" reads the same in both: a cell is a formula only when its formula text differs from its value.
 */
export function readFormula(formula: unknown, value: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") && formula !== value ? formula : null;
}

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/,]*\d/i;

/**
 * True when Excel would not keep this string as text if written to a cell: a formula sign, a number, percentage,
 * currency, boolean, error value, date or time (Range.values reference; "Set values or formulas" guide).
 */
export function excelWouldCoerce(s: string): boolean {
  const t = s.trim();
  return (
    /^[=+\-@']/.test(s) ||
    /^[($€£¥₫]?\s*[\d.]/.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^#[A-Z/0!?_]+[!?A]?$/i.test(t) ||
    MONTH.test(t) ||
    /^\d{1,2}[\s-][a-z]{3}/i.test(t)
  );
}

/** A spec literal as written through Range.formulas: numbers and booleans typed, text that Excel would coerce behind an apostrophe. */
export function literalFor(v: SpecCell["value"]): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" && excelWouldCoerce(v)) return `'${v}`;
  return v;
}
