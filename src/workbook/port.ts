/** The port the engine needs from a workbook host: read the sheets as grids, apply sheet specs. */
import type { WorkbookGrids } from "../engine/grid";
import type { SheetSpec } from "../engine/sheetSpec";
import type { CellEdit } from "../engine/settingsEdit";
import type { NewSheet } from "./inputSheet";

export interface ApplyOptions {
  /** Replace an owned output sheet even when the user has edited it since the product wrote it. */
  readonly force?: boolean;
  /** Told as rows are written (rows done, total), so a pane can show progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WorkbookPort {
  /** Reads every sheet (values, formulas, merges) as grids. */
  readGrids(): Promise<WorkbookGrids>;
  /** Names of the sheets the product owns (carry the ownership mark). */
  ownedSheets(): Promise<string[]>;
  /** Creates or replaces the given output sheets; never touches a sheet the product does not own. */
  applySheets(specs: readonly SheetSpec[], options?: ApplyOptions): Promise<void>;
}

/** What the task pane needs beyond the port: go to a cell, and write the cells the user asked to change. */
export interface InteractiveWorkbook extends WorkbookPort {
  /** Activates the sheet and selects the cell (A1 without the sheet; "" selects A1). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Shows a sheet (its own selection unchanged), e.g. the sheet an action has just written. */
  activateSheet(sheet: string): Promise<void>;
  /** Writes the given cells of input sheets, text as text, in one batch. */
  writeCells(edits: readonly CellEdit[]): Promise<void>;
  /** Adds sheets of the user's (not owned) at the end; refuses a name in use; touches no other sheet. */
  addSheets(sheets: readonly NewSheet[]): Promise<void>;
  /**
   * Calls back when someone else than this add-in changes the workbook (cells, sheets added or deleted), where the
   * host tells; resolves to the function that stops it (what it registered with the host is removed when its promise
   * settles), or null when the host cannot tell.
   */
  watchChanges?(listener: () => void): Promise<(() => Promise<void>) | null>;
  /** False when watchChanges misses a change the pane reads (a sheet renamed, before ExcelApi 1.17): the pane then also
   *  reads again when the planner comes back to it. True when absent. */
  tellsEveryChange?(): boolean;
}
