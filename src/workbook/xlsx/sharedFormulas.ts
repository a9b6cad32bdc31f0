/**
 * Shared formulas (ECMA-376 Part 1, §18.3.1.40 f, t="shared"): a run of cells down a column whose formula is the one
 * above moved down a row is written once, on the run's first cell (the master, with the run's range in `ref`), and
 * the cells below carry only the group's index. Excel and LibreOffice expand them as a formula filled down: relative
 * references move with the cell, absolute ones ($) stay. read.ts expands them the same way (shiftFormula).
 */
import type { FormulaTemplate, SpecBlock, SpecCell } from "../../engine/sheetSpec";
import { formulaOf, templateText } from "../../engine/sheetSpec";
import { columnLetter } from "../../engine/grid";

const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isDigitAt = (s: string, i: number) => isDigit(s.charCodeAt(i));
/** Characters of a name, number or reference: [A-Za-z0-9_.$] (what read.ts's reference pattern treats as one word). */
const isWordChar = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigit(c) || c === 95 || c === 46 || c === 36;

// The last column of a sheet, XFD: a longer run of letters before digits is a name, not a reference.
const MAX_COL = 16384;

/**
 * Where the reference at the start of s[from, to) ends: `$?[A-Z]{1,3}$?\d+` with a column up to XFD, the whole word.
 * Returns -1 when the word is not such a reference.
 */
function refEnd(s: string, from: number, to: number): number {
  let i = from;
  if (s.charCodeAt(i) === 36) i++;
  let col = 0;
  const letters = i;
  while (i < to && isUpper(s.charCodeAt(i))) col = col * 26 + (s.charCodeAt(i++) - 64);
  if (i === letters || i - letters > 3 || col > MAX_COL) return -1;
  if (s.charCodeAt(i) === 36) i++;
  const digits = i;
  while (i < to && isDigit(s.charCodeAt(i))) i++;
  return i > digits && i === to ? i : -1;
}

/** True when s[from, to) starts as a reference would (`$?[A-Za-z]{1,3}$?` and a digit), whatever the case. */
function startsLikeRef(s: string, from: number, to: number): boolean {
  let i = from;
  if (s.charCodeAt(i) === 36) i++;
  const letters = i;
  while (isUpper(s.charCodeAt(i) & ~32)) i++;
  if (i === letters || i - letters > 3) return false;
  if (s.charCodeAt(i) === 36) i++;
  return i < to && isDigit(s.charCodeAt(i));
}

/** True when s[i, i+n) and t[j, j+n) are the same characters. */
function same(s: string, i: number, t: string, j: number, n: number): boolean {
  if (j + n > t.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(i + k) !== t.charCodeAt(j + k)) return false;
  return true;
}

/** Where the quoted text (string "…" or sheet name '…', the quote doubled inside) starting at s[i] ends, or -1. */
function quotedEnd(s: string, i: number): number {
  const q = s[i];
  for (let k = i + 1; ; k += 2) {
    k = s.indexOf(q, k);
    if (k < 0 || s[k + 1] !== q) return k < 0 ? -1 : k + 1;
  }
}

/** The start of the word that ends at `to` (word characters back from there). */
function wordStart(s: string, to: number): number {
  let i = to;
  while (i > 0 && isWordChar(s.charCodeAt(i - 1))) i--;
  return i;
}

/** The end of the word that starts at `from`. */
function wordEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && isWordChar(s.charCodeAt(i))) i++;
  return i;
}

/** True when the word at s[from…] is a reference (read.ts's pattern: not followed by a word character or "("). */
function refAt(s: string, from: number): boolean {
  const e = wordEnd(s, from);
  return refEnd(s, from, e) === e && s.charCodeAt(e) !== 40;
}

/** The value of the digits s[from, to). */
function digitsValue(s: string, from: number, to: number): number {
  let v = 0;
  for (let k = from; k < to; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
}

// What a character outside quotes asks of the scanner.
const SAME = 0;
const DIGIT = 1;
const QUOTE = 2;
const RANGE = 3;
const REFUSE = 4;
const KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KIND[c] = DIGIT;
KIND[34] = KIND[39] = QUOTE;
KIND[58] = RANGE;
// Structured and external references ([…]) are left to the full formula, as are control characters.
KIND[91] = KIND[93] = KIND[127] = REFUSE;
for (let c = 0; c < 32; c++) KIND[c] = REFUSE;

/**
 * True when `below` is exactly `above` filled down one row: every relative row reference one more, everything else
 * the same (a leading "=" on either is skipped). Conservative: anything this scanner does not fully understand
 * (whole-row or whole-column ranges, structured or external references, text outside ASCII outside quotes,
 * lower-case references, names that look like references) answers false, so a formula is only ever shared where
 * Excel, LibreOffice and read.ts all expand it back to itself. One pass over both: the same characters are skipped,
 * only digits and quotes are looked at closely.
 */
export function followsDown(above: string, below: string): boolean {
  const i = above.charCodeAt(0) === 61 ? 1 : 0;
  const j = below.charCodeAt(0) === 61 ? 1 : 0;
  return onlyRowsMoved(above, i, below, j) && followsDownByScan(above, below);
}

/**
 * A quick test followsDown's answer implies: `below` is `above` with some runs of digits each replaced by their value
 * plus one, every other character the same. A tight loop over both texts that only stops where they differ, so a pair
 * that is not one formula filled down (Xếp hạng's rows hold the units in rank order, their formulas reference rows
 * far apart) is turned away at its first difference rather than read with the full scan.
 */
function onlyRowsMoved(above: string, i: number, below: string, j: number): boolean {
  const n = above.length;
  const m = below.length;
  for (;;) {
    while (i < n && j < m && above.charCodeAt(i) === below.charCodeAt(j)) {
      i++;
      j++;
    }
    if (i === n || j === m) return i === n && j === m;
    if (!isDigitAt(above, i) || !isDigitAt(below, j)) return false;
    // The run of digits the difference is in, from its start (the characters before it are the same in both).
    let s = i;
    while (s > 0 && isDigitAt(above, s - 1)) s--;
    const t = j - (i - s);
    let e = i;
    while (e < n && isDigitAt(above, e)) e++;
    let f = j;
    while (f < m && isDigitAt(below, f)) f++;
    // Rows of more than 7 digits are refused by the full scan anyway, and stay exact as numbers here.
    if (e - s > 7 || digitsValue(below, t, f) !== digitsValue(above, s, e) + 1) return false;
    i = e;
    j = f;
  }
}

/** followsDown without the quick test first (exported for the test that the quick test never changes an answer). */
export function followsDownByScan(above: string, below: string): boolean {
  let i = above.charCodeAt(0) === 61 ? 1 : 0;
  let j = below.charCodeAt(0) === 61 ? 1 : 0;
  const n = above.length;
  const m = below.length;
  while (i < n) {
    const c = above.charCodeAt(i);
    const kind = c < 128 ? KIND[c] : REFUSE;
    if (kind === SAME) {
      if (below.charCodeAt(j) !== c) return false;
      i++;
      j++;
    } else if (kind === DIGIT) {
      let e = i + 1;
      while (e < n && isDigit(above.charCodeAt(e))) e++;
      let f = j;
      while (f < m && isDigit(below.charCodeAt(f))) f++;
      // The word the digits belong to (what precedes them is the same in both formulas).
      const s = wordStart(above, i);
      const w = wordEnd(above, e);
      const next = above.charCodeAt(w);
      if (e === w && next !== 33 && refEnd(above, s, w) === w && next !== 40) {
        // A reference's row: one down unless absolute. After a sheet name, the name must be one read.ts sees.
        if (s > 0 && above.charCodeAt(s - 1) === 33 && !sheetBefore(above, s - 1)) return false;
        const a = digitsValue(above, i, e);
        if (a === 0 || e - i > 7) return false;
        if (digitsValue(below, j, f) !== (above.charCodeAt(i - 1) === 36 ? a : a + 1)) return false;
      } else {
        // Digits of a number, a name or a function (LOG10): the same in both; refused where read.ts or Excel
        // could see a reference in the word (A1.5, a1, XFE1, A1!).
        if (startsLikeRef(above, s, w) && !(next === 40 && refEnd(above, s, w) === w)) return false;
        if (f - j !== e - i || !same(above, i, below, j, e - i)) return false;
      }
      i = e;
      j = f;
    } else if (kind === QUOTE) {
      const e = quotedEnd(above, i);
      if (e < 0 || !same(above, i, below, j, e - i)) return false;
      // A quoted sheet name is followed by "!" and a reference, with no word character before it.
      if (c === 39) {
        const p = i > 0 ? above.charCodeAt(i - 1) : 32;
        if (above.charCodeAt(e) !== 33 || isWordChar(p) || p === 39 || p === 33 || !refAt(above, e + 1))
          return false;
      }
      j += e - i;
      i = e;
    } else if (kind === RANGE) {
      // Both ends of a range are references (a whole-row range 5:5 moves in Excel, not in read.ts).
      if (below.charCodeAt(j) !== c || !refAt(above, wordStart(above, i)) || !refAt(above, i + 1))
        return false;
      i++;
      j++;
    } else return false;
  }
  return j === m;
}

/** True when the "!" at `bang` ends a sheet name read.ts takes with the reference after it: quoted, or a plain name. */
function sheetBefore(s: string, bang: number): boolean {
  if (s.charCodeAt(bang - 1) === 39) return true; // checked where the quote opened
  const t = wordStart(s, bang);
  const p = t > 0 ? s.charCodeAt(t - 1) : 32;
  return t < bang && p !== 39 && p !== 33 && /^[A-Za-z_][\w.]*$/.test(s.slice(t, bang));
}

// Rows a template is checked at: followsDown's answer on a template whose row stands apart from other digits does
// not depend on the row (its digits are one reference's row, or they make the formula differ), checked anyway
// across a change in the number of digits. Rows up to 9,999,999: followsDown refuses longer ones.
const CHECK_ROWS = [1, 9, 99999];
const MAX_ROW = 9_999_999;
/** A row whose digits followsDown reads as one number: whole, from 1 to MAX_ROW - 1. */
const isRow = (r: number) => (r | 0) === r && r >= 1 && r < MAX_ROW;

type TemplateFill = "fills" | "never" | "byText";

/**
 * Whether a template at any row is itself at the row before filled down (followsDown): "fills", so a column of it at
 * rows one apart is one shared formula without looking at each text; "never" (a reference at the row is absolute, or
 * the row is in a text); "byText" where the answer may depend on the row (it touches other digits: "A1" then the
 * row, or another row) or the template has no row: such cells are compared as text.
 */
export function templateFill(t: FormulaTemplate): TemplateFill {
  const p = t.parts;
  if (p.length < 2) return "byText";
  for (let k = 1; k < p.length; k++)
    if (isDigitAt(p[k - 1], p[k - 1].length - 1) || isDigitAt(p[k], 0) || (p[k] === "" && k < p.length - 1))
      return "byText";
  const answers = CHECK_ROWS.map((r) => followsDown(templateText(t, r), templateText(t, r + 1)));
  return answers.every((a) => a) ? "fills" : answers.every((a) => !a) ? "never" : "byText";
}

const FILL_KIND = new WeakMap<FormulaTemplate, TemplateFill>();

/** templateFill, worked out once per template. */
function fillKind(t: FormulaTemplate): TemplateFill {
  let known = FILL_KIND.get(t);
  if (known === undefined) FILL_KIND.set(t, (known = templateFill(t)));
  return known;
}

/**
 * True when the formula of `below` is that of `above` filled down one row: by their template, else by their text. Two
 * cells of one template at other rows than one apart are not (a row one more, or the same, is what followsDown takes
 * of every row's digits), except at the same row, left to the text like any other case.
 */
function continues(above: SpecCell, below: SpecCell): boolean {
  const t = above.formula === undefined ? above.fill : undefined;
  if (t !== undefined && below.formula === undefined && below.fill === t) {
    const r = above.fillRow ?? 0;
    const next = below.fillRow ?? 0;
    if (isRow(r) && isRow(next) && next !== r) {
      const kind = fillKind(t);
      if (kind !== "byText") return kind === "fills" && next === r + 1;
    }
  }
  const a = formulaOf(above);
  const f = formulaOf(below);
  return !!a && !!f && followsDown(a, f);
}

/**
 * How a formula cell's f element is written: in full (`<f>`, or a shared group's master with its range), or as a
 * member of a shared group (`<f t="shared" si="…"/>`, the formula left to the master).
 */
export interface FormulaTag {
  /** The start tag a formula written in full gets. */
  readonly open: string;
  /** The whole f element of a group member, else null. */
  readonly member: string | null;
}

// Rows in one group at most: the look down the column at a group's first cell stays a few milliseconds of work
// between two of the preview's time slices, whatever the plan's size.
const MAX_GROUP_ROWS = 1000;

/** A formula written in full, alone. */
export const PLAIN: FormulaTag = { open: "<f>", member: null };

/**
 * The shared groups of a sheet's blocks, found as the rows are written: at a formula cell not yet in a group, the
 * column below it is followed as long as each formula is the one above filled down (Excel's ref range of a shared
 * formula is known before the master is written). Rows covered by more than one block are left out.
 */
export class SharedGroups {
  private next = 0;
  /** Per block and column: the last row index of the group that covers the column, and its members' tag. */
  private readonly ends: number[][] = [];
  private readonly members: FormulaTag[][] = [];

  /** The last cell found below itself (one cell object repeated down a column) and whether it fills down. */
  private repeated: SpecCell | null = null;
  private repeatedFills = false;

  constructor(
    private readonly blocks: readonly SpecBlock[],
    private readonly overlapped: ReadonlySet<number>,
  ) {}

  /** The tag of the formula in block k, row index i, column index j (rows asked for in order, top to bottom). */
  tag(k: number, i: number, j: number): FormulaTag {
    const ends = (this.ends[k] ??= []);
    if (i <= (ends[j] ?? -1)) return this.members[k][j];
    const b = this.blocks[k];
    let e = i;
    while (e - i < MAX_GROUP_ROWS - 1) {
      const below = b.cells[e + 1]?.[j];
      if (!below || this.overlapped.has(b.row + e + 1) || !this.continues(b.cells[e][j], below)) break;
      e++;
    }
    if (e === i) return PLAIN;
    const si = this.next++;
    ends[j] = e;
    (this.members[k] ??= [])[j] = { open: PLAIN.open, member: `<f t="shared" si="${si}"/>` };
    const col = columnLetter(b.col + j);
    return { open: `<f t="shared" ref="${col}${b.row + i}:${col}${b.row + e}" si="${si}">`, member: null };
  }

  /** continues, with the answer for a cell object repeated down a column (Kết quả's target) worked out once. */
  private continues(above: SpecCell, below: SpecCell): boolean {
    if (above !== below) return continues(above, below);
    if (above !== this.repeated) {
      this.repeated = above;
      this.repeatedFills = continues(above, below);
    }
    return this.repeatedFills;
  }
}
