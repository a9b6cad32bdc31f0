/**
 * The Office.js adapter: reads all sheets in two syncs and writes each output sheet as whole 2-D arrays,
 * under a temporary name that is swapped in only when everything was written (no half-written output).
 * Sync budget (docs/architecture.md): read = 2; apply = 3 + one per extra 5 MB chunk.
 */
import type { CellValue, Grid, WorkbookGrids } from "../../engine/grid";
import { a1, columnLetter, isPercentFormat } from "../../engine/grid";
import type { SheetSpec, SpecCell } from "../../engine/sheetSpec";
import type { ApplyOptions, InteractiveWorkbook } from "../port";
import type { CellEdit } from "../../engine/settingsEdit";
import { OPTIONAL, type SupportsSet } from "./requirements";
import {
  EditedOutputError,
  assertNoUserSheetClash,
  META_SHEET,
  gridFingerprint,
  replacedBy,
  specFingerprint,
  type OwnedSheet,
} from "../ownership";

/** Runs a batch against the workbook: Excel.run in Excel, a fake host in tests. */
export type ExcelRunner = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel on the web refuses requests over 5 MB; chunks stay well under it. */
export const PAYLOAD_LIMIT = 4 * 1024 * 1024;

const ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

function cellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" && ERRORS.has(v)) return { error: v };
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/** The text Excel keeps as text when written through `formulas` (a leading apostrophe where it could become a formula). */
export function literalFor(v: SpecCell["value"]): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" && (/^[=+\-@']/.test(v) || /^\s*[\d.,]+%?\s*$/.test(v))) return `'${v}`;
  return v;
}

function blockPayload(b: SheetSpec["blocks"][number]): {
  formulas: (string | number | boolean)[][];
  formats: string[][];
} {
  return {
    formulas: b.cells.map((row) => row.map((c) => (c.formula ? c.formula : literalFor(c.value)))),
    formats: b.cells.map((row) => row.map((c) => c.numberFormat ?? "General")),
  };
}

/** Splits a block into row chunks whose JSON payload stays under the limit. */
export function chunkRows(
  block: SheetSpec["blocks"][number],
  limit = PAYLOAD_LIMIT,
): SheetSpec["blocks"][number][] {
  const size = JSON.stringify(blockPayload(block)).length;
  if (size <= limit || block.cells.length <= 1) return [block];
  const parts = Math.ceil(size / limit);
  const per = Math.ceil(block.cells.length / parts);
  const out = [];
  for (let i = 0; i < block.cells.length; i += per)
    out.push({ row: block.row + i, col: block.col, cells: block.cells.slice(i, i + per) });
  return out;
}

const rgb = (hex: string) => `#${hex}`;

export class OfficeWorkbook implements InteractiveWorkbook {
  /** Syncs made so far (for the documented budget and its tests). */
  syncs = 0;
  /** Of those, the extra syncs made only to keep requests under the payload limit. */
  chunkSyncs = 0;

  constructor(
    private readonly run: ExcelRunner,
    private readonly supports: SupportsSet = () => true,
  ) {}

  private async sync(ctx: Excel.RequestContext): Promise<void> {
    this.syncs++;
    await ctx.sync();
  }

  async readGrids(): Promise<WorkbookGrids> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await this.sync(ctx);
      const visible = sheets.items.filter((ws) => ws.name !== META_SHEET);
      const ranges = visible.map((ws) => {
        const r = ws.getUsedRangeOrNullObject(true);
        r.load(["values", "formulas", "numberFormat", "rowIndex", "columnIndex"]);
        return r;
      });
      await this.sync(ctx);
      const grids: Grid[] = visible.map((ws, i) => {
        const r = ranges[i];
        if (r.isNullObject) return { sheet: ws.name, originRow: 1, originCol: 1, values: [] };
        const values = r.values.map((row) => row.map(cellValue));
        const formulas = r.formulas.map((row) =>
          row.map((f) => (typeof f === "string" && f.startsWith("=") ? f : null)),
        );
        // Only percent formats matter to the engine (a 1.2 that Excel shows as 120%).
        const pct = r.numberFormat.map((row) => row.map((f) => (isPercentFormat(f) ? String(f) : null)));
        const formats = pct.some((row) => row.some((f) => f !== null)) ? { formats: pct } : {};
        return {
          sheet: ws.name,
          originRow: r.rowIndex + 1,
          originCol: r.columnIndex + 1,
          values,
          formulas,
          ...formats,
        };
      });
      return { sheets: grids };
    });
  }

  private async loadOwned(ctx: Excel.RequestContext): Promise<{ owned: OwnedSheet[]; names: string[] }> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    const meta = sheets.getItemOrNullObject(META_SHEET);
    const used = meta.getUsedRangeOrNullObject(true);
    used.load("values");
    await this.sync(ctx);
    const owned: OwnedSheet[] = [];
    if (!used.isNullObject)
      for (const [name, kind, fingerprint, period] of used.values.slice(1))
        if (name)
          owned.push({
            name: String(name),
            kind: String(kind),
            fingerprint: String(fingerprint),
            period: String(period ?? ""),
          });
    return { owned, names: sheets.items.map((s) => s.name) };
  }

  async ownedSheets(): Promise<string[]> {
    return this.run(async (ctx) => (await this.loadOwned(ctx)).owned.map((o) => o.name));
  }

  async applySheets(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    await this.run(async (ctx) => {
      const { owned, names } = await this.loadOwned(ctx);
      assertNoUserSheetClash(names, owned, specs);
      if (!options.force && owned.length) {
        // Compare what is there now with what the product wrote (one more sync, only when there is something to compare).
        const present = replacedBy(owned, specs).filter((o) => names.includes(o.name));
        const ranges = present.map((o) => {
          const r = ctx.workbook.worksheets.getItem(o.name).getUsedRangeOrNullObject(true);
          r.load(["values", "formulas", "rowIndex", "columnIndex"]);
          return r;
        });
        await this.sync(ctx);
        const edited = present.filter((o, i) => {
          const r = ranges[i];
          if (r.isNullObject)
            return (
              o.fingerprint !== gridFingerprint({ sheet: o.name, originRow: 1, originCol: 1, values: [] })
            );
          const grid: Grid = {
            sheet: o.name,
            originRow: r.rowIndex + 1,
            originCol: r.columnIndex + 1,
            values: r.values.map((row) => row.map(cellValue)),
            formulas: r.formulas.map((row) =>
              row.map((f) => (typeof f === "string" && f.startsWith("=") ? f : null)),
            ),
          };
          return gridFingerprint(grid) !== o.fingerprint;
        });
        if (edited.length) throw new EditedOutputError(edited.map((o) => o.name));
      }
      for (const spec of specs)
        if (!spec.name || spec.name.length > 31 || /[[\]:*?/\\]/.test(spec.name))
          throw new Error(`invalid sheet name "${spec.name}"`);
      const temps: Excel.Worksheet[] = [];
      const tempName = (k: number) => `ictplan_tmp_${k}`;
      try {
        ctx.workbook.application.suspendApiCalculationUntilNextSync();
        let pending = 0;
        for (const [k, spec] of specs.entries()) {
          const sheet = ctx.workbook.worksheets.add(tempName(k));
          temps.push(sheet);
          for (const block of spec.blocks)
            for (const part of chunkRows(block)) {
              const { formulas, formats } = blockPayload(part);
              const bytes = JSON.stringify(formulas).length + JSON.stringify(formats).length;
              if (pending > 0 && pending + bytes > PAYLOAD_LIMIT) {
                // Excel on the web caps a request at 5 MB: send what is queued first.
                await this.sync(ctx);
                this.chunkSyncs++;
                pending = 0;
              }
              pending += bytes;
              const width = Math.max(...part.cells.map((r) => r.length));
              const pad = <T>(rows: T[][], fill: T) =>
                rows.map((r) => [...r, ...Array<T>(width - r.length).fill(fill)]);
              const range = sheet.getRangeByIndexes(part.row - 1, part.col - 1, part.cells.length, width);
              range.numberFormat = pad(formats, "General");
              range.formulas = pad(formulas, "");
              this.styleCells(sheet, part);
            }
          this.decorate(sheet, spec);
        }
        await this.sync(ctx);
      } catch (e) {
        // Leave nothing half-written: drop the temporary sheets, keep the old output as it was.
        for (let k = 0; k < specs.length; k++)
          ctx.workbook.worksheets.getItemOrNullObject(tempName(k)).delete();
        await ctx.sync().catch(() => undefined);
        throw e;
      }
      // Everything is written: swap the new sheets in.
      const replaced = replacedBy(owned, specs);
      for (const o of replaced) if (names.includes(o.name)) ctx.workbook.worksheets.getItem(o.name).delete();
      ctx.workbook.worksheets.getItemOrNullObject(META_SHEET).delete();
      specs.forEach((spec, k) => (temps[k].name = spec.name));
      const meta = ctx.workbook.worksheets.add(META_SHEET);
      // The owned sheets this write leaves in place stay listed (a compute keeps the summaries of every period).
      const rows = [
        ["sheet", "kind", "fingerprint", "period"],
        ...owned
          .filter((o) => !replaced.includes(o))
          .map((o) => [o.name, o.kind, o.fingerprint, o.period ?? ""]),
        ...specs.map((s) => [s.name, s.kind, specFingerprint(s), s.period ?? ""]),
      ];
      meta.getRange(`A1:D${rows.length}`).values = rows;
      meta.visibility = Excel.SheetVisibility.veryHidden;
      await this.sync(ctx);
    });
  }

  private styleCells(sheet: Excel.Worksheet, part: SheetSpec["blocks"][number]): void {
    part.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!c.style) return;
        const cell = sheet.getCell(part.row - 1 + i, part.col - 1 + j);
        const s = c.style;
        if (s.bold) cell.format.font.bold = true;
        if (s.italic) cell.format.font.italic = true;
        if (s.fontSize) cell.format.font.size = s.fontSize;
        if (s.fontName) cell.format.font.name = s.fontName;
        if (s.fontColor) cell.format.font.color = rgb(s.fontColor);
        if (s.fill) cell.format.fill.color = rgb(s.fill);
        if (s.wrap) cell.format.wrapText = true;
        if (s.horizontal)
          cell.format.horizontalAlignment =
            s.horizontal === "left" ? "Left" : s.horizontal === "right" ? "Right" : "Center";
      }),
    );
  }

  private decorate(sheet: Excel.Worksheet, spec: SheetSpec): void {
    for (const m of spec.merges ?? []) sheet.getRange(m).merge(false);
    for (const w of spec.columnWidths ?? [])
      sheet.getRange(`${columnLetter(w.col)}:${columnLetter(w.col)}`).format.columnWidth = w.width * 6;
    if (spec.freeze) {
      if (spec.freeze.rows && spec.freeze.cols)
        sheet.freezePanes.freezeAt(sheet.getRange(`A1:${a1(spec.freeze.rows, spec.freeze.cols)}`));
      else if (spec.freeze.rows) sheet.freezePanes.freezeRows(spec.freeze.rows);
    }
    for (const cf of spec.conditionalFormats ?? []) {
      const range = sheet.getRange(cf.range);
      if (cf.type === "textEquals") {
        const f = range.conditionalFormats.add(Excel.ConditionalFormatType.containsText);
        f.textComparison.format.fill.color = rgb(cf.fill);
        if (cf.fontColor) f.textComparison.format.font.color = rgb(cf.fontColor);
        f.textComparison.rule = { operator: Excel.ConditionalTextOperator.contains, text: cf.text };
      } else if (cf.type === "dataBar") {
        const f = range.conditionalFormats.add(Excel.ConditionalFormatType.dataBar);
        f.dataBar.positiveFormat.fillColor = rgb(cf.color);
      } else if (cf.type === "cellIs") {
        const f = range.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        f.cellValue.format.fill.color = rgb(cf.fill);
        f.cellValue.rule = {
          formula1: cf.operands[0],
          ...(cf.operands[1] ? { formula2: cf.operands[1] } : {}),
          operator:
            cf.operator === "between"
              ? "Between"
              : cf.operator === "equal"
                ? "EqualTo"
                : cf.operator === "lessThan"
                  ? "LessThan"
                  : "GreaterThanOrEqual",
        };
      }
    }
    for (const c of spec.charts ?? []) {
      const type =
        c.type === "pie"
          ? Excel.ChartType.pie
          : c.type === "bar"
            ? Excel.ChartType.barClustered
            : Excel.ChartType.columnClustered;
      const chart = sheet.charts.add(type, sheet.getRange(c.series[0].values), Excel.ChartSeriesBy.auto);
      chart.title.text = c.title;
      chart.setPosition(a1(c.anchor.fromRow, c.anchor.fromCol), a1(c.anchor.toRow, c.anchor.toCol));
      const s = chart.series.getItemAt(0);
      s.name = c.series[0].name;
      s.setXAxisValues(sheet.getRange(c.categories));
      for (const more of c.series.slice(1)) {
        const add = chart.series.add(more.name);
        add.setValues(sheet.getRange(more.values));
        add.setXAxisValues(sheet.getRange(c.categories));
      }
    }
    if (spec.print && this.supports(OPTIONAL.printLayout.set, OPTIONAL.printLayout.version)) {
      sheet.pageLayout.orientation =
        spec.print.orientation === "landscape"
          ? Excel.PageOrientation.landscape
          : Excel.PageOrientation.portrait;
      sheet.pageLayout.paperSize = Excel.PaperType.a4;
      // A sheet laid out with its own page breaks prints at 100% (fitting to pages would ignore them).
      sheet.pageLayout.zoom =
        spec.print.fitToWidth > 0
          ? { horizontalFitToPages: spec.print.fitToWidth, verticalFitToPages: 0 }
          : { scale: 100 };
      if (spec.print.titleRows)
        sheet.pageLayout.setPrintTitleRows(spec.print.titleRows.replace(/(\d+)/g, "$$$1"));
    }
    if (spec.tabColor) sheet.tabColor = rgb(spec.tabColor);
  }

  /** Activates a sheet and selects one of its cells (navigation from a finding). */
  async selectCell(sheet: string, address: string): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address || "A1").select();
      await this.sync(ctx);
    });
  }

  async writeCells(edits: readonly CellEdit[]): Promise<void> {
    if (!edits.length) return;
    await this.run(async (ctx) => {
      for (const e of edits)
        ctx.workbook.worksheets.getItem(e.sheet).getRange(e.cell).formulas = [[literalFor(e.value)]];
      await this.sync(ctx);
    });
  }
}
