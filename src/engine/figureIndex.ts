/** Which figure a period uses for each unit × indicator, with the plan's figure rows indexed by quarter once. */
import type { Figure, FigureTable, Plan } from "./model";
import { comparePeriodKeys, periodFromKey } from "./periods";
import { figureAt } from "./figures";

const byQuarterCache = new WeakMap<Plan, Map<string, number[]>>();
const perPeriodCache = new WeakMap<Plan, Map<string, PeriodFigures>>();

/** Indices of the plan's figure rows, grouped by quarter key (computed once per plan). */
function rowsByQuarter(plan: Plan): Map<string, number[]> {
  let m = byQuarterCache.get(plan);
  if (!m) {
    m = new Map();
    plan.figures.rows.forEach((r, i) => {
      const list = m!.get(r.period);
      if (list) list.push(i);
      else m!.set(r.period, [i]);
    });
    byQuarterCache.set(plan, m);
  }
  return m;
}

/** Quarter keys of a period: itself, or the four quarters of a year. */
export function quartersOf(period: string): string[] {
  const p = periodFromKey(period);
  if (!p) return [];
  return p.quarter === null ? [1, 2, 3, 4].map((q) => `${p.year}-Q${q}`) : [period];
}

/** The figures one period uses: for each unit and indicator, the position in the plan's figure table. */
export class PeriodFigures {
  private readonly column: Map<string, number>;

  constructor(
    readonly table: FigureTable,
    /** Per unit, the position used for each indicator column, or -1. */
    private readonly positions: Map<string, Int32Array>,
  ) {
    this.column = new Map(table.indicators.map((code, j) => [code, j]));
  }

  /** The table column of an indicator, or -1 when the table has none. */
  columnOf(indicator: string): number {
    return this.column.get(indicator) ?? -1;
  }

  /** The positions a unit uses per table column (-1: none), or undefined when the unit has no row. */
  positionsOf(unit: string): Int32Array | undefined {
    return this.positions.get(unit);
  }

  /** Position in the table of the figure the period uses for a unit and indicator; -1 when there is none. */
  positionOf(unit: string, indicator: string): number {
    const j = this.column.get(indicator);
    return j === undefined ? -1 : (this.positions.get(unit)?.[j] ?? -1);
  }

  /** The figure the period uses for a unit and indicator; undefined when the unit has no row for it. */
  get(unit: string, indicator: string): Figure | undefined {
    const p = this.positionOf(unit, indicator);
    return p < 0 ? undefined : figureAt(this.table, p);
  }
}

/** The figure a period uses for each unit and indicator: the quarter's, or for a year the latest non-blank quarter's. */
export function figuresForPeriod(plan: Plan, period: string): PeriodFigures {
  let cache = perPeriodCache.get(plan);
  if (!cache) perPeriodCache.set(plan, (cache = new Map()));
  const hit = cache.get(period);
  if (hit) return hit;
  const table = plan.figures;
  const n = table.indicators.length;
  const index = rowsByQuarter(plan);
  const positions = new Map<string, Int32Array>();
  for (const q of quartersOf(period).sort(comparePeriodKeys)) {
    for (const i of index.get(q) ?? []) {
      const unit = table.rows[i].unit;
      let used = positions.get(unit);
      if (!used) positions.set(unit, (used = new Int32Array(n).fill(-1)));
      for (let j = 0; j < n; j++) {
        const p = i * n + j;
        const prev = used[j];
        // Later quarters replace earlier ones, except that a blank never replaces a value.
        if (prev < 0 || !Number.isNaN(table.values[p]) || Number.isNaN(table.values[prev])) used[j] = p;
      }
    }
  }
  const out = new PeriodFigures(table, positions);
  cache.set(period, out);
  return out;
}
