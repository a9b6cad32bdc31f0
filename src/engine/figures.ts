/** The per-figure view of a plan's figure table: one figure at a time, made only when asked for. */
import type { CellRef } from "./grid";
import type { Figure, FigureRow, FigureTable } from "./model";

/** A table with no figures (no figures sheet, or a plan built in memory). */
export const EMPTY_FIGURES: FigureTable = {
  sheet: "",
  indicators: [],
  cols: [],
  rows: [],
  values: new Float64Array(0),
  converted: new Set(),
};

/** Builds a table from rows of values in the order of `indicators` (null where blank). */
export function figureTable(
  sheet: string,
  indicators: readonly string[],
  cols: readonly number[],
  rows: readonly FigureRow[],
  values: readonly (readonly (number | null)[])[],
  converted: ReadonlySet<number> = new Set(),
): FigureTable {
  const flat = new Float64Array(rows.length * indicators.length);
  values.forEach((vals, i) =>
    vals.forEach((v, j) => (flat[i * indicators.length + j] = v === null ? NaN : v)),
  );
  return { sheet, indicators, cols, rows, values: flat, converted };
}

/** The value at a position, null where blank or unreadable. */
export function valueAt(table: FigureTable, position: number): number | null {
  const v = table.values[position];
  return Number.isNaN(v) ? null : v;
}

/** The cell of the figure at a position. */
export function figureCell(table: FigureTable, position: number): CellRef {
  const n = table.indicators.length;
  const j = position % n;
  return { sheet: table.sheet, row: table.rows[(position - j) / n].row, col: table.cols[j] };
}

/** The figure at a position (row index × indicators + indicator index). */
export function figureAt(table: FigureTable, position: number): Figure {
  const n = table.indicators.length;
  const r = table.rows[Math.floor(position / n)];
  const fig: Figure = {
    unit: r.unit,
    indicator: table.indicators[position % n],
    period: r.period,
    value: valueAt(table, position),
    cell: figureCell(table, position),
  };
  return table.converted.has(position) ? { ...fig, converted: true } : fig;
}

/** Every figure of the table, row by row. */
export function* eachFigure(table: FigureTable): Generator<Figure> {
  const total = table.rows.length * table.indicators.length;
  for (let p = 0; p < total; p++) yield figureAt(table, p);
}

/** Number of figure cells (rows × indicator columns). */
export function figureCount(table: FigureTable): number {
  return table.rows.length * table.indicators.length;
}
