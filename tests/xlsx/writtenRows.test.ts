/**
 * A sheet's rows written away from the workbook (writeRows: the CLI's draw thread writes Xếp hạng's) and written in by
 * sheetXmlSteps give the bytes, and the style sheet, of the rows written in place: whatever cell formats the workbook
 * already had or had added before, their numbers renumbered (restyled), the s attribute left out where the workbook's
 * number is 0.
 */
import fc from "fast-check";
import { drain } from "../../src/workbook/slices";
import { concat } from "../../src/workbook/xlsx/zipPackage";
import {
  restyled,
  sheetXml,
  sheetXmlSteps,
  writeRows,
  type SheetLinks,
  type WrittenRows,
} from "../../src/workbook/xlsx/write";
import { MINIMAL_STYLES, StyleBook } from "../../src/workbook/xlsx/styles";
import type { CellStyle, SheetSpec } from "../../src/engine/sheetSpec";
import { samplePlanRows } from "../../src/engine/sample";
import { computedQ2 } from "../helpers/sampleRun";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The sheet written in with rows written elsewhere, as the CLI writes Xếp hạng. */
const writtenIn = (spec: SheetSpec, styles: StyleBook, links: SheetLinks, rows: WrittenRows) =>
  concat(drain(sheetXmlSteps({ ...spec, blocks: [] }, styles, links, rows)));

// A style sheet with no cell format: the first added is number 0, which a cell names by leaving s out.
const NO_FORMATS = MINIMAL_STYLES.replace(/<cellXfs count="1">.*<\/cellXfs>/, '<cellXfs count="0"/>');

/** Cell formats a workbook may have added before the sheet's turn (Kết quả's before Xếp hạng's). */
const EARLIER: readonly [CellStyle | undefined, string | undefined][] = [
  [{ bold: true }, undefined],
  [undefined, "0.000"],
  [{ fill: "DDEBF7", border: true }, undefined],
  [{ horizontal: "center" }, "0.0%"],
  [
    { bold: true, fill: "1F4E78", fontColor: "FFFFFF", wrap: true, border: true, horizontal: "center" },
    undefined,
  ],
  [{ italic: true, fontColor: "595959" }, undefined],
  [undefined, "#,##0.##"],
];

describe("rows written elsewhere", () => {
  let specs: readonly SheetSpec[] = [];
  beforeAll(async () => {
    specs = (await computedQ2(samplePlanRows(), "vi")).run.sheets;
  });

  it("writes every output sheet's bytes and style sheet as written in place, after any formats added before", () => {
    expect(specs.map((s) => s.kind)).toEqual(
      expect.arrayContaining(["results", "ranking", "findings", "summary"]),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...specs.keys()),
        fc.constantFrom(MINIMAL_STYLES, NO_FORMATS),
        fc.array(fc.constantFrom(...EARLIER.keys()), { maxLength: 12 }),
        fc.boolean(),
        (k, base, earlier, selected) => {
          const spec = specs[k];
          const here = new StyleBook(base);
          const there = new StyleBook(base);
          for (const e of earlier) for (const book of [here, there]) book.cellStyle(...EARLIER[e]);
          const links: SheetLinks = { tables: (spec.tables ?? []).map((_, i) => `rId${i + 1}`), selected };
          const expected = text(sheetXml(spec, here, links));
          expect(text(writtenIn(spec, there, links, writeRows(spec)))).toBe(expected);
          expect(there.render()).toBe(here.render());
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sends each table's column names and the rows counted as progress", () => {
    const ranking = specs.find((s) => s.kind === "ranking") as SheetSpec;
    const rows = writeRows(ranking);
    expect(rows.rows).toBe(ranking.blocks.reduce((n, b) => n + b.cells.length, 0));
    expect(rows.tableColumns).toHaveLength((ranking.tables ?? []).length);
    expect(rows.tableColumns[0]).toEqual(expect.arrayContaining(["Mã đơn vị", "Chỉ số"]));
    // Numbered from 1 in the order first met, each format once.
    const numbers = [...text(concat(rows.pieces)).matchAll(/ s="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...numbers)).toBe(1);
    expect(new Set(numbers).size).toBe(rows.styles.length);
    expect(numbers.filter((n, i) => n > Math.max(0, ...numbers.slice(0, i)))).toEqual(
      rows.styles.map((_, i) => i + 1),
    );
  });
});

describe("restyled", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it("renumbers only s attributes (text as written, its quotes escaped), to numbers of any length, and leaves s out for 0", () => {
    const xml =
      '<row r="9" spans="1:3"><c r="A9" s="1" t="str"><f t="shared" si="2"/><v> s=&quot;2&quot;</v></c>' +
      '<c r="B9" s="2"><v>1</v></c><c r="C9" s="3"/><c r="D9"><is><t>s=&quot;1&quot;</t></is></c></row>';
    expect(text(restyled(bytes(xml), [1234567, 0, 12]))).toBe(
      '<row r="9" spans="1:3"><c r="A9" s="1234567" t="str"><f t="shared" si="2"/><v> s=&quot;2&quot;</v></c>' +
        '<c r="B9"><v>1</v></c><c r="C9" s="12"/><c r="D9"><is><t>s=&quot;1&quot;</t></is></c></row>',
    );
  });

  it("maps any numbering onto any other", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 120 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat({ max: 2_000_000 }), { minLength: 121, maxLength: 121 }),
        (cells, ids) => {
          const xml = (n: (k: number) => number) =>
            cells.map((k, j) => `<c r="A${j}"${n(k) ? ` s="${n(k)}"` : ""}><v>${k}</v></c>`).join("");
          expect(text(restyled(bytes(xml((k) => k + 1)), ids))).toBe(xml((k) => ids[k]));
        },
      ),
    );
  });
});
