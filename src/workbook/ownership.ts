/** The product's ownership mark: which sheets it wrote, and a fingerprint to tell whether a user edited them since. */
import type { Grid } from "../engine/grid";
import type { SheetSpec } from "../engine/sheetSpec";
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
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/'((?:[^']|'')+)'!/g, (_m, name: string) => `${name.replace(/''/g, "'")}!`)
            .replace(/\s+/g, "")
            .toUpperCase()
            .replace(/(?<![A-Z$_\d.])(\d+\.?\d*(?:E[+-]?\d+)?)(?![\d(A-Z!:])/g, (n) => String(Number(n))),
    )
    .join("");
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

/** The tab the workbook opens on after a write: the newest summary, if there is one. */
export function newestSummary(owned: readonly OwnedSheet[]): string | null {
  const s = owned
    .filter((o) => o.kind === "summary")
    .sort((a, b) => ((a.period ?? "") < (b.period ?? "") ? -1 : 1));
  return s.length ? s[s.length - 1].name : null;
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
