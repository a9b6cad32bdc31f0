/** Why Excel refused to go to or write a planner's sheet, named so the pane can say which sheet and what to do. */

/** A sheet the pane points at (a finding, a link to a sheet written) is no longer in the workbook under that name. */
export class SheetGoneError extends Error {
  constructor(readonly sheet: string) {
    super(`sheet "${sheet}" is not in the workbook`);
    this.name = "SheetGoneError";
  }
}

/** A sheet the pane points at is hidden: Excel shows no hidden sheet, so the pane says how to show it. */
export class SheetHiddenError extends Error {
  constructor(readonly sheet: string) {
    super(`sheet "${sheet}" is hidden`);
    this.name = "SheetHiddenError";
  }
}

/** A planner's sheet the pane writes into (the settings) is protected (Review → Protect Sheet): nothing was written. */
export class ProtectedSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`sheet "${sheet}" is protected`);
    this.name = "ProtectedSheetError";
  }
}

/**
 * Sheets of the planner's hold formulas over output sheets a write would replace, and are protected: the write must
 * enter those formulas again once the new sheets are in place (Excel turns a reference to a deleted sheet into #REF!),
 * which protection forbids. Refused before the swap: the previous outputs stay as they were.
 */
export class ProtectedReferrersError extends Error {
  constructor(
    readonly sheets: readonly string[],
    readonly outputs: readonly string[],
  ) {
    super(
      `sheets ${sheets.map((s) => `"${s}"`).join(", ")} are protected and hold formulas over ${outputs.join(", ")}`,
    );
    this.name = "ProtectedReferrersError";
  }
}

/** A chart named with the sheet it is on. */
export interface ChartPlace {
  readonly sheet: string;
  readonly chart: string;
}

/**
 * Charts a write would break, refused before the swap (the previous outputs stay as they were): charts of the planner's
 * on an output sheet it replaces ("onOutput": they would be deleted with the old sheet), or charts whose series read a
 * replaced output in a form that cannot be pointed at the new sheet ("source": several areas in one series).
 */
export class OutputChartsError extends Error {
  constructor(
    readonly charts: readonly ChartPlace[],
    readonly reason: "onOutput" | "source",
  ) {
    super(
      `charts ${charts.map((c) => `"${c.chart}" on "${c.sheet}"`).join(", ")} ${
        reason === "onOutput" ? "are on output sheets a write replaces" : "read an output in several areas"
      }`,
    );
    this.name = "OutputChartsError";
  }
}
