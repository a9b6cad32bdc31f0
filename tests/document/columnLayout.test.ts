/**
 * The printed tables' column layout: each column holds its widest word, the page's room goes where it saves lines
 * (two cells that make a row's height together are widened together), and the rest is shared in proportion.
 */
import fc from "fast-check";
import { layoutColumns, lineCount, type CellText, type LayoutRows } from "../../src/document/columnLayout";

const text = (words: number[], line = 12, space = 3): CellText => ({ words, space, line });
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe("lineCount", () => {
  it("breaks between words where the next does not fit, a word wider than the room on a line of its own", () => {
    const t = text([40, 20, 30, 100]);
    // 40 | 20 | 30 | 100; 40 20 | 30 | 100; 40 20 30 | 100; all four (40 + 3 + 20 + 3 + 30 + 3 + 100 = 199).
    expect([lineCount(t, 39), lineCount(t, 63), lineCount(t, 96), lineCount(t, 199)]).toEqual([4, 3, 2, 1]);
    expect(lineCount(t, 198)).toBe(2);
    expect(lineCount(text([]), 10)).toBe(1);
  });
});

describe("layoutColumns", () => {
  it("gives the page's room to the column whose text it puts on fewer lines", () => {
    // A header row and one row: column 0 a name of two words, column 1 a short value.
    const rows: LayoutRows = [
      [text([20], 11), text([20], 11)],
      [text([50, 50]), text([10])],
    ];
    // Least widths 50 and 20; the name on one line takes 103 (50 + 3 + 50, found to a quarter point); the 17 points
    // left are shared 1:1.
    const [name, value] = layoutColumns([rows], [1, 1], 140, 0);
    expect(lineCount(rows[1][0] as CellText, name)).toBe(1);
    expect(name).toBeGreaterThan(103 + 8.5 - 0.01);
    expect(name).toBeLessThanOrEqual(103.25 + 8.5);
    expect(name + value).toBeCloseTo(140);
  });

  it("widens together the cells that make a row's height, where widening either alone saves nothing", () => {
    // A header of two columns of two words each (Số đơn vị, Đơn vị đạt) over short numbers; a third column whose
    // five rows go on one line for 43 points; a fourth with one long text, on one line for 83 points (less height
    // saved per point than the header's 66 points, more than widening one header cell, which saves nothing alone).
    const rows: LayoutRows = [
      [text([30, 30], 11), text([30, 30], 11), text([40], 11), text([20], 11)],
      ...Array.from({ length: 5 }, (_, i) => [
        text([10]),
        text([10]),
        text([40, 40]),
        text(i ? [10] : [80, 80]),
      ]),
    ];
    // Least widths 30 + 30 + 40 + 80; the third column's 43; 100 points left: the header's 66 or the long text's 83.
    const widths = layoutColumns([rows], [1, 1, 1, 1], 180 + 43 + 100, 0);
    expect(lineCount(rows[1][2] as CellText, widths[2])).toBe(1);
    expect(lineCount(rows[0][0] as CellText, widths[0])).toBe(1);
    expect(lineCount(rows[0][1] as CellText, widths[1])).toBe(1);
    expect(lineCount(rows[1][3] as CellText, widths[3])).toBe(2);
  });

  it("keeps the columns' least widths' proportions when the widest words alone pass the page", () => {
    const rows: LayoutRows = [[text([100]), text([300])]];
    expect(layoutColumns([rows], [5, 1], 200, 0)).toEqual([50, 150]);
  });

  it("fills the page, each column holding its widest word, no cell on more lines than at its least width", () => {
    const cell = fc.option(
      fc.record({
        words: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 6 }),
        space: fc.constantFrom(2.75, 3),
        line: fc.constantFrom(11, 12),
      }),
      { nil: null },
    );
    const layout = fc.integer({ min: 1, max: 6 }).chain((cols) =>
      fc.record({
        tables: fc.array(fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 8 }), {
          minLength: 1,
          maxLength: 3,
        }),
        weights: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: cols, maxLength: cols }),
        page: fc.integer({ min: 50, max: 600 }),
        padding: fc.constantFrom(0, 13.5),
      }),
    );
    fc.assert(
      fc.property(layout, ({ tables, weights, page, padding }) => {
        const widths = layoutColumns(tables, weights, page, padding);
        expect(sum(widths)).toBeCloseTo(page, 6);
        const least = weights.map(
          (_, j) =>
            Math.max(0, ...tables.flatMap((rows) => rows.flatMap((r) => r[j]?.words ?? []))) + padding,
        );
        if (sum(least) > page) return;
        for (const [j, w] of widths.entries()) {
          expect(w).toBeGreaterThanOrEqual(least[j] - 1e-9);
          for (const rows of tables)
            for (const r of rows) {
              const t = r[j];
              if (t) expect(lineCount(t, w - padding)).toBeLessThanOrEqual(lineCount(t, least[j] - padding));
            }
        }
      }),
      { numRuns: 500 },
    );
  });
});
