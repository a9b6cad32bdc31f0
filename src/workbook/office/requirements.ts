/**
 * What the add-in needs from Excel, stated once. The manifest's <Requirements>, the README and the pane's check
 * agree with it (tests/office/requirements.test.ts). The minimum is the highest set among the APIs the adapter
 * always calls (getRangeByIndexes, freezePanes, tabColor, chart series add/setValues/setXAxisValues: ExcelApi 1.7);
 * features above it are used where the host has them and skipped with a note where it does not.
 */

export interface RequirementSet {
  readonly set: "ExcelApi";
  readonly version: string;
}

/** Below this the add-in does not load (manifest) and the pane does not start. */
export const MINIMUM: RequirementSet = { set: "ExcelApi", version: "1.7" };

/** Features above the minimum, by the name the pane's note uses. */
export const OPTIONAL = {
  /** Page layout: A4, scale or fit to width, margins, print area, footer, page breaks, title rows (Worksheet.pageLayout). */
  printLayout: { set: "ExcelApi", version: "1.9" },
  /**
   * A chart series' data source (`ChartSeries.getDimensionDataSourceString`): read before the outputs are replaced, so a
   * chart of the planner's over Kết quả or Xếp hạng is pointed at the new sheet; without it such a chart shows #REF!
   * after each compute, and the pane says so before.
   */
  chartSources: { set: "ExcelApi", version: "1.15" },
} as const satisfies Record<string, RequirementSet>;

export type OptionalFeature = keyof typeof OPTIONAL;

/**
 * Office's dialog messages to the dialog (`Dialog.messageChild`), how the pane hands the Word report to a dialog
 * that saves it; without them the pane downloads the file itself (no note: the button still works).
 */
export const DIALOG_MESSAGES = { set: "DialogApi", version: "1.2" } as const;

/** Drop-down lists on cells (`Range.dataValidation`), written on an input sheet added from the template; without
 * them the sheet is added without its drop-downs. */
export const DATA_VALIDATION = { set: "ExcelApi", version: "1.8" } as const;

/** The number format of a chart's value axis (`ChartAxis.numberFormat`), set apart from its cells' (the bars' labels
 * show the figures as the tables do, 99,45; the axis whole numbers); without it the axis shows the cells' format. */
export const CHART_AXIS_FORMAT = { set: "ExcelApi", version: "1.8" } as const;

/** The plot area's place in a chart (`ChartPlotArea` left, top, width, height), which leaves room for the label at the
 * end of a bar near the axis's maximum; without it the label may sit on the chart's edge. */
export const CHART_PLOT_AREA = { set: "ExcelApi", version: "1.8" } as const;

/**
 * Merged areas of a range (`Range.getMergedAreasOrNullObject`), read on Đơn vị, Chỉ tiêu and Số liệu so that a group or
 * a period merged down its rows is read on every row; without them the other rows of such a merge read blank.
 */
export const MERGED_AREAS = { set: "ExcelApi", version: "1.13" } as const;

/** The cells of a sheet with data validation (`Range.getSpecialCellsOrNullObject("DataValidations")`), read on the
 * planner's sheets so that a drop-down over an output is entered again for the new sheet; without it such a drop-down
 * shows #REF! after the output is replaced. */
export const VALIDATED_CELLS = { set: "ExcelApi", version: "1.9" } as const;

/** The pictures and shapes on a sheet (`Worksheet.shapes`), looked for on the output sheets a write replaces (one of the
 * planner's would be deleted with it); without them only charts are looked for. */
export const SHAPES = { set: "ExcelApi", version: "1.9" } as const;

/** Change events for the whole workbook (`WorksheetCollection.onChanged`, ExcelApi 1.9; onAdded and onDeleted are 1.7),
 * by which the pane reads the workbook again after the planner edits it; without them it reads again when the planner
 * comes back to the pane. */
export const WORKBOOK_EVENTS = { set: "ExcelApi", version: "1.9" } as const;
/** A sheet renamed, told (WorksheetCollection.onNameChanged, ExcelApi 1.17); below it a rename is not an event. */
export const RENAME_EVENTS = { set: "ExcelApi", version: "1.17" } as const;

/** Opening a page in the planner's browser (`Office.context.ui.openBrowserWindow`), how the pane opens its help; without
 * it the help opens in an Office dialog (DialogApi 1.1). */
export const BROWSER_WINDOW = { set: "OpenBrowserWindowApi", version: "1.1" } as const;

/** Asks the host whether it has a requirement set (Office.context.requirements.isSetSupported in Excel). */
export type SupportsSet = (set: string, version: string) => boolean;

/** What the host allows: whether the pane can start, and which optional features it lacks. */
export function requirementGate(supports: SupportsSet): { ok: boolean; missing: OptionalFeature[] } {
  if (!supports(MINIMUM.set, MINIMUM.version)) return { ok: false, missing: [] };
  const missing = (Object.keys(OPTIONAL) as OptionalFeature[]).filter(
    (f) => !supports(OPTIONAL[f].set, OPTIONAL[f].version),
  );
  return { ok: true, missing };
}
