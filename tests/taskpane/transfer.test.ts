import fc from "fast-check";
import { join, split } from "../../src/taskpane/transfer";
import { drain, drainSliced, timeSlices } from "../../src/workbook/slices";

describe("a result crossing threads in pieces", () => {
  it("comes back equal to the original, whatever its shape", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.integer(),
        fc.string(),
        fc.constant(null),
        fc.array(tie("node"), { maxLength: 12 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 5 }), (v, size) => {
        const { skeleton, pieces } = split(v, size);
        // The pieces travel separately; each is a structured clone of its own.
        const copy = structuredClone(skeleton);
        for (const p of pieces) join(copy, structuredClone(p));
        expect(copy).toEqual(v);
      }),
    );
  });

  it("cuts every long array, nested ones too, and leaves other objects whole", () => {
    const when = new Map([["a", 1]]);
    const value = { sheets: [{ blocks: [{ cells: Array.from({ length: 10 }, (_, i) => [i]) }] }], when };
    const { skeleton, pieces } = split(value, 4);
    expect(pieces.map((p) => [p.path.join("."), p.items.length])).toEqual([
      ["sheets.0.blocks.0.cells", 4],
      ["sheets.0.blocks.0.cells", 4],
      ["sheets.0.blocks.0.cells", 2],
    ]);
    expect((skeleton as typeof value).when).toBe(when);
  });

  it("sends rows of many cells a few at a time, and names the typed arrays' buffers to transfer", () => {
    const rows = Array.from({ length: 1000 }, (_, r) =>
      Array.from({ length: 50 }, (_, c) => ({ value: r * c })),
    );
    const figures = new Float64Array(4000).map((_, i) => i / 2);
    const value = { sheets: [{ cells: rows }], plan: { figures: { values: figures } } };
    const { skeleton, pieces, buffers } = split(value);
    // 200 rows of 50 cells were one piece of 2.4 MB at 1,000 units; now 20 rows (weight 51 each, up to 1,000).
    expect(Math.max(...pieces.map((p) => p.items.length))).toBe(20);
    expect(pieces.reduce((n, p) => n + p.items.length, 0)).toBe(1000);
    expect(buffers).toEqual([figures.buffer]);
    // Transferred with the skeleton, as the worker posts it: the result arrives whole.
    const copy = structuredClone(skeleton, { transfer: buffers });
    for (const p of pieces) join(copy, structuredClone(p));
    expect(figures.length).toBe(0); // detached: moved, not copied
    expect((copy as typeof value).plan.figures.values[3999]).toBe(1999.5);
    expect((copy as typeof value).sheets[0].cells).toEqual(rows);
  });
});

describe("time slices", () => {
  function* count(n: number): Generator<void, number, void> {
    for (let i = 0; i < n; i++) yield;
    return n;
  }

  it("drain runs steps at once; drainSliced pauses at each", async () => {
    expect(drain(count(5))).toBe(5);
    let pauses = 0;
    expect(await drainSliced(count(5), async () => void pauses++)).toBe(5);
    expect(pauses).toBe(5);
  });

  it("gives the thread back only once the budget is spent", async () => {
    const ticksDuring = async (budgetMs: number) => {
      const pause = timeSlices(budgetMs);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      for (let i = 0; i < 200; i++) await pause();
      clearInterval(timer);
      return ticks;
    };
    // A budget not yet spent: pauses cost nothing and nothing else runs; a spent one lets other tasks run.
    expect(await ticksDuring(60_000)).toBe(0);
    expect(await ticksDuring(0)).toBeGreaterThan(0);
  });
});
