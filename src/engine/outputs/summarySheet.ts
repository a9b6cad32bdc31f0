/**
 * "Tổng hợp Quý …": the quarterly report as a print-ready A4 tab. Every cell is a value (a dated snapshot, see
 * report.ts); the layout is computed here, row heights and page breaks included, so that tables never split
 * without their header and the text prints at its own size.
 */
import {
  widthPoints,
  type CellStyle,
  type ChartSpec,
  type SheetSpec,
  type SpecBlock,
  type SpecCell,
} from "../sheetSpec";
import type { Report, ReportBlock, ReportCell, ReportChart, ReportTable } from "../report";
import { barPlotArea, chartParts, GRADE_COLORS, MAX_BARS, STATUS_COLORS } from "../report";
import { formatPeriod, periodFromKey } from "../periods";
import { labels, type Lang } from "../i18n/labels";
import { fillTemplate } from "../text";
import { a1 } from "../grid";
import { HEADER_STYLE, MAX_ROW_HEIGHT } from "./style";
import { countedLines, countOn, lines, measureOf, NO_TEXT } from "./lineBreaks";

/** The summary sheet's name: "Tổng hợp Quý II-2015" (at most 31 characters, no characters Excel forbids). */
export function summarySheetName(period: string, lang: Lang): string {
  const p = periodFromKey(period);
  const name = `${labels(lang).sheetSummary} ${p ? formatPeriod(p, lang) : period}`;
  return name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

/** Widths of the seven printed columns, in characters: they fill an A4 portrait page at 100%. */
export const SUMMARY_WIDTHS = [6, 35, 11, 11, 9, 9, 9] as const;
const COLS = SUMMARY_WIDTHS.length;
/** The width of the printed columns, which a chart spans, in points. */
const CHART_WIDTH = SUMMARY_WIDTHS.reduce((s, w) => s + widthPoints(w), 0);
/** Chart data lives right of the printed area (columns I and J), where charts read it. */
const DATA_COL = COLS + 2;
/** Usable height of an A4 portrait page with the margins below, in points, less a safety margin. */
export const PAGE_HEIGHT = 680;
/** The administrative font (Nghị định 30/2020/NĐ-CP); LibreOffice substitutes the metric-compatible Liberation Serif. */
const FONT = "Times New Roman";
const BODY: CellStyle = { fontName: FONT, fontSize: 12, wrap: true };
const TABLE_SIZE = 11;
const lineHeight = (size: number) => Math.ceil(size * 1.25);
const LINE = lineHeight(TABLE_SIZE);

const spanWidth = (from: number, span: number) =>
  SUMMARY_WIDTHS.slice(from - 1, from - 1 + span).reduce((s, w) => s + w, 0);

/** The height of a row of text across the page, in points. */
const textHeight = (text: string, size = 12, bold = false, gap = 4) =>
  lines(text, spanWidth(1, COLS), size, bold) * lineHeight(size) + gap;

/** Lays out rows top to bottom, starting a new page when a piece would not fit. */
class Layout {
  row = 1;
  private used = 0;
  readonly blocks: SpecBlock[] = [];
  readonly merges: string[] = [];
  readonly heights: { row: number; height: number }[] = [];
  readonly breaks: number[] = [];

  /** Starts a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  /** Points left on this page. */
  room(): number {
    return PAGE_HEIGHT - this.used;
  }

  /** Whether `height` points still fit on this page. */
  fits(height: number): boolean {
    return this.used === 0 || this.used + height <= PAGE_HEIGHT;
  }

  newPage(): void {
    this.breaks.push(this.row - 1);
    this.used = 0;
  }

  /** Writes one row: cells with their spans; returns the row written. */
  put(cells: readonly { cell: SpecCell; span: number }[], wanted: number): number {
    const height = Math.min(wanted, MAX_ROW_HEIGHT);
    let col = 1;
    for (const { cell, span } of cells) {
      this.blocks.push({ row: this.row, col, cells: [[cell]] });
      if (span > 1) this.merges.push(`${a1(this.row, col)}:${a1(this.row, col + span - 1)}`);
      col += span;
    }
    this.heights.push({ row: this.row, height });
    this.used += height;
    return this.row++;
  }

  /** A row of text across the page; a text taller than Excel's tallest row is cut at words into several rows. */
  text(text: string, style: CellStyle, gap = 4): number {
    const size = style.fontSize ?? 12;
    const height = (t: string) => textHeight(t, size, style.bold, gap);
    const words = text.split(" ");
    if (height(text) > MAX_ROW_HEIGHT && words.length > 1) {
      // Words are added to the piece while it fits; its lines are counted as it grows, not again for every word.
      const m = measureOf(spanWidth(1, COLS), size, style.bold ?? false);
      let piece = [words[0]];
      let count = countOn(NO_TEXT, words[0], m);
      for (let k = 1; k < words.length; k++) {
        const w = words[k];
        const next = countOn(count, ` ${w}`, m);
        if (countedLines(next, m) * lineHeight(size) + gap > MAX_ROW_HEIGHT) {
          this.text(piece.join(" "), style, 0);
          piece = [w];
          count = countOn(NO_TEXT, w, m);
        } else {
          piece.push(w);
          count = next;
        }
      }
      return this.text(piece.join(" "), style, gap);
    }
    const h = Math.min(height(text), MAX_ROW_HEIGHT);
    this.keep(h);
    // At the top of its row: a row taller than the application's lines leaves its slack below the text, not between
    // the text and the heading above it.
    return this.put(
      [{ cell: { value: text, style: { ...BODY, vertical: "top", ...style } }, span: COLS }],
      h,
    );
  }

  space(height = 8): void {
    if (this.used === 0) return;
    this.heights.push({ row: this.row, height });
    this.used += height;
    this.row++;
  }

  /** Empty rows tall enough for `height` points (charts sit over them). */
  reserve(height: number): { first: number; last: number } {
    this.keep(height);
    const first = this.row;
    const n = reservedHeight(height) / 18;
    for (let i = 0; i < n; i++) {
      this.heights.push({ row: this.row++, height: 18 });
      this.used += 18;
    }
    return { first, last: this.row - 1 };
  }
}

/**
 * The language's number format tag (Windows LCID): LibreOffice shows a tagged format with that language's decimal
 * separator, whatever the reader's locale, so the vi tab prints 99,45 and the en tab 99.45 everywhere. Excel uses
 * the reader's own separators for numbers, tag or not.
 */
const LOCALE_TAG: Readonly<Record<Lang, string>> = { vi: "[$-42A]", en: "[$-409]" };

/** A number format with the language's tag on each of its sections. */
const tagged = (format: string, lang: Lang) =>
  format
    .split(";")
    .map((part) => LOCALE_TAG[lang] + part)
    .join(";");

// A summary has a row per unit: the few distinct styles and formats of its cells are made once and shared.
const tableStyles = new Map<string, CellStyle>();
const taggedFormats = new Map<string, string>();

function tableCell(c: ReportCell, lang: Lang): SpecCell {
  const key = `${c.align ?? ""}|${c.bold ? 1 : 0}|${c.grade ?? ""}|${c.grade ? "" : (c.status ?? "")}`;
  let style = tableStyles.get(key);
  if (!style) {
    const colors = c.grade ? GRADE_COLORS[c.grade] : c.status ? STATUS_COLORS[c.status] : undefined;
    style = {
      ...BODY,
      fontSize: TABLE_SIZE,
      border: true,
      ...(c.align ? { horizontal: c.align } : {}),
      ...(c.bold ? { bold: true } : {}),
      ...(colors ? { fill: colors.fill, fontColor: colors.font } : {}),
    };
    tableStyles.set(key, style);
  }
  if (c.value === undefined) return { value: c.text, style };
  if (!c.numberFormat) return { value: c.value, style };
  const fk = `${lang}|${c.numberFormat}`;
  let numberFormat = taggedFormats.get(fk);
  if (numberFormat === undefined) taggedFormats.set(fk, (numberFormat = tagged(c.numberFormat, lang)));
  return { value: c.value, style, numberFormat };
}

/** Where a table's columns start, and its row heights. */
function measure(t: ReportTable) {
  let col = 1;
  const starts = t.columns.map((c) => {
    const s = col;
    col += c.span;
    return s;
  });
  const headerHeight =
    Math.max(...t.columns.map((c, i) => lines(c.title, spanWidth(starts[i], c.span), TABLE_SIZE, true))) *
      LINE +
    6;
  const heights = t.rows.map(
    (r) =>
      Math.max(
        ...r.map((c, i) => lines(c.text, spanWidth(starts[i], t.columns[i].span), TABLE_SIZE, c.bold)),
      ) *
        LINE +
      5,
  );
  const total = headerHeight + heights.reduce((s, h) => s + h, 0);
  // A table that fits on a page is kept whole; a longer one starts where its header and two rows fit.
  const first = total <= PAGE_HEIGHT ? total : headerHeight + (heights[0] ?? 0) + (heights[1] ?? 0);
  return { starts, headerHeight, heights, first };
}

/** A chart's height in points: 19 a bar under a 70 pt title and axis, so a part of MAX_BARS bars fits a page. */
const chartHeight = (c: ReportChart) => barsHeight(c.categories.length);
const barsHeight = (bars: number) => 70 + 19 * bars;
/** The height of the rows reserved for a chart (whole rows of 18 pt). */
const reservedHeight = (height: number) => Math.ceil(height / 18) * 18;
/** The fewest bars worth starting a long chart with at the foot of a page. */
const MIN_FIRST_BARS = 10;

/**
 * How many bars the first part of a chart too long for a page takes, so that it starts on what is left of this page
 * (after a long table's last rows) instead of leaving the page nearly empty; undefined when it starts a page anyway.
 */
function firstBars(out: Layout, c: ReportChart): number | undefined {
  if (c.categories.length <= MAX_BARS || out.room() >= PAGE_HEIGHT) return undefined;
  let bars = MAX_BARS - 1;
  while (bars >= MIN_FIRST_BARS && reservedHeight(barsHeight(bars)) > out.room()) bars--;
  return bars >= MIN_FIRST_BARS ? bars : undefined;
}

/** The least of a block that must share a page with the heading before it. */
function leadHeight(b: ReportBlock | undefined): number {
  if (!b) return 0;
  switch (b.kind) {
    case "table":
      return measure(b.table).first;
    case "chart":
      return chartHeight(chartParts(b.chart)[0]);
    case "heading":
      return 22;
    // A paragraph or an item is a row (a text taller than Excel's tallest row is cut into several): all of it.
    case "paragraph":
      return Math.min(textHeight(b.text), MAX_ROW_HEIGHT);
    case "list":
      return Math.min(textHeight(`1. ${b.items[0] ?? ""}`), MAX_ROW_HEIGHT);
  }
}

/** A table; split across pages only when it is taller than a page, the header repeated on each and no lone last row. */
function table(out: Layout, t: ReportTable, lang: Lang): void {
  const { headerHeight, heights, first } = measure(t);
  const header = () =>
    out.put(
      t.columns.map((c) => ({
        cell: {
          value: c.title,
          style: { ...HEADER_STYLE, fontName: FONT, fontSize: TABLE_SIZE, horizontal: "center" },
        },
        span: c.span,
      })),
      headerHeight,
    );
  out.keep(first);
  header();
  t.rows.forEach((r, i) => {
    // Break before a row that would not fit, or before the last row if it would otherwise stand alone.
    const need = i === t.rows.length - 2 ? heights[i] + heights[i + 1] : heights[i];
    if (i > 0 && !out.fits(need)) {
      out.newPage();
      header();
    }
    out.put(
      r.map((c, j) => ({ cell: tableCell(c, lang), span: t.columns[j].span })),
      heights[i],
    );
  });
}

/** A bar chart over data written right of the printed area, one bar per category, rank 1 at the top. */
function chart(
  out: Layout,
  c: ReportChart,
  lang: Lang,
  data: { row: number },
  blocks: SpecBlock[],
): ChartSpec {
  const height = chartHeight(c);
  // The bars' labels as the table beside them writes the figures (99,45, not 99).
  const labelFormat = tagged(c.labelFormat, lang);
  const { first, last } = out.reserve(height);
  const from = data.row;
  blocks.push({
    row: from,
    col: DATA_COL,
    // A category without a label has no value (an indicator without a target): left blank, it has no bar and no
    // "0%" that would read as none of the units meeting it.
    cells: c.categories.map((name, i) => [
      { value: name },
      { value: c.labels[i] === "" ? null : c.values[i], numberFormat: labelFormat },
    ]),
  });
  data.row += c.categories.length + 1;
  const to = from + c.categories.length - 1;
  return {
    type: "bar",
    title: c.title,
    categories: `${a1(from, DATA_COL)}:${a1(to, DATA_COL)}`,
    series: [{ name: c.title, values: `${a1(from, DATA_COL + 1)}:${a1(to, DATA_COL + 1)}` }],
    pointColors: c.colors,
    valueAxis: { min: 0, max: c.axisMax, majorUnit: c.axisStep, numberFormat: c.numberFormat },
    legend: false,
    dataLabels: true,
    labelFormat,
    // The bars' labels are 11 pt (the writer's text size for the chart).
    plotArea: barPlotArea({ width: CHART_WIDTH, height: reservedHeight(height) }, c.labels, 11),
    anchor: { fromRow: first, fromCol: 1, toRow: last + 1, toCol: COLS + 1 },
  };
}

/** Builds the summary tab from the report. */
export function buildSummarySheet(report: Report): SheetSpec {
  const L = labels(report.lang);
  const out = new Layout();
  const charts: ChartSpec[] = [];
  const dataBlocks: SpecBlock[] = [];
  const data = { row: 1 };
  const h = report.heading;

  // The official heading: issuing body left, quốc hiệu and tiêu ngữ right (Nghị định 30/2020/NĐ-CP).
  const left = 2;
  const right = COLS - left;
  const pair = (l: string, r: string, ls: CellStyle, rs: CellStyle) => {
    const n = Math.max(
      lines(l, spanWidth(1, left), 12, ls.bold),
      lines(r, spanWidth(left + 1, right), 12, rs.bold),
    );
    out.put(
      [
        {
          cell: { value: l, style: { ...BODY, fontSize: 12, horizontal: "center", vertical: "top", ...ls } },
          span: left,
        },
        {
          cell: { value: r, style: { ...BODY, fontSize: 12, horizontal: "center", vertical: "top", ...rs } },
          span: right,
        },
      ],
      n * lineHeight(12) + 3,
    );
  };
  pair(h.parentBody, h.nation, {}, { bold: true });
  pair(h.issuingBody, h.motto, { bold: true }, { bold: true });
  pair(h.number, h.placeDate, {}, { italic: true });
  out.space(14);
  out.text(h.kind, { bold: true, fontSize: 14, horizontal: "center" }, 2);
  out.text(h.subject, { bold: true, fontSize: 12, horizontal: "center" });
  out.space();
  out.text(report.snapshot, { italic: true, fontColor: "404040" });
  if (report.qualityNote) out.text(report.qualityNote, { bold: true, fontColor: "9C0006" });

  report.body.forEach((b, i) => {
    switch (b.kind) {
      case "heading": {
        out.space();
        // A heading keeps with what follows it: the headings and notes right after it, and the block after them.
        const leadIn = (n: ReportBlock | undefined) =>
          n?.kind === "heading" || (n?.kind === "paragraph" && n.italic === true);
        let j = i + 1;
        let after = 0;
        while (leadIn(report.body[j])) after += leadHeight(report.body[j++]);
        after += leadHeight(report.body[j]);
        out.keep(22 + after);
        out.text(b.text, { bold: true, fontSize: 13, fontColor: "1F4E79" });
        break;
      }
      case "paragraph":
        out.text(b.text, b.italic ? { italic: true } : {});
        break;
      case "list":
        b.items.forEach((item, i) => out.text(`${i + 1}. ${item}`, {}));
        break;
      case "table":
        table(out, b.table, report.lang);
        out.space(6);
        break;
      case "chart":
        for (const part of chartParts(b.chart, firstBars(out, b.chart)))
          charts.push(chart(out, part, report.lang, data, dataBlocks));
        break;
    }
  });

  // Nơi nhận on the left, the signer on the right, kept together on one page.
  out.space(14);
  const recipients = [report.recipientsTitle, ...report.recipients];
  const signer = [...report.signerTitle, "", "", "", report.signerName];
  const rows = Math.max(recipients.length, signer.length);
  out.keep(rows * 20);
  for (let i = 0; i < rows; i++) {
    const r = recipients[i] ?? "";
    const s = signer[i] ?? "";
    const isTitle = i < report.signerTitle.length || (i === signer.length - 1 && s !== "");
    out.put(
      [
        {
          cell: {
            value: r,
            style: { fontName: FONT, fontSize: i === 0 ? 12 : 11, bold: i === 0, italic: i === 0 },
          },
          span: left,
        },
        {
          cell: { value: s, style: { fontName: FONT, fontSize: 13, bold: isTitle, horizontal: "center" } },
          span: right,
        },
      ],
      Math.max(18, lines(r, spanWidth(1, left), 11) * LINE + 3),
    );
  }

  const lastRow = out.row - 1;
  const where = report.footer.replace(/&/g, "&&");
  return {
    name: summarySheetName(report.period, report.lang),
    kind: "summary",
    period: report.period,
    blocks: [...out.blocks, ...dataBlocks],
    merges: out.merges,
    columnWidths: [...SUMMARY_WIDTHS, 2, 30, 10].map((width, i) => ({ col: i + 1, width })),
    rowHeights: out.heights,
    charts,
    print: {
      orientation: "portrait",
      paperSize: "A4",
      // Printed at 100%: the layout sized the text and chose the page breaks (fit-to-width would drop them).
      scale: 100,
      area: `A1:${a1(lastRow, COLS)}`,
      margins: { left: 0.7, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      // In the report's font at 11 pt (&"font,style" and &nn are header/footer codes; the text starts with a letter).
      // Its own pages, numbered from 1 and counted by the layout, which chose every break: &N would count the whole
      // print job, the other sheets too, when the workbook is printed or exported to PDF at once.
      footer: `&"${FONT},Regular"&11${fillTemplate(L.summaryFooter, { where, pages: out.breaks.length + 1 })}`,
      firstPageNumber: 1,
      rowBreaks: out.breaks,
    },
    tabColor: "FFC000",
  };
}
