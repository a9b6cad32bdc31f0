/**
 * The fingerprint of an owned sheet: an order-independent digest of its cells (formulas normalised as Excel may hand
 * them back, references to other sheets masked, literals), made from a spec as written and from a grid as read back.
 */
import type { Grid } from "../engine/grid";
import type { FormulaTemplate, SheetSpec, SpecBlock } from "../engine/sheetSpec";
import { templateText } from "../engine/sheetSpec";
import { drain } from "./slices";
import { ROW } from "../engine/outputs/refs";

const FNV_PRIME = 0x01000193;
const FNV_SEED1 = 0x811c9dc5;
// The second seed of the cell digest.
const FNV_SEED2 = 0x050c5d1f;

/** FNV-1a hash of a string, as 8 hex digits. */
export function fnv1a(s: string): string {
  let h = FNV_SEED1;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * Formula text as Excel may return it, reduced to what it means: Excel re-quotes sheet names, changes the case of
 * function names and spacing, and reformats numbers ("0.50" → "0.5"); string literals are kept as written.
 */
export function normalFormula(formula: string): string {
  return normalText(formula, true);
}

/**
 * What a reference to another sheet reads as in the fingerprint (a private-use character, as the row marker): inserting
 * or deleting rows (or columns) of an input sheet makes Excel and LibreOffice rewrite the outputs' references to it,
 * though nobody typed into the outputs. A reference to a deleted cell becomes #REF!: Excel keeps the sheet's name
 * ('Số liệu'!#REF!), LibreOffice drops it (#REF!), so the sheet's name goes with the reference.
 */
const CROSS = "\uE001";
const CROSS_CODE = 0xe001;

/**
 * A formula with each reference to another sheet, and each #REF!, replaced by one mark (CROSS), outside string
 * literals: what the fingerprint compares of a formula, so an output whose references followed rows inserted or deleted
 * in the input sheets still matches; references to its own cells stay exact. A reference to another sheet is a sheet's
 * name ('Số liệu'!, with '' for a quote, or Sheet1! not after #, as in #NUM!) followed by #REF!, a cell, a range (its
 * end may repeat the name), whole rows or whole columns, not followed by what would make it a name, a function or a
 * longer reference. A row is digits or a template's row marker (ROW).
 */
export function maskCrossReferences(formula: string): string {
  return maskedText(formula, crossReferences(formula));
}

// Where the references crossReferences found last start and end (the digests read them without building the text).
let spanStarts = new Int32Array(16);
let spanEnds = new Int32Array(16);

/** The formula with the first `count` references crossReferences found in it masked. */
function maskedText(f: string, count: number): string {
  let out = "";
  let copied = 0;
  for (let k = 0; k < count; k++) {
    out += f.slice(copied, spanStarts[k]) + CROSS;
    copied = spanEnds[k];
  }
  return count ? out + f.slice(copied) : f;
}

/**
 * Finds the references to other sheets (and #REF!) maskCrossReferences masks, into spanStarts and spanEnds, and returns
 * how many. A scanner, not a regular expression: it runs on each of the 290,000 formulas of a 1,000-unit Kết quả read
 * back, and an expression took 2.3 µs a formula.
 */
function crossReferences(f: string): number {
  if (f.indexOf("!") < 0) return 0;
  const n = f.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    let end = -1;
    if (c === 34) {
      // A string literal, kept as written ("" for a quote); an unclosed quote is a character like another.
      const close = literalEnd(f, i);
      i = close < 0 ? i + 1 : close;
      continue;
    } else if (c === 39) {
      const named = quotedNameEnd(f, i);
      if (named >= 0) end = referenceEnd(f, named);
    } else if (c === 35) {
      if (isRefError(f, i)) end = i + 5;
    } else if (isNameStart(c) && (i === 0 || !isNameOrHash(f.charCodeAt(i - 1)))) {
      let j = i + 1;
      while (j < n && isNameChar(f.charCodeAt(j))) j++;
      if (f.charCodeAt(j) === 33) end = referenceEnd(f, j + 1);
      if (end < 0) {
        i = j; // no name starts inside a name
        continue;
      }
    }
    if (end < 0) i++;
    else {
      if (count === spanStarts.length) {
        const grown = [new Int32Array(count * 2), new Int32Array(count * 2)];
        grown[0].set(spanStarts);
        grown[1].set(spanEnds);
        [spanStarts, spanEnds] = grown;
      }
      spanStarts[count] = i;
      spanEnds[count++] = i = end;
    }
  }
  return count;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameStart = (c: number): boolean => isLetter(c) || c === 95 || c >= 0xc0;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 46;
const isNameOrHash = (c: number): boolean => isNameChar(c) || c === 35;
const isRowChar = (c: number): boolean => (c >= 48 && c <= 57) || c === 0xe000;

/**
 * The index after the string literal starting at i (a quote), as normalFormula's split finds it: "" stands for a
 * quote, and where none closes it, the first quote of the last "" does; -1 when there is none.
 */
function literalEnd(f: string, i: number): number {
  let pair = -1;
  for (let j = i + 1; j < f.length; j++)
    if (f.charCodeAt(j) === 34) {
      if (f.charCodeAt(j + 1) !== 34) return j + 1;
      pair = j++;
    }
  return pair < 0 ? -1 : pair + 1;
}

/** The index after "'name'!" starting at i (a quote; '' for a quote in the name, which has no "), or -1. */
function quotedNameEnd(f: string, i: number): number {
  for (let j = i + 1; j < f.length; j++) {
    const c = f.charCodeAt(j);
    if (c === 34) return -1;
    if (c !== 39) continue;
    if (f.charCodeAt(j + 1) === 39) j++;
    else return j > i + 1 && f.charCodeAt(j + 1) === 33 ? j + 2 : -1;
  }
  return -1;
}

/** The index after a sheet's name and its "!" at i, quoted or plain, or -1. */
function qualifierEnd(f: string, i: number): number {
  const c = f.charCodeAt(i);
  if (c === 39) return quotedNameEnd(f, i);
  if (!isNameStart(c)) return -1;
  let j = i + 1;
  while (j < f.length && isNameChar(f.charCodeAt(j))) j++;
  return f.charCodeAt(j) === 33 ? j + 1 : -1;
}

/** Whether #REF! (in any case) is at i. */
function isRefError(f: string, i: number): boolean {
  return (
    f.charCodeAt(i) === 35 &&
    (f.charCodeAt(i + 1) | 32) === 114 &&
    (f.charCodeAt(i + 2) | 32) === 101 &&
    (f.charCodeAt(i + 3) | 32) === 102 &&
    f.charCodeAt(i + 4) === 33
  );
}

/** The index after a column ($?, 1 to 3 letters) at i, or -1. */
function columnEnd(f: string, i: number): number {
  const from = f.charCodeAt(i) === 36 ? i + 1 : i;
  let j = from;
  while (j < from + 3 && isLetter(f.charCodeAt(j))) j++;
  return j > from ? j : -1;
}

/** The index after a row ($?, digits or the row marker) at i, or -1. */
function rowEnd(f: string, i: number): number {
  const from = f.charCodeAt(i) === 36 ? i + 1 : i;
  let j = from;
  while (j < f.length && isRowChar(f.charCodeAt(j))) j++;
  return j > from ? j : -1;
}

/** The index after a cell ($A$1) at i, or -1. */
function cellEnd(f: string, i: number): number {
  const col = columnEnd(f, i);
  return col < 0 ? -1 : rowEnd(f, col);
}

/** Whether a reference ending at i would go on: a name, a function or a longer reference ($ . ( letter, digit). */
function goesOn(f: string, i: number): boolean {
  if (i >= f.length) return false;
  const c = f.charCodeAt(i);
  return isNameChar(c) || c === 40 || c === 36;
}

/** The index after ":" and the range's end (after its sheet's name repeated, or not) at i, or -1. */
function rangeEnd(f: string, i: number, end: (f: string, at: number) => number): number {
  if (i < 0 || f.charCodeAt(i) !== 58) return -1;
  const ends = (at: number) => {
    const last = at < 0 ? -1 : end(f, at);
    return last >= 0 && !goesOn(f, last) ? last : -1;
  };
  const named = ends(qualifierEnd(f, i + 1));
  return named >= 0 ? named : ends(i + 1);
}

/**
 * The index after what follows a sheet's name at i when it is a reference: #REF!, a cell or a range (the longest
 * that does not go on), whole rows or whole columns; -1 for anything else (a name defined for that sheet, say).
 */
function referenceEnd(f: string, i: number): number {
  if (isRefError(f, i)) return i + 5;
  const cell = cellEnd(f, i);
  if (cell >= 0) {
    const range = rangeEnd(f, cell, cellEnd);
    return range >= 0 ? range : goesOn(f, cell) ? -1 : cell;
  }
  const rows = rangeEnd(f, rowEnd(f, i), rowEnd);
  return rows >= 0 ? rows : rangeEnd(f, columnEnd(f, i), columnEnd);
}

/** normalFormula, with numbers rewritten or left as written. */
function normalText(formula: string, numbers: boolean): string {
  if (formula.indexOf('"') < 0) return normalPart(formula, numbers);
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : normalPart(part, numbers)))
    .join("");
}

/**
 * A number written as String(Number(n)) would not write it: a leading zero, a trailing zero or point after the
 * decimal point, an exponent, 16 or more digits, or six zeros after the point. Only a part where one of these may
 * occur needs the number rewriting (the other numbers stay as they are): most formulas skip it.
 */
const ODD_NUMBER = /(?<!\d)0\d|\d\.(?!\d)|\.\d*0(?!\d)|\dE|\d[\d.]{15}|\.0{6}/;

/** Outside string literals: sheet names unquoted, spaces dropped, upper case, numbers as Excel writes them if asked. */
function normalPart(part: string, numbers: boolean): string {
  const unquoted =
    part.indexOf("'") < 0
      ? part
      : part.replace(/'((?:[^']|'')+)'!/g, (_m, name: string) => `${name.replace(/''/g, "'")}!`);
  const upper = (/\s/.test(unquoted) ? unquoted.replace(/\s+/g, "") : unquoted).toUpperCase();
  return numbers && ODD_NUMBER.test(upper)
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

// ---- The digest recorded since 2026-11-28 ("p"). Each cell's entry() text is hashed as a polynomial (two
// multipliers, mod 2^32), so the hash of a text made of pieces is made from the pieces' hashes: a template's normalised
// parts are hashed once, and a cell of a filled-down column costs a few multiplications instead of a pass over its
// text. Each entry's hashes are mixed (fmix32) before they are summed, or the sum would be linear in the characters.

const K1 = 0x01000193;
const K2 = 0x5bd1e995;
const POLY_SEED1 = 0x811c9dc5 | 0;
const POLY_SEED2 = 0x050c5d1f;

// The two hashes of the entry being digested: module state the hot loops update in place, only ever within one
// synchronous call (so digests run in time slices side by side cannot mix).
let h1 = POLY_SEED1;
let h2 = POLY_SEED2;

/** Hashes a string's UTF-16 units into the entry. */
function hashText(s: string): void {
  let a = h1;
  let b = h2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = (Math.imul(a, K1) + c) | 0;
    b = (Math.imul(b, K2) + c) | 0;
  }
  h1 = a;
  h2 = b;
}

/** Hashes an entry's whole text from the seeds: the way every other path must agree with. */
function hashWhole(text: string): void {
  h1 = POLY_SEED1;
  h2 = POLY_SEED2;
  hashText(text);
}

/**
 * Pieces of entries' texts, four numbers each (slot k at 4k): a piece's hashes from 0 (c1, c2) and the multipliers
 * raised to its length (q1, q2). Appended to an entry, the entry's hashes h become h·q + c. In an Int32Array, as
 * numbers past 2^30 would be boxed in an object's fields.
 */
type Pieces = Int32Array;

/** Sets slot k of out to the piece of a string, after the piece in slot 0 of `after` when given. */
function setPiece(out: Pieces, k: number, s: string, after?: Pieces): void {
  let c1 = after ? after[0] : 0;
  let c2 = after ? after[1] : 0;
  let q1 = after ? after[2] : 1;
  let q2 = after ? after[3] : 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    c1 = (Math.imul(c1, K1) + c) | 0;
    c2 = (Math.imul(c2, K2) + c) | 0;
    q1 = Math.imul(q1, K1);
    q2 = Math.imul(q2, K2);
  }
  out[4 * k] = c1;
  out[4 * k + 1] = c2;
  out[4 * k + 2] = q1;
  out[4 * k + 3] = q2;
}

/** The piece of a string, in slot 0. */
function pieceOf(s: string): Pieces {
  const out = new Int32Array(4);
  setPiece(out, 0, s);
  return out;
}

/** Appends slot k of the pieces to the entry. */
function append(p: Pieces, k: number): void {
  h1 = (Math.imul(h1, p[4 * k + 2]) + p[4 * k]) | 0;
  h2 = (Math.imul(h2, p[4 * k + 3]) + p[4 * k + 1]) | 0;
}

// The multipliers raised to the lengths of a number's digits (0 to 10).
const POW1 = new Int32Array(11);
const POW2 = new Int32Array(11);
POW1[0] = POW2[0] = 1;
for (let k = 1; k < 11; k++) {
  POW1[k] = Math.imul(POW1[k - 1], K1);
  POW2[k] = Math.imul(POW2[k - 1], K2);
}

// Scratch for the digits of a number, last digit first, and for their piece.
const DIGITS = new Int32Array(10);
const DIGIT_PIECE = new Int32Array(4);

/** Sets DIGIT_PIECE to the piece of the decimal digits of a whole number from 0 to 2^31 - 1, as String(n) writes it. */
function setDigitPiece(n: number): void {
  let len = 0;
  do {
    const q = (n / 10) | 0;
    DIGITS[len++] = 48 + n - q * 10;
    n = q;
  } while (n > 0);
  DIGIT_PIECE[2] = POW1[len];
  DIGIT_PIECE[3] = POW2[len];
  let a = 0;
  let b = 0;
  while (len > 0) {
    const c = DIGITS[--len];
    a = (Math.imul(a, K1) + c) | 0;
    b = (Math.imul(b, K2) + c) | 0;
  }
  DIGIT_PIECE[0] = a;
  DIGIT_PIECE[1] = b;
}

/** Hashes the decimal digits of a whole number from 0 to 2^31 - 1 into the entry. */
function hashDigits(n: number): void {
  setDigitPiece(n);
  append(DIGIT_PIECE, 0);
}

const isSmallWhole = (n: number): boolean => (n | 0) === n && n >= 0;

// Every entry starts with its row, and sheets are digested row by row: the hashes of "row," from the seeds are kept
// for the row last seen.
let prefixRow = -1;
let prefix1 = POLY_SEED1;
let prefix2 = POLY_SEED2;

/** Starts an entry with "row,col" followed by the separator ("=" before a formula, ":" before a value). */
function hashAddress(row: number, col: number, separator: number): boolean {
  if (!isSmallWhole(row) || !isSmallWhole(col)) return false;
  if (row !== prefixRow) {
    h1 = POLY_SEED1;
    h2 = POLY_SEED2;
    hashDigits(row);
    prefix1 = (Math.imul(h1, K1) + 44) | 0;
    prefix2 = (Math.imul(h2, K2) + 44) | 0;
    prefixRow = row;
  }
  h1 = prefix1;
  h2 = prefix2;
  hashDigits(col);
  h1 = (Math.imul(h1, K1) + separator) | 0;
  h2 = (Math.imul(h2, K2) + separator) | 0;
  return true;
}

// Upper case of each UTF-16 unit outside ASCII, looked up once: the code, WHITE for \s (dropped), COMPLEX where the
// fast path cannot follow toUpperCase (a surrogate, or an upper case of more than one unit, as ß → SS). 0: not yet.
const WHITE = -1;
const COMPLEX = -2;
let upperTable: Int32Array | null = null;

function upperOf(c: number): number {
  const table = (upperTable ??= new Int32Array(65536));
  const known = table[c];
  if (known !== 0) return known;
  const ch = String.fromCharCode(c);
  const up = ch.toUpperCase();
  const u =
    c >= 0xd800 && c <= 0xdfff
      ? COMPLEX
      : /\s/.test(ch)
        ? WHITE
        : up.length === 1
          ? up.charCodeAt(0)
          : COMPLEX;
  table[c] = u;
  return u;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Hashes normalFormula(f) without building it, for the formulas where that is plain: string literals closed,
 * quoted sheet names followed by "!", and no number normalFormula would rewrite (ODD_NUMBER, tracked char by char
 * on the normalised text of each part between literals), into the entry being digested. False where it is not:
 * the caller hashes entry() instead. With masks, the first that many references crossReferences found in f are
 * hashed as the mark that replaces them (normalFormula(maskCrossReferences(f))); false too where one starts inside a
 * literal or a quoted name as read here.
 */
function hashFormula(f: string, masks: number): boolean {
  const n = f.length;
  // The next reference to mask: its index, and where it starts (n: none left).
  let k = 0;
  let next = masks > 0 ? spanStarts[0] : n;
  // The last two characters of the normalised part (-1: none), and what ODD_NUMBER needs to know of the number
  // being read: the digits after a point (-1: not after a point), whether the last was 0, and the length of the run
  // of digits and points since its first digit. (\.0{6} needs no watch: it implies (?<!\d)0\d.)
  let p1 = -1;
  let p2 = -1;
  let fraction = -1;
  let lastZero = false;
  let run = 0;
  // Inside a quoted sheet name: the index of its closing quote.
  let nameEnd = -1;
  let i = 0;
  // The hashes in locals: the loop is the hot path of a fingerprint.
  let a = h1;
  let b = h2;
  for (;;) {
    if (i >= n || f.charCodeAt(i) === 34) {
      // End of a part: a point after a digit ("1.") or a fraction ending in 0 ("0.50") ends here.
      if ((p1 === 46 && isDigit(p2)) || (fraction > 0 && lastZero)) return false;
      if (i >= n) {
        h1 = a;
        h2 = b;
        return true;
      }
      // A string literal, kept as written; "" stands for a quote. Unclosed: normalFormula's split decides.
      let j = i + 1;
      for (;;) {
        if (j >= n) return false;
        if (f.charCodeAt(j) === 34) {
          if (j + 1 < n && f.charCodeAt(j + 1) === 34) j += 2;
          else break;
        } else j++;
      }
      if (next <= j) return false;
      for (; i <= j; i++) {
        const c = f.charCodeAt(i);
        a = (Math.imul(a, K1) + c) | 0;
        b = (Math.imul(b, K2) + c) | 0;
      }
      p1 = p2 = fraction = -1;
      lastZero = false;
      run = 0;
      continue;
    }
    let c = f.charCodeAt(i);
    if (i >= next) {
      // A reference that starts inside a quoted name (or was stepped over in one) as read here: the text decides.
      if (i !== next || i <= nameEnd) return false;
      c = CROSS_CODE;
      i = spanEnds[k++];
      next = k < masks ? spanStarts[k] : n;
    } else if (i < nameEnd) {
      i += c === 39 ? 2 : 1; // '' in a name is one '
    } else if (i === nameEnd) {
      i++; // the closing quote; its "!" follows
      continue;
    } else if (c === 39) {
      // 'name'! with '' for a quote, as normalPart's replace matches it; anything else: the reference decides.
      let j = i + 1;
      for (;;) {
        if (j >= n) return false;
        const d = f.charCodeAt(j);
        if (d === 34) return false;
        if (d === 39) {
          const next = j + 1 < n ? f.charCodeAt(j + 1) : -1;
          if (next === 39) j += 2;
          else if (next === 33 && j > i + 1) break;
          else return false;
        } else j++;
      }
      nameEnd = j;
      i++;
      continue;
    } else i++;
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      if (c >= 97 && c <= 122) c -= 32;
    } else {
      const u = upperOf(c);
      if (u === WHITE) continue;
      if (u === COMPLEX) return false;
      c = u;
    }
    // ODD_NUMBER, alternative by alternative.
    const digit = isDigit(c);
    if (digit) {
      if (p1 === 48 && !isDigit(p2)) return false; // (?<!\d)0\d
      if (fraction >= 0) {
        fraction++;
        lastZero = c === 48;
      }
    } else {
      if (p1 === 46 && isDigit(p2)) return false; // \d\.(?!\d)
      if (fraction > 0 && lastZero) return false; // \.\d*0(?!\d)
      if (c === 69 && isDigit(p1)) return false; // \dE
      fraction = c === 46 ? 0 : -1;
      lastZero = false;
    }
    run = digit ? run + 1 : c === 46 && run > 0 ? run + 1 : 0;
    if (run >= 16) return false; // \d[\d.]{15}
    p2 = p1;
    p1 = c;
    a = (Math.imul(a, K1) + c) | 0;
    b = (Math.imul(b, K2) + c) | 0;
    if (run !== 0 || c === 46) continue;
    // A run of letters, symbols and spaces (no digit, point or quote) after a character that reset ODD_NUMBER's
    // watch keeps it reset: the run is hashed in a tight loop (most of a long formula's characters).
    for (; i < next; i++) {
      let d = f.charCodeAt(i);
      if (d < 128) {
        const kind = PLAIN[d];
        if (kind === 0) {
          if (d === 32 || (d >= 9 && d <= 13)) continue;
          break;
        }
        if (kind === 2) d -= 32;
      } else {
        const u = upperOf(d);
        if (u === WHITE) continue;
        if (u === COMPLEX) break;
        d = u;
      }
      p2 = p1;
      p1 = d;
      a = (Math.imul(a, K1) + d) | 0;
      b = (Math.imul(b, K2) + d) | 0;
    }
  }
}

/**
 * ASCII characters hashFormula passes through in its tight loop: 1 for a letter or symbol kept as it is, 2 for a
 * lower-case letter (made upper case); 0 for the others (control characters and space, ", ', ., digits, DEL).
 */
const PLAIN = new Uint8Array(128);
for (let c = 33; c < 127; c++)
  PLAIN[c] = c >= 97 && c <= 122 ? 2 : c === 34 || c === 39 || c === 46 || isDigit(c) ? 0 : 1;

// What normalValue puts before a string, and as a piece.
const STRING_TAG_TEXT = "string:";
const STRING_TAG = pieceOf(STRING_TAG_TEXT);

/** Sets slot k of out to the piece of a value's normalValue text (not empty). */
function setValuePiece(out: Pieces, k: number, value: unknown): void {
  if (typeof value === "string") setPiece(out, k, value, STRING_TAG);
  else setPiece(out, k, normalValue(value));
}

/** Hashes the entry of a value cell whose normalValue piece is slot k of the pieces. */
function hashValue(row: number, col: number, value: unknown, pieces: Pieces, k: number): void {
  if (hashAddress(row, col, 58)) append(pieces, k);
  else hashWhole(entry(row, col, null, value) as string);
}

// Rows the normalised template is checked at, across changes in the number of digits.
const CHECK_ROWS = [0, 1, 9, 10, 99, 100, 1_048_576, 2 ** 31 - 1];
const NEXT_TO_ROW = /[\d.\uE000]\uE000|\uE000[\d.E]/;

/**
 * normalFormula of a template's text with its references to other sheets masked (maskCrossReferences), cut at its
 * rows: that of the text at r is the cut parts joined by r's digits (a row in a reference to another sheet is masked
 * with it). Null where that may not hold for every row: the row next to a digit, a point or another row (or an E after
 * it) could make a number normalFormula rewrites, and a text with such a number (ODD_NUMBER) is rewritten as a whole.
 * Checked at rows of several lengths besides.
 */
export function normalTemplate(t: FormulaTemplate): readonly string[] | null {
  // The engine's row marker, a private-use character normalFormula leaves as it is, stands for the row.
  const marked = maskCrossReferences(t.parts.join(ROW));
  // Numbers left as written: a number normalFormula would rewrite refuses the template.
  const normal = normalText(marked, false);
  const parts = normal.split(ROW);
  if (parts.length > t.parts.length || NEXT_TO_ROW.test(normal) || ODD_NUMBER.test(normal)) return null;
  for (const r of CHECK_ROWS)
    if (normalFormula(maskCrossReferences(templateText(t, r))) !== parts.join(String(r))) return null;
  return parts;
}

/** A template's normalised parts as pieces (null: its text is hashed instead), worked out once per template. */
const TEMPLATE_PIECES = new WeakMap<FormulaTemplate, Pieces | null>();

function templatePieces(t: FormulaTemplate): Pieces | null {
  let pieces = TEMPLATE_PIECES.get(t);
  if (pieces === undefined) {
    const parts = normalTemplate(t);
    if (parts === null) pieces = null;
    else {
      pieces = new Int32Array(4 * parts.length);
      for (let k = 0; k < parts.length; k++) setPiece(pieces, k, parts[k]);
    }
    TEMPLATE_PIECES.set(t, pieces);
  }
  return pieces;
}

/** Hashes the entry of a cell whose formula is a template at a row, from its normalised parts' pieces where it can. */
function hashFilled(row: number, col: number, t: FormulaTemplate, parts: Pieces | null, at: number): void {
  if (parts === null || !isSmallWhole(at) || !hashAddress(row, col, 61)) {
    hashMasked(row, col, templateText(t, at));
    return;
  }
  let a = (Math.imul(h1, parts[2]) + parts[0]) | 0;
  let b = (Math.imul(h2, parts[3]) + parts[1]) | 0;
  if (parts.length === 4) {
    h1 = a;
    h2 = b;
    return;
  }
  // The row's digits, as a piece.
  setDigitPiece(at);
  const d1 = DIGIT_PIECE[0];
  const d2 = DIGIT_PIECE[1];
  const r1 = DIGIT_PIECE[2];
  const r2 = DIGIT_PIECE[3];
  for (let k = 4; k < parts.length; k += 4) {
    a = (Math.imul(a, r1) + d1) | 0;
    b = (Math.imul(b, r2) + d2) | 0;
    a = (Math.imul(a, parts[k + 2]) + parts[k]) | 0;
    b = (Math.imul(b, parts[k + 3]) + parts[k + 1]) | 0;
  }
  h1 = a;
  h2 = b;
}

/** Hashes the entry of a cell with a formula (non-empty), its references to other sheets masked (maskCrossReferences). */
function hashMasked(row: number, col: number, formula: string): void {
  const masks = crossReferences(formula);
  if (hashAddress(row, col, 61) && hashFormula(formula, masks)) return;
  hashWhole(entry(row, col, maskedText(formula, masks), null) as string);
}

/** A formula's normalFormula text (its references to other sheets masked), and that text as a piece. */
interface NormalFormula {
  readonly text: string;
  readonly piece: Pieces;
}

function normalOf(formula: string): NormalFormula {
  const text = normalFormula(maskCrossReferences(formula));
  return { text, piece: pieceOf(text) };
}

/** Hashes the entry of a cell with a formula (non-empty) whose normal form is given. */
function hashNormal(row: number, col: number, normal: NormalFormula): void {
  if (hashAddress(row, col, 61)) append(normal.piece, 0);
  else hashWhole(`${row},${col}=${normal.text}`);
}

/** Mixes an entry's hash (murmur3's finaliser) before it is summed. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The sums of a digest of some of a sheet's cells: digests of the other cells add to it in any order. */
export interface DigestPart {
  readonly a: number;
  readonly b: number;
  readonly n: number;
}

/** What begins a fingerprint in the format recorded since 2026-11-28 (the polynomial digest). */
const POLY = "p";

/**
 * Order-independent digest of a sheet's cells: each non-empty cell's entry() is hashed and mixed, and the hashes
 * summed, so a spec's blocks and a sheet read row by row agree without holding and sorting every cell's text.
 */
class CellDigest {
  private a = 0;
  private b = 0;
  private n = 0;

  /** Adds a value cell (no formula); an empty one adds nothing. Hashed as it is read: no piece is made. */
  add(row: number, col: number, value: unknown): void {
    if (value === null || value === undefined || value === "") return;
    if (!hashAddress(row, col, 58)) hashWhole(entry(row, col, null, value) as string);
    else if (typeof value === "string") {
      hashText(STRING_TAG_TEXT);
      hashText(value);
    } else hashText(normalValue(value));
    this.sum();
  }

  /** Adds a value cell whose normalValue piece is slot k of the pieces. */
  addValue(row: number, col: number, value: unknown, pieces: Pieces, k: number): void {
    hashValue(row, col, value, pieces, k);
    this.sum();
  }

  /** Adds a cell whose formula is a template at a row, given templatePieces(t). */
  addFilled(row: number, col: number, t: FormulaTemplate, parts: Pieces | null, at: number): void {
    hashFilled(row, col, t, parts, at);
    this.sum();
  }

  /** Adds a cell with a formula (non-empty), digested with its references to other sheets masked. */
  addMasked(row: number, col: number, formula: string): void {
    hashMasked(row, col, formula);
    this.sum();
  }

  /** Adds a cell with a formula whose normal form is given. */
  addNormal(row: number, col: number, normal: NormalFormula): void {
    hashNormal(row, col, normal);
    this.sum();
  }

  private sum(): void {
    this.a = (this.a + fmix32(h1)) >>> 0;
    this.b = (this.b + fmix32(h2)) >>> 0;
    this.n++;
  }

  /** The sums so far: the digest of the cells added. */
  part(): DigestPart {
    return { a: this.a, b: this.b, n: this.n };
  }

  /** Adds the digest of other cells of the sheet (digested apart, on another thread). */
  addPart(p: DigestPart): void {
    this.a = (this.a + p.a) >>> 0;
    this.b = (this.b + p.b) >>> 0;
    this.n += p.n;
  }

  toString(): string {
    return digestText(POLY, this.a, this.b, this.n);
  }
}

/** A fingerprint's text: its format's prefix, then the two sums and the count in hex. */
function digestText(prefix: string, a: number, b: number, n: number): string {
  return `${prefix}${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}${n.toString(16)}`;
}

/**
 * Fingerprint of what a spec writes (formulas, with their references to other sheets masked, and literals; cached
 * results are left out as Excel recomputes them): the one recorded.
 */
export function specFingerprint(spec: SheetSpec): string {
  return drain(specFingerprintSteps(spec));
}

// Rows digested between two yields of the fingerprint steps.
const ROWS_PER_SLICE = 200;

/**
 * Digests rows from..to-1 of a spec block (a plain function, not the generator: it is the loop V8 optimises). A
 * column's cells mostly share one template, one formula text or one value down a block: the last of each seen in each
 * column is kept with its pieces, so the WeakMap, normalFormula and the text's hashing run only when it changes.
 */
function addSpecRows(d: CellDigest, b: SpecBlock, from: number, to: number, seen: ColumnCache): void {
  for (let i = from; i < to; i++) {
    const cells = b.cells[i];
    const row = b.row + i;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      if (c === undefined) continue;
      const formula = c.formula;
      const fill = c.fill;
      // A template without a row is left to the text (it may be "", which is no formula).
      if (formula === undefined && fill !== undefined && fill.parts.length > 1) {
        if (seen.templates[j] !== fill) {
          seen.templates[j] = fill;
          seen.parts[j] = templatePieces(fill);
        }
        d.addFilled(row, b.col + j, fill, seen.parts[j], c.fillRow ?? 0);
      } else if (formula) {
        // The same text as the column's last formula (a cell shared down a block): normalised once, at its second
        // row (a column of formulas each its own, as Xếp hạng's, is left to hashFormula's fast path).
        if (formula === seen.formulas[j]) d.addNormal(row, b.col + j, (seen.normal[j] ??= normalOf(formula)));
        else {
          seen.formulas[j] = formula;
          seen.normal[j] = undefined;
          d.addMasked(row, b.col + j, formula);
        }
      } else {
        // A template without a row: its text, which may be "" (no formula).
        const f = formula === undefined && fill !== undefined ? templateText(fill, c.fillRow ?? 0) : "";
        if (f) d.addMasked(row, b.col + j, f);
        else addValueCell(d, row, b.col + j, c.value, seen, j);
      }
    }
  }
}

/** Adds a value cell, its piece taken from the column's cache when the column's last value was the same. */
function addValueCell(
  d: CellDigest,
  row: number,
  col: number,
  value: unknown,
  seen: ColumnCache,
  j: number,
): void {
  if (value === null || value === undefined || value === "") return;
  // An empty cell is never kept: undefined in values is no value yet.
  if (value !== seen.values[j]) {
    if (4 * j + 4 > seen.valuePieces.length) {
      const grown = new Int32Array(Math.max(4 * j + 4, 2 * seen.valuePieces.length));
      grown.set(seen.valuePieces);
      seen.valuePieces = grown;
    }
    seen.values[j] = value;
    setValuePiece(seen.valuePieces, j, value);
  }
  d.addValue(row, col, value, seen.valuePieces, j);
}

/** The template, formula text and value last digested in each column of a block, with their pieces. */
interface ColumnCache {
  readonly templates: (FormulaTemplate | undefined)[];
  readonly parts: (Pieces | null)[];
  readonly formulas: (string | undefined)[];
  readonly normal: (NormalFormula | undefined)[];
  readonly values: unknown[];
  /** The pieces of those values, slot j for column j. */
  valuePieces: Pieces;
}

const columnCache = (): ColumnCache => ({
  templates: [],
  parts: [],
  formulas: [],
  normal: [],
  values: [],
  valuePieces: new Int32Array(64),
});

/** specFingerprint as steps, yielding every few hundred rows. */
export function* specFingerprintSteps(spec: SheetSpec): Generator<void, string, void> {
  const d = new CellDigest();
  for (const b of spec.blocks) {
    const seen = columnCache();
    for (let i = 0; i < b.cells.length; i += ROWS_PER_SLICE) {
      const to = Math.min(i + ROWS_PER_SLICE, b.cells.length);
      addSpecRows(d, b, i, to, seen);
      if (to < b.cells.length) yield;
    }
  }
  return d.toString();
}

// Rows of a spec block in one piece of the digest that threads share (pieceDigest).
const PIECE_ROWS = 2000;

/** The number of each block's first piece (each block's rows, PIECE_ROWS at a time), and how many pieces there are. */
function pieceStarts(spec: SheetSpec): { firsts: number[]; total: number } {
  const firsts: number[] = [];
  let total = 0;
  for (const b of spec.blocks) {
    firsts.push(total);
    total += Math.ceil(b.cells.length / PIECE_ROWS);
  }
  return { firsts, total };
}

/** How many pieces pieceDigest numbers a spec's rows in. */
export function pieceCount(spec: SheetSpec): number {
  return pieceStarts(spec).total;
}

/**
 * The digest of the pieces of a spec that claim hands out (the next piece's number each time, past the last when none
 * is left): two threads holding the same spec and claiming from one shared counter digest it together, and their
 * parts add up to specFingerprint's digest (specFingerprintOf).
 */
export function pieceDigest(spec: SheetSpec, claim: () => number): DigestPart {
  const d = new CellDigest();
  const { firsts, total } = pieceStarts(spec);
  const seen = new Map<number, ColumnCache>();
  for (let k = claim(); k < total; k = claim()) {
    let at = firsts.length - 1;
    while (firsts[at] > k) at--;
    const b = spec.blocks[at];
    let cached = seen.get(at);
    if (!cached) seen.set(at, (cached = columnCache()));
    const from = (k - firsts[at]) * PIECE_ROWS;
    addSpecRows(d, b, from, Math.min(from + PIECE_ROWS, b.cells.length), cached);
  }
  return d.part();
}

/** specFingerprint of a spec digested in parts (pieceDigest), however its pieces were shared out. */
export function specFingerprintOf(parts: readonly DigestPart[]): string {
  const d = new CellDigest();
  for (const p of parts) d.addPart(p);
  return d.toString();
}

/** The formats of the fingerprints recorded: "p" (since 2026-11-28), "m" and "" (the two before it, FNV-1a). */
export type FingerprintFormat = "p" | "m" | "";

/**
 * Fingerprint of a sheet as read back, comparable with specFingerprint; in an earlier format, as the releases that
 * recorded it digested it (their outputs carry it).
 */
export function gridFingerprint(grid: Grid, format: FingerprintFormat = POLY): string {
  return drain(gridFingerprintSteps(grid, format));
}

/** The formula of a grid's cell (null: none) and its value as digested (dates as ISO text). */
function gridCell(grid: Grid, i: number, j: number): { formula: string | null; value: unknown } {
  const f = grid.formulas?.[i]?.[j] ?? null;
  const v = grid.values[i][j];
  return { formula: f || null, value: f ? null : v instanceof Date ? v.toISOString() : v };
}

/** Digests rows from..to-1 of a grid. */
function addGridRows(d: CellDigest, grid: Grid, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const values = grid.values[i];
    for (let j = 0; j < values.length; j++) {
      if (values[j] === undefined && !(j in values)) continue; // a hole: forEach skipped it
      const { formula, value } = gridCell(grid, i, j);
      if (formula) d.addMasked(grid.originRow + i, grid.originCol + j, formula);
      else d.add(grid.originRow + i, grid.originCol + j, value);
    }
  }
}

/** gridFingerprint as steps, yielding every few hundred rows. */
export function* gridFingerprintSteps(
  grid: Grid,
  format: FingerprintFormat = POLY,
): Generator<void, string, void> {
  if (format !== POLY) return yield* fnvFingerprintSteps(grid, format === MASKED);
  const d = new CellDigest();
  for (let i = 0; i < grid.values.length; i += ROWS_PER_SLICE) {
    const to = Math.min(i + ROWS_PER_SLICE, grid.values.length);
    addGridRows(d, grid, i, to);
    if (to < grid.values.length) yield;
  }
  return d.toString();
}

/** What begins a fingerprint of the masked format (2026-11-27 to 2026-11-28); the strict one before it has none. */
const MASKED = "m";

/**
 * The fingerprints of the releases from 2026-11-26 to 2026-11-28: FNV-1a (two seeds) of each cell's entry() text,
 * summed; formulas whole (strict) or with their references to other sheets masked ("m"). Built from each cell's text:
 * only outputs of those releases are digested so, once.
 */
function* fnvFingerprintSteps(grid: Grid, masked: boolean): Generator<void, string, void> {
  let a = 0;
  let b = 0;
  let n = 0;
  for (let i = 0; i < grid.values.length; i++) {
    for (let j = 0; j < grid.values[i].length; j++) {
      if (grid.values[i][j] === undefined && !(j in grid.values[i])) continue;
      const { formula, value } = gridCell(grid, i, j);
      const text = entry(
        grid.originRow + i,
        grid.originCol + j,
        formula && masked ? maskCrossReferences(formula) : formula,
        value,
      );
      if (text === null) continue;
      let x = FNV_SEED1;
      let y = FNV_SEED2;
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        x = Math.imul(x ^ c, FNV_PRIME);
        y = Math.imul(y ^ c, FNV_PRIME);
      }
      a = (a + (x >>> 0)) >>> 0;
      b = (b + (y >>> 0)) >>> 0;
      n++;
    }
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) yield;
  }
  return digestText(masked ? MASKED : "", a, b, n);
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

/**
 * Whether a sheet as read back is the one its recorded fingerprint describes, each format digested its own way: an
 * output an earlier release wrote is compared as that release would, so an upgrade makes none look edited.
 */
export function fingerprintMatches(grid: Grid, recorded: string): boolean {
  return drain(fingerprintMatchesSteps(grid, recorded));
}

/** fingerprintMatches as steps, yielding every few hundred rows. */
export function* fingerprintMatchesSteps(grid: Grid, recorded: string): Generator<void, boolean, void> {
  if (isLegacyFingerprint(recorded)) return legacyGridFingerprint(grid) === recorded;
  const format = recorded.startsWith(POLY) ? POLY : recorded.startsWith(MASKED) ? MASKED : "";
  return (yield* gridFingerprintSteps(grid, format)) === recorded;
}
