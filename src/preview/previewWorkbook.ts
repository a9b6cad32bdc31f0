/** The preview's workbook: an .xlsx file held in the page, with the selection the pane asks for. */
import type { WorkbookGrids } from "../engine/grid";
import type { SheetSpec } from "../engine/sheetSpec";
import type { CellEdit } from "../engine/settingsEdit";
import type { ApplyOptions, InteractiveWorkbook } from "../workbook/port";
import type { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import { timeSlices } from "../workbook/slices";
import { WorkbookProblem } from "../workbook/xlsx/problems";
import { SheetGoneError } from "../workbook/office/sheetErrors";
import type { NewSheet } from "../workbook/inputSheet";

/** The longest the page's thread works on the workbook before it takes a click or paints. */
const SLICE_MS = 30;

export interface Selection {
  readonly sheet: string;
  readonly cell: string;
}

/** Wraps the .xlsx adapter; tells the grid view when content or selection changes. */
export class PreviewWorkbook implements InteractiveWorkbook {
  /** Bumped on every change of content, so views re-read only when needed. */
  revision = 0;
  selection: Selection | null = null;
  /** The sheet shown in the grid, as Excel's active sheet. */
  active: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly xlsx: XlsxWorkbook,
    readonly fileName: string,
  ) {
    // Reads and writes of a large plan give the page's thread back every few tens of milliseconds.
    xlsx.slices = timeSlices(SLICE_MS);
  }

  /** Calls back on every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(content: boolean): void {
    if (content) this.revision++;
    for (const l of this.listeners) l();
  }

  async readGrids(): Promise<WorkbookGrids> {
    try {
      return await this.xlsx.readGrids();
    } catch (e) {
      // The pane's message names the file, as the CLI's does.
      throw e instanceof WorkbookProblem
        ? new WorkbookProblem(e.reason, { ...e.params, file: this.fileName })
        : e;
    }
  }

  ownedSheets(): Promise<string[]> {
    return this.xlsx.ownedSheets();
  }

  async applySheets(specs: readonly SheetSpec[], options?: ApplyOptions): Promise<void> {
    await this.xlsx.applySheets(specs, options);
    this.changed(true);
  }

  async writeCells(edits: readonly CellEdit[]): Promise<void> {
    this.xlsx.writeCells(edits);
    this.changed(true);
  }

  async addSheets(sheets: readonly NewSheet[]): Promise<void> {
    await this.xlsx.addSheets(sheets);
    this.changed(true);
  }

  /** Only the pane changes this workbook (the grid is read-only), and it reads the workbook after each change it makes:
   *  there is never a change of someone else's to tell, so the pane need not read again when it gets focus. */
  async watchChanges(): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.selection = { sheet, cell: cell || "A1" };
    this.active = sheet;
    this.changed(false);
  }

  async activateSheet(sheet: string): Promise<void> {
    if (!(await this.xlsx.sheetNames()).includes(sheet)) throw new SheetGoneError(sheet);
    this.active = sheet;
    this.changed(false);
  }
}
