/**
 * The planner's data validation over output sheets a write replaces (a drop-down of the unit names on Xếp hạng). Its
 * formulas are bound to their sheets as a cell's are: deleting the old output leaves #REF! in them. The adapter finds the
 * planner's validated cells (Range.getSpecialCellsOrNullObject("DataValidations"), ExcelApi 1.9), reads each column of
 * them (Range.dataValidation, ExcelApi 1.8) with the cells' first request, and enters again in the swap those whose
 * formulas name a replaced sheet. See docs/decisions.md, "The planner's data validation over outputs".
 */
import { a1, parseA1 } from "../../engine/grid";

/** A validated range of the planner's whose rule names a replaced sheet: entered again in the swap. */
export interface ValidationReentry {
  readonly sheet: string;
  /** A1 address on that sheet (one column of a validated area). */
  readonly address: string;
  /** The rule as read, of its one kind of criteria: entered again when a swap is undone. */
  readonly rule: Excel.DataValidationRule;
  /** The same naming each replaced sheet by its successor's name: what the swap enters. */
  readonly after: Excel.DataValidationRule;
  readonly ignoreBlanks: boolean;
  readonly prompt: Excel.DataValidationPrompt;
  readonly errorAlert: Excel.DataValidationErrorAlert;
}

/** The member of Excel.DataValidationRule each Excel.DataValidationType reads from; none for None, Inconsistent, … */
const KINDS: Record<string, keyof Excel.DataValidationRule> = {
  WholeNumber: "wholeNumber",
  Decimal: "decimal",
  List: "list",
  Date: "date",
  Time: "time",
  TextLength: "textLength",
  Custom: "custom",
};

/** A copy of a plain value with each string in it that is a formula ("=…") mapped. */
function mapFormulas<T>(v: T, f: (formula: string) => string): T {
  if (typeof v === "string") return (v.startsWith("=") ? f(v) : v) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => mapFormulas(x, f)) as T;
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapFormulas(x, f)])) as T;
  return v;
}

/** The formulas of a rule ("=…" strings: a list's source, formula1, formula2, a custom formula). */
export function ruleFormulas(rule: unknown): string[] {
  const out: string[] = [];
  mapFormulas(rule, (f) => {
    out.push(f);
    return f;
  });
  return out;
}

/**
 * A range's rule reduced to its one kind of criteria (DataValidationRule: "Only one of these properties can be set at a
 * time"), with its formulas retargeted; null where the range has no single rule ("None", "Inconsistent": rules that
 * differ cell to cell are not told).
 */
export function ruleOf(
  dv: Excel.DataValidation,
  retarget: (formula: string) => string = (f) => f,
): Excel.DataValidationRule | null {
  const kind = KINDS[String(dv.type)];
  return kind ? mapFormulas({ [kind]: dv.rule[kind] }, retarget) : null;
}

/** The columns of A1 blocks ("B5:C35" → "B5:B35", "C5:C35"): one rule each, as a planner sets one per column. */
export function columnBlocks(blocks: readonly string[]): string[] {
  return blocks.flatMap((b) => {
    const [from, to = from] = b.split(":").map((x) => parseA1(x));
    if (!from || !to) return [];
    return Array.from({ length: to.col - from.col + 1 }, (_, k) => {
      const top = a1(from.row, from.col + k);
      return from.row === to.row ? top : `${top}:${a1(to.row, from.col + k)}`;
    });
  });
}

/** How many cells a one-column A1 block has ("F2:F4": 3). */
export function blockSize(block: string): number {
  const [from, to = from] = block.split(":").map((x) => parseA1(x));
  return from && to ? to.row - from.row + 1 : 0;
}

/** The cells of a one-column A1 block, top to bottom ("F2:F4" → "F2", "F3", "F4"). */
export function blockCells(block: string): string[] {
  const from = parseA1(block.split(":")[0]);
  return from ? Array.from({ length: blockSize(block) }, (_, k) => a1(from.row + k, from.col)) : [];
}

/**
 * Runs of neighbouring cells of one column whose validation is the same, each as one block: cells read one by one
 * (a column whose rules differ) entered again a run at a time.
 */
export function sameRuns<T extends { readonly sheet: string; readonly address: string }>(
  cells: readonly T[],
  key: (cell: T) => string,
): (T & { readonly address: string })[] {
  const out: (T & { address: string })[] = [];
  let last: { cell: T; key: string; first: string; row: number; col: number } | null = null;
  for (const cell of cells) {
    const at = parseA1(cell.address);
    const k = key(cell);
    if (!at) continue;
    if (
      last &&
      last.cell.sheet === cell.sheet &&
      last.key === k &&
      last.col === at.col &&
      last.row + 1 === at.row
    ) {
      out[out.length - 1] = { ...last.cell, address: `${last.first}:${cell.address}` };
      last.row = at.row;
      continue;
    }
    out.push({ ...cell });
    last = { cell, key: k, first: cell.address, row: at.row, col: at.col };
  }
  return out;
}

/** Queues entering the validations again: their rules as read ("rule") or naming the new sheets ("after"). */
export function reenterValidations(
  ctx: Excel.RequestContext,
  list: readonly ValidationReentry[],
  which: "rule" | "after",
): void {
  for (const v of list) {
    const dv = ctx.workbook.worksheets.getItem(v.sheet).getRange(v.address).dataValidation;
    // Cleared first, then each property set again (what setting a rule over a rule does is not documented).
    dv.clear();
    dv.rule = v[which];
    dv.ignoreBlanks = v.ignoreBlanks;
    dv.prompt = v.prompt;
    dv.errorAlert = v.errorAlert;
  }
}
