import fc from "fast-check";
import { cellBlocks, chunkRows, joinedBlocks, jsonLength } from "../../src/workbook/office/officeWorkbook";
import { formulaOf, type SpecCell } from "../../src/engine/sheetSpec";
import { literalFor } from "../../src/workbook/office/cells";

describe("the Office adapter's request estimate", () => {
  it("counts JSON.stringify(v).length for every string, number and boolean without building the text", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom('Tỷ lệ "đạt"', "a\\b", "\u0000\u001f", "\ud800", "\udc00x", "😀", "\u2028", ""),
    );
    const value = fc.oneof(
      anyText,
      fc.double(),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e21, 5e-7),
      fc.integer(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(value, (v) => jsonLength(v) === JSON.stringify(v).length),
      { numRuns: 3000 },
    );
  });

  it("cuts a block into chunks under the limit that together write every cell once, in order, padded", () => {
    const cell: fc.Arbitrary<SpecCell> = fc.oneof(
      fc.record({ value: fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.constant(null)) }),
      fc.record({ value: fc.constant(null), formula: fc.constantFrom("=A1+1", "=SUM('Kết quả'!F2:F9)") }),
      fc.record({ value: fc.integer(), numberFormat: fc.constantFrom("0.0", "0%", "General") }),
    );
    const block = fc.record({
      row: fc.integer({ min: 1, max: 50 }),
      col: fc.integer({ min: 1, max: 5 }),
      cells: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
    });
    fc.assert(
      fc.property(block, fc.integer({ min: 1, max: 600 }), (b, limit) => {
        const chunks = [...chunkRows(b, limit, (f) => f.replace("'Kết quả'!", "ictplan_tmp_1!"))];
        let next = b.row;
        for (const c of chunks) {
          expect(c.part.row).toBe(next);
          expect(c.part.col).toBe(b.col);
          next += c.part.cells.length;
          // Over the limit only when one row alone is.
          if (c.part.cells.length > 1) expect(c.cellBytes).toBeLessThanOrEqual(limit);
          const width = Math.max(...c.part.cells.map((r) => r.length));
          c.part.cells.forEach((row, i) => {
            expect(c.formulas[i]).toHaveLength(width);
            expect(c.formats[i]).toHaveLength(width);
            row.forEach((x, j) => {
              const f = formulaOf(x);
              expect(c.formulas[i][j]).toEqual(
                f ? f.replace("'Kết quả'!", "ictplan_tmp_1!") : literalFor(x.value),
              );
              expect(c.formats[i][j]).toBe(x.numberFormat ?? "General");
            });
            for (let j = row.length; j < width; j++)
              expect([c.formulas[i][j], c.formats[i][j]]).toEqual(["", "General"]);
          });
        }
        expect(next).toBe(b.row + b.cells.length);
      }),
      { numRuns: 300 },
    );
  });

  it("joins neighbouring blocks into fewer without changing a cell of what is written, overlaps included", () => {
    // Blocks of one to three rows of equal or ragged widths, laid out as the summary does (a block per cell, rows
    // side by side and one under the other) and at random places (overlapping ones too).
    const cell = fc.record({ value: fc.integer({ min: 0, max: 99 }) });
    const block = fc.record({
      row: fc.integer({ min: 1, max: 8 }),
      col: fc.integer({ min: 1, max: 8 }),
      cells: fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    });
    const grid = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 5 }) })
      .map(({ rows, cols }) =>
        Array.from({ length: rows * cols }, (_, k) => ({
          row: 1 + Math.floor(k / cols),
          col: 1 + (k % cols),
          cells: [[{ value: k }]],
        })),
      );
    const written = (
      blocks: readonly { row: number; col: number; cells: readonly (readonly SpecCell[])[] }[],
    ) => {
      const at = new Map<string, unknown>();
      for (const b of blocks)
        b.cells.forEach((r, i) => r.forEach((c, j) => at.set(`${b.row + i},${b.col + j}`, c.value)));
      return at;
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            block,
            grid.map((g) => g[0]),
          ),
          { maxLength: 12 },
        ),
        grid,
        (some, cells) => {
          for (const blocks of [some, cells, [...cells, ...some]]) {
            const joined = joinedBlocks(blocks);
            expect(written(joined)).toEqual(written(blocks));
            expect(joined.length).toBeLessThanOrEqual(blocks.length);
          }
          // A whole grid laid out a cell per block is one block.
          expect(joinedBlocks(cells)).toHaveLength(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("cells entered again after a swap, as rectangles", () => {
  const cell = (sheet: string, row: number, col: number) => ({
    sheet,
    row,
    col,
    formula: `=${sheet}!${row},${col}`,
    after: `=new ${sheet}!${row},${col}`,
  });

  it("each cell written once, with its own text, whatever the order and the gaps (fast-check)", () => {
    const cellsArb = fc.uniqueArray(
      fc.record({ sheet: fc.constantFrom("A", "B"), row: fc.nat(6), col: fc.nat(4) }),
      { selector: (c) => `${c.sheet} ${c.row} ${c.col}`, maxLength: 40 },
    );
    fc.assert(
      fc.property(cellsArb, fc.constantFrom("formula" as const, "after" as const), (picked, text) => {
        const cells = picked.map((c) => cell(c.sheet, c.row, c.col));
        const written = new Map<string, string>();
        for (const b of cellBlocks(cells, text))
          b.formulas.forEach((row, i) => {
            expect(row.length).toBe(b.formulas[0].length);
            row.forEach((f, j) => {
              const at = `${b.sheet} ${b.row + i} ${b.col + j}`;
              expect(written.has(at)).toBe(false);
              written.set(at, f);
            });
          });
        expect(written).toEqual(new Map(cells.map((c) => [`${c.sheet} ${c.row} ${c.col}`, c[text]])));
      }),
    );
  });

  it("a column of lookups is one write; neighbours join along rows, then down", () => {
    const cells = [0, 1, 2, 3]
      .map((r) => cell("A", r, 0))
      .concat(cell("A", 1, 1), cell("B", 0, 0), cell("B", 0, 1));
    expect(
      cellBlocks(cells, "formula").map((b) => [
        b.sheet,
        b.row,
        b.col,
        b.formulas.length,
        b.formulas[0].length,
      ]),
    ).toEqual([
      ["A", 0, 0, 1, 1],
      ["A", 1, 0, 1, 2],
      ["A", 2, 0, 2, 1],
      ["B", 0, 0, 1, 2],
    ]);
  });
});
