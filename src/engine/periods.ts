/** Reporting periods: quarters ("Quý II/2015", "2015-Q2") and whole years ("2014"). */
import type { CellValue } from "./grid";
import type { Period } from "./model";
import { QUARTER_ROMAN } from "./format";
import { foldText } from "./text";

const ROMAN: Record<string, 1 | 2 | 3 | 4> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function quarter(token: string): 1 | 2 | 3 | 4 | null {
  return ROMAN[token] ?? null;
}

function validYear(y: number): boolean {
  return Number.isInteger(y) && y >= 1990 && y <= 2100;
}

/** Reads a period as planners write it; null when it is not one. */
export function parsePeriod(v: CellValue): Period | null {
  if (typeof v === "number") return validYear(v) ? { year: v, quarter: null } : null;
  if (typeof v !== "string") return null;
  // A figures sheet repeats a few period texts on every row: each is read once.
  let p = PARSED.get(v);
  if (p === undefined) {
    p = parsePeriodText(v);
    if (PARSED.size < 1000) PARSED.set(v, p);
  }
  return p && { ...p };
}

const PARSED = new Map<string, Period | null>();

function parsePeriodText(v: string): Period | null {
  const s = foldText(v);
  if (!s) return null;
  let m = /^(\d{4}) ?q ?([1-4])$/.exec(s); // 2015-Q2, 2015Q2, 2015 q2
  if (m) return mk(Number(m[1]), quarter(m[2]));
  m = /^(?:quy|q|quarter) ?(i{1,3}|iv|[1-4])(?: nam| year)? ?(\d{4})$/.exec(s); // Quý II/2015, Q2 2015, quý 2 năm 2015
  if (m) return mk(Number(m[2]), quarter(m[1]));
  m = /^(i{1,3}|iv) (\d{4})$/.exec(s); // II/2015
  if (m) return mk(Number(m[2]), quarter(m[1]));
  m = /^(?:nam |year )?(\d{4})$/.exec(s); // 2014, Năm 2014
  if (m) return validYear(Number(m[1])) ? { year: Number(m[1]), quarter: null } : null;
  return null;
}

function mk(year: number, q: 1 | 2 | 3 | 4 | null): Period | null {
  return validYear(year) && q !== null ? { year, quarter: q } : null;
}

/** The canonical key: "2015-Q2" for a quarter, "2014" for a year. */
export function periodKey(p: Period): string {
  return p.quarter === null ? String(p.year) : `${p.year}-Q${p.quarter}`;
}

/** The quarter a date falls in (a date is read from the workbook as UTC midnight). */
export function quarterOfDate(d: Date): Period {
  return { year: d.getUTCFullYear(), quarter: (Math.floor(d.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4 };
}

/**
 * A date typed as text where a period goes ("30/6/2015", "30-06-2015", "2015-06-30"), read day first as
 * Vietnamese dates are (month first only where day first is no date); null when the text is no date.
 */
export function dateOfText(v: string): Date | null {
  const s = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // A month and year alone ("2/2015") is left alone: it may mean quarter 2 as well as February.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  return (
    utcDate(Number(m[3]), Number(m[2]), Number(m[1])) ?? utcDate(Number(m[3]), Number(m[1]), Number(m[2]))
  );
}

/** The date at UTC midnight, or null when the day does not exist in that month or the year is no plan's. */
function utcDate(year: number, month: number, day: number): Date | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return validYear(year) && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

/** Parses a canonical key back into a period. */
export function periodFromKey(key: string): Period | null {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(key.trim());
  if (!m) return null;
  return { year: Number(m[1]), quarter: m[2] ? (Number(m[2]) as 1 | 2 | 3 | 4) : null };
}

/** The period as users read it: "Quý II/2015" or "Q2 2015"; "Năm 2014" or "Year 2014". */
export function formatPeriod(p: Period, lang: "vi" | "en"): string {
  if (p.quarter === null) return lang === "vi" ? `Năm ${p.year}` : `Year ${p.year}`;
  return lang === "vi" ? `Quý ${QUARTER_ROMAN[p.quarter - 1]}/${p.year}` : `Q${p.quarter} ${p.year}`;
}

/** The period before: the previous quarter (Q1 → last year's Q4), or the previous year. */
export function previousPeriod(p: Period): Period {
  if (p.quarter === null) return { year: p.year - 1, quarter: null };
  return p.quarter === 1
    ? { year: p.year - 1, quarter: 4 }
    : { year: p.year, quarter: (p.quarter - 1) as 1 | 2 | 3 };
}

/**
 * The periods whose report draws on the figures of `key` as well as its own: the next quarter's (it compares with
 * them) and its year's (each unit's latest figures of the year); a year's, the next year's.
 */
export function periodsDrawingOn(key: string): string[] {
  const p = periodFromKey(key);
  if (!p) return [];
  if (p.quarter === null) return [String(p.year + 1)];
  const next =
    p.quarter === 4
      ? { year: p.year + 1, quarter: 1 as const }
      : { year: p.year, quarter: (p.quarter + 1) as 2 | 3 | 4 };
  return [periodKey(next), String(p.year)];
}

// A figures table repeats a few period keys on thousands of rows: each key's ordinal is worked out once.
const ORDINALS = new Map<string, number>();

/** A period key's place in time (year × 10 + quarter, a year 5); not a key: after every period. */
function ordinal(key: string): number {
  let o = ORDINALS.get(key);
  if (o === undefined) {
    const p = periodFromKey(key);
    o = p ? p.year * 10 + (p.quarter ?? 5) : Number.POSITIVE_INFINITY;
    // Remembered for the first thousand keys (a workbook has a few dozen).
    if (ORDINALS.size < 1000) ORDINALS.set(key, o);
  }
  return o;
}

/** Chronological order of period keys; a year sorts after its fourth quarter. */
export function comparePeriodKeys(a: string, b: string): number {
  return ordinal(a) - ordinal(b);
}
