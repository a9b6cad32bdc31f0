/**
 * The planner's charts over output sheets a write replaces. Excel binds a series' ranges to their sheet, as it binds a
 * formula: deleting the old output leaves #REF! in the series. So the adapter reads each series' sources before the swap
 * (ChartSeries.getDimensionDataSourceString, ExcelApi 1.15) and points those over a replaced sheet at the same range of
 * its successor in the swap (setValues, setXAxisValues, setBubbleSizes: ExcelApi 1.7). See docs/decisions.md, "The
 * planner's charts over outputs".
 */
import { foldName } from "../ownership";

/** Excel.ChartSeriesDimension: where a series takes its data from. */
export type Dimension = "Categories" | "Values" | "XValues" | "YValues" | "BubbleSizes";

/**
 * The dimensions a series of this chart type has: "The chart series axis for the x-axis values in scatter and bubble
 * charts", YValues likewise, "the bubble sizes in bubble charts"; every other type has categories and values
 * (Excel.ChartSeriesDimension).
 */
export function dimensionsOf(chartType: string): Dimension[] {
  if (/^Bubble/.test(chartType)) return ["XValues", "YValues", "BubbleSizes"];
  if (/^XYScatter/.test(chartType)) return ["XValues", "YValues"];
  return ["Categories", "Values"];
}

/** A chart's series dimension that reads a replaced sheet: pointed at its successor in the swap. */
export interface SeriesSource {
  /** The sheet holding the chart (the planner's). */
  readonly sheet: string;
  /** The chart's position in its sheet's charts (ChartCollection.getItemAt). */
  readonly chart: number;
  readonly series: number;
  readonly dimension: Dimension;
  /** The replaced sheet it reads, by the name it had when read, and its successor's name. */
  readonly from: string;
  readonly to: string;
  /** The range on that sheet, as Excel gave it ("$J$5:$J$35"). */
  readonly address: string;
}

const A1 = /^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$|^\$?[A-Z]{1,3}:\$?[A-Z]{1,3}$|^\$?\d+:\$?\d+$/;

/**
 * The sheet and range of a data source that is one range ("='Xếp hạng'!$J$5:$J$35", with or without the "=", the name
 * quoted or plain); null for anything else (several areas, a list of values, another workbook's range). The form is not
 * documented beyond "information such as a cell address" (getDimensionDataSourceString): one that names a replaced
 * sheet but is not one range cannot be pointed at the new sheet, and the write says so rather than break it.
 */
export function sourceRange(text: string): { sheet: string; address: string } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!()[\],=]+))!([^!,()]+)$/.exec(text.trim());
  if (!m || !A1.test(m[3].toUpperCase())) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3] };
}

/** The replaced sheet (by its name now) a parsed source is on, compared as Excel compares sheet names. */
export function replacedSheet(source: { sheet: string }, replaced: readonly string[]): string | null {
  return replaced.find((n) => foldName(n) === foldName(source.sheet)) ?? null;
}

/** A chart's series by where it is: its chart's sheet and position, its own position. */
type SeriesAt = Pick<SeriesSource, "sheet" | "chart" | "series">;

const seriesAt = (ctx: Excel.RequestContext, s: SeriesAt): Excel.ChartSeries =>
  ctx.workbook.worksheets.getItem(s.sheet).charts.getItemAt(s.chart).series.getItemAt(s.series);

/** Queues pointing each series dimension at its range on the sheet named `on(s)` (the successor, or the old sheet). */
export function repoint(
  ctx: Excel.RequestContext,
  sources: readonly SeriesSource[],
  on: (s: SeriesSource) => string,
): void {
  for (const s of sources) {
    const series = seriesAt(ctx, s);
    const range = ctx.workbook.worksheets.getItem(on(s)).getRange(s.address);
    // "For scatter charts, [setValues] refers to y-axis values" (ChartSeries.setValues); setXAxisValues sets the
    // categories of the others (ExcelApi 1.7).
    if (s.dimension === "Values" || s.dimension === "YValues") series.setValues(range);
    else if (s.dimension === "BubbleSizes") series.setBubbleSizes(range);
    else series.setXAxisValues(range);
  }
}

/** Queues reading a series dimension's source as it is now (ExcelApi 1.15); read after the sync. */
export function sourceOf(
  ctx: Excel.RequestContext,
  s: SeriesAt & { readonly dimension: Dimension },
): OfficeExtension.ClientResult<string> {
  return seriesAt(ctx, s).getDimensionDataSourceString(s.dimension as Excel.ChartSeriesDimension);
}
