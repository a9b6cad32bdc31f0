/** PlanRows ↔ grids: the template layout as the engine reads it (header row 1, data from row 2). */
import type { CellValue, Grid, WorkbookGrids } from "./grid";
import type { PlanRows } from "./format";
import { sheetDef } from "./format";

/** Header row of an input sheet in the template's column order (Vietnamese headers, or English). */
export function templateHeaders(
  key: "settings" | "units" | "indicators" | "figures",
  figureIndicators: readonly string[] = [],
  lang: "vi" | "en" = "vi",
): string[] {
  const cols = sheetDef(key).columns.map((c) => (lang === "vi" ? c.header : c.headerEn));
  return key === "figures" ? [...cols, ...figureIndicators] : cols;
}

function grid(sheet: string, rows: readonly (readonly CellValue[])[]): Grid {
  return { sheet, originRow: 1, originCol: 1, values: rows.map((r) => [...r]) };
}

/** The grids of a plan written in the template layout, as an adapter would read them back. */
export function planRowsToGrids(rows: PlanRows): WorkbookGrids {
  return {
    sheets: [
      grid(sheetDef("settings").name, [templateHeaders("settings"), ...rows.settings.map((r) => [...r])]),
      grid(sheetDef("units").name, [templateHeaders("units"), ...rows.units]),
      grid(sheetDef("indicators").name, [templateHeaders("indicators"), ...rows.indicators]),
      grid(sheetDef("figures").name, [templateHeaders("figures", rows.figureIndicators), ...rows.figures]),
    ],
  };
}
