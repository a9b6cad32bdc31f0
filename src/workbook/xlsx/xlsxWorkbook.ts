/** The .xlsx adapter: ExcelJS in Node and the browser, implementing the workbook port. */
import ExcelJS from "exceljs";
import type { WorkbookGrids } from "../../engine/grid";
import type { SheetSpec } from "../../engine/sheetSpec";
import type { ApplyOptions, WorkbookPort } from "../port";
import type { CellEdit } from "../../engine/settingsEdit";
import {
  EditedOutputError,
  assertNoUserSheetClash,
  META_SHEET,
  gridFingerprint,
  replacedBy,
  specFingerprint,
  type OwnedSheet,
} from "../ownership";
import { worksheetToGrid } from "./read";
import { NO_TICK, type Tick } from "../yielder";
import { applySpec } from "./write";
import { addCharts } from "./charts";

/** An .xlsx workbook held in memory. */
export class XlsxWorkbook implements WorkbookPort {
  private readonly charts = new Map<string, SheetSpec>();
  /** Awaited between rows of long reads and writes; a page sets a cooperative one to stay responsive. */
  tick: Tick = NO_TICK;

  private constructor(readonly workbook: ExcelJS.Workbook) {}

  /** Loads a workbook from the bytes of an .xlsx file. */
  static async load(data: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return new XlsxWorkbook(wb);
  }

  /** Wraps a workbook built in memory (the template writer). */
  static of(wb: ExcelJS.Workbook): XlsxWorkbook {
    return new XlsxWorkbook(wb);
  }

  async readGrids(): Promise<WorkbookGrids> {
    const sheets = [];
    for (const ws of this.workbook.worksheets)
      if (ws.name !== META_SHEET) sheets.push(await worksheetToGrid(ws, this.tick));
    return { sheets };
  }

  /** Owned sheets with their kind and fingerprint, from the hidden meta sheet. */
  owned(): OwnedSheet[] {
    const meta = this.workbook.getWorksheet(META_SHEET);
    if (!meta) return [];
    const out: OwnedSheet[] = [];
    meta.eachRow((row, n) => {
      if (n === 1) return;
      const [name, kind, fingerprint] = [1, 2, 3].map((c) => String(row.getCell(c).value ?? ""));
      if (name) out.push({ name, kind, fingerprint });
    });
    return out;
  }

  async ownedSheets(): Promise<string[]> {
    return this.owned().map((o) => o.name);
  }

  /** Owned sheets whose content no longer matches what the product wrote. */
  async editedSheets(among: readonly OwnedSheet[] = this.owned()): Promise<string[]> {
    const edited: string[] = [];
    for (const o of among) {
      const ws = this.workbook.getWorksheet(o.name);
      if (ws && gridFingerprint(await worksheetToGrid(ws, this.tick)) !== o.fingerprint) edited.push(o.name);
    }
    return edited;
  }

  async applySheets(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    const owned = this.owned();
    assertNoUserSheetClash(
      this.workbook.worksheets.map((ws) => ws.name),
      owned,
      specs,
    );
    if (!options.force) {
      const edited = await this.editedSheets(replacedBy(owned, specs));
      if (edited.length) throw new EditedOutputError(edited);
    }
    // Replace the owned sheets of the same name or kind (a stale summary of another quarter too); keep the rest.
    const replaced = replacedBy(owned, specs);
    for (const o of replaced) {
      const ws = this.workbook.getWorksheet(o.name);
      if (ws) this.workbook.removeWorksheet(ws.id);
    }
    const oldMeta = this.workbook.getWorksheet(META_SHEET);
    if (oldMeta) this.workbook.removeWorksheet(oldMeta.id);
    this.charts.clear();
    const records: OwnedSheet[] = owned.filter((o) => !replaced.includes(o));
    for (const spec of specs) {
      const ws = this.workbook.addWorksheet(spec.name);
      await applySpec(ws, spec, this.tick);
      if (spec.charts?.length) this.charts.set(spec.name, spec);
      records.push({ name: spec.name, kind: spec.kind, fingerprint: specFingerprint(spec) });
    }
    const meta = this.workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
    meta.addRow(["sheet", "kind", "fingerprint"]);
    for (const r of records) meta.addRow([r.name, r.kind, r.fingerprint]);
  }

  /** Writes cells of input sheets; strings are stored as text, never as formulas. */
  writeCells(edits: readonly CellEdit[]): void {
    for (const e of edits) {
      const ws = this.workbook.getWorksheet(e.sheet);
      if (!ws) throw new Error(`no sheet ${e.sheet}`);
      ws.getCell(e.cell).value = e.value;
    }
  }

  /** The .xlsx bytes, with the summary's charts added as native DrawingML parts. */
  async save(): Promise<Uint8Array> {
    const buf = new Uint8Array(await this.workbook.xlsx.writeBuffer());
    const sheetOrder = this.workbook.worksheets.map((ws) => ws.name);
    return this.charts.size ? addCharts(buf, sheetOrder, [...this.charts.values()]) : buf;
  }
}
