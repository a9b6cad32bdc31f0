/** Which figure a period uses for each unit × indicator, with the plan's figures indexed by quarter once. */
import type { Figure, Plan } from "./model";
import { comparePeriodKeys, periodFromKey } from "./periods";

const byQuarterCache = new WeakMap<Plan, Map<string, Figure[]>>();
const perPeriodCache = new WeakMap<Plan, Map<string, FigureMap>>();

/** The plan's figures grouped by quarter key (computed once per plan). */
export function figuresByQuarter(plan: Plan): Map<string, Figure[]> {
  let m = byQuarterCache.get(plan);
  if (!m) {
    m = new Map();
    for (const f of plan.figures) {
      const list = m.get(f.period);
      if (list) list.push(f);
      else m.set(f.period, [f]);
    }
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

/** Figures by unit, then by indicator. */
export type FigureMap = Map<string, Map<string, Figure>>;

/** The figure a period uses for each unit and indicator: the quarter's, or for a year the latest non-blank quarter's. */
export function figuresForPeriod(plan: Plan, period: string): FigureMap {
  let cache = perPeriodCache.get(plan);
  if (!cache) perPeriodCache.set(plan, (cache = new Map()));
  const hit = cache.get(period);
  if (hit) return hit;
  const index = figuresByQuarter(plan);
  const out: FigureMap = new Map();
  cache.set(period, out);
  for (const q of quartersOf(period).sort(comparePeriodKeys)) {
    for (const f of index.get(q) ?? []) {
      let unit = out.get(f.unit);
      if (!unit) out.set(f.unit, (unit = new Map()));
      const prev = unit.get(f.indicator);
      // Later quarters replace earlier ones, except that a blank never replaces a value.
      if (!prev || f.value !== null || prev.value === null) unit.set(f.indicator, f);
    }
  }
  return out;
}
