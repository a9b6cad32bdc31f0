/** The sheet scanner reads markup from UTF-8 bytes: numbers, attributes and text as an XML reader would. */
import fc from "fast-check";
import { readSheet, type ReadContext } from "../../src/workbook/xlsx/read";
import { DEFAULT_LIMITS } from "../../src/workbook/xlsx/problems";

const ctx = (over: Partial<ReadContext> = {}): ReadContext => ({
  sharedStrings: ["zero", "một"],
  dateStyles: [false, true],
  percentStyles: [null, null, "0%"],
  date1904: false,
  limits: DEFAULT_LIMITS,
  cells: 0,
  ...over,
});
const utf8 = (s: string) => new TextEncoder().encode(s);
const sheet = (data: string) =>
  utf8(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="x"><sheetData>${data}</sheetData></worksheet>`,
  );

describe("sheet scanner", () => {
  it("reads every number as Number reads its text, digit by digit or not", () => {
    const written = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc
        .integer({ min: -1e6, max: 1e6 })
        .chain((m) => fc.integer({ min: 0, max: 18 }).map((k) => (m / 10 ** k).toFixed(k))),
      fc
        .tuple(
          fc
            .array(fc.constantFrom("0", "1", "5", "9"), { minLength: 1, maxLength: 20 })
            .map((d) => d.join("")),
          fc.nat(20),
        )
        .map(([d, k]) => (k < d.length ? `${d.slice(0, k)}.${d.slice(k)}` : d)),
      fc.constantFrom(" 12 ", "+5", "1e3", "0x1A", "-0", "5.", ".5", "-", ".", "", "1.2.3", "12a"),
    );
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 20 }), (texts) => {
        const xml = texts.map((t, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${t}</v></c>`).join("");
        const g = readSheet(sheet(`<row r="1">${xml}</row>`), "S", ctx());
        texts.forEach((t, i) => {
          const n = Number(t);
          const want = t.trim() === "" || !Number.isFinite(n) ? null : n;
          expect(Object.is(g.values[0]?.[i] ?? null, want)).toBe(true);
        });
      }),
    );
  });

  it("reads attributes in any order and quoting, with any blank space, and elements with any prefix", () => {
    const xml = utf8(
      `<x:worksheet xmlns:x="x"><x:sheetData><x:row\tr='3'><x:c t="s"\n r='B3' s="0"><x:v>1</x:v></x:c>` +
        `<x:c s='1'  r = "C3"><x:v>45292</x:v></x:c><x:c r="D3" t='inlineStr'><x:is><x:r><x:t>Đơn </x:t></x:r>` +
        `<x:r><x:t xml:space="preserve">vị &amp; _x0041_</x:t></x:r><x:rPh><x:t>phonetic</x:t></x:rPh></x:is></x:c>` +
        `<x:c r="E3" s="2"><x:v>0.25</x:v></x:c><x:c r="F3" t="b"><x:v>1</x:v></x:c><x:c r="G3" t="e"><x:v>#N/A</x:v></x:c>` +
        `</x:row><!-- a <row> in a comment --><x:row r="4"><x:c r="A4"><x:f t="shared" ref="A4:A5" si="0">B3&amp;"x"</x:f></x:c></x:row>` +
        `<x:row r="5"><x:c r="A5"><x:f t="shared" si="0"/></x:c></x:row></x:sheetData>` +
        `<x:mergeCells><x:mergeCell ref="B3:C3"/></x:mergeCells></x:worksheet>`,
    );
    const g = readSheet(xml, "S", ctx());
    expect(g.values[2]).toEqual([
      null,
      "một",
      new Date(Date.UTC(2024, 0, 1)),
      "Đơn vị & A",
      0.25,
      true,
      { error: "#N/A" },
    ]);
    expect(g.formulas?.[3][0]).toBe('=B3&"x"');
    expect(g.formulas?.[4][0]).toBe('=B4&"x"');
    expect(g.formats?.[2][4]).toBe("0%");
    expect(g.merges).toEqual(["B3:C3"]);
    expect(g.values.every((r) => r.length === 7)).toBe(true);
  });

  it("keeps rows rectangular and cells out of order in place", () => {
    const g = readSheet(
      sheet(
        `<row r="2"><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c></row><row r="4"><c r="E4"><v>5</v></c></row>`,
      ),
      "S",
      ctx(),
    );
    expect(g.values).toEqual([
      [null, null, null, null, null],
      [1, null, 3, null, null],
      [null, null, null, null, null],
      [null, null, null, null, 5],
    ]);
  });
});
