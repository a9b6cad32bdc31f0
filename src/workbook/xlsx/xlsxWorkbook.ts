/** The .xlsx adapter: ExcelJS in Node and the browser, implementing the workbook port. */
import ExcelJS from "exceljs";
import type { WorkbookGrids } from "../../engine/grid";
import type { ChartSpec, SheetSpec, SpecValue } from "../../engine/sheetSpec";
import type { ApplyOptions, WorkbookPort } from "../port";
import type { CellEdit } from "../../engine/settingsEdit";
import {
  EditedOutputError,
  assertNoUserSheetClash,
  META_SHEET,
  gridFingerprint,
  newestSummary,
  replacedBy,
  tabOrder,
  specFingerprint,
  type OwnedSheet,
} from "../ownership";
import { worksheetToGrid } from "./read";
import { anchorPrintArea, applySpec, setRowBreaks } from "./write";
import { addCharts, type SheetCharts } from "./charts";

/** The literal values and cached results of a worksheet's cells, by "row,col" (what chart caches show). */
function cellValuesOf(ws: ExcelJS.Worksheet): Map<string, SpecValue> {
  const m = new Map<string, SpecValue>();
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      const v = cell.value;
      const x = v && typeof v === "object" && "result" in v ? v.result : v;
      if (typeof x === "number" || typeof x === "string" || typeof x === "boolean") m.set(`${r},${c}`, x);
    }),
  );
  return m;
}

/** What ExcelJS loses on loading a file, recorded per owned sheet in the meta sheet. */
interface SheetExtras {
  readonly charts: readonly ChartSpec[];
  readonly rowBreaks: readonly number[];
}

/** An .xlsx workbook held in memory. */
export class XlsxWorkbook implements WorkbookPort {
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
    return { sheets: this.workbook.worksheets.filter((ws) => ws.name !== META_SHEET).map(worksheetToGrid) };
  }

  /** Owned sheets with their kind and fingerprint, from the hidden meta sheet. */
  owned(): OwnedSheet[] {
    const meta = this.workbook.getWorksheet(META_SHEET);
    if (!meta) return [];
    const out: OwnedSheet[] = [];
    meta.eachRow((row, n) => {
      if (n === 1) return;
      const [name, kind, fingerprint, period] = [1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? ""));
      if (name) out.push({ name, kind, fingerprint, period });
    });
    return out;
  }

  async ownedSheets(): Promise<string[]> {
    return this.owned().map((o) => o.name);
  }

  /** Owned sheets whose content no longer matches what the product wrote. */
  editedSheets(among: readonly OwnedSheet[] = this.owned()): string[] {
    return among
      .filter((o) => {
        const ws = this.workbook.getWorksheet(o.name);
        return ws !== undefined && gridFingerprint(worksheetToGrid(ws)) !== o.fingerprint;
      })
      .map((o) => o.name);
  }

  async applySheets(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    const owned = this.owned();
    assertNoUserSheetClash(
      this.workbook.worksheets.map((ws) => ws.name),
      owned,
      specs,
    );
    if (!options.force) {
      const edited = this.editedSheets(replacedBy(owned, specs));
      if (edited.length) throw new EditedOutputError(edited);
    }
    // Replace the owned sheets of the same name or kind (a stale summary of another quarter too); keep the rest.
    const replaced = replacedBy(owned, specs);
    for (const o of replaced) {
      const ws = this.workbook.getWorksheet(o.name);
      if (ws) this.workbook.removeWorksheet(ws.id);
    }
    const extras = this.extrasByName();
    for (const o of replaced) extras.delete(o.name);
    const oldMeta = this.workbook.getWorksheet(META_SHEET);
    if (oldMeta) this.workbook.removeWorksheet(oldMeta.id);
    const records: OwnedSheet[] = owned.filter((o) => !replaced.includes(o));
    for (const spec of specs) {
      const ws = this.workbook.addWorksheet(spec.name);
      applySpec(ws, spec);
      extras.set(spec.name, { charts: spec.charts ?? [], rowBreaks: spec.print?.rowBreaks ?? [] });
      records.push({
        name: spec.name,
        kind: spec.kind,
        fingerprint: specFingerprint(spec),
        period: spec.period ?? "",
      });
    }
    // Charts and page breaks are recorded with their sheet: ExcelJS keeps neither when it loads a file, and a later
    // write or a reload must keep them.
    const meta = this.workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
    meta.addRow(["sheet", "kind", "fingerprint", "period", "extras"]);
    for (const r of records) {
      const x = extras.get(r.name);
      meta.addRow([r.name, r.kind, r.fingerprint, r.period ?? "", x ? JSON.stringify(x) : ""]);
    }
    this.arrange(records);
  }

  /** Tabs in their stable order (inputs, outputs, summaries by period); the newest summary is the active tab. */
  private arrange(owned: readonly OwnedSheet[]): void {
    const sheets = this.workbook.worksheets;
    const order = tabOrder(
      sheets.map((ws) => ws.name).filter((n) => n !== META_SHEET),
      owned,
    );
    const byName = new Map(sheets.map((ws) => [ws.name, ws]));
    [...order, META_SHEET].forEach((n, i) => {
      const ws = byName.get(n);
      // ExcelJS writes sheets by orderNo, which its typings do not declare.
      if (ws) (ws as unknown as { orderNo: number }).orderNo = i;
    });
    const active = newestSummary(owned);
    if (!active) return;
    const index = order.indexOf(active);
    // Only the active tab is selected, or Excel opens with several tabs grouped.
    for (const ws of sheets) {
      const view = ws.views?.[0] ?? {};
      ws.views = [{ ...view, tabSelected: ws.name === active } as unknown as Partial<ExcelJS.WorksheetView>];
    }
    this.workbook.views = [
      { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: "visible" },
    ];
  }

  /** Charts and page breaks of the owned sheets, as recorded in the meta sheet. */
  private extrasByName(): Map<string, SheetExtras> {
    const out = new Map<string, SheetExtras>();
    const meta = this.workbook.getWorksheet(META_SHEET);
    meta?.eachRow((row, n) => {
      if (n === 1) return;
      const name = String(row.getCell(1).value ?? "");
      const json = String(row.getCell(5).value ?? "");
      if (!name || !json.startsWith("{")) return;
      try {
        const x = JSON.parse(json) as Partial<SheetExtras>;
        out.set(name, { charts: x.charts ?? [], rowBreaks: x.rowBreaks ?? [] });
      } catch {
        // A meta sheet edited by hand: the sheet keeps its cells, its charts are not redrawn.
      }
    });
    return out;
  }

  /** Writes cells of input sheets; strings are stored as text, never as formulas. */
  writeCells(edits: readonly CellEdit[]): void {
    for (const e of edits) {
      const ws = this.workbook.getWorksheet(e.sheet);
      if (!ws) throw new Error(`no sheet ${e.sheet}`);
      ws.getCell(e.cell).value = e.value;
    }
  }

  /** The .xlsx bytes, with the owned sheets' charts added as native DrawingML parts. */
  async save(): Promise<Uint8Array> {
    for (const ws of this.workbook.worksheets) anchorPrintArea(ws);
    for (const [name, x] of this.extrasByName()) {
      const ws = this.workbook.getWorksheet(name);
      if (ws) setRowBreaks(ws, x.rowBreaks);
    }
    const buf = new Uint8Array(await this.workbook.xlsx.writeBuffer());
    const sheets: SheetCharts[] = [];
    for (const [name, x] of this.extrasByName()) {
      const ws = this.workbook.getWorksheet(name);
      if (ws && x.charts.length) sheets.push({ name, charts: x.charts, values: cellValuesOf(ws) });
    }
    return sheets.length ? addCharts(buf, sheets) : buf;
  }
}
