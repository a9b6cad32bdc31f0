/**
 * Writing a declarative SheetSpec as SpreadsheetML: the worksheet part (cells with their cached results, styles,
 * merges, widths, frozen panes, conditional formats, print setup, tab colour) and its table parts.
 */
import type {
  CellStyle,
  ConditionalFormatSpec,
  FormulaTemplate,
  SheetSpec,
  SpecBlock,
  SpecCell,
  SpecValue,
  TableSpec,
} from "../../engine/sheetSpec";
import { formulaOf, isFormulaCell, tableColumnNames } from "../../engine/sheetSpec";
import { a1, columnLetter, parseA1 } from "../../engine/grid";
import type { StyleBook } from "./styles";
import { esc, escText, hex4 } from "./xml";
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

// Fractions formatted so far, and how many are kept at most.
const NUMBER_TEXT = new Map<number, string>();
const NUMBER_TEXTS = 1 << 14;

/**
 * A number as SpreadsheetML stores it; NaN and infinities have no such form. A fraction's text is remembered: String
 * of a double is one of a cell's dearest steps, and a 1,000-unit Kết quả has 290,000 values but under 500 different.
 */
function numText(n: number): string | null {
  if ((n | 0) === n) return String(n);
  let t = NUMBER_TEXT.get(n);
  if (t === undefined) {
    if (!Number.isFinite(n)) return null;
    if (NUMBER_TEXT.size >= NUMBER_TEXTS) NUMBER_TEXT.clear();
    NUMBER_TEXT.set(n, (t = String(n)));
  }
  return t;
}

/** A template's parts as its formula is stored (escaped, the leading "=" dropped); null where fileFormula rewrites. */
const FILE_PARTS = new WeakMap<FormulaTemplate, string[] | null>();

function fileParts(t: FormulaTemplate): string[] | null {
  let known = FILE_PARTS.get(t);
  if (known === undefined) {
    // A function fileFormula prefixes is left to it (the row's digits could touch its name).
    known = t.parts.some((x) => x.includes("NORM.S.DIST"))
      ? null
      : t.parts.map((x, k) => esc(k === 0 && x.charCodeAt(0) === 61 ? x.slice(1) : x));
    FILE_PARTS.set(t, known);
  }
  return known;
}

/** The f element's text of a formula cell: from its template's stored parts and the row where it has one. */
function storedFormula(c: SpecCell): string {
  const parts = c.formula === undefined && c.fill !== undefined ? fileParts(c.fill) : null;
  if (parts === null) return esc(fileFormula(formulaOf(c) as string));
  const r = String(c.fillRow ?? 0);
  let s = parts[0];
  for (let k = 1; k < parts.length; k++) s += r + parts[k];
  return s;
}

/** How a cell's XML starts, before its address. */
const CELL_OPEN = '<c r="';

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
    const f = tag.member ?? `${tag.open}${storedFormula(c)}</f>`;
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

/** The spec's cells by 1-based row and column. */
function cellAtSpec(spec: SheetSpec, row: number, col: number): SpecCell | undefined {
  for (const b of spec.blocks) {
    const r = b.cells[row - b.row];
    if (r && col >= b.col && col - b.col < r.length) return r[col - b.col];
  }
  return undefined;
}

/** A table's column names: its header cells' text, as Excel names them (the writer writes the header cells so). */
export function tableColumns(spec: SheetSpec, t: TableSpec): string[] | null {
  const [from, to] = t.range.split(":").map((x) => parseA1(x));
  if (!from || !to || to.row <= from.row) return null;
  return tableColumnNames(
    Array.from({ length: to.col - from.col + 1 }, (_, j) => cellAtSpec(spec, from.row, from.col + j)?.value),
  );
}

/** The table part of one table spec. */
export function tableXml(t: TableSpec, id: number, name: string, columns: readonly string[]): string {
  const ref = t.range.replace(/\$/g, "");
  // ST_Xstring, as the header cell it names: a character XML cannot carry is written _xHHHH_ in both, and so is a
  // line break or tab, which an attribute would read as a space (XML 1.0, 3.3.3): Excel writes "Dòng một_x000A_Dòng hai".
  const cols = columns
    .map((c, i) => `<tableColumn id="${i + 1}" name="${escText(c).replace(/[\t\n\r]/g, hex4)}"/>`)
    .join("");
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

/**
 * Text written as UTF-8 into buffers of a few MB, 16 K characters at a time: an output sheet of a large plan is
 * more XML than one JavaScript string can hold, and one buffer grown by copying held the pane's thread for over
 * half a second at 64 MB. Few large allocations keep the garbage collector idle; small pieces stay in the CPU cache
 * while they are encoded (45 MB of Kết quả XML in half the time of 256 K-character pieces).
 */
export class ByteWriter {
  private readonly done: Uint8Array[] = [];
  private buf = new Uint8Array(1 << 22);
  private pos = 0;
  private pending = "";

  push(s: string): void {
    this.pending += s;
    if (this.pending.length > 1 << 14) this.flush();
  }

  /** Bytes made elsewhere, after the text pushed so far. */
  bytes(b: Uint8Array): void {
    this.flush();
    if (this.pos) {
      this.done.push(this.buf.subarray(0, this.pos));
      this.buf = this.buf.subarray(this.pos);
      this.pos = 0;
    }
    this.done.push(b);
  }

  private flush(): void {
    if (!this.pending) return;
    const need = this.pending.length * 3;
    if (this.pos + need > this.buf.length) {
      if (this.pos) this.done.push(this.buf.subarray(0, this.pos));
      this.buf = new Uint8Array(Math.max(need, 1 << 22));
      this.pos = 0;
    }
    this.pos += encoder.encodeInto(this.pending, this.buf.subarray(this.pos)).written;
    this.pending = "";
  }

  /** The bytes written, in order, in pieces. */
  pieces(): Uint8Array[] {
    this.flush();
    return [...this.done, this.buf.subarray(0, this.pos)];
  }
}

/** The worksheet part of a spec (UTF-8). Table header cells are written as the table's column names. */
export function sheetXml(spec: SheetSpec, styles: StyleBook, links: SheetLinks): Uint8Array {
  return concat(drain(sheetXmlSteps(spec, styles, links)));
}

// Rows written between two yields of sheetXmlSteps.
const ROWS_PER_SLICE = 100;

/** What writing a sheet's rows needs of the style sheet: each cell format's index (StyleBook.cellStyle). */
export interface CellStyles {
  cellStyle(s: CellStyle | undefined, numberFormat: string | undefined): number;
}

/**
 * A sheet's rows written elsewhere (the CLI's draw thread writes Xếp hạng's): their XML, whose s attributes number the
 * cell formats 1, 2, … in the order the rows first met them (`styles`), renumbered as the workbook's when written in.
 */
export interface WrittenRows {
  readonly pieces: readonly Uint8Array[];
  readonly styles: readonly { readonly style?: CellStyle; readonly numberFormat?: string }[];
  /** specRows of the spec written. */
  readonly rows: number;
  /** Each table's column names (tableColumns), in the spec's order. */
  readonly tableColumns: readonly (readonly string[] | null)[];
}

/** Rows a spec writes (its blocks' rows; overlapping blocks counted each time): the write's unit of progress. */
export function specRows(spec: SheetSpec): number {
  return spec.blocks.reduce((n, b) => n + b.cells.length, 0);
}

/**
 * sheetXml as steps, the bytes in pieces: yields the number of rows written since the last yield, every 100 rows. With
 * `written`, the rows are those (spec's blocks are not read) and their cell formats are added to `styles` in the order
 * the rows met them, as writing the rows here would have added them.
 */
export function* sheetXmlSteps(
  spec: SheetSpec,
  styles: StyleBook,
  links: SheetLinks,
  written?: WrittenRows,
): Generator<number, Uint8Array[], void> {
  const out = new ByteWriter();
  const tabColor = spec.tabColor ? `<tabColor rgb="FF${spec.tabColor.toUpperCase()}"/>` : "";
  const fit = spec.print && "fitToWidth" in spec.print ? `<pageSetUpPr fitToPage="1"/>` : "";
  out.push(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
  );
  if (tabColor || fit) out.push(`<sheetPr>${tabColor}${fit}</sheetPr>`);
  const fr = spec.freeze;
  const view = `<sheetView${links.selected ? ` tabSelected="1"` : ""} workbookViewId="0"`;
  if (fr && (fr.rows || fr.cols)) {
    const pane = fr.rows && fr.cols ? "bottomRight" : fr.rows ? "bottomLeft" : "topRight";
    out.push(
      `<sheetViews>${view}><pane${fr.cols ? ` xSplit="${fr.cols}"` : ""}${fr.rows ? ` ySplit="${fr.rows}"` : ""} topLeftCell="${a1(fr.rows + 1, fr.cols + 1)}" activePane="${pane}" state="frozen"/></sheetView></sheetViews>`,
    );
  } else out.push(`<sheetViews>${view}/></sheetViews>`);
  out.push(`<sheetFormatPr defaultRowHeight="15"/>`);
  const widths = [...(spec.columnWidths ?? [])].sort((a, b) => a.col - b.col);
  if (widths.length)
    out.push(
      `<cols>${widths.map((w) => `<col min="${w.col}" max="${w.col}" width="${w.width}" customWidth="1"/>`).join("")}</cols>`,
    );
  out.push("<sheetData>");
  if (written) {
    const ids = written.styles.map((s) => styles.cellStyle(s.style, s.numberFormat));
    for (const piece of written.pieces) out.bytes(restyled(piece, ids));
    yield written.rows;
  } else yield* rowsXml(spec, styles, out);
  out.push("</sheetData>");
  const merges = spec.merges ?? [];
  if (merges.length)
    out.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m.replace(/\$/g, "")}"/>`).join("")}</mergeCells>`,
    );
  let priority = 1;
  for (const cf of spec.conditionalFormats ?? []) out.push(conditionalXml(cf, priority++, styles));
  const lists = links.lists ?? [];
  if (lists.length)
    out.push(
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
  out.push(
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
  );
  const p = spec.print;
  if (p) {
    const first =
      p.firstPageNumber === undefined ? "" : ` firstPageNumber="${p.firstPageNumber}" useFirstPageNumber="1"`;
    out.push(
      "fitToWidth" in p
        ? `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="${p.fitToWidth}" fitToHeight="0"${first}/>`
        : `<pageSetup paperSize="9" scale="${p.scale}" orientation="${p.orientation}"${first}/>`,
    );
    if (p.footer) out.push(`<headerFooter><oddFooter>${escText(`&C${p.footer}`)}</oddFooter></headerFooter>`);
    const breaks = p.rowBreaks ?? [];
    if (breaks.length)
      out.push(
        `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`,
      );
  }
  if (links.drawing) out.push(`<drawing r:id="${links.drawing}"/>`);
  if (links.tables.length)
    out.push(
      `<tableParts count="${links.tables.length}">${links.tables.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`,
    );
  out.push("</worksheet>");
  return out.pieces();
}

/** Cell formats numbered 1, 2, … as first asked for, for rows written away from the workbook's style sheet. */
class StyleRecorder implements CellStyles {
  readonly styles: { style?: CellStyle; numberFormat?: string }[] = [];
  private readonly known = new Map<CellStyle | undefined, Map<string, number>>();

  cellStyle(s: CellStyle | undefined, numberFormat: string | undefined): number {
    // 0, no s attribute, as StyleBook.cellStyle.
    if (!s && !numberFormat) return 0;
    let byFormat = this.known.get(s);
    if (!byFormat) this.known.set(s, (byFormat = new Map()));
    let id = byFormat.get(numberFormat ?? "");
    if (id === undefined) {
      this.styles.push(numberFormat === undefined ? { style: s } : { style: s, numberFormat });
      byFormat.set(numberFormat ?? "", (id = this.styles.length));
    }
    return id;
  }
}

/** A spec's rows written away from the workbook (sheetXmlSteps writes them in): WrittenRows. */
export function writeRows(spec: SheetSpec): WrittenRows {
  const recorder = new StyleRecorder();
  const out = new ByteWriter();
  drain(rowsXml(spec, recorder, out));
  return {
    pieces: out.pieces(),
    styles: recorder.styles,
    rows: specRows(spec),
    tableColumns: (spec.tables ?? []).map((t) => tableColumns(spec, t)),
  };
}

// The bytes of ' s="', which in rows this module writes only ever opens a cell's format (text escapes '"').
const SPACE = 0x20;
const S = 0x73;
const EQUALS = 0x3d;
const QUOTE = 0x22;

/** Rows' XML with each s attribute's number k replaced by ids[k - 1], the attribute left out where that is 0. */
export function restyled(piece: Uint8Array, ids: readonly number[]): Uint8Array {
  const attr = ids.map((id) => (id ? encoder.encode(` s="${id}"`) : new Uint8Array(0)));
  // Where each attribute starts and ends (past its closing quote), and the number it holds.
  const spans: number[] = [];
  let length = piece.length;
  for (let i = piece.indexOf(EQUALS); i >= 0; i = piece.indexOf(EQUALS, i + 1)) {
    if (piece[i - 1] !== S || piece[i - 2] !== SPACE || piece[i + 1] !== QUOTE) continue;
    let k = 0;
    let j = i + 2;
    for (; piece[j] !== QUOTE; j++) k = k * 10 + piece[j] - 48;
    spans.push(i - 2, j + 1, k);
    length += attr[k - 1].length - (j + 1 - (i - 2));
    i = j;
  }
  const out = new Uint8Array(length);
  let at = 0;
  let from = 0;
  for (let n = 0; n < spans.length; n += 3) {
    out.set(piece.subarray(from, spans[n]), at);
    at += spans[n] - from;
    const a = attr[spans[n + 2] - 1];
    out.set(a, at);
    at += a.length;
    from = spans[n + 1];
  }
  out.set(piece.subarray(from), at);
  return out;
}

/** A spec's rows (sheetData's children) into out, yielding every 100 rows as sheetXmlSteps does. */
function* rowsXml(spec: SheetSpec, styles: CellStyles, out: ByteWriter): Generator<number, void, void> {
  const headerNames = new Map<string, string>();
  const headerRows = new Set<number>();
  for (const t of spec.tables ?? []) {
    const from = parseA1(t.range.split(":")[0]);
    const cols = tableColumns(spec, t);
    if (from && cols) cols.forEach((n, j) => headerNames.set(`${from.row},${from.col + j}`, n));
    if (from) headerRows.add(from.row);
  }
  const cell = (r: number, col: number, c: SpecCell, header: boolean, tag?: FormulaTag) => {
    const name = header ? headerNames.get(`${r},${col}`) : undefined;
    const written = name !== undefined && !isFormulaCell(c) ? { ...c, value: name } : c;
    return cellXml(a1(r, col), written, styles.cellStyle(c.style, c.numberFormat), tag);
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
  // Per block, its columns' letters; per literal cell object, its XML after the address.
  const lettersOf: string[][] = [];
  const tails = new Map<SpecCell, string>();
  let active: number[] = [];
  let next = 0;
  let done = 0;
  for (const r of rows) {
    if (++done % ROWS_PER_SLICE === 0) yield ROWS_PER_SLICE;
    while (next < order.length && spec.blocks[order[next]].row <= r) active.push(order[next++]);
    active = active.filter((k) => r < spec.blocks[k].row + spec.blocks[k].cells.length);
    const header = headerRows.has(r);
    let row = "";
    if (active.length === 1 && !header) {
      const k = active[0];
      row = blockRowXml(spec.blocks[k], k, r, (lettersOf[k] ??= []), styles, groups, tails);
    } else if (active.length === 1) {
      // A table's header row: its literals are written as the table's column names.
      const k = active[0];
      const b = spec.blocks[k];
      const cells = b.cells[r - b.row];
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        row += cell(r, b.col + j, c, header, isFormulaCell(c) ? groups.tag(k, r - b.row, j) : undefined);
      }
    } else if (active.length > 1) {
      const byCol = new Map<number, SpecCell>();
      for (const k of [...active].sort((x, y) => x - y)) {
        const b = spec.blocks[k];
        b.cells[r - b.row].forEach((c, j) => byCol.set(b.col + j, c));
      }
      for (const col of [...byCol.keys()].sort((x, y) => x - y))
        row += cell(r, col, byCol.get(col) as SpecCell, header);
    }
    const ht = heights.get(r);
    if (row || ht !== undefined)
      out.push(`<row r="${r}"${ht === undefined ? "" : ` ht="${ht}" customHeight="1"`}>${row}</row>`);
  }
}

/**
 * The cells of row r of block k, where no other block covers the row and it is no table's header row. A plain function
 * rather than part of sheetXmlSteps: V8 optimises it as it does not a generator's loop.
 */
function blockRowXml(
  b: SpecBlock,
  k: number,
  r: number,
  letters: string[],
  styles: CellStyles,
  groups: SharedGroups,
  tails: Map<SpecCell, string>,
): string {
  const cells = b.cells[r - b.row];
  const rowText = String(r);
  let row = "";
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j];
    const ref = (letters[j] ??= columnLetter(b.col + j)) + rowText;
    if (isFormulaCell(c)) {
      row += cellXml(ref, c, styles.cellStyle(c.style, c.numberFormat), groups.tag(k, r - b.row, j));
      continue;
    }
    // A literal's XML but its address is the same wherever the cell object is repeated (a unit's or an indicator's
    // cells, down Kết quả): made once.
    let tail = tails.get(c);
    if (tail === undefined) {
      const xml = cellXml(ref, c, styles.cellStyle(c.style, c.numberFormat));
      // "" for a cell with nothing to write.
      tails.set(c, (tail = xml && xml.slice(CELL_OPEN.length + ref.length)));
    }
    if (tail) row += CELL_OPEN + ref + tail;
  }
  return row;
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
