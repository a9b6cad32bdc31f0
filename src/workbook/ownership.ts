/** The product's ownership mark: which sheets it wrote, and a fingerprint to tell whether a user edited them since. */
import type { Grid } from "../engine/grid";
import type { SheetSpec } from "../engine/sheetSpec";
import { comparePeriodKeys } from "../engine/periods";
import { drain } from "./slices";

/** Name of the very hidden sheet (xlsx) that lists the owned sheets with their kind and fingerprint. */
export const META_SHEET = "ictplan_meta";

export interface OwnedSheet {
  readonly name: string;
  readonly kind: string;
  readonly fingerprint: string;
  /** The period a summary tab reports ("2015-Q2"); "" for the other sheets. */
  readonly period?: string;
}

/** FNV-1a hash of a string, as 8 hex digits. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * Formula text as Excel may return it, reduced to what it means: Excel re-quotes sheet names, changes the case of
 * function names and spacing, and reformats numbers ("0.50" → "0.5"); string literals are kept as written.
 */
export function normalFormula(formula: string): string {
  if (formula.indexOf('"') < 0) return normalPart(formula);
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : normalPart(part)))
    .join("");
}

/**
 * A number written as String(Number(n)) would not write it: a leading zero, a trailing zero or point after the
 * decimal point, an exponent, 16 or more digits, or six zeros after the point. Only a part where one of these may
 * occur needs the number rewriting (the other numbers stay as they are): most formulas skip it.
 */
const ODD_NUMBER = /(?<!\d)0\d|\d\.(?!\d)|\.\d*0(?!\d)|\dE|\d[\d.]{15}|\.0{6}/;

/** Outside string literals: sheet names unquoted, spaces dropped, upper case, numbers as Excel writes them. */
function normalPart(part: string): string {
  const unquoted =
    part.indexOf("'") < 0
      ? part
      : part.replace(/'((?:[^']|'')+)'!/g, (_m, name: string) => `${name.replace(/''/g, "'")}!`);
  const upper = (/\s/.test(unquoted) ? unquoted.replace(/\s+/g, "") : unquoted).toUpperCase();
  return ODD_NUMBER.test(upper)
    ? upper.replace(/(?<![A-Z$_\d.])(\d+\.?\d*(?:E[+-]?\d+)?)(?![\d(A-Z!:])/g, (n) => String(Number(n)))
    : upper;
}

/** A constant as Excel returns it: numbers to 15 significant digits (Excel's precision). */
function normalValue(value: unknown): string {
  if (typeof value === "number") return `number:${Number(value.toPrecision(15))}`;
  return `${typeof value}:${String(value)}`;
}

function entry(row: number, col: number, formula: string | null, value: unknown): string | null {
  if (formula) return `${row},${col}=${normalFormula(formula)}`;
  if (value === null || value === undefined || value === "") return null;
  return `${row},${col}:${normalValue(value)}`;
}

/**
 * Order-independent digest of a sheet's cells: each non-empty cell's entry() is hashed (FNV-1a, two seeds) and the hashes summed, so a spec's blocks and a sheet read row by row agree without
 * holding and sorting every cell's text.
 */
class CellDigest {
  private a = 0;
  private b = 0;
  private n = 0;

  add(row: number, col: number, formula: string | null, value: unknown): void {
    const s = entry(row, col, formula, value);
    if (s === null) return;
    let h1 = 0x811c9dc5;
    let h2 = 0x050c5d1f;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193);
    }
    this.a = (this.a + (h1 >>> 0)) >>> 0;
    this.b = (this.b + (h2 >>> 0)) >>> 0;
    this.n++;
  }

  toString(): string {
    return `${this.a.toString(16).padStart(8, "0")}${this.b.toString(16).padStart(8, "0")}${this.n.toString(16)}`;
  }
}

/** Fingerprint of what a spec writes (formulas and literals; cached results are left out as Excel recomputes them). */
export function specFingerprint(spec: SheetSpec): string {
  return drain(specFingerprintSteps(spec));
}

// Rows digested between two yields of the fingerprint steps.
const ROWS_PER_SLICE = 200;

/** specFingerprint as steps, yielding every few hundred rows. */
export function* specFingerprintSteps(spec: SheetSpec): Generator<void, string, void> {
  const d = new CellDigest();
  for (const b of spec.blocks)
    for (let i = 0; i < b.cells.length; i++) {
      if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) yield;
      b.cells[i].forEach((c, j) =>
        d.add(b.row + i, b.col + j, c.formula ?? null, c.formula ? null : c.value),
      );
    }
  return d.toString();
}

/** Fingerprint of a sheet as read back, comparable with specFingerprint. */
export function gridFingerprint(grid: Grid): string {
  return drain(gridFingerprintSteps(grid));
}

/** gridFingerprint as steps, yielding every few hundred rows. */
export function* gridFingerprintSteps(grid: Grid): Generator<void, string, void> {
  const d = new CellDigest();
  for (let i = 0; i < grid.values.length; i++) {
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) yield;
    grid.values[i].forEach((v, j) => {
      const f = grid.formulas?.[i]?.[j] ?? null;
      d.add(grid.originRow + i, grid.originCol + j, f, f ? null : v instanceof Date ? v.toISOString() : v);
    });
  }
  return d.toString();
}

/**
 * The fingerprint of the releases before 2026-11-26 (8 hex digits): FNV-1a of the sorted cell entries, formulas as
 * written rather than normalised. Outputs those releases wrote carry it in their ownership record.
 */
function legacyGridFingerprint(grid: Grid): string {
  const parts: string[] = [];
  grid.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const f = grid.formulas?.[i]?.[j] ?? null;
      const value = f ? null : v instanceof Date ? v.toISOString() : v;
      const r = grid.originRow + i;
      const c = grid.originCol + j;
      if (f) parts.push(`${r},${c}=${f}`);
      else if (value !== null && value !== "") parts.push(`${r},${c}:${typeof value}:${String(value)}`);
    }),
  );
  return fnv1a(parts.sort().join("\n"));
}

/** True for a fingerprint in the format of the releases before 2026-11-26. */
export const isLegacyFingerprint = (fingerprint: string): boolean => /^[0-9a-f]{8}$/.test(fingerprint);

/** Whether a sheet as read back is the one its recorded fingerprint (of either format) describes. */
export function fingerprintMatches(grid: Grid, recorded: string): boolean {
  return isLegacyFingerprint(recorded)
    ? legacyGridFingerprint(grid) === recorded
    : gridFingerprint(grid) === recorded;
}

/** Raised (as a value, by the adapters) when an owned sheet was edited by a user and force was not given. */
export class EditedOutputError extends Error {
  constructor(readonly sheets: readonly string[]) {
    super(`edited output sheets: ${sheets.join(", ")}`);
  }
}

/**
 * Owned sheets a write replaces: those of the same name, and those of the same kind, except summaries: there is one
 * summary tab per period, and a new one replaces only its own period's.
 */
export function replacedBy(owned: readonly OwnedSheet[], specs: readonly SheetSpec[]): OwnedSheet[] {
  return owned.filter((o) =>
    specs.some(
      (s) => s.name === o.name || (s.kind === o.kind && (s.kind !== "summary" || s.period === o.period)),
    ),
  );
}

/** Where each kind of output goes after the user's sheets (summaries last, by period). */
const KIND_ORDER: Readonly<Record<string, number>> = { results: 1, ranking: 2, findings: 3, summary: 4 };

/**
 * The sheet order after a write, whatever order the actions ran in: the user's sheets as they stand, then the outputs
 * (Kết quả, Xếp hạng, Kiểm tra), then the summaries by period (Quý I before Quý II, a year after its fourth quarter),
 * the ownership sheet last.
 */
export function sheetOrder(names: readonly string[], owned: readonly OwnedSheet[]): string[] {
  const byName = new Map(owned.map((o) => [o.name, o]));
  const place = (name: string, i: number) => {
    const o = byName.get(name);
    const rank = name === META_SHEET ? 9 : o ? (KIND_ORDER[o.kind] ?? KIND_ORDER.summary) : 0;
    return { name, i, rank, period: o?.kind === "summary" ? (o.period ?? "") : "" };
  };
  return names
    .map(place)
    .sort((a, b) => a.rank - b.rank || comparePeriodKeys(a.period, b.period) || a.i - b.i)
    .map((x) => x.name);
}

/** Refuses a write whose sheet names (compared as Excel does, ignoring case) would hit a sheet the user owns. */
export function assertNoUserSheetClash(
  existing: readonly string[],
  owned: readonly OwnedSheet[],
  specs: readonly SheetSpec[],
): void {
  const fold = (s: string) => s.normalize("NFC").toLowerCase();
  const ownedNames = new Set(owned.map((o) => o.name));
  for (const spec of specs) {
    const clash = existing.find((n) => fold(n) === fold(spec.name) && !ownedNames.has(n));
    if (clash) throw new Error(`sheet "${clash}" exists and is not owned by ictplan`);
  }
}
