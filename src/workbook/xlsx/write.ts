/** Applying a declarative SheetSpec to an ExcelJS worksheet. */
import type ExcelJS from "exceljs";
import type { CellStyle, ConditionalFormatSpec, SheetSpec, SpecCell } from "../../engine/sheetSpec";
import { parseA1 } from "../../engine/grid";
import { NO_TICK, type Tick } from "../yielder";

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  if (s.bold || s.italic || s.fontSize || s.fontColor)
    cell.font = {
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.fontSize ? { size: s.fontSize } : {}),
      ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}),
    };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.horizontal || s.wrap)
    cell.alignment = {
      ...(s.horizontal ? { horizontal: s.horizontal } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
      vertical: "middle",
    };
  if (s.border) {
    const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

/**
 * Functions newer than Excel 2007 are stored in the file with the "_xlfn." prefix (ECMA-376 / MS-XLSX); without
 * it Excel shows #NAME? and LibreOffice an error. The engine's formulas are written as typed, so the prefix is
 * added here and taken off again when reading (read.ts).
 */
const FUTURE_FUNCTIONS = /\b(NORM\.S\.DIST)\(/g;

/** A formula as it is stored in an .xlsx file (without the leading "="). */
export function fileFormula(formula: string): string {
  return formula.replace(/^=/, "").replace(FUTURE_FUNCTIONS, "_xlfn.$1(");
}

/** Writes one spec cell: a formula with its cached result, or a literal (text always stays text). */
export function writeCell(cell: ExcelJS.Cell, c: SpecCell): void {
  if (c.formula) {
    const result = c.value === null || c.value === undefined ? undefined : c.value;
    cell.value = {
      formula: fileFormula(c.formula),
      ...(result !== undefined ? { result } : {}),
    } as ExcelJS.CellFormulaValue;
  } else if (c.value !== undefined) {
    cell.value = c.value;
  }
  if (c.numberFormat) cell.numFmt = c.numberFormat;
  if (c.style) applyStyle(cell, c.style);
}

function conditional(cf: ConditionalFormatSpec, priority: number): ExcelJS.ConditionalFormattingOptions {
  const fill = (rgb: string, font?: string): Partial<ExcelJS.Style> => ({
    fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rgb) } },
    ...(font ? { font: { color: { argb: argb(font) } } } : {}),
  });
  switch (cf.type) {
    case "cellIs":
      return {
        ref: cf.range,
        rules: [
          {
            type: "cellIs",
            priority,
            operator: cf.operator as ExcelJS.CellIsOperators,
            formulae: [...cf.operands],
            style: fill(cf.fill, cf.fontColor),
          },
        ],
      };
    case "textEquals": {
      const first = cf.range.split(":")[0].replace(/\$/g, "");
      const text = cf.text.replace(/"/g, '""');
      return {
        ref: cf.range,
        rules: [
          {
            type: "expression",
            priority,
            formulae: [`${first}="${text}"`],
            style: fill(cf.fill, cf.fontColor),
          },
        ],
      };
    }
    case "dataBar":
      return {
        ref: cf.range,
        rules: [
          {
            type: "dataBar",
            priority,
            cfvo: [{ type: "min" }, { type: "max" }],
            color: { argb: argb(cf.color) },
          } as unknown as ExcelJS.DataBarRuleType,
        ],
      };
    case "colorScale":
      return {
        ref: cf.range,
        rules: [
          {
            type: "colorScale",
            priority,
            cfvo:
              cf.colors.length === 3
                ? [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }]
                : [{ type: "min" }, { type: "max" }],
            color: cf.colors.map((c) => ({ argb: argb(c) })),
          },
        ],
      };
  }
}

/**
 * Fills a (new, empty) worksheet from a spec; charts are added to the package afterwards (see charts.ts).
 * `tick` is awaited after each row, so a page writing a large sheet can stay responsive.
 */
export async function applySpec(ws: ExcelJS.Worksheet, spec: SheetSpec, tick: Tick = NO_TICK): Promise<void> {
  for (const b of spec.blocks) {
    for (let i = 0; i < b.cells.length; i++) {
      const r = ws.getRow(b.row + i);
      b.cells[i].forEach((c, j) => writeCell(r.getCell(b.col + j), c));
      await tick();
    }
  }
  for (const m of spec.merges ?? []) ws.mergeCells(m);
  for (const w of spec.columnWidths ?? []) ws.getColumn(w.col).width = w.width;
  if (spec.freeze) ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }];
  for (const t of spec.tables ?? []) {
    // An Excel table over cells already written: ExcelJS wants the header names and the rows' values again.
    const [from, to] = t.range.split(":").map((x) => parseA1(x));
    if (!from || !to || to.row <= from.row) continue;
    const width = to.col - from.col + 1;
    const header = Array.from({ length: width }, (_, j) =>
      String(ws.getCell(from.row, from.col + j).value ?? `#${j + 1}`),
    );
    const rows: ExcelJS.CellValue[][] = [];
    for (let i = 0; i < to.row - from.row; i++) {
      rows.push(Array.from({ length: width }, (_, j) => ws.getCell(from.row + 1 + i, from.col + j).value));
      await tick();
    }
    ws.addTable({
      name: t.name,
      ref: t.range.split(":")[0],
      headerRow: true,
      style: {
        theme: (t.style as ExcelJS.TableStyleProperties["theme"]) ?? "TableStyleLight9",
        showRowStripes: true,
      },
      columns: header.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
  let priority = 1;
  for (const cf of spec.conditionalFormats ?? []) ws.addConditionalFormatting(conditional(cf, priority++));
  if (spec.print)
    ws.pageSetup = {
      orientation: spec.print.orientation,
      paperSize: 9,
      fitToPage: true,
      fitToWidth: spec.print.fitToWidth,
      fitToHeight: 0,
      ...(spec.print.titleRows ? { printTitlesRow: spec.print.titleRows } : {}),
    };
  if (spec.tabColor) ws.properties.tabColor = { argb: argb(spec.tabColor) };
}
