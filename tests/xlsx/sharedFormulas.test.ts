import fc from "fast-check";
import { followsDown, followsDownByScan } from "../../src/workbook/xlsx/sharedFormulas";
import { fileFormula, sheetXml } from "../../src/workbook/xlsx/write";
import { readSheet, shiftFormula } from "../../src/workbook/xlsx/read";
import { MINIMAL_STYLES, StyleBook } from "../../src/workbook/xlsx/styles";
import { DEFAULT_LIMITS } from "../../src/workbook/xlsx/problems";
import type { FormulaTemplate, SheetSpec, SpecCell } from "../../src/engine/sheetSpec";
import { formulaOf, templateText } from "../../src/engine/sheetSpec";
import { ROW } from "../../src/engine/outputs/refs";

/** Pieces formulas are made of, at a row: references of every kind, names, functions, numbers, strings, sheets. */
const PIECES: ((row: number) => string)[] = [
  ...["A", "B", "F", "AA", "XFD", "$A", "C$", "$D$"].map((c) => (r: number) => `${c}${r}`),
  ...[
    "$A$1",
    "$B2",
    "C$3",
    "'Số liệu'!$C$7004",
    "#REF!",
    "5:5",
    "A:A",
    "$4:$4",
    "Tbl[Col]",
    "'x'A1",
    "'a''b'!",
  ].map((t) => () => t),
  (r) => `'Số liệu'!C${r}`,
  (r) => `Sheet1!D${r}`,
  (r) => `Q1!A${r}`,
  (r) => `A1:B${r}`,
  (r) => `B${r}:B${r + 3}`,
  (r) => `a${r}`,
  (r) => `XFE${r}`,
  (r) => `A${r}.5`,
  (r) => `"F${r}"`,
  ...["LOG10(", "ATAN2(", "SUM(", "IF(", "NORM.S.DIST(", ")", ",", "+", "*", "&", ":", "!", "$", " "].map(
    (t) => () => t,
  ),
  ...['""', '"A1"', '"Đạt"', '"a""b"', "0.8", "1E+5", "10", "ictplan_w1", "Đ"].map((t) => () => t),
];

const formulaAt = (kinds: readonly number[], row: number) =>
  "=" + kinds.map((k) => PIECES[k % PIECES.length](row)).join("");

/** shiftFormula as it was written first (one regular-expression replace per cell), kept as the oracle. */
const REF =
  /(?<![\w.$'!])('(?:[^']|'')*'!|[A-Za-z_][\w.]*!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])|("(?:[^"]|"")*")/g;
function shiftByReplace(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return formula.replace(
    REF,
    (m, sheet: string | undefined, ca: string, col: string, ra: string, row: string, str) => {
      if (str !== undefined) return m;
      let c = 0;
      for (const ch of col) c = c * 26 + (ch.charCodeAt(0) - 64);
      const cc = ca ? c : c + dc;
      const r = ra ? Number(row) : Number(row) + dr;
      if (cc < 1 || r < 1) return "#REF!";
      let letters = "";
      for (let n = cc; n > 0; n = Math.floor((n - 1) / 26))
        letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      return `${sheet ?? ""}${ca}${letters}${ra}${r}`;
    },
  );
}

describe("shared formulas: a formula filled down one row", () => {
  it("moves a master's references cut once as the per-cell replace did, any distance in any direction", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(PIECES.length * 2), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: -6000, max: 6000 }),
        fc.integer({ min: -30, max: 30 }),
        (kinds, row, dr, dc) => {
          const master = fileFormula(formulaAt(kinds, row));
          expect(shiftFormula(master, dr, dc)).toBe(shiftByReplace(master, dr, dc));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("is recognised exactly as read.ts expands it: whenever followsDown says yes, shiftFormula agrees", () => {
    let shared = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.nat(PIECES.length * 2), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.tuple(fc.nat(7), fc.string({ maxLength: 3 })), { maxLength: 2 }),
        (kinds, row, edits) => {
          // The same pieces at the row and at the row below: most pairs are one formula filled down.
          const above = formulaAt(kinds, row);
          let below = formulaAt(kinds, row + 1);
          // Some pairs are spoiled by an edit, so followsDown also meets near misses.
          for (const [at, text] of edits) below = below.slice(0, at) + text + below.slice(at + text.length);
          runs++;
          if (followsDown(above, below)) {
            shared++;
            expect(shiftFormula(fileFormula(above), 1, 0)).toBe(fileFormula(below));
          }
        },
      ),
      { numRuns: 3000 },
    );
    // Not a vacuous property: a good share of the pairs are recognised, and many are not.
    expect(shared).toBeGreaterThan(runs / 25);
    expect(shared).toBeLessThan(runs * 0.9);
  });

  it("answers as the full scan does: the quick test first only turns pairs away faster", () => {
    let yes = 0;
    fc.assert(
      fc.property(
        fc.array(fc.nat(PIECES.length * 2), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(1, 1, 1, 0, 2, -1, 10, 999),
        fc.array(fc.tuple(fc.nat(12), fc.string({ maxLength: 3 })), { maxLength: 2 }),
        fc.boolean(),
        (kinds, row, dr, edits, dropEquals) => {
          const above = formulaAt(kinds, row);
          let below = formulaAt(kinds, row + dr);
          for (const [at, text] of edits) below = below.slice(0, at) + text + below.slice(at + text.length);
          if (dropEquals) below = below.slice(1);
          const answer = followsDownByScan(above, below);
          if (answer) yes++;
          expect(followsDown(above, below)).toBe(answer);
        },
      ),
      { numRuns: 5000 },
    );
    expect(yes).toBeGreaterThan(250);
  });

  it("are found from row templates exactly as from the formulas' text", () => {
    // Template pieces: the row in references of every kind, next to digits, in a text; and pieces without it.
    const ROW_PIECES = [
      ...["A", "$A", "C$", "$D$", "'Số liệu'!C", "Sheet1!D", "Q1!A", "A1:B", "a", "XFE", "A1", "'Q'!$B$"].map(
        (c) => c + ROW,
      ),
      `A${ROW}.5`,
      `"F${ROW}"`,
      `${ROW}0`,
      `F${ROW}:F${ROW}`,
      ROW,
    ];
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom(...ROW_PIECES), weight: 3 },
      { arbitrary: fc.constantFrom("IF(", ")", ",", "+", "*", '"x"', "$A$1", "0.5", "SUM("), weight: 3 },
      { arbitrary: fc.nat(PIECES.length - 1).map((k) => PIECES[k](7)), weight: 1 },
    );
    const template = fc
      .array(piece, { minLength: 1, maxLength: 6 })
      .map((pieces): FormulaTemplate => ({ parts: `=${pieces.join("")}`.split(ROW) }));
    // A column: mostly one template at rows one apart, broken now and then (another template, a row skipped, gone
    // back or repeated, the same formula as text, a value, the same cell object again).
    const step = fc.oneof(
      { arbitrary: fc.constant("next"), weight: 12 },
      fc.constantFrom("other", "skip", "jump", "back", "same", "half", "text", "value", "repeat"),
    );
    // How far the row moves at a step (one down unless said).
    const MOVES = new Map([
      ["skip", 2],
      ["jump", 998],
      ["back", -1],
      ["same", 0],
      ["half", 0.5],
    ]);
    let shared = 0;
    fc.assert(
      fc.property(
        fc.tuple(template, template),
        fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(1, 7, 95, 996, 99_995, 1_048_570)),
        fc.integer({ min: 1, max: 3000 }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        ([t, other], start, top, steps) => {
          let row = start;
          const cells: SpecCell[] = [];
          steps.forEach((s, i) => {
            row += i === 0 ? 0 : (MOVES.get(s) ?? 1);
            // The cell above once more, as Kết quả repeats its target cell down a block.
            if (s === "repeat" && i > 0) cells.push(cells[i - 1]);
            else cells.push(cellAt(s, row));
          });
          function cellAt(s: string, row: number): SpecCell {
            if (s === "value") return { value: row };
            if (s === "text") return { formula: templateText(t, row), value: 0 };
            return { fill: s === "other" ? other : t, fillRow: row, value: 0 };
          }
          const asText = cells.map((c) => (c.fill ? { formula: formulaOf(c), value: 0 } : c));
          const xml = (column: SpecCell[]) =>
            new TextDecoder().decode(
              sheetXml(
                { name: "S", kind: "results", blocks: [{ row: top, col: 2, cells: column.map((c) => [c]) }] },
                new StyleBook(MINIMAL_STYLES),
                { tables: [] },
              ),
            );
          const written = xml(cells);
          expect(written).toBe(xml(asText));
          if (written.includes(`t="shared"`)) shared++;
        },
      ),
      { numRuns: 500 },
    );
    expect(shared).toBeGreaterThan(60);
  });

  it("recognises the engine's kinds of formulas, and refuses what Excel and read.ts would read differently", () => {
    const yes: [string, string][] = [
      ['=IF(F5="","",F5/G5)', '=IF(F6="","",F6/G6)'],
      ["='Chỉ tiêu'!$G$2", "='Chỉ tiêu'!$G$2"],
      ['=IF(H9="","Chưa có",IF(H9>=1,"Đạt","A9"))', '=IF(H10="","Chưa có",IF(H10>=1,"Đạt","A9"))'],
      ["=SUM('Số liệu'!C5:C$9)+LOG10(2)", "=SUM('Số liệu'!C6:C$9)+LOG10(2)"],
      ["=NORM.S.DIST(B99,TRUE)", "=NORM.S.DIST(B100,TRUE)"],
      ["=Sheet1!A1+0.5", "=Sheet1!A2+0.5"],
    ];
    for (const [a, b] of yes) {
      expect([a, followsDown(a, b)]).toEqual([a, true]);
      expect(shiftFormula(fileFormula(a), 1, 0)).toBe(fileFormula(b));
    }
    const no: [string, string][] = [
      ["=F5+G5", "=F6+G5"], // one relative reference not moved
      ["=$C$7004", "=$C$7005"], // absolute row moved
      ['="A1"&B1', '="A2"&B2'], // text in quotes is never a reference
      ["=SUM(5:5)", "=SUM(6:6)"], // whole rows: Excel moves them, read.ts does not
      ["=SUM(A:A)+A1", "=SUM(A:A)+A2"],
      ["=a1", "=a2"], // a lower-case reference
      ["=XFE1", "=XFE2"], // past the last column: a name
      ["=Tbl[Col]+A1", "=Tbl[Col]+A2"],
      ["=Q1!A1", "=Q1!A2"], // a sheet named like a cell
      ["=A1", "=A1 "],
    ];
    for (const [a, b] of no) expect([a, followsDown(a, b)]).toEqual([a, false]);
  });

  it("are written with the range on the master, members with the group only, cached values on every cell", async () => {
    const rows = 6;
    const spec: SheetSpec = {
      name: "S",
      kind: "results",
      blocks: [
        {
          row: 2,
          col: 1,
          cells: Array.from({ length: rows }, (_, i) => [
            { value: i },
            { formula: `=A${i + 2}*2`, value: i * 2 },
            { formula: i === 3 ? "=A1" : `=IF(A${i + 2}>2,"x","")`, value: i > 2 ? "x" : "" },
            { formula: "=$A$2", value: 0 },
          ]),
        },
      ],
    };
    const xml = new TextDecoder().decode(sheetXml(spec, new StyleBook(MINIMAL_STYLES), { tables: [] }));
    expect(xml).toContain(`<c r="B2"><f t="shared" ref="B2:B7" si="0">A2*2</f><v>0</v></c>`);
    expect(xml).toContain(`<c r="B7"><f t="shared" si="0"/><v>10</v></c>`);
    // Column C is broken at row 5: two groups and a formula alone.
    expect(xml).toContain(`<c r="C2" t="str"><f t="shared" ref="C2:C4" si="1">`);
    expect(xml).toContain(`<c r="C5" t="str"><f>A1</f><v>x</v></c>`);
    expect(xml).toContain(`<c r="C6" t="str"><f t="shared" ref="C6:C7" si="`);
    expect(xml).toContain(`<c r="D3"><f t="shared" si="2"/><v>0</v></c>`);
    // Read back, every cell has its own formula again.
    const grid = readSheet(new TextEncoder().encode(xml), "S", {
      sharedStrings: [],
      dateStyles: [],
      percentStyles: [],
      date1904: false,
      limits: DEFAULT_LIMITS,
      cells: 0,
    });
    spec.blocks[0].cells.forEach((r, i) =>
      r.forEach((c, j) => expect(grid.formulas?.[i + 1]?.[j] ?? null).toBe(c.formula ?? null)),
    );
  });

  it("keeps a group to 1,000 rows, so the look down a column stays short however long the sheet", () => {
    const spec: SheetSpec = {
      name: "S",
      kind: "results",
      blocks: [
        {
          row: 1,
          col: 1,
          cells: Array.from({ length: 2500 }, (_, i) => [
            { value: i },
            { formula: `=A${i + 1}*2`, value: i * 2 },
          ]),
        },
      ],
    };
    const xml = new TextDecoder().decode(sheetXml(spec, new StyleBook(MINIMAL_STYLES), { tables: [] }));
    expect(
      [...xml.matchAll(/<f t="shared" ref="([^"]+)" si="(\d+)">([^<]*)<\/f>/g)].map((m) => m.slice(1)),
    ).toEqual([
      ["B1:B1000", "0", "A1*2"],
      ["B1001:B2000", "1", "A1001*2"],
      ["B2001:B2500", "2", "A2001*2"],
    ]);
    expect(xml.match(/<f t="shared" si="\d+"\/>/g)).toHaveLength(2497);
  });
});
