/** The orders of the ranking list, as a planner expects them: the first click on a column sorts best first. */
import type { UnitReadiness } from "../../engine/results";

export type SortKey = "rank" | "unit" | "index" | "change";

export interface SortState<K extends string> {
  readonly key: K;
  readonly dir: "ascending" | "descending";
}

const byName = (a: UnitReadiness, b: UnitReadiness) =>
  a.name.localeCompare(b.name, "vi") || a.unit.localeCompare(b.unit);

/** Each key's order with the best first. */
const BEST_FIRST: Record<SortKey, (a: UnitReadiness, b: UnitReadiness) => number> = {
  rank: (a, b) => a.rankInGroup - b.rankInGroup,
  unit: byName,
  index: (a, b) => b.indexRounded - a.indexRounded,
  change: (a, b) => (b.rankChange ?? 0) - (a.rankChange ?? 0),
};

/** The direction a first click sorts in: rank 1 first, names A→Z, highest index and biggest climb first. */
export const FIRST_DIRECTION: Record<SortKey, SortState<SortKey>["dir"]> = {
  rank: "ascending",
  unit: "ascending",
  index: "descending",
  change: "descending",
};

/** The sort after a click on a column: its first direction, or the other one when it is already sorted by it. */
export function nextSort(current: SortState<SortKey>, key: SortKey): SortState<SortKey> {
  if (current.key !== key) return { key, dir: FIRST_DIRECTION[key] };
  return { key, dir: current.dir === "ascending" ? "descending" : "ascending" };
}

/**
 * The units in the chosen order. Ties (equal index, equal change) keep rank then name order whichever way
 * the list runs, so units sharing a rank stay alphabetical; units new this period stay last in a sort by change.
 */
export function sortUnits(units: readonly UnitReadiness[], sort: SortState<SortKey>): UnitReadiness[] {
  const sign = sort.dir === FIRST_DIRECTION[sort.key] ? 1 : -1;
  const isNew = (u: UnitReadiness) => (sort.key === "change" && u.rankChange === null ? 1 : 0);
  return [...units].sort(
    (a, b) =>
      isNew(a) - isNew(b) ||
      sign * BEST_FIRST[sort.key](a, b) ||
      a.rankInGroup - b.rankInGroup ||
      byName(a, b),
  );
}
