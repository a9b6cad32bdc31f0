/**
 * The quarterly report as a Word document in the administrative format of Nghị định 30/2020/NĐ-CP (Phụ lục I):
 * A4, margins 20/20/30/15 mm, Times New Roman, body 14 pt justified with a first-line indent, the heading block
 * (issuing body and số/ký hiệu left, quốc hiệu, tiêu ngữ and địa danh, ngày right), the title and trích yếu, the
 * nơi nhận and signer block, page numbers centred in the top margin from page 2. Renders the same report model
 * as the summary tab (src/engine/report.ts), its charts as native Word charts (drawn by Word or LibreOffice in the
 * document's font, so Vietnamese text needs no font of ours, and "Edit Data" opens their figures).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from "docx";
import { ChartRun } from "docx/charts";
import type { Report, ReportCell, ReportChart, ReportTable } from "../engine/report";
import { barPlotArea, chartParts, GRADE_COLORS, STATUS_COLORS } from "../engine/report";
import { SUMMARY_WIDTHS } from "../engine/outputs/summarySheet";
import { stampReport } from "./reportRecord";
import { ZipPackage } from "../workbook/xlsx/zipPackage";
import { manualLayout } from "../workbook/xlsx/charts";
import { textWidth } from "../engine/outputs/lineBreaks";
import { layoutColumns, type CellText } from "./columnLayout";

const FONT = "Times New Roman";
/** Sizes in points (docx counts half-points). */
const BODY_PT = 14;
const TABLE_PT = 12;
const HEADER_PT = 11;
const pt = (x: number) => x * 2;
/** Text width of the page, A4 less 30 + 15 mm margins, in inches. */
const TEXT_INCHES = (210 - 45) / 25.4;

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "808080" } as const;

interface RunStyle {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly size?: number;
  readonly color?: string;
}

/** A run of text; `font` false leaves it to the document's default font, the same Times New Roman. */
function run(text: string, s: RunStyle = {}, font = true): TextRun {
  return new TextRun({
    text,
    ...(font ? { font: FONT } : {}),
    size: pt(s.size ?? BODY_PT),
    bold: s.bold,
    italics: s.italics,
    color: s.color,
  });
}

function centred(text: string, s: RunStyle = {}, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(text, s)] });
}

/** A short rule under the issuing body and the tiêu ngữ, as the decree draws it. */
function underlined(text: string, s: RunStyle): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 60 },
    children: [new TextRun({ text, font: FONT, size: pt(s.size ?? 13), bold: s.bold, underline: {} })],
  });
}

/** The heading block: a borderless table a little wider than the text, as the decree's templates set it. */
function headingBlock(r: Report): Table {
  const h = r.heading;
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS });
  const left = convertMillimetersToTwip(78);
  const right = convertMillimetersToTwip(104);
  return new Table({
    width: { size: left + right, type: WidthType.DXA },
    columnWidths: [left, right],
    indent: { size: -convertMillimetersToTwip(12), type: WidthType.DXA },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              centred(h.parentBody, { size: 12 }),
              underlined(h.issuingBody, { bold: true, size: 12 }),
              centred(h.number, { size: 13 }),
            ],
            left,
          ),
          cell(
            [
              centred(h.nation, { bold: true, size: 12 }),
              underlined(h.motto, { bold: true, size: 13 }),
              centred(h.placeDate, { italics: true, size: 13 }),
            ],
            right,
          ),
        ],
      }),
    ],
  });
}

function body(text: string, s: RunStyle = {}, keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: convertMillimetersToTwip(10) },
    spacing: { before: 60, after: 60, line: 300 },
    children: [run(text, s)],
  });
}

/**
 * Whether row i of n keeps with the next: a table that fits on a page is kept whole; a longer one breaks where the
 * header and two rows, and its last two rows, stay together (no lone row on a page).
 */
const keepWithNext = (i: number, n: number) => (n <= KEEP_WHOLE ? i < n - 1 : i === 0 || i === n - 2);
const KEEP_WHOLE = 12;

function tableCell(c: ReportCell, width: number, keepNext: boolean): TableCell {
  const colors = c.grade ? GRADE_COLORS[c.grade] : c.status ? STATUS_COLORS[c.status] : undefined;
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    ...(colors ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: colors.fill } } : {}),
    children: [
      new Paragraph({
        // Left out unless set: a table of 1,000 units has 7,000 cells, and each element costs the writer time.
        ...(keepNext ? { keepNext } : {}),
        alignment:
          c.align === "center"
            ? AlignmentType.CENTER
            : c.align === "right"
              ? AlignmentType.RIGHT
              : AlignmentType.LEFT,
        children: [run(c.text, { size: TABLE_PT, bold: c.bold, color: colors?.font }, false)],
      }),
    ],
  });
}

// A value of up to this many characters is kept on one line; a longer one may break between its words.
const SHORT_TEXT = 12;
/** The cell's padding (Word's and LibreOffice's 0.19 cm at each side) and the grid lines, in points. */
const CELL_PADDING = 13.5;
/** The text width of the page in points. */
const PAGE_POINTS = TEXT_INCHES * 72;

/** Width in points of a word in Times New Roman at a size. */
const wordPoints = (word: string, bold: boolean, size: number) => (textWidth(word, bold) * size) / 1000;

/** Which tables have the same columns (the ranking of each group): they are printed with the same widths. */
const tableKind = (t: ReportTable) => t.columns.map((c) => `${c.title}\t${c.span}`).join("\n");

/** A cell's text for the layout: a short value whole, a longer one (and every header) in its words. */
function cellText(text: string, bold: boolean, size: number, whole: boolean): CellText {
  const words = whole ? [text] : text.split(/\s+/).filter((w) => w !== "");
  return {
    words: words.map((w) => wordPoints(w, bold, size)),
    space: wordPoints(" ", bold, size),
    line: size,
  };
}

/**
 * How much a line of a table's header counts against a line of its rows: a header stacked a word a line reads badly,
 * and it is printed again on each page; a column of numbers narrow enough for that makes few lines elsewhere.
 */
const HEADER_WEIGHT = 3;

/**
 * Each column's share of the page, in percent, for the tables of one kind: the layout that takes the fewest lines
 * (layoutColumns: each column at least its longest unbreakable text, a header's word in its bold face or a short value
 * such as "100%" or "Trung bình" whole, at the table's sizes; then the page's room where it saves the most lines), the
 * room left shared in the proportions the columns have on the summary tab.
 */
function columnWidths(tables: readonly ReportTable[]): number[] {
  const { columns } = tables[0];
  const rows = tables.map((t) => [
    columns.map((c) => ({ ...cellText(c.title, true, HEADER_PT, false), weight: HEADER_WEIGHT })),
    ...t.rows.map((r) =>
      columns.map((_, j) => {
        const cell = r[j];
        return cell
          ? cellText(cell.text, cell.bold ?? false, TABLE_PT, cell.text.length <= SHORT_TEXT)
          : null;
      }),
    ),
  ]);
  let from = 0;
  const weights = columns.map((c) => {
    const w = SUMMARY_WIDTHS.slice(from, from + c.span).reduce((s, x) => s + x, 0);
    from += c.span;
    return w;
  });
  return layoutColumns(rows, weights, PAGE_POINTS, CELL_PADDING).map((x) => (x / PAGE_POINTS) * 100);
}

/** A report table, its columns `widths` percent of the page: its header repeats on every page, no row breaks across pages. */
function table(t: ReportTable, widths: readonly number[]): Table {
  const borders = {
    top: THIN,
    bottom: THIN,
    left: THIN,
    right: THIN,
    insideHorizontal: THIN,
    insideVertical: THIN,
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map(
          (c, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.PERCENTAGE },
              verticalAlign: VerticalAlign.CENTER,
              shading: { type: ShadingType.CLEAR, color: "auto", fill: "D9E2F3" },
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  keepNext: true,
                  children: [run(c.title, { bold: true, size: HEADER_PT }, false)],
                }),
              ],
            }),
        ),
      }),
      ...t.rows.map(
        (r, i) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, j) => tableCell(c, widths[j], keepWithNext(i, t.rows.length))),
          }),
      ),
    ],
  });
}

/** Text width of the page in the 96-dpi pixels charts are sized in. */
const CHART_WIDTH = Math.round(TEXT_INCHES * 96);
/** Size of the bars' labels and the axes' text, in points. */
const CHART_TEXT_PT = 10;

/** A chart's height in 96-dpi pixels: 26 a bar under a 90 px title and axis. */
const chartHeight = (c: ReportChart) => 90 + 26 * c.categories.length;

/**
 * A horizontal bar chart of a report chart: one bar per category in its own colour, the first category (rank 1) at
 * the top, the value axis from 0 to the chart's maximum along the bottom, each bar labelled with its value.
 */
function chart(c: ReportChart): Paragraph {
  const font = (size: number, bold = false) => ({ name: FONT, size, bold, color: "262626" });
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepLines: true,
    spacing: { before: 60, after: 120 },
    children: [
      new ChartRun({
        type: "bar",
        title: { text: c.title, font: font(12, true) },
        font: { name: FONT },
        legend: false,
        categories: [...c.categories],
        series: [
          {
            name: c.title,
            values: [...c.values],
            colors: [...c.colors],
            // The language's own figures ("99,45"): a number format would follow the reader's locale instead.
            pointLabels: c.labels.map((text) => ({ text })),
          },
        ],
        gapWidth: 60,
        // Word draws the first category at the bottom: reversed, rank 1 is at the top, and the value axis
        // crosses at the last category so it stays along the bottom.
        categoryAxis: { reverseOrder: true, font: font(CHART_TEXT_PT) },
        valueAxis: {
          minimum: 0,
          maximum: c.axisMax,
          interval: c.axisStep,
          numberFormat: c.numberFormat,
          crossesAt: "maximum",
          font: font(CHART_TEXT_PT),
        },
        dataLabels: { value: true, position: "outsideEnd", font: font(CHART_TEXT_PT) },
        chartArea: { border: "none" },
        // A part of MAX_BARS bars is 870 px (9 in) and fits a page.
        transformation: { width: CHART_WIDTH, height: chartHeight(c) },
      }),
    ],
  });
}

/** The plot area's manual layout, the box the tab's charts take. */
function plotLayout(c: ReportChart): string {
  const size = { width: CHART_WIDTH * 0.75, height: chartHeight(c) * 0.75 };
  return manualLayout(barPlotArea(size, c.labels, CHART_TEXT_PT), size);
}

/**
 * Gives each chart part of a packed document its plot area (docx/charts lets the application lay it out): the
 * charts are the document's `<c:chart r:id>` in order, their parts named by the document's relationships.
 */
async function layOutCharts(pkg: ZipPackage, charts: readonly ReportChart[]): Promise<void> {
  if (!charts.length) return;
  const doc = (await pkg.text("word/document.xml")) ?? "";
  const rels = (await pkg.text("word/_rels/document.xml.rels")) ?? "";
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? "";
  const targets = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], "Id"), attr(m[0], "Target")]),
  );
  const ids = [...doc.matchAll(/<c:chart\b[^>]*\br:id="([^"]+)"/g)].map((m) => m[1]);
  if (ids.length !== charts.length)
    throw new Error(`${ids.length} charts in the document, ${charts.length} drawn`);
  for (const [k, id] of ids.entries()) {
    const target = targets.get(id) ?? "";
    const part = target.startsWith("/") ? target.slice(1) : `word/${target}`;
    const xml = (await pkg.text(part)) ?? "";
    const auto = "<c:plotArea><c:layout/>";
    if (!xml.includes(auto)) throw new Error(`${part} has no plot area laid out by the application`);
    pkg.put(part, xml.replace(auto, `<c:plotArea>${plotLayout(charts[k])}`));
  }
}

function signatureBlock(r: Report): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  const left = [
    new Paragraph({ children: [run(r.recipientsTitle, { bold: true, italics: true, size: 12 })] }),
    ...r.recipients.map((x) => new Paragraph({ children: [run(x, { size: 11 })] })),
  ];
  const right = [
    ...r.signerTitle.map((x) => centred(x, { bold: true, size: 14 })),
    ...[0, 1, 2, 3].map(() => new Paragraph({ children: [] })),
    centred(r.signerName, { bold: true, size: 14 }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, 50), cell(right, 50)] })],
  });
}

/** The report as the bytes of a .docx file. */
export async function reportDocx(r: Report): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    headingBlock(r),
    new Paragraph({ spacing: { after: 200 }, children: [] }),
    centred(r.heading.kind, { bold: true, size: 14 }),
    centred(r.heading.subject, { bold: true, size: 14 }, 120),
    body(r.snapshotDocument, { italics: true, size: 12 }),
  ];
  const charts: ReportChart[] = [];
  const kinds = new Map<string, ReportTable[]>();
  for (const b of r.body)
    if (b.kind === "table")
      kinds.set(tableKind(b.table), [...(kinds.get(tableKind(b.table)) ?? []), b.table]);
  const widthsOf = new Map([...kinds].map(([kind, tables]) => [kind, columnWidths(tables)]));
  if (r.qualityNote) children.push(body(r.qualityNote, { bold: true, size: 13, color: "9C0006" }));
  for (const b of r.body) {
    switch (b.kind) {
      case "heading":
        children.push(
          new Paragraph({
            keepNext: true,
            spacing: { before: 180, after: 60 },
            indent: { firstLine: convertMillimetersToTwip(10) },
            children: [run(b.text, { bold: true })],
          }),
        );
        break;
      case "paragraph":
        // A note in italics introduces what follows it, and keeps with it (the heading before it is not left alone).
        children.push(body(b.text, b.italic ? { italics: true } : {}, b.italic === true));
        break;
      case "list":
        // The last item keeps with the signature block, which never stands alone on a page.
        b.items.forEach((item, i) =>
          children.push(body(`${i + 1}. ${item}`, {}, b === r.body.at(-1) && i === b.items.length - 1)),
        );
        break;
      case "table":
        children.push(
          table(b.table, widthsOf.get(tableKind(b.table)) ?? []),
          new Paragraph({ spacing: { after: 120 }, children: [] }),
        );
        break;
      case "chart":
        for (const part of chartParts(b.chart)) {
          children.push(chart(part));
          charts.push(part);
        }
        break;
    }
  }
  children.push(new Paragraph({ keepNext: true, spacing: { after: 240 }, children: [] }), signatureBlock(r));
  const doc = new Document({
    creator: "ictplan",
    title: r.heading.subject,
    styles: { default: { document: { run: { font: FONT, size: pt(BODY_PT) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
              header: convertMillimetersToTwip(10),
            },
          },
        },
        // Page numbers centred in the top margin, not on the first page (Nghị định 30/2020/NĐ-CP, Phụ lục I).
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const pkg = await ZipPackage.open(new Uint8Array(await Packer.toArrayBuffer(doc)));
  await layOutCharts(pkg, charts);
  // Recorded as ictplan's, so that the next report replaces it only while nobody has edited it.
  return stampReport(pkg);
}
