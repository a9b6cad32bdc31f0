/** Reading an ExcelJS worksheet into the engine's grids: values, formulas with cached results, errors, merges. */
import type ExcelJS from "exceljs";
import type { CellValue, Grid } from "../../engine/grid";
import { NO_TICK, type Tick } from "../yielder";

type Raw = ExcelJS.CellValue;

function isObject(v: Raw): v is Exclude<Raw, null | undefined | string | number | boolean | Date> {
  return typeof v === "object" && v !== null && !(v instanceof Date);
}

/** One cell as the engine sees it, and its formula text ("=…") if it holds one. */
export function readCell(raw: Raw): { value: CellValue; formula: string | null } {
  if (raw === null || raw === undefined) return { value: null, formula: null };
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean" || raw instanceof Date)
    return { value: typeof raw === "number" && !Number.isFinite(raw) ? null : raw, formula: null };
  if (isObject(raw)) {
    if ("error" in raw) return { value: { error: String(raw.error) }, formula: null };
    if ("richText" in raw) return { value: raw.richText.map((r) => r.text).join(""), formula: null };
    if ("formula" in raw || "sharedFormula" in raw) {
      const f = "formula" in raw && raw.formula ? raw.formula : "";
      const res = (raw as { result?: Raw }).result;
      const inner = res === undefined ? { value: null } : readCell(res);
      // Formulas read as typed in Excel: without the file format's "_xlfn." prefix (see write.ts).
      return { value: inner.value, formula: f ? `=${f.replace(/_xlfn\./g, "")}` : null };
    }
    if ("text" in raw) return { value: String((raw as { text: unknown }).text), formula: null };
  }
  return { value: String(raw), formula: null };
}

/** The whole used area of a worksheet as a grid with origin A1; `tick` is awaited after each row. */
export async function worksheetToGrid(ws: ExcelJS.Worksheet, tick: Tick = NO_TICK): Promise<Grid> {
  const rows = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  const cols = ws.columnCount;
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      // Merged cells other than the master read as the master's value in ExcelJS; keep them blank as Excel does.
      const raw = cell.isMerged && cell.master !== cell ? null : cell.value;
      const { value, formula } = readCell(raw);
      vr.push(value);
      fr.push(formula);
      if (formula) anyFormula = true;
    }
    values.push(vr);
    formulas.push(fr);
    await tick();
  }
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  return { sheet: ws.name, originRow: 1, originCol: 1, values, ...(anyFormula ? { formulas } : {}), merges };
}
