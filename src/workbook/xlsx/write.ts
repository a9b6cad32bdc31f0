/**
 * Writing a declarative SheetSpec as SpreadsheetML: the worksheet part (cells with their cached results, styles,
 * merges, widths, frozen panes, conditional formats, print setup, tab colour) and its table parts.
 */
import type {
  ConditionalFormatSpec,
  FormulaTemplate,
  SheetSpec,
  SpecCell,
  SpecValue,
  TableSpec,
} from "../../engine/sheetSpec";
import { formulaOf, isFormulaCell } from "../../engine/sheetSpec";
import { a1, columnLetter, parseA1 } from "../../engine/grid";
import type { StyleBook } from "./styles";
import { esc, escText } from "./xml";
import { drain } from "../slices";
import { concat } from "./zipPackage";
import { PLAIN, SharedGroups, type FormulaTag } from "./sharedFormulas";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * Functions newer than Excel 2007 are stored in the file with the "_xlfn." prefix (ECMA-376 / MS-XLSX); without
 * it Excel shows #NAME? and LibreOffice an error. The engine's formulas are written as typed, so the prefix is
 * added here and taken off again when reading (read.ts).
 */
const FUTURE_FUNCTIONS = /\b(NORM\.S\.DIST)\(/g;

/** A formula as it is stored in an .xlsx file (without the leading "="). */
export function fileFormula(formula: string): string {
  const f = formula.charCodeAt(0) === 61 ? formula.slice(1) : formula;
  return f.includes("NORM.S.DIST(") ? f.replace(FUTURE_FUNCTIONS, "_xlfn.$1(") : f;
}

/** A number as SpreadsheetML stores it; NaN and infinities have no such form. */
const numText = (n: number) => (Number.isFinite(n) ? String(n) : null);

/** The s attribute of each cell format, made once. */
const STYLE_ATTR: string[] = [];

/**
 * One cell's XML. Every formula carries its cached result, 0, FALSE and "" included; text is never a formula. A
 * formula is written in full, or as a member of a shared group (tag).
 */
export function cellXml(ref: string, c: SpecCell, style: number, tag: FormulaTag = PLAIN): string {
  const s = style ? (STYLE_ATTR[style] ??= ` s="${style}"`) : "";
  const v: SpecValue | undefined = c.value;
  if (isFormulaCell(c)) {
    // A group member's text is its master's: it is never built.
    const f = tag.member ?? `${tag.open}${esc(fileFormula(formulaOf(c) as string))}</f>`;
    if (typeof v === "number") {
      const t = numText(v);
      return t === null
        ? `<c r="${ref}"${s} t="e">${f}<v>#NUM!</v></c>`
        : `<c r="${ref}"${s}>${f}<v>${t}</v></c>`;
    }
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    // A formula whose result is text, or blank ("" as Excel caches a formula that returns "").
    return `<c r="${ref}"${s} t="str">${f}<v>${escText(typeof v === "string" ? v : "")}</v></c>`;
  }
  if (typeof v === "number") {
    const t = numText(v);
    return t === null ? `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>` : `<c r="${ref}"${s}><v>${t}</v></c>`;
  }
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "string") {
    const space = v !== v.trim() || v.includes("\n") ? ` xml:space="preserve"` : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escText(v)}</t></is></c>`;
  }
  return s ? `<c r="${ref}"${s}/>` : "";
}

function conditionalXml(cf: ConditionalFormatSpec, priority: number, styles: StyleBook): string {
  const sqref = cf.range.replace(/\$/g, "");
  const rule = (() => {
    switch (cf.type) {
      case "cellIs":
        return (
          `<cfRule type="cellIs" dxfId="${styles.dxf(cf.fill, cf.fontColor)}" priority="${priority}" operator="${cf.operator}">` +
          cf.operands.map((o) => `<formula>${esc(o)}</formula>`).join("") +
          `</cfRule>`
        );
      case "textEquals": {
        const first = sqref.split(":")[0];
        const text = cf.text.replace(/"/g, '""');
        return `<cfRule type="expression" dxfId="${styles.dxf(cf.fill, cf.fontColor)}" priority="${priority}"><formula>${esc(`${first}="${text}"`)}</formula></cfRule>`;
      }
      case "dataBar":
        return `<cfRule type="dataBar" priority="${priority}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF${cf.color.toUpperCase()}"/></dataBar></cfRule>`;
      case "colorScale": {
        const cfvo =
          cf.colors.length === 3
            ? `<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>`
            : `<cfvo type="min"/><cfvo type="max"/>`;
        const colors = cf.colors.map((c) => `<color rgb="FF${c.toUpperCase()}"/>`).join("");
        return `<cfRule type="colorScale" priority="${priority}"><colorScale>${cfvo}${colors}</colorScale></cfRule>`;
      }
    }
  })();
  return `<conditionalFormatting sqref="${sqref}">${rule}</conditionalFormatting>`;
}

/** The text a table header cell shows (table column names must equal their header cells). */
function headerText(c: SpecCell | undefined, j: number): string {
  const v = c?.value;
  return v === null || v === undefined || v === "" ? `#${j + 1}` : String(v);
}

/** The spec's cells by 1-based row and column. */
function cellAtSpec(spec: SheetSpec, row: number, col: number): SpecCell | undefined {
  for (const b of spec.blocks) {
    const r = b.cells[row - b.row];
    if (r && col >= b.col && col - b.col < r.length) return r[col - b.col];
  }
  return undefined;
}

/** A table's column names: its header cells' text, made unique as Excel requires. */
export function tableColumns(spec: SheetSpec, t: TableSpec): string[] | null {
  const [from, to] = t.range.split(":").map((x) => parseA1(x));
  if (!from || !to || to.row <= from.row) return null;
  const seen = new Set<string>();
  return Array.from({ length: to.col - from.col + 1 }, (_, j) => {
    const base = headerText(cellAtSpec(spec, from.row, from.col + j), j);
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The table part of one table spec. */
export function tableXml(t: TableSpec, id: number, name: string, columns: readonly string[]): string {
  const ref = t.range.replace(/\$/g, "");
  const cols = columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c)}"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${esc(name)}" displayName="${esc(name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${esc(t.style ?? "TableStyleLight9")}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** Relationship ids the worksheet refers to: its drawing (charts) and its tables. */
export interface SheetLinks {
  readonly drawing?: string;
  readonly tables: readonly string[];
  /** The sheet is the one the workbook opens on (its tab selected). */
  readonly selected?: boolean;
  /** Drop-downs: the cells (A1 range) and the range their values come from. */
  readonly lists?: readonly { readonly range: string; readonly source: string }[];
}

const encoder = new TextEncoder();

// Bytes in one buffer of a sheet's XML (each is deflated as one piece, on its own pool thread in the CLI).
const CHUNK = 1 << 22;
// Cell texts at most this long are kept as UTF-8 once met, per sheet: names repeat on every row of Kết quả.
const CACHED_TEXT = 256;
const CACHED_TEXTS = 1 << 14;

/** s[0…] written at b[p…] (ASCII only); returns the position after it. */
function put(b: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
  return p;
}

/** u written at b[p…]; returns the position after it. */
function putBytes(b: Uint8Array, p: number, u: Uint8Array): number {
  if (u.length > 32) {
    b.set(u, p);
    return p + u.length;
  }
  for (let i = 0; i < u.length; i++) b[p++] = u[i];
  return p;
}

// Room a number takes at most as String writes it ("-1.2345678901234567e-100").
const NUMBER_ROOM = 32;

/** A whole number of 32 bits written as String writes it, digit by digit; returns the position after it. */
function putInteger(b: Uint8Array, p: number, v: number): number {
  let n = v;
  if (n < 0) {
    b[p++] = 45;
    n = -n;
  }
  let end = p + 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) end++;
  const after = end;
  do {
    b[--end] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (end > p);
  return after;
}

/**
 * SpreadsheetML written straight as UTF-8 bytes into buffers of a few MB: an output sheet of a large plan is more
 * XML than one JavaScript string can hold, and few large allocations keep the garbage collector idle. Markup, cell
 * references and numbers are ASCII and are stored byte by byte, without building a string per cell; cell text
 * outside ASCII (unit and indicator names, repeated on every Kết quả row) is escaped and encoded once per sheet.
 * (Strings joined per cell and encoded by TextEncoder cost about 0.5 s of a 1,000-unit run, much of it UTF-16 to
 * UTF-8: one Vietnamese name makes a whole piece a two-byte string.)
 */
export class ByteWriter {
  private readonly done: Uint8Array[] = [];
  /** The current buffer and the position in it (writeCell writes there directly, after room). */
  buf: Uint8Array;
  pos = 0;
  private readonly texts = new Map<string, Uint8Array>();
  private readonly numbers = new Map<number, Uint8Array>();

  /** `chunk`: the size of each buffer (small ones in tests, to cross their ends often). */
  constructor(private readonly chunk = CHUNK) {
    this.buf = new Uint8Array(chunk);
  }

  /** Room for n more bytes in the current buffer. */
  room(n: number): void {
    if (this.pos + n > this.buf.length) {
      if (this.pos) this.done.push(this.buf.subarray(0, this.pos));
      this.buf = new Uint8Array(Math.max(n, this.chunk));
      this.pos = 0;
    }
  }

  /** Text of ASCII characters only (markup). */
  ascii(s: string): void {
    this.room(s.length);
    this.pos = put(this.buf, this.pos, s);
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Cell text as escText writes it, in UTF-8: ASCII byte by byte, else escaped and encoded (once, if short). */
  cellText(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Past ASCII, a control character, & < > " or _ (which may start an _xHHHH_ escape): escText's way.
      if (c >= 127 || c < 32 || c === 38 || c === 60 || c === 62 || c === 34 || c === 95)
        return this.escaped(s);
      b[p++] = c;
    }
    this.pos = p;
  }

  private escaped(s: string): void {
    let u = this.texts.get(s);
    if (u === undefined) {
      const e = escText(s);
      if (s.length > CACHED_TEXT || this.texts.size >= CACHED_TEXTS) return this.text(e);
      this.texts.set(s, (u = encoder.encode(e)));
    }
    this.room(u.length);
    this.pos = putBytes(this.buf, this.pos, u);
  }

  /**
   * A finite number as String writes it, at b[p…] (room for NUMBER_ROOM bytes made); returns the position after it.
   * Fractions are formatted once per sheet: String of a double is most of a cell's cost, and a 1,000-unit Kết quả
   * has 290,000 values but fewer than 500 different ones.
   */
  putNumber(b: Uint8Array, p: number, v: number): number {
    if ((v | 0) === v) return putInteger(b, p, v);
    let u = this.numbers.get(v);
    if (u === undefined) {
      u = encoder.encode(String(v));
      if (this.numbers.size < CACHED_TEXTS) this.numbers.set(v, u);
    }
    return putBytes(b, p, u);
  }

  /** The bytes written, in order, in pieces. */
  pieces(): Uint8Array[] {
    return [...this.done, this.buf.subarray(0, this.pos)];
  }
}

/** A template's parts escaped and encoded for the f element, the leading "=" dropped; null where fileFormula rewrites. */
const TEMPLATE_BYTES = new WeakMap<FormulaTemplate, Uint8Array[] | null>();

function templateBytes(t: FormulaTemplate): Uint8Array[] | null {
  let known = TEMPLATE_BYTES.get(t);
  if (known === undefined) {
    // A function fileFormula prefixes is left to it (the row's digits could touch the name).
    known = t.parts.some((x) => x.includes("NORM.S.DIST"))
      ? null
      : t.parts.map((x, k) => encoder.encode(esc(k === 0 && x.charCodeAt(0) === 61 ? x.slice(1) : x)));
    TEMPLATE_BYTES.set(t, known);
  }
  return known;
}

// What a cell's start tag says of its content, after the reference and style.
const FINITE = 0;
const ERROR = 1;
const BOOLEAN = 2;
const FORMULA_TEXT = 3;
const INLINE = 4;
const EMPTY = 5;
const KIND_ATTR = [">", ` t="e">`, ` t="b">`, ` t="str">`, ` t="inlineStr">`, "/>"];

/** The end of a cell's start tag by style and kind: `" s="3" t="str">`. */
const TAG_END: Uint8Array[][] = [];
const tagEnd = (style: number, kind: number) =>
  ((TAG_END[style] ??= [])[kind] ??= encoder.encode(`"${style ? ` s="${style}"` : ""}${KIND_ATTR[kind]}`));

/** `<c r="` and a column's letters. */
const CELL_START: Uint8Array[] = [];
const cellStart = (col: number) => (CELL_START[col] ??= encoder.encode(`<c r="${columnLetter(col)}`));

/** Whether cellXml writes anything for a cell with this value and style (else it is left out of its row). */
function writesCell(formula: boolean, value: SpecValue | undefined, style: number): boolean {
  const kind = typeof value;
  return formula || style !== 0 || kind === "number" || kind === "boolean" || kind === "string";
}

// Room for a cell's markup besides its formula and text: start tag, f element of a group, value, end tags.
const CELL_ROOM = 160;

/**
 * One cell's XML into the writer, byte for byte what cellXml makes of it encoded as UTF-8 (the tests hold them
 * equal). `row` is the row's number as text, `formula` isFormulaCell(c), `value` the cell's value or what replaces
 * it (a table header's column name). Writes nothing for a cell cellXml writes as "" (no value, formula or style).
 */
export function writeCell(
  out: ByteWriter,
  col: number,
  row: string,
  c: SpecCell,
  formula: boolean,
  style: number,
  tag: FormulaTag,
  value: SpecValue | undefined,
): void {
  const type = typeof value;
  const kind =
    type === "number"
      ? Number.isFinite(value)
        ? FINITE
        : ERROR
      : type === "boolean"
        ? BOOLEAN
        : formula
          ? FORMULA_TEXT
          : type === "string"
            ? INLINE
            : EMPTY;
  if (kind === EMPTY && !style) return;
  out.room(CELL_ROOM + row.length + tag.bytes.length);
  let b = out.buf;
  let p = putBytes(b, out.pos, cellStart(col));
  p = put(b, p, row);
  p = putBytes(b, p, tagEnd(style, kind));
  if (kind === EMPTY) {
    out.pos = p;
    return;
  }
  if (formula) {
    p = putBytes(b, p, tag.bytes);
    if (tag.member === null) {
      out.pos = p;
      const parts = c.formula === undefined && c.fill !== undefined ? templateBytes(c.fill) : null;
      if (parts) {
        const r = c.fillRow ?? 0;
        let size = parts[0].length;
        for (let k = 1; k < parts.length; k++) size += parts[k].length + NUMBER_ROOM;
        out.room(size + CELL_ROOM);
        b = out.buf;
        p = putBytes(b, out.pos, parts[0]);
        for (let k = 1; k < parts.length; k++) p = putBytes(b, out.putNumber(b, p, r), parts[k]);
      } else {
        out.text(esc(fileFormula(formulaOf(c) as string)));
        out.room(CELL_ROOM);
        b = out.buf;
        p = out.pos;
      }
      p = put(b, p, "</f>");
    }
  }
  if (kind === FINITE) p = put(b, out.putNumber(b, put(b, p, "<v>"), value as number), "</v></c>");
  else if (kind === ERROR) p = put(b, p, "<v>#NUM!</v></c>");
  else if (kind === BOOLEAN) p = put(b, p, value ? "<v>1</v></c>" : "<v>0</v></c>");
  else {
    const text = kind === INLINE || type === "string" ? (value as string) : "";
    p = put(
      b,
      p,
      kind === FORMULA_TEXT
        ? "<v>"
        : text !== text.trim() || text.includes("\n")
          ? `<is><t xml:space="preserve">`
          : "<is><t>",
    );
    out.pos = p;
    out.cellText(text);
    out.room(CELL_ROOM);
    p = put(out.buf, out.pos, kind === FORMULA_TEXT ? "</v></c>" : "</t></is></c>");
  }
  out.pos = p;
}

/** The worksheet part of a spec (UTF-8). Table header cells are written as the table's column names. */
export function sheetXml(spec: SheetSpec, styles: StyleBook, links: SheetLinks): Uint8Array {
  return concat(drain(sheetXmlSteps(spec, styles, links)));
}

// Rows written between two yields of sheetXmlSteps.
const ROWS_PER_SLICE = 100;

/** sheetXml as steps, the bytes in pieces: yields the number of rows written since the last yield, every 100 rows. */
export function* sheetXmlSteps(
  spec: SheetSpec,
  styles: StyleBook,
  links: SheetLinks,
): Generator<number, Uint8Array[], void> {
  const headerNames = new Map<string, string>();
  const headerRows = new Set<number>();
  for (const t of spec.tables ?? []) {
    const from = parseA1(t.range.split(":")[0]);
    const cols = tableColumns(spec, t);
    if (from && cols) cols.forEach((n, j) => headerNames.set(`${from.row},${from.col + j}`, n));
    if (from) headerRows.add(from.row);
  }
  const out = new ByteWriter();
  const tabColor = spec.tabColor ? `<tabColor rgb="FF${spec.tabColor.toUpperCase()}"/>` : "";
  const fit = spec.print && "fitToWidth" in spec.print ? `<pageSetUpPr fitToPage="1"/>` : "";
  out.text(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
  );
  if (tabColor || fit) out.text(`<sheetPr>${tabColor}${fit}</sheetPr>`);
  const fr = spec.freeze;
  const view = `<sheetView${links.selected ? ` tabSelected="1"` : ""} workbookViewId="0"`;
  if (fr && (fr.rows || fr.cols)) {
    const pane = fr.rows && fr.cols ? "bottomRight" : fr.rows ? "bottomLeft" : "topRight";
    out.text(
      `<sheetViews>${view}><pane${fr.cols ? ` xSplit="${fr.cols}"` : ""}${fr.rows ? ` ySplit="${fr.rows}"` : ""} topLeftCell="${a1(fr.rows + 1, fr.cols + 1)}" activePane="${pane}" state="frozen"/></sheetView></sheetViews>`,
    );
  } else out.text(`<sheetViews>${view}/></sheetViews>`);
  out.text(`<sheetFormatPr defaultRowHeight="15"/>`);
  const widths = [...(spec.columnWidths ?? [])].sort((a, b) => a.col - b.col);
  if (widths.length)
    out.text(
      `<cols>${widths.map((w) => `<col min="${w.col}" max="${w.col}" width="${w.width}" customWidth="1"/>`).join("")}</cols>`,
    );
  out.text("<sheetData>");
  // One cell, its row's start tag first if it is the row's first cell written.
  let opened = false;
  let rowText = "";
  const cell = (r: number, col: number, c: SpecCell, formula: boolean, header: boolean, tag: FormulaTag) => {
    const name = header ? headerNames.get(`${r},${col}`) : undefined;
    const value = name !== undefined && !formula ? name : c.value;
    const style = styles.cellStyle(c.style, c.numberFormat);
    if (!opened) {
      if (!writesCell(formula, value, style)) return;
      openRow(r);
    }
    writeCell(out, col, rowText, c, formula, style, tag, value);
  };
  const openRow = (r: number) => {
    const ht = heights.get(r);
    out.ascii(`<row r="${rowText}"${ht === undefined ? "" : ` ht="${ht}" customHeight="1"`}>`);
    opened = true;
  };
  const heights = new Map((spec.rowHeights ?? []).map((h) => [h.row, h.height]));
  // Rows in order, each from the blocks that cover it; later blocks win where they overlap, as if written one after
  // the other. One sweep: blocks sorted by first row join the active list and leave it after their last row.
  const order = spec.blocks.map((b, k) => k).sort((a, b) => spec.blocks[a].row - spec.blocks[b].row);
  const rowSet = new Set<number>(heights.keys());
  for (const b of spec.blocks) for (let i = 0; i < b.cells.length; i++) rowSet.add(b.row + i);
  const rows = [...rowSet].sort((a, b) => a - b);
  // Cell formats are numbered as first met; where blocks share rows they are met block by block (the order the
  // file has always had), so the style sheet does not depend on how the rows are swept.
  const shared = order.some((k, i) => {
    const prev = spec.blocks[order[i - 1]];
    return i > 0 && spec.blocks[k].row < prev.row + prev.cells.length;
  });
  let met = 0;
  if (shared || heights.size)
    for (const b of spec.blocks)
      for (const r of b.cells) {
        for (const c of r) styles.cellStyle(c.style, c.numberFormat);
        if (++met % ROWS_PER_SLICE === 0) yield 0;
      }
  // Rows that more than one block covers: their cells are merged by column, and formulas there are never shared.
  const overlapped = new Set<number>();
  if (shared) {
    const seen = new Set<number>();
    for (const b of spec.blocks)
      for (let i = 0; i < b.cells.length; i++)
        if (seen.has(b.row + i)) overlapped.add(b.row + i);
        else seen.add(b.row + i);
  }
  const groups = new SharedGroups(spec.blocks, overlapped);
  let active: number[] = [];
  let next = 0;
  let done = 0;
  for (const r of rows) {
    if (++done % ROWS_PER_SLICE === 0) yield ROWS_PER_SLICE;
    while (next < order.length && spec.blocks[order[next]].row <= r) active.push(order[next++]);
    active = active.filter((k) => r < spec.blocks[k].row + spec.blocks[k].cells.length);
    const header = headerRows.has(r);
    rowText = String(r);
    opened = false;
    if (heights.has(r)) openRow(r);
    if (active.length === 1) {
      const k = active[0];
      const b = spec.blocks[k];
      const cells = b.cells[r - b.row];
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        const formula = isFormulaCell(c);
        cell(r, b.col + j, c, formula, header, formula ? groups.tag(k, r - b.row, j) : PLAIN);
      }
    } else if (active.length > 1) {
      const byCol = new Map<number, SpecCell>();
      for (const k of [...active].sort((x, y) => x - y)) {
        const b = spec.blocks[k];
        b.cells[r - b.row].forEach((c, j) => byCol.set(b.col + j, c));
      }
      for (const col of [...byCol.keys()].sort((x, y) => x - y)) {
        const c = byCol.get(col) as SpecCell;
        cell(r, col, c, isFormulaCell(c), header, PLAIN);
      }
    }
    if (opened) out.ascii("</row>");
  }
  out.text("</sheetData>");
  const merges = spec.merges ?? [];
  if (merges.length)
    out.text(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m.replace(/\$/g, "")}"/>`).join("")}</mergeCells>`,
    );
  let priority = 1;
  for (const cf of spec.conditionalFormats ?? []) out.text(conditionalXml(cf, priority++, styles));
  const lists = links.lists ?? [];
  if (lists.length)
    out.text(
      `<dataValidations count="${lists.length}">${lists.map((l) => `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${l.range}"><formula1>${esc(l.source)}</formula1></dataValidation>`).join("")}</dataValidations>`,
    );
  const m = spec.print?.margins ?? {
    left: 0.7,
    right: 0.7,
    top: 0.75,
    bottom: 0.75,
    header: 0.3,
    footer: 0.3,
  };
  out.text(
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
  );
  const p = spec.print;
  if (p) {
    out.text(
      "fitToWidth" in p
        ? `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="${p.fitToWidth}" fitToHeight="0"/>`
        : `<pageSetup paperSize="9" scale="${p.scale}" orientation="${p.orientation}"/>`,
    );
    if (p.footer) out.text(`<headerFooter><oddFooter>${escText(`&C${p.footer}`)}</oddFooter></headerFooter>`);
    const breaks = p.rowBreaks ?? [];
    if (breaks.length)
      out.text(
        `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`,
      );
  }
  if (links.drawing) out.text(`<drawing r:id="${links.drawing}"/>`);
  if (links.tables.length)
    out.text(
      `<tableParts count="${links.tables.length}">${links.tables.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`,
    );
  out.text("</worksheet>");
  return out.pieces();
}

/** The print area of a spec as a defined name's formula, e.g. 'Tổng hợp Quý II-2015'!$A$1:$G$120. */
export function printArea(spec: SheetSpec): string | null {
  const area = spec.print?.area;
  if (!area) return null;
  return `'${spec.name.replace(/'/g, "''")}'!${area.replace(/\$/g, "").replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
}

/** Print titles of a spec as a defined name's formula, e.g. 'Xếp hạng'!$1:$4. */
export function printTitles(spec: SheetSpec): string | null {
  const rows = spec.print?.titleRows;
  if (!rows) return null;
  const [a, b] = rows.split(":");
  return `'${spec.name.replace(/'/g, "''")}'!$${a}:$${b ?? a}`;
}
