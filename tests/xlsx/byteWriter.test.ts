import fc from "fast-check";
import { ByteWriter, cellXml, sheetXml, tableColumns, writeCell } from "../../src/workbook/xlsx/write";
import { PLAIN, SharedGroups, type FormulaTag } from "../../src/workbook/xlsx/sharedFormulas";
import { MINIMAL_STYLES, StyleBook } from "../../src/workbook/xlsx/styles";
import { concat } from "../../src/workbook/xlsx/zipPackage";
import { a1, columnLetter, parseA1 } from "../../src/engine/grid";
import type { CellStyle, FormulaTemplate, SheetSpec, SpecCell, SpecValue } from "../../src/engine/sheetSpec";
import { isFormulaCell } from "../../src/engine/sheetSpec";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Text of every kind the writer tells apart: ASCII, Vietnamese, markup characters, characters XML cannot carry,
// what looks like an _xHHHH_ escape, spaces at the ends, line breaks, a lone surrogate, long text.
const TEXTS = [
  "",
  "U12",
  "Đơn vị số 6",
  "Chỉ tiêu 1",
  "Đạt",
  "a<b>&c\"d'",
  "tab\there",
  "bell\u0007",
  "\u0000\u001f\uffff",
  "_x0041_ stays",
  "snake_case",
  " padded ",
  "line\nbreak",
  "\u00a0nbsp",
  "lone \ud800 half",
  "emoji 🙂",
  "x".repeat(300),
  "Đ".repeat(300),
];
const text = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.array(fc.constantFrom(...TEXTS), { maxLength: 3 }).map((t) => t.join("")),
);
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  7,
  10,
  99,
  100,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 31,
  0.6,
  1.6666666666666667,
  1e21,
  1e-7,
];
const value: fc.Arbitrary<SpecValue | undefined> = fc.oneof(
  fc.constantFrom(...NUMBERS, NaN, Infinity, -Infinity, true, false, null, undefined),
  fc.double(),
  fc.integer(),
  text,
);
const formulaText = fc.oneof(
  fc.constantFrom(
    "=A1*2",
    '=IF(F5="","",F5/G5)',
    "=IF(ISBLANK('Số liệu'!$C$7),\"\",'Số liệu'!$C$7)",
    "=NORM.S.DIST(B2,TRUE)",
    '=A1<B1&"x"',
    "SUM(A1:A3)",
  ),
  text.map((t) => `=${t}`),
);
const template: fc.Arbitrary<FormulaTemplate> = fc
  .array(
    fc.oneof(fc.constantFrom("=", "A", "'Số liệu'!$C$", '&"<>"', "NORM.S.DIST(B", ",TRUE)", "+"), text),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => ({ parts }));
const row = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(0.5, -3, NaN));
const style: fc.Arbitrary<CellStyle | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ bold: fc.boolean(), fill: fc.constantFrom("FFFF00", "1F4E79") }, { requiredKeys: [] }),
);
const cell: fc.Arbitrary<SpecCell> = fc.oneof(
  fc.record({ value, style }, { requiredKeys: [] }),
  fc.record({ formula: formulaText, value, style }, { requiredKeys: ["formula"] }),
  fc.record({ fill: template, fillRow: row, value, style }, { requiredKeys: ["fill"] }),
);
const tag: fc.Arbitrary<FormulaTag> = fc.constantFrom(
  PLAIN,
  { open: "<f>", member: `<f t="shared" si="3"/>`, bytes: encoder.encode(`<f t="shared" si="3"/>`) },
  {
    open: `<f t="shared" ref="B2:B9" si="0">`,
    member: null,
    bytes: encoder.encode(`<f t="shared" ref="B2:B9" si="0">`),
  },
);

describe("sheet XML written as bytes", () => {
  it("writes every cell as cellXml's text in UTF-8, across buffer ends, repeated text and numbers included", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            cell,
            fc.integer({ min: 1, max: 16384 }),
            row,
            fc.nat(4),
            tag,
            fc.option(text, { nil: undefined }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom(16, 64, 4096),
        (cells, chunk) => {
          const out = new ByteWriter(chunk);
          let expected = "";
          // Each cell twice: the second time from the writer's caches of text and numbers.
          for (const [c, col, r, s, t, header] of [...cells, ...cells]) {
            const formula = isFormulaCell(c);
            const rowText = String(r);
            const v = header !== undefined && !formula ? header : c.value;
            writeCell(out, col, rowText, c, formula, s, t, v);
            expected += cellXml(`${columnLetter(col)}${rowText}`, { ...c, value: v }, s, formula ? t : PLAIN);
          }
          const bytes = concat(out.pieces());
          const want = encoder.encode(expected);
          // Compared as text first, for a readable difference; then byte for byte.
          expect(decoder.decode(bytes)).toBe(decoder.decode(want));
          expect(Buffer.from(bytes).equals(Buffer.from(want))).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("writes whole sheets as the string writer did: blocks overlapping, row heights, table headers, shared groups", () => {
    const block = fc.record({
      row: fc.integer({ min: 1, max: 12 }),
      col: fc.integer({ min: 1, max: 6 }),
      cells: fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }),
    });
    // Columns of one template at rows one apart, so groups are found and written.
    const column = fc
      .tuple(template, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 9 }), fc.nat(6))
      .map(([t, top, n, col]) => ({
        row: top,
        col: col + 1,
        cells: Array.from({ length: n }, (_, i): SpecCell[] => [{ fill: t, fillRow: top + i, value: i }]),
      }));
    const spec: fc.Arbitrary<SheetSpec> = fc
      .record({
        blocks: fc.array(fc.oneof(block, column), { maxLength: 4 }),
        rowHeights: fc.array(
          fc.record({ row: fc.integer({ min: 1, max: 30 }), height: fc.constantFrom(8, 15.5) }),
          {
            maxLength: 3,
          },
        ),
        tables: fc.array(
          fc.record({ range: fc.constantFrom("A1:C4", "B2:D9", "C3:C5"), name: fc.constant("T") }),
          { maxLength: 1 },
        ),
      })
      .map((s) => ({ name: "S", kind: "results", ...s }));
    const seen = { shared: 0, heights: 0, overlaps: 0 };
    fc.assert(
      fc.property(spec, (s) => {
        const stylesNew = new StyleBook(MINIMAL_STYLES);
        const stylesOld = new StyleBook(MINIMAL_STYLES);
        const xml = decoder.decode(sheetXml(s, stylesNew, { tables: [] }));
        const data = xml.slice(xml.indexOf("<sheetData>"), xml.indexOf("</sheetData>") + 12);
        expect(data).toBe(decoder.decode(encoder.encode(sheetDataAsText(s, stylesOld))));
        expect(stylesNew.render()).toBe(stylesOld.render());
        if (data.includes(`t="shared"`)) seen.shared++;
        if (data.includes("customHeight")) seen.heights++;
        if (
          s.blocks.some((b, i) =>
            s.blocks.some((o, j) => j !== i && o.row <= b.row && b.row < o.row + o.cells.length),
          )
        )
          seen.overlaps++;
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: the cases the writer tells apart all come up.
    expect(Math.min(seen.shared, seen.heights, seen.overlaps)).toBeGreaterThan(100);
  });
});

/** The sheetData element as the string writer made it before 2026-11-27 (a test oracle; cells by cellXml). */
function sheetDataAsText(spec: SheetSpec, styles: StyleBook): string {
  const headerNames = new Map<string, string>();
  const headerRows = new Set<number>();
  for (const t of spec.tables ?? []) {
    const from = parseA1(t.range.split(":")[0]);
    const cols = tableColumns(spec, t);
    if (from && cols) cols.forEach((n, j) => headerNames.set(`${from.row},${from.col + j}`, n));
    if (from) headerRows.add(from.row);
  }
  const cellText = (r: number, col: number, c: SpecCell, header: boolean, tag?: FormulaTag) => {
    const name = header ? headerNames.get(`${r},${col}`) : undefined;
    const written = name !== undefined && !isFormulaCell(c) ? { ...c, value: name } : c;
    return cellXml(a1(r, col), written, styles.cellStyle(c.style, c.numberFormat), tag);
  };
  const heights = new Map((spec.rowHeights ?? []).map((h) => [h.row, h.height]));
  const order = spec.blocks.map((b, k) => k).sort((a, b) => spec.blocks[a].row - spec.blocks[b].row);
  const rowSet = new Set<number>(heights.keys());
  for (const b of spec.blocks) for (let i = 0; i < b.cells.length; i++) rowSet.add(b.row + i);
  const rows = [...rowSet].sort((a, b) => a - b);
  const shared = order.some((k, i) => {
    const prev = spec.blocks[order[i - 1]];
    return i > 0 && spec.blocks[k].row < prev.row + prev.cells.length;
  });
  if (shared || heights.size)
    for (const b of spec.blocks)
      for (const r of b.cells) for (const c of r) styles.cellStyle(c.style, c.numberFormat);
  const overlapped = new Set<number>();
  if (shared) {
    const seen = new Set<number>();
    for (const b of spec.blocks)
      for (let i = 0; i < b.cells.length; i++)
        if (seen.has(b.row + i)) overlapped.add(b.row + i);
        else seen.add(b.row + i);
  }
  const groups = new SharedGroups(spec.blocks, overlapped);
  let active: number[] = [];
  let next = 0;
  let out = "<sheetData>";
  for (const r of rows) {
    while (next < order.length && spec.blocks[order[next]].row <= r) active.push(order[next++]);
    active = active.filter((k) => r < spec.blocks[k].row + spec.blocks[k].cells.length);
    const header = headerRows.has(r);
    let row = "";
    if (active.length === 1) {
      const k = active[0];
      const b = spec.blocks[k];
      const cells = b.cells[r - b.row];
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        row += cellText(r, b.col + j, c, header, isFormulaCell(c) ? groups.tag(k, r - b.row, j) : undefined);
      }
    } else if (active.length > 1) {
      const byCol = new Map<number, SpecCell>();
      for (const k of [...active].sort((x, y) => x - y)) {
        const b = spec.blocks[k];
        b.cells[r - b.row].forEach((c, j) => byCol.set(b.col + j, c));
      }
      for (const col of [...byCol.keys()].sort((x, y) => x - y))
        row += cellText(r, col, byCol.get(col) as SpecCell, header);
    }
    const ht = heights.get(r);
    if (row || ht !== undefined)
      out += `<row r="${r}"${ht === undefined ? "" : ` ht="${ht}" customHeight="1"`}>${row}</row>`;
  }
  return out + "</sheetData>";
}
