import fc from "fast-check";
import { countedLines, countOn, lines, measureOf, NO_TEXT } from "../../src/engine/outputs/lineBreaks";

/** lines() of the pieces joined, counted piece by piece as the layout counts a text it cuts. */
function countedTextLines(pieces: readonly string[], width: number, size: number, bold: boolean): number {
  const m = measureOf(width, size, bold);
  let count = NO_TEXT;
  for (const p of pieces) count = countOn(count, p, m);
  return countedLines(count, m);
}

describe("the summary's line estimate while a long text is cut at words", () => {
  it("counts piece by piece exactly what lines() counts of the whole text", () => {
    const char = fc.oneof(
      fc.constantFrom("a", "b", " ", "\n", "Đ", "Ă", "Ỹ", "ỹ", "Z", "z", "1", ".", "À"),
      fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" }),
    );
    const text = fc.array(char, { maxLength: 400 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 5, max: 90 }),
        fc.constantFrom(10, 11, 12, 14, 16),
        fc.boolean(),
        (t, cuts, width, size, bold) => {
          const at = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...at].map((from, k) => t.slice(from, k < at.length ? at[k] : t.length));
          expect(countedTextLines(pieces, width, size, bold)).toBe(lines(t, width, size, bold));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
