/**
 * The planner's conditional formats whose formulas read output sheets a write replaces (a cell coloured when it is below
 * a unit's index on Xếp hạng). Their formulas are bound to their sheets as a cell's are: deleting the old output leaves
 * #REF! in them. The adapter reads the planner's sheets' conditional formats (Range.conditionalFormats, ExcelApi 1.6),
 * the formulas of those with a formula rule with the cells' first request, and enters again in the swap those naming a
 * replaced sheet. See docs/decisions.md, "The planner's conditional formats over outputs".
 */

/** A conditional format of the planner's whose formula names a replaced sheet: entered again in the swap. */
export type FormatReentry = {
  readonly sheet: string;
  /** ConditionalFormat.id, by which ConditionalFormatCollection.getItem finds it. */
  readonly id: string;
} & (
  | {
      /** A formula rule (ConditionalFormatType "Custom"): as read, and naming the successors. */
      readonly kind: "custom";
      readonly formula: string;
      readonly after: string;
    }
  | {
      /** A cell value rule ("CellValue"): formula1 and formula2 may be formulas. */
      readonly kind: "cellValue";
      readonly rule: Excel.ConditionalCellValueRule;
      readonly after: Excel.ConditionalCellValueRule;
    }
);

/** The formulas of a cell value rule ("=…" operands). */
export const operandFormulas = (rule: Excel.ConditionalCellValueRule): string[] =>
  [rule.formula1, rule.formula2].filter((f): f is string => typeof f === "string" && f.startsWith("="));

/** A cell value rule with its formula operands mapped. */
export function mapOperands(
  rule: Excel.ConditionalCellValueRule,
  f: (formula: string) => string,
): Excel.ConditionalCellValueRule {
  const map = (x: string) => (x.startsWith("=") ? f(x) : x);
  return {
    formula1: map(rule.formula1),
    ...(rule.formula2 !== undefined && rule.formula2 !== null ? { formula2: map(rule.formula2) } : {}),
    operator: rule.operator,
  };
}

/** The conditional format of a sheet by its id. */
export const formatOf = (ctx: Excel.RequestContext, sheet: string, id: string): Excel.ConditionalFormat =>
  ctx.workbook.worksheets.getItem(sheet).getRange().conditionalFormats.getItem(id);

/** Queues entering the formats' formulas again: as read ("read", undoing a swap) or naming the new sheets ("after"). */
export function reenterFormats(
  ctx: Excel.RequestContext,
  list: readonly FormatReentry[],
  which: "read" | "after",
): void {
  for (const f of list) {
    const format = formatOf(ctx, f.sheet, f.id);
    if (f.kind === "custom") format.custom.rule.formula = which === "read" ? f.formula : f.after;
    else format.cellValue.rule = which === "read" ? f.rule : f.after;
  }
}
