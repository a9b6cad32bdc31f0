/** Reading numbers and yes/no values as Vietnamese planners type them. */
import type { CellValue } from "./grid";
import { isCellError } from "./grid";
import { YES_NO } from "./format";
import { foldText } from "./text";

/** A number read from a cell: the value, whether it was typed as text, and whether it carried a % sign. */
export interface ReadNumber {
  readonly value: number;
  readonly fromText: boolean;
  readonly percent: boolean;
}

function normaliseDigits(body: string): number | null {
  const s = body.replace(/[\s\u00a0\u2007\u202f\u200b-\u200d\ufeff']/g, "");
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let canonical: string;
  if (dots > 0 && commas > 0) {
    // Whichever separator comes last is the decimal mark: 1.234,5 (vi) or 1,234.5 (en).
    const decimal = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    const group = decimal === "," ? "." : ",";
    if (s.split(decimal).length !== 2) return null;
    const [intPart, frac] = s.split(decimal);
    if (!groupedOk(intPart, group)) return null;
    canonical = intPart.split(group).join("") + "." + frac;
  } else if (commas > 0) {
    // Vietnamese decimal comma (0,6); several commas can only be grouping (1,234,567).
    canonical = commas === 1 ? s.replace(",", ".") : groupedOk(s, ",") ? s.split(",").join("") : "";
  } else if (dots > 1) {
    canonical = groupedOk(s, ".") ? s.split(".").join("") : "";
  } else if (dots === 1) {
    // "1.100" is one thousand one hundred in Vietnamese; "0.6" or "12.5" is a decimal.
    const [intPart, frac] = s.split(".");
    const unsigned = intPart.replace(/^[+-]/, "");
    canonical = frac.length === 3 && unsigned.length >= 1 && unsigned !== "0" ? intPart + frac : s;
  } else {
    canonical = s;
  }
  if (!canonical) return null;
  const n = Number(canonical);
  return Number.isFinite(n) ? n : null;
}

function groupedOk(s: string, group: string): boolean {
  const parts = s.replace(/^[+-]/, "").split(group);
  return parts[0].length >= 1 && parts[0].length <= 3 && parts.slice(1).every((p) => p.length === 3);
}

/** Reads a number from a cell: numbers as they are; text in Vietnamese or English notation, with an optional %. */
export function readNumber(v: CellValue): ReadNumber | null {
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, fromText: false, percent: false } : null;
  if (typeof v !== "string") return null;
  const t = v.trim();
  if (!t) return null;
  const pm = /^(.*?)\s*%$/.exec(t);
  const n = normaliseDigits(pm ? pm[1] : t);
  if (n === null) return null;
  return pm
    ? { value: n / 100, fromText: true, percent: true }
    : { value: n, fromText: true, percent: false };
}

const YES = new Set([YES_NO[0].vi, YES_NO[0].en, ...YES_NO[0].aliases].map(foldText));
const NO = new Set([YES_NO[1].vi, YES_NO[1].en, ...YES_NO[1].aliases].map(foldText));

/** Reads yes/no: Có/Không, x, ✓, yes/no, 1/0, TRUE/FALSE. Null when it is neither. */
export function readYesNo(v: CellValue): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== "string" || isCellError(v)) return null;
  const raw = v.trim();
  if (raw === "✓" || raw === "✔") return true;
  const f = foldText(raw);
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return null;
}

/** True when a cell is empty: null, or text of only spaces. */
export function isBlank(v: CellValue): boolean {
  if (typeof v !== "string") return v === null;
  // Most texts start with a printable ASCII character: not blank, without a copy of the text.
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return v.replace(/[\s\u00a0\u200b-\u200d\ufeff]/g, "") === "";
}
