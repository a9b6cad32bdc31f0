/**
 * Reading SpreadsheetML into the engine's grids with a hand-written scanner: shared and inline strings, rich text,
 * any namespace prefix, shared formulas, 1900 and 1904 dates, with the read limits checked as it goes. Empty cells
 * and rows that carry only a style cost nothing.
 */
import type { CellValue, Grid } from "../../engine/grid";
import { a1, isDateFormat, isPercentFormat, serialToDate } from "../../engine/grid";
import { WorkbookProblem, type ReadLimits } from "./problems";
import { attrs, decodeEntities, decodeText, elements } from "./xml";
import { drain } from "../slices";

/** What reading a sheet needs from the rest of the workbook, and the cell budget shared by all its sheets. */
export interface ReadContext {
  readonly sharedStrings: readonly string[];
  /** Per cell style index (cellXfs), whether its number format is a date. */
  readonly dateStyles: readonly boolean[];
  /** Per cell style index, its number format where it shows a percentage ("0%"), else null. */
  readonly percentStyles: readonly (string | null)[];
  readonly date1904: boolean;
  readonly limits: ReadLimits;
  cells: number;
}

/** Where the name of a tag that starts at `from` ends: at blank space, ">" or "/". */
function nameEnd(b: Uint8Array, from: number, to: number): number {
  let j = from;
  for (; j < to; j++) {
    const d = b[j];
    if (d === SPACE || d === GT || d === SLASH || d === TAB || d === LF || d === CR) break;
  }
  return j;
}

/** Where a tag name's local part begins: after its namespace prefix, if any. */
function localStart(b: Uint8Array, from: number, end: number): number {
  for (let k = end - 1; k >= from; k--) if (b[k] === COLON) return k + 1;
  return from;
}

/** The texts of the runs (<t>) of a string item, leaving out phonetic guides (<rPh>). */
function runText(b: Uint8Array, from: number, to: number): string {
  let out = "";
  let i = find(b, LT, from);
  let inPhonetic = false;
  while (i >= 0 && i < to) {
    const end = b[i + 1] === SLASH;
    const from = i + (end ? 2 : 1);
    const j = nameEnd(b, from, to);
    const local = localStart(b, from, j);
    const gt = find(b, GT, j);
    if (gt < 0) break;
    const selfClosing = b[gt - 1] === SLASH;
    if (j - local === 3 && b[local] === 114 && b[local + 1] === 80 && b[local + 2] === 104) {
      // rPh
      if (!selfClosing) inPhonetic = !end;
    } else if (j - local === 1 && b[local] === 116 && !end && !selfClosing && !inPhonetic) {
      // t
      const close = find(b, LT, gt + 1);
      out += decodeText(utf8(b, gt + 1, close < 0 ? to : close));
    }
    i = find(b, LT, gt + 1);
  }
  return out;
}

/** The shared string table (xl/sharedStrings.xml, as UTF-8 bytes). */
export function readSharedStrings(bytes: Uint8Array): string[] {
  const xml = plain(bytes);
  // Lengths are checked where a cell uses a string (read with its sheet and cell); the part's size is bounded already.
  const out: string[] = [];
  const n = xml.length;
  for (let i = find(xml, LT, 0); i >= 0;) {
    const c1 = xml[i + 1];
    const j = nameEnd(xml, i + 1, n);
    const local = localStart(xml, i + 1, j);
    const gt = find(xml, GT, j);
    if (gt < 0) break;
    if (
      c1 !== SLASH &&
      c1 !== 33 &&
      c1 !== 63 &&
      j - local === 2 &&
      xml[local] === 115 &&
      xml[local + 1] === 105
    ) {
      // si
      if (xml[gt - 1] === SLASH) out.push("");
      else {
        const close = endTag(xml, gt + 1, i + 1, j);
        out.push(runText(xml, gt + 1, close < 0 ? n : close));
        i = close < 0 ? -1 : find(xml, LT, close + 1);
        continue;
      }
    }
    i = find(xml, LT, gt + 1);
  }
  return out;
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

const BUILTIN_PERCENTS = new Map([
  [9, "0%"],
  [10, "0.00%"],
]);

/** The number format of each cell format (cellXfs) of styles.xml: its custom code, or the built-in id. */
function cellFormats(xml: string | null): (string | number)[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const e of elements(xml, ["numFmt"])) {
    const a = attrs(e.attrText);
    custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
  }
  const xfs = elements(xml, ["cellXfs"])[0];
  if (!xfs) return [];
  return elements(xml, ["xf"], xfs.openEnd, xfs.end).map((e) => {
    const id = Number(attrs(e.attrText).get("numFmtId") ?? 0);
    return custom.get(id) ?? id;
  });
}

/** For each cell format (cellXfs) of styles.xml, whether it shows dates. */
export function readDateStyles(xml: string | null): boolean[] {
  return cellFormats(xml).map((f) => (typeof f === "string" ? isDateFormat(f) : BUILTIN_DATES.has(f)));
}

/** For each cell format (cellXfs) of styles.xml, its code where it shows a percentage, else null. */
export function readPercentStyles(xml: string | null): (string | null)[] {
  return cellFormats(xml).map((f) =>
    typeof f === "string" ? (isPercentFormat(f) ? f : null) : (BUILTIN_PERCENTS.get(f) ?? null),
  );
}

function colOf(ref: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
  }
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
  }
  return { row, col };
}

const REF =
  /(?<![\w.$'!])('(?:[^']|'')*'!|[A-Za-z_][\w.]*!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])|("(?:[^"]|"")*")/g;

/** A formula cut at its cell references (outside string literals), so a shared formula is moved cell after cell. */
type ShiftPiece = string | { sheet: string; ca: string; col: number; ra: string; row: number };

/** A shared formula's master, cut once at its references. */
export function shiftPieces(formula: string): ShiftPiece[] {
  const pieces: ShiftPiece[] = [];
  let last = 0;
  for (const m of formula.matchAll(REF)) {
    // A string literal stays in the text around it.
    if (m[6] !== undefined) continue;
    const at = m.index ?? 0;
    if (at > last) pieces.push(formula.slice(last, at));
    const p = colOf(m[3] + m[5]);
    pieces.push({ sheet: m[1] ?? "", ca: m[2], col: p.col, ra: m[4], row: p.row });
    last = at + m[0].length;
  }
  if (last < formula.length) pieces.push(formula.slice(last));
  return pieces;
}

// Column letters by number, as they are asked for.
const letters: string[] = [];
const columnLetters = (c: number): string => (letters[c] ??= a1(1, c).replace(/\d+$/, ""));

/** The pieces of a master put together dr rows and dc columns away: relative references moved. */
export function shiftedFormula(pieces: readonly ShiftPiece[], dr: number, dc: number): string {
  let out = "";
  for (const p of pieces) {
    if (typeof p === "string") {
      out += p;
      continue;
    }
    const c = p.ca ? p.col : p.col + dc;
    const r = p.ra ? p.row : p.row + dr;
    out += c < 1 || r < 1 ? "#REF!" : `${p.sheet}${p.ca}${columnLetters(c)}${p.ra}${r}`;
  }
  return out;
}

/** A shared formula as it reads in a cell dr rows and dc columns from its master: relative references moved. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  return dr === 0 && dc === 0 ? formula : shiftedFormula(shiftPieces(formula), dr, dc);
}

const FORMULA_PREFIX = /_xlfn\.|_xlws\./g;

// Bytes the scanner looks for; the markup of XML is ASCII, so it is found in UTF-8 bytes without decoding them.
const LT = 60;
const GT = 62;
const SLASH = 47;
const COLON = 58;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;

const utf8Decoder = new TextDecoder("utf-8");

/** The bytes as a plain Uint8Array, whatever the subclass (a Node Buffer from zlib): one shape for the scanner. */
function plain(b: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(b) === Uint8Array.prototype
    ? b
    : new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Where the next byte `c` at or after `from` is, or -1: a loop the compiler inlines (indexOf is a call into C++). */
function find(b: Uint8Array, c: number, from: number): number {
  for (let k = from; k < b.length; k++) if (b[k] === c) return k;
  return -1;
}

/** Text of bytes [from, to) of UTF-8: short ASCII runs (codes, labels) built directly, the rest by the decoder. */
function utf8(b: Uint8Array, from: number, to: number): string {
  if (to - from <= 24) {
    let s = "";
    for (let k = from; k < to; k++) {
      const c = b[k];
      if (c >= 128) return utf8Decoder.decode(b.subarray(from, to));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Decoder.decode(b.subarray(from, to));
}

/**
 * Short fractions met before (up to 4 digits over 10, 100 or 1000), by digits and scale: a number that is not an
 * integer is a heap object, and a cell that reuses one allocates nothing (half the garbage of a figures sheet).
 */
let fractions: (number | null)[] | null = null;

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number written in bytes [from, to): a plain decimal of up to 15 digits is read from the bytes (exactly as
 * Number reads it: integer over a power of ten, both exact, one correctly rounded division); anything else
 * (exponents, more digits, blanks, junk) goes through Number, blank as NaN.
 */
function numberAt(b: Uint8Array, from: number, to: number): number {
  let k = from;
  const negative = b[k] === 45;
  if (negative) k++;
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; k < to; k++) {
    const c = b[k];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && fraction < 0) fraction = digits;
    else break;
  }
  if (k === to && digits > 0 && digits <= 15) {
    const scale = fraction < 0 ? 0 : digits - fraction;
    if (scale > 0 && scale < 4 && m < 16384 && !negative) {
      const boxed = (fractions ??= new Array<number | null>(1 << 16).fill(null));
      const key = (m << 2) | scale;
      return (boxed[key] ??= m / POW10[scale]);
    }
    const x = scale ? m / POW10[scale] : m;
    return negative ? -x : x;
  }
  const text = utf8(b, from, to);
  return text.trim() === "" ? NaN : Number(text);
}

/** True when bytes [from, to) are these ASCII characters. */
function bytesAre(b: Uint8Array, from: number, to: number, ascii: string): boolean {
  if (to - from !== ascii.length) return false;
  for (let k = 0; k < ascii.length; k++) if (b[from + k] !== ascii.charCodeAt(k)) return false;
  return true;
}

/** Where the end tag `</name>` starts, the name being bytes [nameFrom, nameTo); -1 when there is none. */
function endTag(b: Uint8Array, from: number, nameFrom: number, nameTo: number): number {
  const len = nameTo - nameFrom;
  for (let i = find(b, LT, from); i >= 0; i = find(b, LT, i + 1)) {
    if (b[i + 1] !== SLASH || b[i + 2 + len] !== GT) continue;
    let k = 0;
    while (k < len && b[i + 2 + k] === b[nameFrom + k]) k++;
    if (k === len) return i;
  }
  return -1;
}

/** Cell types (the c element's t attribute) by what reading their value takes. */
const enum CellType {
  Number,
  Shared,
  Inline,
  Str,
  Bool,
  Error,
  Date,
}

function cellType(b: Uint8Array, from: number, to: number): CellType {
  switch (to - from) {
    case 1:
      return b[from] === 115
        ? CellType.Shared
        : b[from] === 98
          ? CellType.Bool
          : b[from] === 101
            ? CellType.Error
            : b[from] === 100
              ? CellType.Date
              : CellType.Number;
    case 3:
      return bytesAre(b, from, to, "str") ? CellType.Str : CellType.Number;
    case 9:
      return bytesAre(b, from, to, "inlineStr") ? CellType.Inline : CellType.Number;
    default:
      return CellType.Number;
  }
}

/** One worksheet's XML (UTF-8 bytes) as a grid with origin A1 (used area: the last row and column holding a value or formula). */
export function readSheet(xml: Uint8Array, sheet: string, ctx: ReadContext): Grid {
  return drain(readSheetSteps(xml, sheet, ctx));
}

// Tags read between two yields of readSheetSteps: a few milliseconds of work.
const TAGS_PER_SLICE = 10000;

/** readSheet as steps: yields every few thousand tags, so a caller can give the thread back between them. */
export function* readSheetSteps(
  xml: Uint8Array,
  sheet: string,
  ctx: ReadContext,
): Generator<void, Grid, void> {
  const scanner = new SheetScanner(xml, sheet, ctx);
  while (!scanner.scan(TAGS_PER_SLICE)) yield;
  return scanner.grid();
}

/**
 * The scanner behind readSheetSteps, over the part's UTF-8 bytes. Values are read where they lie in the bytes
 * (attributes by position, numbers digit by digit); only text cells and formulas become strings.
 */
class SheetScanner {
  private readonly rows: (CellValue[] | undefined)[] = [];
  private readonly frows: ((string | null)[] | undefined)[] = [];
  // Only percent formats matter to the engine (a 1.2 that Excel shows as 120%).
  private readonly prows: ((string | null)[] | undefined)[] = [];
  private readonly merges: string[] = [];
  private readonly shared = new Map<
    string,
    { formula: string; row: number; col: number; pieces: ShiftPiece[] | null }
  >();
  private anyPercent = false;
  private anyFormula = false;
  private maxRow = 0;
  private maxCol = 0;
  // Where the last row and the last column were first reached, to name them when the sheet is too wide.
  private lowCol = 0;
  private rightRow = 0;
  private row = 0;
  private col = 0;
  private at: number;
  // The cell being read: its type and style, where its value's text lies, its formula and inline string.
  private inCell = false;
  private cType = CellType.Number;
  private cStyle = -1;
  private vFrom = -1;
  private vTo = -1;
  private f: string | null = null;
  private inline: string | null = null;

  private readonly b: Uint8Array;

  constructor(
    bytes: Uint8Array,
    private readonly sheet: string,
    private readonly ctx: ReadContext,
  ) {
    this.b = plain(bytes);
    this.at = find(this.b, LT, 0);
  }

  /** Reads up to `budget` tags; true when the part is read to its end. */
  scan(budget: number): boolean {
    const b = this.b;
    const n = b.length;
    let i = this.at;
    for (let tags = 0; i >= 0 && tags < budget; tags++) {
      const c1 = b[i + 1];
      if (c1 === 63 || c1 === 33) {
        // Processing instruction, comment or CDATA (CDATA in cell text is not written by any known producer).
        const close = c1 === 33 && b[i + 2] === 45 && b[i + 3] === 45 ? commentEnd(b, i) : find(b, GT, i);
        i = close < 0 ? -1 : find(b, LT, close);
        continue;
      }
      const end = c1 === SLASH;
      const nameFrom = end ? i + 2 : i + 1;
      const j = nameEnd(b, nameFrom, n);
      const local = localStart(b, nameFrom, j);
      const gt = find(b, GT, j);
      if (gt < 0) {
        i = -1;
        break;
      }
      const selfClosing = b[gt - 1] === SLASH;
      const len = j - local;
      const k0 = b[local];
      if (len === 1 && k0 === 99) {
        // c
        if (end) {
          if (this.inCell) this.finish();
        } else this.openCell(j, selfClosing ? gt - 1 : gt, selfClosing);
      } else if (len === 1 && k0 === 118) {
        // v
        if (!end && this.inCell && !selfClosing) {
          const close = find(b, LT, gt + 1);
          this.vFrom = gt + 1;
          this.vTo = close < 0 ? n : close;
        }
      } else if (len === 3 && k0 === 114 && b[local + 1] === 111 && b[local + 2] === 119) {
        // row
        if (!end) this.openRow(j, gt);
      } else if (len === 1 && k0 === 102) {
        // f
        if (!end && this.inCell) this.formula(j, gt, selfClosing);
      } else if (len === 2 && k0 === 105 && b[local + 1] === 115) {
        // is
        if (!end && this.inCell && !selfClosing) {
          const close = endTag(b, gt, nameFrom, j);
          this.inline = runText(b, gt + 1, close < 0 ? n : close);
          i = find(b, LT, close < 0 ? gt : close + 1);
          continue;
        }
      } else if (len === 9 && !end && bytesAre(b, local, j, "mergeCell")) {
        const ref = this.attribute(j, gt, "ref");
        if (ref) this.merges.push(ref);
      }
      i = find(b, LT, gt + 1);
    }
    this.at = i;
    return i < 0;
  }

  // The attribute nextAttribute found: where its name and its value lie.
  private nameFrom = 0;
  private nameTo = 0;
  private valueFrom = 0;
  private valueTo = 0;

  /**
   * Finds the next attribute of a start tag at or after `k` (before `to`, the tag's ">"), values in single or double
   * quotes, blank space of any kind between; sets where its name and value lie and returns where to go on, or -1.
   */
  private nextAttribute(k: number, to: number): number {
    const b = this.b;
    while (k < to && (b[k] === SPACE || b[k] === TAB || b[k] === LF || b[k] === CR || b[k] === SLASH)) k++;
    if (k >= to) return -1;
    this.nameFrom = k;
    while (k < to && b[k] !== EQUALS && b[k] !== SPACE && b[k] !== TAB && b[k] !== LF && b[k] !== CR) k++;
    this.nameTo = k;
    while (k < to && b[k] !== QUOTE && b[k] !== APOSTROPHE) k++;
    if (k >= to) return -1;
    const q = b[k];
    let vt = k + 1;
    while (vt < to && b[vt] !== q) vt++;
    this.valueFrom = k + 1;
    this.valueTo = vt;
    return vt + 1;
  }

  /** An attribute's value as text (entities decoded), or undefined. */
  private attribute(from: number, to: number, name: string): string | undefined {
    for (let k = this.nextAttribute(from, to); k >= 0; k = this.nextAttribute(k, to))
      if (bytesAre(this.b, this.nameFrom, this.nameTo, name))
        return decodeEntities(utf8(this.b, this.valueFrom, this.valueTo));
    return undefined;
  }

  private openRow(from: number, to: number): void {
    let r = NaN;
    for (let k = this.nextAttribute(from, to); k >= 0; k = this.nextAttribute(k, to))
      if (bytesAre(this.b, this.nameFrom, this.nameTo, "r")) {
        r = this.valueTo > this.valueFrom ? numberAt(this.b, this.valueFrom, this.valueTo) : NaN;
        break;
      }
    this.row = Number.isNaN(r) ? this.row + 1 : r;
    this.col = 0;
  }

  private openCell(from: number, to: number, selfClosing: boolean): void {
    const b = this.b;
    let rf = -1;
    let rt = -1;
    let tf = -1;
    let tt = -1;
    let sf = -1;
    let st = -1;
    // Attributes read by position: r, t and s, the only ones the engine needs.
    for (let k = this.nextAttribute(from, to); k >= 0; k = this.nextAttribute(k, to)) {
      const one = this.nameTo - this.nameFrom === 1 ? b[this.nameFrom] : 0;
      if (one === 114 && rf < 0) {
        rf = this.valueFrom;
        rt = this.valueTo;
      } else if (one === 116 && tf < 0) {
        tf = this.valueFrom;
        tt = this.valueTo;
      } else if (one === 115 && sf < 0) {
        sf = this.valueFrom;
        st = this.valueTo;
      }
    }
    if (rt > rf) {
      // The reference's letters and digits ("C3", "$C$3"); a missing row keeps the row's.
      let col = 0;
      let i = rf;
      for (; i < rt; i++) {
        const c = b[i];
        if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
        else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
        else if (c !== 36) break;
      }
      let row = 0;
      for (; i < rt; i++) {
        const c = b[i];
        if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
      }
      this.col = col;
      if (row) this.row = row;
    } else this.col++;
    if (selfClosing) return;
    this.inCell = true;
    this.cType = tf < 0 ? CellType.Number : cellType(b, tf, tt);
    this.cStyle = st > sf ? numberAt(b, sf, st) : -1;
    this.vFrom = this.vTo = -1;
    this.f = this.inline = null;
  }

  private formula(from: number, gt: number, selfClosing: boolean): void {
    const b = this.b;
    let shared = false;
    let si: string | undefined;
    const to = selfClosing ? gt - 1 : gt;
    for (let k = this.nextAttribute(from, to); k >= 0; k = this.nextAttribute(k, to)) {
      if (bytesAre(b, this.nameFrom, this.nameTo, "t"))
        shared = bytesAre(b, this.valueFrom, this.valueTo, "shared");
      else if (bytesAre(b, this.nameFrom, this.nameTo, "si")) si = utf8(b, this.valueFrom, this.valueTo);
    }
    if (!shared) si = undefined;
    let text = "";
    if (!selfClosing) {
      const close = find(b, LT, gt + 1);
      text = decodeText(utf8(b, gt + 1, close < 0 ? b.length : close));
    }
    const { row, col } = this;
    if (si !== undefined && text) this.shared.set(si, { formula: text, row, col, pieces: null });
    if (text) this.f = text;
    else if (si !== undefined) {
      const m = this.shared.get(si);
      if (m) {
        const dr = row - m.row;
        const dc = col - m.col;
        // The master is cut at its references once, for every cell of its group.
        this.f =
          dr === 0 && dc === 0 ? m.formula : shiftedFormula((m.pieces ??= shiftPieces(m.formula)), dr, dc);
      }
    }
  }

  private text(): string | null {
    return this.vFrom < 0 ? null : decodeText(utf8(this.b, this.vFrom, this.vTo));
  }

  /** The cell just closed, into its row. */
  private finish(): void {
    this.inCell = false;
    const { b, vFrom, vTo, f, ctx, row, col } = this;
    const hasV = vFrom >= 0;
    if (!hasV && f === null && this.inline === null) return;
    let value: CellValue = null;
    switch (this.cType) {
      case CellType.Number:
        if (hasV) {
          const x = numberAt(b, vFrom, vTo);
          // A cell without a style (-1) is never looked up: a negative index takes the array's slow path.
          if (Number.isFinite(x))
            value = this.cStyle >= 0 && ctx.dateStyles[this.cStyle] ? serialToDate(x, ctx.date1904) : x;
        }
        break;
      case CellType.Shared:
        value = hasV ? (ctx.sharedStrings[numberAt(b, vFrom, vTo)] ?? null) : null;
        break;
      case CellType.Inline:
        value = this.inline ?? this.text();
        break;
      case CellType.Str:
        value = this.text();
        break;
      case CellType.Bool:
        value = hasV ? bytesAre(b, vFrom, vTo, "1") || bytesAre(b, vFrom, vTo, "true") : null;
        break;
      case CellType.Error: {
        const t = this.text();
        value = t === null ? null : { error: t };
        break;
      }
      case CellType.Date:
        value = hasV ? new Date(utf8(b, vFrom, vTo)) : null;
        break;
    }
    const { limits } = ctx;
    if (typeof value === "string" && value.length > limits.maxTextLength)
      throw new WorkbookProblem("textTooLong", {
        sheet: this.sheet,
        cell: a1(row, col),
        length: value.length,
        limit: limits.maxTextLength,
      });
    if (value === null && f === null) return;
    if (++ctx.cells > limits.maxCells)
      throw new WorkbookProblem("tooManyCells", { sheet: this.sheet, limit: limits.maxCells });
    if (row > limits.maxRows)
      throw new WorkbookProblem("tooManyRows", { sheet: this.sheet, limit: limits.maxRows });
    if (
      (row > this.maxRow || col > this.maxCol) &&
      Math.max(row, this.maxRow) * Math.max(col, this.maxCol) > limits.maxArea
    )
      throw new WorkbookProblem("tooWide", {
        sheet: this.sheet,
        right: col > this.maxCol ? a1(row, col) : a1(this.rightRow, this.maxCol),
        down: row > this.maxRow ? a1(row, col) : a1(this.maxRow, this.lowCol),
        limit: limits.maxArea,
      });
    put(this.rows, row, col, value, this.maxCol);
    if (f !== null) {
      put(this.frows, row, col, `=${f.replace(FORMULA_PREFIX, "")}`, this.maxCol);
      this.anyFormula = true;
    }
    const pct =
      typeof value === "number" && this.cStyle >= 0 ? (ctx.percentStyles[this.cStyle] ?? null) : null;
    if (pct !== null) {
      put(this.prows, row, col, pct, this.maxCol);
      this.anyPercent = true;
    }
    if (row > this.maxRow) {
      this.maxRow = row;
      this.lowCol = col;
    }
    if (col > this.maxCol) {
      this.maxCol = col;
      this.rightRow = row;
    }
  }

  /** The grid read: every row as long as the widest, null where no cell is. */
  grid(): Grid {
    const { maxRow, maxCol } = this;
    const rect = <T>(rows: (T[] | undefined)[]): T[][] => {
      const out = rows as T[][];
      while (out.length < maxRow) out.push(undefined as unknown as T[]);
      out.length = maxRow;
      for (let r = 0; r < maxRow; r++) {
        const row = out[r] ?? (out[r] = []);
        while (row.length < maxCol) row.push(null as T);
      }
      return out;
    };
    return {
      sheet: this.sheet,
      originRow: 1,
      originCol: 1,
      values: rect(this.rows),
      ...(this.anyFormula ? { formulas: rect(this.frows) } : {}),
      ...(this.anyPercent ? { formats: rect(this.prows) } : {}),
      merges: this.merges,
    };
  }
}

/** Where a comment starting at `from` ends ("-->"), or -1. */
function commentEnd(b: Uint8Array, from: number): number {
  for (let k = find(b, GT, from + 4); k >= 0; k = find(b, GT, k + 1))
    if (b[k - 1] === 45 && b[k - 2] === 45) return k - 2;
  return -1;
}

/**
 * Sets a cell in rows of cells (1-based row and column), filling the gaps before it with null so that each row
 * stays a packed array (cells come in order in every file seen; out of order ones are set in place).
 */
function put<T>(rows: ((T | null)[] | undefined)[], row: number, col: number, value: T, width: number): void {
  while (rows.length < row) rows.push(undefined);
  let r = rows[row - 1];
  // As wide as the widest row so far: rows of a table are alike, and this saves growing each one cell by cell.
  if (!r) r = rows[row - 1] = new Array<T | null>(width).fill(null);
  if (col <= r.length) {
    r[col - 1] = value;
    return;
  }
  while (r.length < col - 1) r.push(null);
  if (r.length === col - 1) r.push(value);
  else r[col - 1] = value;
}
