/** The preview's workbook: an .xlsx file held in the page, with the selection the pane asks for. */
import type { WorkbookGrids } from "../engine/grid";
import type { SheetSpec } from "../engine/sheetSpec";
import type { CellEdit } from "../engine/settingsEdit";
import type { ApplyOptions, InteractiveWorkbook } from "../workbook/port";
import type { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import type { CellValue } from "../engine/grid";
import { readCell } from "../workbook/xlsx/read";
import { cooperative } from "../workbook/yielder";

/** Rows of one sheet as the grid shows them: a window, not the whole sheet. */
export interface SheetWindow {
  readonly sheet: string;
  /** Rows and columns in use on the sheet. */
  readonly rows: number;
  readonly cols: number;
  readonly first: number;
  readonly values: readonly (readonly CellValue[])[];
}

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
    // Reading and writing a large workbook hand control back to the page every 40 ms.
    xlsx.tick = cooperative(40);
  }

  /** The sheets a user sees (the product's very hidden bookkeeping sheet left out). */
  sheetNames(): string[] {
    return this.xlsx.workbook.worksheets.filter((ws) => ws.state !== "veryHidden").map((ws) => ws.name);
  }

  /** `count` rows from `first` of a sheet, at most `maxCols` columns: what the grid draws, read cheaply. */
  readWindow(sheet: string, first: number, count: number, maxCols: number): SheetWindow | null {
    const ws = this.xlsx.workbook.getWorksheet(sheet);
    if (!ws) return null;
    const rows = ws.actualRowCount === 0 ? 0 : ws.rowCount;
    const cols = Math.min(maxCols, ws.columnCount);
    const values: CellValue[][] = [];
    for (let r = first; r <= Math.min(rows, first + count - 1); r++) {
      const row = ws.getRow(r);
      values.push(
        Array.from({ length: cols }, (_, i) => {
          const cell = row.getCell(i + 1);
          return cell.isMerged && cell.master !== cell ? null : readCell(cell.value).value;
        }),
      );
    }
    return { sheet, rows, cols, first, values };
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

  readGrids(): Promise<WorkbookGrids> {
    return this.xlsx.readGrids();
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

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.selection = { sheet, cell: cell || "A1" };
    this.active = sheet;
    this.changed(false);
  }

  async activateSheet(sheet: string): Promise<void> {
    if (!this.xlsx.workbook.getWorksheet(sheet)) throw new Error(`The workbook has no sheet "${sheet}".`);
    this.active = sheet;
    this.changed(false);
  }
}
