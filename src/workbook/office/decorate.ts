/** Everything of a sheet spec beyond its cells, as Office.js calls: merges, widths, freeze panes, tables, rules, charts, print. */
import { a1, columnLetter, parseA1 } from "../../engine/grid";
import {
  SERIES_COLORS,
  widthPoints,
  type ConditionalFormatSpec,
  type SheetSpec,
} from "../../engine/sheetSpec";
import { CHART_AXIS_FORMAT, CHART_PLOT_AREA, OPTIONAL, type SupportsSet } from "./requirements";
import { productChartName } from "../ownership";

const rgb = (hex: string) => `#${hex}`;

/**
 * The name a table gets while its sheet is still temporary: ictplan_tmp_KetQua, or ictplan_tmp_KetQua_2, … when a
 * table or defined name of the workbook has it (tables and defined names share one namespace, ignoring case).
 */
export function tempTableName(name: string, taken: ReadonlySet<string>): string {
  const base = `ictplan_tmp_${name}`;
  let temp = base;
  for (let k = 2; taken.has(temp.normalize("NFC").toLowerCase()); k++) temp = `${base}_${k}`;
  return temp;
}

const CELL_IS: Record<
  Extract<ConditionalFormatSpec, { type: "cellIs" }>["operator"],
  "Between" | "EqualTo" | "LessThan" | "GreaterThanOrEqual"
> = {
  between: "Between",
  equal: "EqualTo",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqual",
};

function conditional(sheet: Excel.Worksheet, cf: ConditionalFormatSpec): void {
  const range = sheet.getRange(cf.range);
  if (cf.type === "textEquals") {
    // Equality, not "contains" (Office.js text rules only contain, begin or end with): the .xlsx adapter's expression rule.
    const first = cf.range.split(":")[0].replace(/\$/g, "");
    const f = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    f.custom.rule.formula = `=${first}="${cf.text.replace(/"/g, '""')}"`;
    f.custom.format.fill.color = rgb(cf.fill);
    if (cf.fontColor) f.custom.format.font.color = rgb(cf.fontColor);
  } else if (cf.type === "cellIs") {
    const f = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
    f.cellValue.format.fill.color = rgb(cf.fill);
    if (cf.fontColor) f.cellValue.format.font.color = rgb(cf.fontColor);
    f.cellValue.rule = {
      formula1: cf.operands[0],
      ...(cf.operands[1] ? { formula2: cf.operands[1] } : {}),
      operator: CELL_IS[cf.operator],
    };
  } else if (cf.type === "dataBar") {
    const f = range.conditionalFormats.add("DataBar" as Excel.ConditionalFormatType);
    f.dataBar.positiveFormat.fillColor = rgb(cf.color);
  } else {
    const f = range.conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
    const [min, mid, max] = cf.colors.length === 3 ? cf.colors : [cf.colors[0], null, cf.colors[1]];
    f.colorScale.criteria = {
      minimum: { type: "LowestValue" as Excel.ConditionalFormatColorCriterionType, color: rgb(min) },
      ...(mid
        ? {
            midpoint: {
              type: "Percentile" as Excel.ConditionalFormatColorCriterionType,
              formula: "50",
              color: rgb(mid),
            },
          }
        : {}),
      maximum: { type: "HighestValue" as Excel.ConditionalFormatColorCriterionType, color: rgb(max!) },
    };
  }
}

/** Runs of consecutive columns or rows of equal size, so one range sets several ("C:E", "5:9"). */
function runs(sizes: readonly { at: number; size: number }[]): { from: number; to: number; size: number }[] {
  const out: { from: number; to: number; size: number }[] = [];
  for (const x of [...sizes].sort((a, b) => a.at - b.at)) {
    const last = out[out.length - 1];
    if (last && last.to === x.at - 1 && last.size === x.size) last.to = x.at;
    else out.push({ from: x.at, to: x.at, size: x.size });
  }
  return out;
}

/** A range given as a spec address: a row ("B14:E14") gives series by rows, a column by columns. */
function seriesBy(address: string): Excel.ChartSeriesBy {
  const [a, b] = address.split(":").map((x) => parseA1(x));
  return (a && b && a.row === b.row && b.col > a.col ? "Rows" : "Columns") as Excel.ChartSeriesBy;
}

/**
 * Queues a sheet's decorations. Tables are named by `tableName` (the write's temporary names, renamed after the
 * swap); conditional formats are added last-first because Excel puts each new one at the top priority
 * (ConditionalFormatCollection.add).
 */
export function decorate(
  sheet: Excel.Worksheet,
  spec: SheetSpec,
  supports: SupportsSet,
  tableName: (name: string) => string = (name) => name,
): void {
  for (const m of spec.merges ?? []) sheet.getRange(m).merge(false);
  for (const w of runs((spec.columnWidths ?? []).map((c) => ({ at: c.col, size: c.width }))))
    sheet.getRange(`${columnLetter(w.from)}:${columnLetter(w.to)}`).format.columnWidth = widthPoints(w.size);
  if (spec.freeze && (spec.freeze.rows || spec.freeze.cols)) {
    if (spec.freeze.rows && spec.freeze.cols)
      sheet.freezePanes.freezeAt(sheet.getRange(a1(spec.freeze.rows, spec.freeze.cols)));
    else if (spec.freeze.rows) sheet.freezePanes.freezeRows(spec.freeze.rows);
    else sheet.freezePanes.freezeColumns(spec.freeze.cols);
  }
  for (const t of spec.tables ?? []) {
    // A Range, not the address: TableCollection.add puts a string without a sheet name on the active sheet.
    const table = sheet.tables.add(sheet.getRange(t.range), true);
    table.name = tableName(t.name);
    table.style = t.style ?? "TableStyleLight9";
    table.showBandedRows = true;
  }
  for (const cf of [...(spec.conditionalFormats ?? [])].reverse()) conditional(sheet, cf);
  for (const h of runs((spec.rowHeights ?? []).map((r) => ({ at: r.row, size: r.height }))))
    sheet.getRange(`${h.from}:${h.to}`).format.rowHeight = h.size;
  for (const [k, c] of (spec.charts ?? []).entries()) {
    const type = (
      c.type === "pie" ? "Pie" : c.type === "bar" ? "BarClustered" : "ColumnClustered"
    ) as Excel.ChartType;
    const first = c.series[0];
    const chart = sheet.charts.add(type, sheet.getRange(first.values), seriesBy(first.values));
    // Named as the product's: a chart of the planner's on an output sheet is told by its name (plannersCharts).
    chart.name = productChartName(k);
    chart.title.text = c.title;
    chart.setPosition(a1(c.anchor.fromRow, c.anchor.fromCol), a1(c.anchor.toRow, c.anchor.toCol));
    const all = [chart.series.getItemAt(0)];
    all[0].name = first.name;
    all[0].setXAxisValues(sheet.getRange(c.categories));
    for (const more of c.series.slice(1)) {
      const add = chart.series.add(more.name);
      add.setValues(sheet.getRange(more.values));
      add.setXAxisValues(sheet.getRange(c.categories));
      all.push(add);
    }
    if (c.type !== "pie") {
      // ChartFill.setSolidColor and ChartPointsCollection.getItemAt: ExcelApi 1.1. A point's colour overrides its series'.
      all.forEach((s, i) => s.format.fill.setSolidColor(rgb(SERIES_COLORS[i % SERIES_COLORS.length])));
      c.pointColors?.forEach((p, i) => all[0].points.getItemAt(i).format.fill.setSolidColor(rgb(p)));
      // Labels take the number format of their source cells (linked by default), which the spec sets; so does the
      // axis, unless given its own.
      if (c.dataLabels) for (const s of all) s.hasDataLabels = true;
      if (c.valueAxis) {
        chart.axes.valueAxis.minimum = c.valueAxis.min;
        chart.axes.valueAxis.maximum = c.valueAxis.max;
        if (c.valueAxis.majorUnit !== undefined) chart.axes.valueAxis.majorUnit = c.valueAxis.majorUnit;
        if (c.labelFormat && supports(CHART_AXIS_FORMAT.set, CHART_AXIS_FORMAT.version))
          chart.axes.valueAxis.numberFormat = c.valueAxis.numberFormat;
      }
    }
    // ChartPlotArea (ExcelApi 1.8): position Custom, then left, top, width, height. The reference names no unit nor
    // box; VBA's PlotArea, which it mirrors, gives points, and "the bounding rectangle that includes the axis labels"
    // (PlotArea.InsideWidth, remarks): the box the spec gives, and the .xlsx's manual layout (layoutTarget outer).
    if (c.plotArea && supports(CHART_PLOT_AREA.set, CHART_PLOT_AREA.version)) {
      const area = chart.plotArea;
      area.position = "Custom" as Excel.ChartPlotAreaPosition;
      area.left = c.plotArea.left;
      area.top = c.plotArea.top;
      area.width = c.plotArea.width;
      area.height = c.plotArea.height;
    }
    if (c.legend === false) chart.legend.visible = false;
    // A bar chart lists its first category at the bottom unless the category axis is reversed (as the .xlsx charts do).
    if (c.type === "bar") chart.axes.categoryAxis.reversePlotOrder = true;
  }
  const p = spec.print;
  if (p && supports(OPTIONAL.printLayout.set, OPTIONAL.printLayout.version)) {
    const layout = sheet.pageLayout;
    layout.orientation = (p.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
    layout.paperSize = "A4" as Excel.PaperType;
    layout.zoom =
      "fitToWidth" in p ? { horizontalFitToPages: p.fitToWidth, verticalFitToPages: 0 } : { scale: p.scale };
    if (p.titleRows) layout.setPrintTitleRows(p.titleRows.replace(/(\d+)/g, "$$$1"));
    if (p.area) layout.setPrintArea(p.area);
    if (p.margins) layout.setPrintMargins("Inches" as Excel.PrintMarginUnit, p.margins);
    if (p.footer) layout.headersFooters.defaultForAllPages.centerFooter = p.footer;
    if (p.firstPageNumber !== undefined) layout.firstPageNumber = p.firstPageNumber;
    // "Adds a page break before the top-left cell of the range specified" (PageBreakCollection.add): the spec's
    // break after row r is one before row r + 1.
    for (const r of p.rowBreaks ?? []) sheet.horizontalPageBreaks.add(`A${r + 1}`);
  }
  if (spec.tabColor) sheet.tabColor = rgb(spec.tabColor);
}
