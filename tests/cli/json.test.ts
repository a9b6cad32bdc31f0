/** The CLI's JSON writer: the same value as JSON.stringify, written in pieces of whole lines. */
import fc from "fast-check";
import { writeJson } from "../../src/cli/json";

/** What a consumer reads on stdout: each call's text and a line break (as the CLI's Io writes). */
function written(value: Record<string, unknown>): { text: string; pieces: string[] } {
  const pieces: string[] = [];
  writeJson((s) => pieces.push(s), value);
  return { text: pieces.map((p) => `${p}\n`).join(""), pieces };
}

describe("writeJson", () => {
  it("writes what JSON.stringify writes, as a consumer parses it", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const { text } = written(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(text.endsWith("}\n")).toBe(true);
      }),
    );
  });

  it("leaves out undefined and functions as JSON.stringify does, and writes them as null in arrays", () => {
    const value = { a: undefined, b: () => 1, c: [undefined, () => 1, 2], d: [], e: null, f: new Date(0) };
    expect(JSON.parse(written(value).text)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it("writes no indentation, a top-level array's elements one per line, in pieces of about 64 KB", () => {
    const rows = Array.from({ length: 20000 }, (_, i) => ({ unit: `U${i}`, index: i / 7, grade: "good" }));
    const { text, pieces } = written({ command: "compute", rows, period: "2015-Q4", none: [] });
    expect(JSON.parse(text)).toEqual({ command: "compute", rows, period: "2015-Q4", none: [] });
    const lines = text.split("\n");
    expect(lines[0]).toBe('{"command":"compute","rows":[');
    expect(lines[1]).toBe(`${JSON.stringify(rows[0])},`);
    expect(lines[20000]).toBe(JSON.stringify(rows[19999]));
    expect(lines[20001]).toBe('],"period":"2015-Q4","none":[]}');
    expect(lines[20002]).toBe("");
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces.slice(0, -1)) {
      expect(p.length).toBeGreaterThanOrEqual((1 << 16) - 1);
      expect(p.length).toBeLessThan((1 << 16) + 100);
    }
  });
});
