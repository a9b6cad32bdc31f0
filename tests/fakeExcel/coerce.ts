import { OfficeError } from "./excelEnums";
/**
 * How Excel turns a string written to Range.values or Range.formulas into a cell's content.
 * Reference text of `Excel.Range.values`: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="),
 * Excel interprets this value as a formula." Strings that look like numbers, percentages, booleans, dates, times or error
 * values become those types, as when typed in the grid (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values);
 * a leading apostrophe keeps text, and so does a cell whose number format is Text ("@").
 * The en-US reading of dates is taken (month/day/year), the locale Excel on the web's API uses.
 */

export type Coerced =
  | { kind: "formula"; text: string }
  | { kind: "text"; value: string; quotePrefix: boolean }
  | { kind: "number"; value: number; numberFormat?: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | { kind: "empty" };

const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** Excel's serial number of a calendar date (1900 date system). */
export function dateSerial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return t / 86400000 + 25569;
}

function asNumber(s: string): { value: number; numberFormat?: string } | null {
  const t = s.trim();
  const pct = /^([+-]?)(\d[\d,]*(?:\.\d*)?|\.\d+)%$/.exec(t);
  if (pct) return { value: Number(pct[1] + pct[2].replace(/,/g, "")) / 100, numberFormat: "0%" };
  const cur = /^([+-]?)\$(\d[\d,]*(?:\.\d*)?)$/.exec(t);
  if (cur) return { value: Number(cur[1] + cur[2].replace(/,/g, "")), numberFormat: "$#,##0.00" };
  const neg = /^\((\d[\d,]*(?:\.\d*)?)\)$/.exec(t);
  if (neg) return { value: -Number(neg[1].replace(/,/g, "")) };
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?([eE][+-]?\d+)?$/.test(t) || /^[+-]?\.\d+([eE][+-]?\d+)?$/.test(t))
    return { value: Number(t.replace(/,/g, "")) };
  return null;
}

function asDate(s: string): number | null {
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return dateSerial(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t);
  if (m) return dateSerial(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[1], +m[2]);
  m = /^(\d{1,2})[/-](\d{1,2})$/.exec(t);
  if (m) return dateSerial(new Date().getUTCFullYear(), +m[1], +m[2]);
  const month = (name: string) => {
    const i = MONTH_NAMES.findIndex((n) => n === name.toLowerCase() || n.slice(0, 3) === name.toLowerCase());
    return i < 0 ? null : i + 1;
  };
  const year = new Date().getUTCFullYear();
  m = /^(\d{1,2})[\s-]([A-Za-z]+)(?:[\s-](\d{2}|\d{4}))?$/.exec(t);
  if (m && month(m[2]))
    return dateSerial(m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : year, month(m[2])!, +m[1]);
  m = /^([A-Za-z]+)[\s-](\d{1,4})$/.exec(t);
  if (m && month(m[1]))
    return +m[2] > 31 || m[2].length === 4
      ? dateSerial(+m[2] < 100 ? 2000 + +m[2] : +m[2], month(m[1])!, 1)
      : dateSerial(year, month(m[1])!, +m[2]);
  m = /^([A-Za-z]+)\s(\d{1,2}),?\s(\d{4})$/.exec(t);
  if (m && month(m[1])) return dateSerial(+m[3], month(m[1])!, +m[2]);
  return null;
}

function asTime(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(s.trim());
  if (!m) return null;
  let h = +m[1];
  if (m[4]) h = (h % 12) + (/p/i.test(m[4]) ? 12 : 0);
  if (h > 23 || +m[2] > 59 || +(m[3] ?? 0) > 59) return null;
  return (h * 3600 + +m[2] * 60 + +(m[3] ?? 0)) / 86400;
}

/** What a written value becomes in a cell of the given number format. */
export function coerce(v: unknown, numberFormat: string): Coerced {
  if (v === null || v === undefined || v === "") return { kind: "empty" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new OfficeError("InvalidArgument", "not a finite number");
    return { kind: "number", value: v };
  }
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (typeof v !== "string") throw new OfficeError("InvalidArgument", `cannot write ${typeof v} to a cell`);
  if (v.startsWith("'")) return { kind: "text", value: v.slice(1), quotePrefix: true };
  if (numberFormat === "@") return { kind: "text", value: v, quotePrefix: false };
  if (v.startsWith("=") && v.length > 1) return { kind: "formula", text: v };
  const num = asNumber(v);
  if (num) return { kind: "number", ...num };
  if ((v.startsWith("+") || v.startsWith("-")) && v.length > 1) return { kind: "formula", text: `=${v}` };
  if (/^(true|false)$/i.test(v.trim())) return { kind: "boolean", value: v.trim().toLowerCase() === "true" };
  if (ERROR_LITERALS.includes(v.trim().toUpperCase()))
    return { kind: "error", value: v.trim().toUpperCase() };
  const date = asDate(v);
  if (date !== null) return { kind: "number", value: date, numberFormat: "m/d/yyyy" };
  const time = asTime(v);
  if (time !== null) return { kind: "number", value: time, numberFormat: "h:mm" };
  return { kind: "text", value: v, quotePrefix: false };
}
