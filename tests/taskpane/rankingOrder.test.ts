/** The ranking list's orders: first click best first, ties by rank then name in both directions. */
import fc from "fast-check";
import type { UnitReadiness } from "../../src/engine/results";
import {
  FIRST_DIRECTION,
  nextSort,
  sortUnits,
  type SortKey,
  type SortState,
} from "../../src/taskpane/views/rankingOrder";

const KEYS: readonly SortKey[] = ["rank", "unit", "index", "change"];

/** Units of one group with competition ranks from their index, as the engine ranks them. */
const unitsArb = fc
  .array(
    fc.record({
      name: fc.constantFrom(
        "Sở Y tế",
        "Sở Tư pháp",
        "Sở Nội vụ",
        "Ban Dân tộc",
        "Thanh tra tỉnh",
        "Đài PTTH",
      ),
      index: fc.integer({ min: 0, max: 20 }),
      change: fc.option(fc.integer({ min: -3, max: 3 })),
    }),
    { maxLength: 12 },
  )
  .map((rows) =>
    rows.map(
      (r, i) =>
        ({
          unit: `U${i}`,
          name: r.name,
          indexRounded: r.index,
          rankInGroup: 1 + rows.filter((o) => o.index > r.index).length,
          rankChange: r.change,
        }) as unknown as UnitReadiness,
    ),
  );

const tieOrder = (a: UnitReadiness, b: UnitReadiness) =>
  a.rankInGroup - b.rankInGroup || a.name.localeCompare(b.name, "vi") || a.unit.localeCompare(b.unit);

describe("ranking list order", () => {
  it("the first click on the index puts the best first, the second the weakest; ties stay by rank then name", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const first = nextSort({ key: "rank", dir: "ascending" }, "index");
        expect(first).toEqual({ key: "index", dir: "descending" });
        const best = sortUnits(units, first);
        const weak = sortUnits(units, nextSort(first, "index"));
        for (const [list, sign] of [
          [best, -1],
          [weak, 1],
        ] as const)
          for (let i = 1; i < list.length; i++) {
            const d = sign * (list[i].indexRounded - list[i - 1].indexRounded);
            expect(d).toBeGreaterThanOrEqual(0);
            if (d === 0) expect(tieOrder(list[i - 1], list[i])).toBeLessThanOrEqual(0);
          }
      }),
    );
  });

  it("sorting by rank lists rank 1 first with shared ranks alphabetically; by change, new units stay last", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const byRank = sortUnits(units, { key: "rank", dir: "ascending" });
        for (let i = 1; i < byRank.length; i++) expect(tieOrder(byRank[i - 1], byRank[i])).toBeLessThan(0);
        for (const dir of ["ascending", "descending"] as const) {
          const list = sortUnits(units, { key: "change", dir });
          const firstNew = list.findIndex((u) => u.rankChange === null);
          if (firstNew >= 0) expect(list.slice(firstNew).every((u) => u.rankChange === null)).toBe(true);
        }
      }),
    );
  });

  it("any sequence of clicks: a new column starts in its first direction, the same column flips", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...KEYS), { maxLength: 20 }), unitsArb, (clicks, units) => {
        let sort: SortState<SortKey> = { key: "rank", dir: "ascending" };
        for (const key of clicks) {
          const next = nextSort(sort, key);
          if (key !== sort.key) expect(next.dir).toBe(FIRST_DIRECTION[key]);
          else expect(next.dir).not.toBe(sort.dir);
          sort = next;
          // A sort is a permutation: nothing lost or repeated.
          expect(
            sortUnits(units, sort)
              .map((u) => u.unit)
              .sort(),
          ).toEqual(units.map((u) => u.unit).sort());
        }
      }),
    );
  });
});
