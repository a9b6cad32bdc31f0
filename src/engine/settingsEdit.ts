/** Changing settings from the task pane: which cells of the Cấu hình sheet to write, and nothing else. */
import type { WorkbookGrids } from "./grid";
import type { Plan } from "./model";
import { a1, cellAt } from "./grid";
import { SETTINGS, sheetDef, type SettingDef, type SettingsValues } from "./format";
import { findSetting } from "./parse/headers";
import { foldText } from "./text";

/** One cell to write in an input sheet: a number, or text that must stay text. */
export interface CellEdit {
  readonly sheet: string;
  /** A1 address without the sheet. */
  readonly cell: string;
  readonly value: string | number;
}

export type SettingsChange = Partial<SettingsValues>;

/** How a setting's value is written: enum values by their label in the sheet's language, as the template does. */
function written(def: SettingDef, value: string | number, en: boolean): string | number {
  if (def.type !== "enum") return value;
  const e = def.values?.find((v) => v.key === value);
  return (en ? e?.en : e?.vi) ?? String(value);
}

/**
 * The cell edits that write the changed settings into the plan's settings sheet: the value cell of the
 * setting's existing row, else a new row after the last one. Null when the workbook has no settings sheet.
 */
export function settingsEdits(grids: WorkbookGrids, plan: Plan, change: SettingsChange): CellEdit[] | null {
  const layout = plan.layout.settings;
  const labelCol = layout?.columns.setting;
  const valueCol = layout?.columns.value;
  const grid = grids.sheets.find((g) => g.sheet === layout?.sheet);
  if (!layout || !labelCol || !valueCol || !grid) return null;
  const rowOf = new Map<SettingDef, number>();
  for (let row = layout.firstRow; row <= layout.lastRow; row++) {
    const label = cellAt(grid, row, labelCol);
    if (label === null || typeof label === "object") continue;
    const def = findSetting(String(label));
    if (def && !rowOf.has(def)) rowOf.set(def, row);
  }
  // An English template's sheet ("Settings") gets English labels and values; any other, Vietnamese.
  const en = foldText(layout.sheet) === foldText(sheetDef("settings").nameEn);
  const edits: CellEdit[] = [];
  let next = Math.max(layout.lastRow, layout.headerRow) + 1;
  for (const def of SETTINGS) {
    const value = change[def.key];
    if (value === undefined || value === plan.settings[def.key]) continue;
    const row = rowOf.get(def);
    if (row === undefined) {
      edits.push({ sheet: layout.sheet, cell: a1(next, labelCol), value: en ? def.labelEn : def.label });
      edits.push({ sheet: layout.sheet, cell: a1(next++, valueCol), value: written(def, value, en) });
    } else edits.push({ sheet: layout.sheet, cell: a1(row, valueCol), value: written(def, value, en) });
  }
  return edits;
}
