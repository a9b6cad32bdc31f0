/**
 * The cached points of a chart are the values its sheet's XML holds in its ranges: where blocks overlap, the later
 * block's cell (sheetXml writes it over the earlier one); a hole or a cell past a block's rows leaves the earlier block's.
 */
import fc from "fast-check";
import { cellValueAt } from "../../src/workbook/xlsx/charts";
import type { SheetSpec, SpecBlock, SpecCell } from "../../src/engine/sheetSpec";

/** The value at each (row, col) as writing the blocks one after the other leaves it. */
function written(blocks: readonly SpecBlock[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const b of blocks)
    b.cells.forEach((row, i) => row.forEach((c, j) => m.set(`${b.row + i},${b.col + j}`, c.value ?? null)));
  return m;
}

const cell: fc.Arbitrary<SpecCell> = fc.oneof(
  fc.record({
    value: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom("a", "Đạt", ""), fc.boolean()),
  }),
  fc.constant({}),
);

/** A row of cells, some left as holes. */
const row = fc.array(fc.option(cell, { nil: undefined }), { maxLength: 4 }).map((cells) => {
  const r: SpecCell[] = [];
  cells.forEach((c, j) => {
    if (c !== undefined) r[j] = c;
  });
  r.length = cells.length;
  return r;
});

const block: fc.Arbitrary<SpecBlock> = fc.record({
  row: fc.integer({ min: 1, max: 5 }),
  col: fc.integer({ min: 1, max: 5 }),
  cells: fc.array(row, { maxLength: 4 }),
});

describe("a chart's cached points", () => {
  it("are the values the sheet's cells hold, the later of overlapping blocks winning", () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 5 }), (blocks) => {
        const spec: SheetSpec = { name: "S", kind: "summary", blocks };
        const at = cellValueAt(spec);
        const expected = written(blocks);
        for (let r = 0; r <= 10; r++)
          for (let c = 0; c <= 10; c++) expect(at(r, c)).toEqual(expected.get(`${r},${c}`) ?? null);
      }),
    );
  });
});
