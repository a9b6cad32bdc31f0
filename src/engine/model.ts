/** The typed plan model that parsing produces and every computation reads. */
import type { CellRef } from "./grid";
import type { SettingsValues } from "./format";

/** A ranking group: "department", "district", "commune" for the known groups, else the name the planner wrote. */
export type RankingGroup = string;
export type Measure = "percent" | "count" | "yesno" | "mvnd";
export type Direction = "higher" | "lower";
export type Severity = "error" | "warning" | "info";

/** A period: a quarter of a year, or (quarter null) the whole year. Canonical key "2015-Q2" or "2014". */
export interface Period {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4 | null;
}

/** The plan's settings, each with the cell it was read from (absent when the default applies). */
export interface Settings extends SettingsValues {
  readonly cells: Partial<Record<keyof SettingsValues, CellRef>>;
  /** Settings whose value is not the cell's own number ("80%" as text, 80 for 80%): formulas then use the value. */
  readonly converted?: readonly (keyof SettingsValues)[];
  /** Each setting's label as the planner's sheet writes it (spaces collapsed), for messages to quote. */
  readonly labels?: Partial<Record<keyof SettingsValues, string>>;
  /** The value cell of each setting the sheet has a row for, blank or not: where a message about it points. */
  readonly rows?: Partial<Record<keyof SettingsValues, CellRef>>;
}

export interface Unit {
  readonly code: string;
  readonly name: string;
  readonly group: RankingGroup;
  readonly active: boolean;
  /** The unit's row: cell of its code, and of each column read. */
  readonly cell: CellRef;
}

export interface Indicator {
  readonly code: string;
  readonly name: string;
  /** Pillar as written (canonical Vietnamese label when it is one of the known pillars). */
  readonly pillar: string;
  readonly measure: Measure;
  readonly direction: Direction;
  readonly weight: number;
  /** Annual target per unit; for percent measures a fraction (0.6 = 60%); yes/no: 1. */
  readonly annualTarget: number | null;
  /** Milestones for Q1..Q4 (same scale as the annual target), null where not given. */
  readonly milestones: readonly [number | null, number | null, number | null, number | null];
  readonly groups: readonly RankingGroup[];
  /** Share of units (0..1) in the applicable groups that must meet the target, or null. */
  readonly coverageTarget: number | null;
  readonly cell: CellRef;
  /** Cells of the columns read, by column key (weight, annualTarget, milestoneQ1, …). */
  readonly cells: Readonly<Record<string, CellRef>>;
  /** Column keys whose value is not the cell's own number (text, percent points): live formulas then use the value. */
  readonly converted?: readonly string[];
}

/** One figure: a unit's value for an indicator in a period; value null when blank or unreadable. */
export interface Figure {
  readonly unit: string;
  readonly indicator: string;
  /** Canonical period key, "2015-Q2". */
  readonly period: string;
  readonly value: number | null;
  readonly cell: CellRef;
  /** True when the value is not the cell's own number (text, percent points, TRUE/FALSE): live formulas then use the value. */
  readonly converted?: boolean;
}

/** Where the input sheets were found, so that formulas can refer to them. */
export interface SheetLayout {
  readonly sheet: string;
  /** 1-based row of the header row. */
  readonly headerRow: number;
  /** 1-based first and last data rows (last < first when empty). */
  readonly firstRow: number;
  readonly lastRow: number;
  /** 1-based column of each column key found (figures: also each indicator code). */
  readonly columns: Readonly<Record<string, number>>;
  /** Each column found by its header as the sheet writes it (spaces collapsed): what messages quote. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One row of the figures sheet: whose figures, for which quarter, where. */
export interface FigureRow {
  readonly unit: string;
  /** Canonical quarter key, "2015-Q2". */
  readonly period: string;
  /** 1-based sheet row. */
  readonly row: number;
}

/**
 * The figures sheet as read, column by column: a 10,000-unit plan has millions of figures, and one object
 * each would cost more than the computation (see figures.ts for the per-figure view).
 */
export interface FigureTable {
  readonly sheet: string;
  /** Codes of the indicators that have a column, and that column. */
  readonly indicators: readonly string[];
  readonly cols: readonly number[];
  readonly rows: readonly FigureRow[];
  /** rows × indicators values, row-major; NaN where the cell is blank or unreadable. */
  readonly values: Float64Array;
  /** Positions (row × indicators + indicator) whose value is not the cell's own number. */
  readonly converted: ReadonlySet<number>;
}

/** The input sheets read row by row (Cấu hình is a list of settings, each optional). */
export type ListSheet = "units" | "indicators" | "figures";

export interface Plan {
  readonly settings: Settings;
  readonly units: readonly Unit[];
  readonly indicators: readonly Indicator[];
  /** Canonical period keys that have figures, sorted. */
  readonly periods: readonly string[];
  readonly figures: FigureTable;
  readonly layout: Partial<Record<"settings" | "units" | "indicators" | "figures", SheetLayout>>;
  /**
   * The template language the workbook is in: its sheets' names (workbookLanguage), else its header cells'
   * (headersLanguage); null when neither shows one.
   */
  readonly language: "vi" | "en" | null;
  /**
   * The input sheets none of whose rows could be read, for a cause a finding already gives (the sheet missing or
   * renamed, no header row, a column every row needs missing): checks of their content are not made.
   */
  readonly unread?: readonly ListSheet[];
}

/** A plan without its figures: all Xếp hạng is built from, sent to a thread without the figures' megabytes. */
export type PlanShape = Omit<Plan, "figures">;

/** A validation finding: errors are data, with a code, a severity, a cell and message parameters. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly sheet: string;
  /** A1 address without the sheet ("B7"), or "" when the finding is about a whole sheet. */
  readonly cell: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The workbook the finding is in, where findings of several are listed (consolidate: a unit's file); else absent. */
  readonly file?: string;
}
