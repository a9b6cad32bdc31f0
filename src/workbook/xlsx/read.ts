/**
 * Reading SpreadsheetML into the engine's grids with a hand-written scanner: shared and inline strings, rich text,
 * any namespace prefix, shared formulas, 1900 and 1904 dates, with the read limits checked as it goes. Empty cells
 * and rows that carry only a style cost nothing.
 */
import type { CellValue, Grid } from "../../engine/grid";
import { isPercentFormat } from "../../engine/grid";
import { a1 } from "../../engine/grid";
import { WorkbookProblem, type ReadLimits } from "./problems";
import { attrs, decodeText, elements } from "./xml";
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

/** The texts of the runs (<t>) of a string item, leaving out phonetic guides (<rPh>). */
function runText(xml: string, from: number, to: number): string {
  let out = "";
  let i = xml.indexOf("<", from);
  let inPhonetic = false;
  while (i >= 0 && i < to) {
    const end = xml.charCodeAt(i + 1) === 47;
    let j = i + (end ? 2 : 1);
    const nameStart = j;
    while (j < to && !" >/\t\r\n".includes(xml[j])) j++;
    const q = xml.slice(nameStart, j);
    const local = q.slice(q.indexOf(":") + 1);
    const gt = xml.indexOf(">", j);
    if (gt < 0) break;
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    if (local === "rPh" && !selfClosing) inPhonetic = !end;
    else if (local === "t" && !end && !selfClosing && !inPhonetic) {
      const close = xml.indexOf("<", gt + 1);
      out += decodeText(xml.slice(gt + 1, close < 0 ? to : close));
    }
    i = xml.indexOf("<", gt + 1);
  }
  return out;
}

/** The shared string table (xl/sharedStrings.xml). */
export function readSharedStrings(xml: string): string[] {
  // Lengths are checked where a cell uses a string (read with its sheet and cell); the part's size is bounded already.
  return elements(xml, ["si"]).map((si) => runText(xml, si.openEnd, si.end));
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** True when a number format code shows a date or time (d, m, y, h, s outside quotes, escapes and [colour]). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?:h+|m+|s+)\]/gi, "h")
    .replace(/\[[^\]]*\]/g, "");
  const first = bare.split(";")[0];
  return /[dmyhs]/i.test(first) && !/^[#0.,%\s]*$/.test(first);
}

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

/** An Excel serial date as a JavaScript date (UTC), in the 1900 or 1904 date system. */
export function serialToDate(serial: number, date1904: boolean): Date {
  // 25569 = days from 1899-12-30 to 1970-01-01; the 1904 system counts from 1904-01-01 (1462 days later).
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * 86400000));
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

/** A shared formula as it reads in a cell dr rows and dc columns from its master: relative references moved. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return formula.replace(
    REF,
    (
      m,
      sheet: string | undefined,
      ca: string,
      col: string,
      ra: string,
      row: string,
      str: string | undefined,
    ) => {
      if (str !== undefined) return m;
      const p = colOf(col + row);
      const c = ca ? p.col : p.col + dc;
      const r = ra ? p.row : p.row + dr;
      if (c < 1 || r < 1) return "#REF!";
      const letters = a1(1, c).replace(/\d+$/, "");
      return `${sheet ?? ""}${ca}${letters}${ra}${r}`;
    },
  );
}

/** Attribute value from a start tag's text; quick for the usual `name="…"`, full parse otherwise. */
function attr(tag: string, name: string): string | undefined {
  const k = tag.indexOf(` ${name}="`);
  if (k >= 0) return tag.slice(k + name.length + 3, tag.indexOf('"', k + name.length + 3));
  if (tag.includes("'") || /[\t\r\n]/.test(tag)) return attrs(tag).get(name);
  return undefined;
}

const FORMULA_PREFIX = /_xlfn\.|_xlws\./g;

/** One worksheet's XML as a grid with origin A1 (used area: the last row and column holding a value or formula). */
export function readSheet(xml: string, sheet: string, ctx: ReadContext): Grid {
  return drain(readSheetSteps(xml, sheet, ctx));
}

// Tags read between two yields of readSheetSteps: a few milliseconds of work.
const TAGS_PER_SLICE = 10000;

/** readSheet as steps: yields every few thousand tags, so a caller can give the thread back between them. */
export function* readSheetSteps(xml: string, sheet: string, ctx: ReadContext): Generator<void, Grid, void> {
  const { limits } = ctx;
  const rows: CellValue[][] = [];
  const frows: (string | null)[][] = [];
  // Only percent formats matter to the engine (a 1.2 that Excel shows as 120%).
  const prows: (string | null)[][] = [];
  let anyPercent = false;
  const merges: string[] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let maxRow = 0;
  let maxCol = 0;
  let anyFormula = false;
  let row = 0;
  let col = 0;
  // The cell being read.
  let inCell = false;
  let cType = "";
  let cStyle = -1;
  let v: string | null = null;
  let f: string | null = null;
  let inline: string | null = null;

  const finish = () => {
    inCell = false;
    if (v === null && f === null && inline === null) return;
    let value: CellValue = null;
    if (cType === "s") value = v === null ? null : (ctx.sharedStrings[Number(v)] ?? null);
    else if (cType === "inlineStr") value = inline ?? (v === null ? null : decodeText(v));
    else if (cType === "str") value = v === null ? null : decodeText(v);
    else if (cType === "b") value = v === null ? null : v === "1" || v === "true";
    else if (cType === "e") value = v === null ? null : { error: decodeText(v) };
    else if (cType === "d") value = v === null ? null : new Date(v);
    else if (v !== null && v.trim() !== "") {
      const n = Number(v);
      value = Number.isFinite(n) ? (ctx.dateStyles[cStyle] ? serialToDate(n, ctx.date1904) : n) : null;
    }
    if (typeof value === "string" && value.length > limits.maxTextLength)
      throw new WorkbookProblem("textTooLong", {
        sheet,
        cell: a1(row, col),
        length: value.length,
        limit: limits.maxTextLength,
      });
    if (value === null && f === null) return;
    if (++ctx.cells > limits.maxCells)
      throw new WorkbookProblem("tooManyCells", { sheet, limit: limits.maxCells });
    if (row > limits.maxRows) throw new WorkbookProblem("tooManyRows", { sheet, limit: limits.maxRows });
    let r = rows[row - 1];
    if (!r) {
      r = rows[row - 1] = [];
      frows[row - 1] = [];
    }
    r[col - 1] = value;
    if (f !== null) {
      frows[row - 1][col - 1] = `=${f.replace(FORMULA_PREFIX, "")}`;
      anyFormula = true;
    }
    const pct = typeof value === "number" && cStyle >= 0 ? (ctx.percentStyles[cStyle] ?? null) : null;
    if (pct !== null) {
      (prows[row - 1] ??= [])[col - 1] = pct;
      anyPercent = true;
    }
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
  };

  const n = xml.length;
  let i = xml.indexOf("<");
  let tags = 0;
  while (i >= 0) {
    if (++tags % TAGS_PER_SLICE === 0) yield;
    const c1 = xml.charCodeAt(i + 1);
    if (c1 === 63 || c1 === 33) {
      // Processing instruction, comment or CDATA (CDATA in cell text is not written by any known producer).
      const close = xml.startsWith("<!--", i) ? xml.indexOf("-->", i) : xml.indexOf(">", i);
      i = close < 0 ? -1 : xml.indexOf("<", close);
      continue;
    }
    const end = c1 === 47;
    let j = end ? i + 2 : i + 1;
    const nameStart = j;
    let colon = -1;
    for (; j < n; j++) {
      const d = xml.charCodeAt(j);
      if (d === 58) colon = j;
      else if (d === 32 || d === 62 || d === 47 || d === 9 || d === 10 || d === 13) break;
    }
    const local = xml.slice(colon < 0 ? nameStart : colon + 1, j);
    const gt = xml.indexOf(">", j);
    if (gt < 0) break;
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    switch (local) {
      case "row":
        if (!end) {
          const r = attr(xml.slice(j, gt), "r");
          row = r ? Number(r) : row + 1;
          col = 0;
        }
        break;
      case "c":
        if (end) {
          if (inCell) finish();
        } else {
          const tag = xml.slice(j, selfClosing ? gt - 1 : gt);
          const ref = attr(tag, "r");
          if (ref) {
            const p = colOf(ref);
            col = p.col;
            if (p.row) row = p.row;
          } else col++;
          if (!selfClosing) {
            inCell = true;
            cType = attr(tag, "t") ?? "";
            const s = attr(tag, "s");
            cStyle = s ? Number(s) : -1;
            v = f = inline = null;
          }
        }
        break;
      case "v":
        if (!end && inCell && !selfClosing) {
          const close = xml.indexOf("<", gt + 1);
          v = xml.slice(gt + 1, close);
        }
        break;
      case "f":
        if (!end && inCell) {
          const tag = xml.slice(j, selfClosing ? gt - 1 : gt);
          const text = selfClosing ? "" : decodeText(xml.slice(gt + 1, xml.indexOf("<", gt + 1)));
          const si = attr(tag, "t") === "shared" ? attr(tag, "si") : undefined;
          if (si !== undefined && text) shared.set(si, { formula: text, row, col });
          if (text) f = text;
          else if (si !== undefined) {
            const m = shared.get(si);
            if (m) f = shiftFormula(m.formula, row - m.row, col - m.col);
          }
        }
        break;
      case "is":
        if (!end && inCell && !selfClosing) {
          const close = xml.indexOf(`</${xml.slice(nameStart, j)}>`, gt);
          inline = runText(xml, gt + 1, close < 0 ? n : close);
          i = xml.indexOf("<", close < 0 ? gt : close + 1);
          continue;
        }
        break;
      case "mergeCell":
        if (!end) {
          const ref = attr(xml.slice(j, gt), "ref");
          if (ref) merges.push(ref);
        }
        break;
    }
    i = xml.indexOf("<", gt + 1);
  }

  const values: CellValue[][] = new Array(maxRow);
  const formulas: (string | null)[][] = anyFormula ? new Array(maxRow) : [];
  for (let r = 0; r < maxRow; r++) {
    const src = rows[r];
    const vr: CellValue[] = new Array(maxCol);
    for (let c = 0; c < maxCol; c++) vr[c] = src?.[c] ?? null;
    values[r] = vr;
    if (anyFormula) {
      const fs = frows[r];
      const fr: (string | null)[] = new Array(maxCol);
      for (let c = 0; c < maxCol; c++) fr[c] = fs?.[c] ?? null;
      formulas[r] = fr;
    }
  }
  const formats: (string | null)[][] = [];
  if (anyPercent)
    for (let r = 0; r < maxRow; r++)
      formats.push(Array.from({ length: maxCol }, (_, c) => prows[r]?.[c] ?? null));
  return {
    sheet,
    originRow: 1,
    originCol: 1,
    values,
    ...(anyFormula ? { formulas } : {}),
    ...(anyPercent ? { formats } : {}),
    merges,
  };
}
