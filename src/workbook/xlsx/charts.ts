/** Native Excel charts for the .xlsx path: DrawingML chart and drawing parts for an output sheet's chart specs. */
import {
  SERIES_COLORS,
  widthPoints,
  type ChartSpec,
  type SheetSpec,
  type SpecValue,
} from "../../engine/sheetSpec";
import { columnLetter, parseA1 } from "../../engine/grid";
import { esc, escPlain, escText } from "./xml";
import { productChartName } from "../ownership";

/** A cell's value (the charts' cached points). */
export type CellValueAt = (row: number, col: number) => SpecValue;

/**
 * The value of a spec's cell, from the last block that has the cell (as the sheet's XML has it): charts read a few
 * hundred cells, and a map of every cell cost a 1,000-unit run 85 ms.
 */
export function cellValueAt(spec: SheetSpec): CellValueAt {
  return (row, col) => {
    for (let k = spec.blocks.length - 1; k >= 0; k--) {
      const b = spec.blocks[k];
      const c = row >= b.row && col >= b.col ? b.cells[row - b.row]?.[col - b.col] : undefined;
      if (c !== undefined) return c.value ?? null;
    }
    return null;
  };
}

function rangeCells(range: string): { row: number; col: number }[] {
  const [a, b] = range.split(":");
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  if (!p || !q) return [];
  const out: { row: number; col: number }[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push({ row: r, col: c });
  return out;
}

function absRef(sheet: string, range: string): string {
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  const abs = range
    .split(":")
    .map((a) => {
      const p = parseA1(a);
      return p ? `$${columnLetter(p.col)}$${p.row}` : a;
    })
    .join(":");
  return `${quoted}!${abs}`;
}

function strRef(sheet: string, range: string, valueAt: CellValueAt): string {
  const cells = rangeCells(range);
  const pts = cells
    .map((c, i) => `<c:pt idx="${i}"><c:v>${escText(String(valueAt(c.row, c.col) ?? ""))}</c:v></c:pt>`)
    .join("");
  return `<c:strRef><c:f>${esc(absRef(sheet, range))}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(sheet: string, range: string, valueAt: CellValueAt, format = "General"): string {
  const cells = rangeCells(range);
  const pts = cells
    .map((c, i) => {
      const v = valueAt(c.row, c.col);
      return typeof v === "number" ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "";
    })
    .join("");
  return `<c:numRef><c:f>${esc(absRef(sheet, range))}</c:f><c:numCache><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache></c:numRef>`;
}

/** Excel's default column width (8.43 characters) and row height (15 pt) for a sheet's columns and rows not listed. */
const DEFAULT_WIDTH = 8.43;
const DEFAULT_HEIGHT = 15;

/** A sheet's listed column widths and row heights, made once for all its charts (a summary tab has dozens). */
const SIZES = new WeakMap<SheetSpec, { widths: Map<number, number>; heights: Map<number, number> }>();

/** A chart's size in points: the widths and heights of the cells its anchor spans (corner offsets are 0). */
export function chartSize(spec: SheetSpec, chart: ChartSpec): { width: number; height: number } {
  let sizes = SIZES.get(spec);
  if (!sizes)
    SIZES.set(
      spec,
      (sizes = {
        widths: new Map((spec.columnWidths ?? []).map((c) => [c.col, c.width])),
        heights: new Map((spec.rowHeights ?? []).map((r) => [r.row, r.height])),
      }),
    );
  const { widths, heights } = sizes;
  let width = 0;
  let height = 0;
  for (let c = chart.anchor.fromCol; c < chart.anchor.toCol; c++)
    width += widthPoints(widths.get(c) ?? DEFAULT_WIDTH);
  for (let r = chart.anchor.fromRow; r < chart.anchor.toRow; r++) height += heights.get(r) ?? DEFAULT_HEIGHT;
  return { width, height };
}

/**
 * A plot area's manual layout: the outer box (with the axes' labels, layoutTarget "outer" by default), as shares of
 * the chart's size from its top left edge (ECMA-376 Part 1, 21.2.2.95 manualLayout); the Word report's charts too.
 */
export function manualLayout(
  p: { left: number; top: number; width: number; height: number },
  size: { width: number; height: number },
): string {
  const share = (n: number, of: number) => Math.round((n / of) * 10_000) / 10_000;
  return (
    `<c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/>` +
    `<c:x val="${share(p.left, size.width)}"/><c:y val="${share(p.top, size.height)}"/>` +
    `<c:w val="${share(p.width, size.width)}"/><c:h val="${share(p.height, size.height)}"/></c:manualLayout></c:layout>`
  );
}

/** The plot area's layout of a chart spec: its own box, or the application's. */
function plotLayout(chart: ChartSpec, size: { width: number; height: number } | undefined): string {
  const p = chart.plotArea;
  if (!p) return "<c:layout/>";
  if (!size) throw new Error(`chart "${chart.title}": a plot area in points needs the chart's size`);
  return manualLayout(p, size);
}

/** The chart part (chartSpace) of one chart spec; `size` (points, chartSize) places a plot area given in points. */
export function chartXml(
  sheet: string,
  chart: ChartSpec,
  valueAt: CellValueAt,
  size?: { width: number; height: number },
): string {
  const pie = chart.type === "pie";
  const fmt = chart.valueAxis?.numberFormat ?? "General";
  const labelFmt = chart.labelFormat ?? fmt;
  const fill = (rgb: string) => `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;
  // One colour per bar (e.g. by grade): data points override the series' colour.
  const points = (chart.pointColors ?? [])
    .map(
      (rgb, i) =>
        `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${fill(rgb)}</c:dPt>`,
    )
    .join("");
  const labels = chart.dataLabels
    ? `<c:dLbls><c:numFmt formatCode="${esc(labelFmt)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textSize(1100)}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
    : "";
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escText(s.name)}</c:v></c:tx>` +
        (pie ? "" : fill(SERIES_COLORS[i % SERIES_COLORS.length])) +
        (pie ? "" : `<c:invertIfNegative val="0"/>${i === 0 ? points : ""}${labels}`) +
        `<c:cat>${strRef(sheet, chart.categories, valueAt)}</c:cat><c:val>${numRef(sheet, s.values, valueAt, labelFmt)}</c:val></c:ser>`,
    )
    .join("");
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${escPlain(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  const unit =
    chart.valueAxis?.majorUnit === undefined ? "" : `<c:majorUnit val="${chart.valueAxis.majorUnit}"/>`;
  const bounds = chart.valueAxis
    ? `<c:max val="${chart.valueAxis.max}"/><c:min val="${chart.valueAxis.min}"/>`
    : "";
  const plot = pie
    ? `<c:pieChart><c:varyColors val="1"/>${series}<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls><c:firstSliceAng val="0"/></c:pieChart>`
    : `<c:barChart><c:barDir val="${chart.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:axId val="111"/><c:axId val="222"/></c:barChart>` +
      `<c:catAx><c:axId val="111"/><c:scaling><c:orientation val="${chart.type === "bar" ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.type === "bar" ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/>${textSize(1100)}<c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling><c:delete val="0"/><c:axPos val="${chart.type === "bar" ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="${esc(fmt)}" sourceLinked="${chart.valueAxis ? 0 : 1}"/><c:tickLblPos val="nextTo"/>${textSize(1100)}<c:crossAx val="111"/><c:crosses val="${chart.type === "bar" ? "max" : "autoZero"}"/><c:crossBetween val="between"/>${unit}</c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea>${plotLayout(chart, size)}${plot}</c:plotArea>` +
    (chart.legend === false
      ? ""
      : `<c:legend><c:legendPos val="${pie ? "r" : "b"}"/><c:overlay val="0"/></c:legend>`) +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** Text properties giving a chart element's labels a size (hundredths of a point). */
const textSize = (sz: number) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`;

/**
 * The drawing part that places a sheet's charts; chart i is linked by relationship rId(firstRel + i). Each frame is
 * named as the product names its charts (productChartName: Excel's Chart.name), so that a chart of the planner's on
 * an output sheet is told from them (plannersCharts).
 */
export function drawingXml(charts: readonly ChartSpec[], firstRel: number): string {
  const anchors = charts
    .map((c, i) => {
      const id = i + 2;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${c.anchor.fromCol - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor.fromRow - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${c.anchor.toCol - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor.toRow - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${productChartName(i)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${firstRel + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors}</xdr:wsDr>`
  );
}
