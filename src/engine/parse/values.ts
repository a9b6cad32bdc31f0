/** Reading one typed cell into a model value, or a finding that says what is wrong there. */
import type { CellRef, CellValue } from "../grid";
import { isCellError } from "../grid";
import { enumName, type EnumValue } from "../format";
import type { Finding, Measure } from "../model";
import { finding } from "../findings";
import type { Lang } from "../i18n/labels";
import { formatDate } from "../i18n/numbers";
import { isBlank, readNumber, readYesNo } from "../numbers";
import { foldText, cleanText } from "../text";

/** A value read from a cell, with the findings it raised. */
export interface Read<T> {
  readonly value: T | null;
  readonly findings: Finding[];
}

function ok<T>(value: T | null, findings: Finding[] = []): Read<T> {
  return { value, findings };
}
const none = <T>(findings: Finding[] = []): Read<T> => ({ value: null, findings });

/** A cell's value as a message quotes it: a date as the planner's Excel shows it (30/06/2015), an error by its code. */
export function shown(v: CellValue): string {
  if (v instanceof Date) return formatDate(v.toISOString(), "vi");
  if (isCellError(v)) return v.error;
  return String(v);
}

/** Reads an enum value by its key, labels or aliases (any case, accents optional). */
export function matchEnum(v: CellValue, values: readonly EnumValue[]): EnumValue | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const f = foldText(String(v));
  if (!f) return null;
  return enumByName(values).get(f) ?? null;
}

const ENUM_NAMES = new WeakMap<readonly EnumValue[], Map<string, EnumValue>>();

/** An enum's values by each of their folded names; a name two values share goes to the first, as a search would. */
function enumByName(values: readonly EnumValue[]): Map<string, EnumValue> {
  let byName = ENUM_NAMES.get(values);
  if (!byName) {
    byName = new Map();
    for (const e of values)
      for (const n of [e.key, e.vi, e.en, ...e.aliases]) {
        const f = foldText(n);
        if (!byName.has(f)) byName.set(f, e);
      }
    ENUM_NAMES.set(values, byName);
  }
  return byName;
}

/** Reads an enum cell; INVALID_ENUM when it is none of the allowed values (named in the workbook's language). */
export function readEnum(
  v: CellValue,
  values: readonly EnumValue[],
  ref: CellRef,
  column: string,
  lang: Lang,
): Read<EnumValue> {
  if (isBlank(v)) return none();
  if (isCellError(v)) return none([finding("ERROR_CELL", ref, { value: v.error })]);
  const e = matchEnum(v, values);
  if (e) return ok(e);
  return none([
    finding("INVALID_ENUM", ref, {
      value: shown(v),
      column,
      allowed: values.map((x) => enumName(x, lang)).join("; "),
    }),
  ]);
}

/** Reads text; errors become findings. */
export function readText(v: CellValue, ref: CellRef): Read<string> {
  if (isBlank(v)) return none();
  if (isCellError(v)) return none([finding("ERROR_CELL", ref, { value: v.error })]);
  return ok(cleanText(shown(v)));
}

/** Reads a plain number (counts, weights, million VND); negative values are refused where told. */
export function readPlainNumber(
  v: CellValue,
  ref: CellRef,
  column: string,
  allowNegative = false,
): Read<number> {
  if (isBlank(v)) return none();
  if (isCellError(v)) return none([finding("ERROR_CELL", ref, { value: v.error })]);
  if (typeof v === "boolean") return ok(v ? 1 : 0);
  const n = readNumber(v);
  if (!n) return none([finding("NOT_A_NUMBER", ref, { value: shown(v), column })]);
  const fs: Finding[] = n.fromText
    ? [finding("NUMBER_AS_TEXT", ref, { value: shown(v), number: n.value })]
    : [];
  if (n.value < 0 && !allowNegative)
    return none([...fs, finding("NEGATIVE_VALUE", ref, { value: n.value, column })]);
  return ok(n.value, fs);
}

/**
 * Reads an indicator's weight: a number, or a percentage as its percent points, as the weights add up to 100 ("10%"
 * typed, or 0.1 in a cell formatted as a percentage, is a weight of 10, not 0.1).
 */
export function readWeight(
  v: CellValue,
  ref: CellRef,
  column: string,
  shownAsPercent: boolean,
): Read<number> {
  const r = readPlainNumber(v, ref, column, true);
  const n = typeof v === "number" ? null : readNumber(v);
  if (r.value === null || !(n?.percent || (shownAsPercent && typeof v === "number"))) return r;
  // 15% is 0.15 read, whose hundredfold is 15.000000000000002: rounded to the 15 digits a cell holds.
  const value = Number((r.value * 100).toPrecision(15));
  return ok(
    value,
    r.findings.map((f) =>
      f.code === "NUMBER_AS_TEXT" ? finding(f.code, ref, { ...f.params, number: value }) : f,
    ),
  );
}

/**
 * Reads a share as a fraction: 60%, "60 %", 0.6; 60 (percent points) is read as 60% with a note. In a cell
 * formatted as a percentage the number is read as Excel shows it: 1.2 is 120%, never 1.2%.
 */
export function readPercent(
  v: CellValue,
  ref: CellRef,
  column: string,
  shownAsPercent = false,
): Read<number> {
  if (isBlank(v)) return none();
  if (isCellError(v)) return none([finding("ERROR_CELL", ref, { value: v.error })]);
  const read = typeof v === "boolean" ? null : readNumber(v);
  const n = read && shownAsPercent && typeof v === "number" ? { ...read, percent: true } : read;
  if (!n) return none([finding("NOT_A_NUMBER", ref, { value: shown(v), column })]);
  const fs: Finding[] =
    n.fromText && !n.percent ? [finding("NUMBER_AS_TEXT", ref, { value: shown(v), number: n.value })] : [];
  let x = n.value;
  if (!n.percent && x > 1 && x <= 100) {
    fs.push(finding("PERCENT_POINTS", ref, { value: x }));
    x = x / 100;
  }
  if (x < 0 || x > 1) {
    const pct = `${Math.round((n.percent || x > 1 ? n.value * (n.percent ? 100 : 1) : x * 100) * 100) / 100}%`;
    return none([...fs, finding("PERCENT_OUT_OF_RANGE", ref, { value: pct })]);
  }
  return ok(x, fs);
}

/** Reads a figure or target of an indicator (its code) in its unit of measure (yes/no becomes 1/0). */
export function readMeasure(
  v: CellValue,
  measure: Measure,
  ref: CellRef,
  column: string,
  shownAsPercent = false,
  indicator = "",
): Read<number> {
  if (measure === "percent") return readPercent(v, ref, column, shownAsPercent);
  if (measure === "yesno") {
    if (isBlank(v)) return none();
    if (isCellError(v)) return none([finding("ERROR_CELL", ref, { value: v.error })]);
    const b = readYesNo(v);
    return b === null ? none([finding("NOT_YES_NO", ref, { value: shown(v) })]) : ok(b ? 1 : 0);
  }
  // A percentage where a count or an amount goes ("85%" typed, or 0.85 in a cell formatted as one, in a column of
  // computers): a share of nothing the indicator counts, so not read as 0.85 of a computer.
  const percent = typeof v === "number" ? shownAsPercent : typeof v === "string" && readNumber(v)?.percent;
  if (percent)
    return none([
      finding("PERCENT_IN_COUNT", ref, {
        value: typeof v === "number" ? `${Number((v * 100).toPrecision(12))}%` : shown(v),
        indicator,
        measure,
      }),
    ]);
  return readPlainNumber(v, ref, column);
}

/** Upper-case NFC code with no surrounding spaces, for matching codes across sheets. */
export function normaliseCode(s: string): string {
  return cleanText(s).toUpperCase();
}

/** True when a code has only letters, digits, '-', '_' and '.'. */
export function validCode(code: string): boolean {
  return /^[\p{L}\p{N}_.-]+$/u.test(code);
}
