/**
 * The ownership fingerprints hash each cell's normalised text without building it (a fast path), and a template cell
 * from its parts' hashes. The formats of earlier releases must give the values those releases wrote, or re-running
 * compute over an unedited output would ask for --force: the strict format is checked against the implementation of
 * the release that wrote it (commit 0d047b0), kept here as the oracle, and the masked one ("m") against that digest of
 * the formulas with their references to other sheets masked by an expression (the first implementation). The format
 * recorded now ("p") is checked against each cell's entry text hashed whole, the straightforward way.
 */
import fc from "fast-check";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import type { CellValue, Grid } from "../../src/engine/grid";
import type { FormulaTemplate, SheetSpec, SpecCell, SpecValue } from "../../src/engine/sheetSpec";
import { formulaOf, templateText } from "../../src/engine/sheetSpec";
import { ROW } from "../../src/engine/outputs/refs";
import {
  fingerprintMatches,
  gridFingerprint,
  maskCrossReferences,
  pieceCount,
  pieceDigest,
  specFingerprint,
  specFingerprintOf,
} from "../../src/workbook/fingerprint";
import { generatePlanRows } from "../../bench/generate";
import { planRowsToGrids } from "../../src/engine/planRows";

// ---- The oracle: src/workbook/ownership.ts at 0d047b0, unchanged. ----

function refNormalFormula(formula: string): string {
  if (formula.indexOf('"') < 0) return refNormalPart(formula);
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : refNormalPart(part)))
    .join("");
}

const ODD_NUMBER = /(?<!\d)0\d|\d\.(?!\d)|\.\d*0(?!\d)|\dE|\d[\d.]{15}|\.0{6}/;

function refNormalPart(part: string): string {
  const unquoted =
    part.indexOf("'") < 0
      ? part
      : part.replace(/'((?:[^']|'')+)'!/g, (_m, name: string) => `${name.replace(/''/g, "'")}!`);
  const upper = (/\s/.test(unquoted) ? unquoted.replace(/\s+/g, "") : unquoted).toUpperCase();
  return ODD_NUMBER.test(upper)
    ? upper.replace(/(?<![A-Z$_\d.])(\d+\.?\d*(?:E[+-]?\d+)?)(?![\d(A-Z!:])/g, (n) => String(Number(n)))
    : upper;
}

function refNormalValue(value: unknown): string {
  if (typeof value === "number") return `number:${Number(value.toPrecision(15))}`;
  return `${typeof value}:${String(value)}`;
}

function refEntry(row: number, col: number, formula: string | null, value: unknown): string | null {
  if (formula) return `${row},${col}=${refNormalFormula(formula)}`;
  if (value === null || value === undefined || value === "") return null;
  return `${row},${col}:${refNormalValue(value)}`;
}

/** The hashes of an entry's text: FNV-1a with two seeds (0d047b0's), or the polynomial digest's, mixed. */
type EntryHash = (s: string) => [number, number];

const fnvHash: EntryHash = (s) => {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
  }
  return [h1 >>> 0, h2 >>> 0];
};

// ---- The oracle of the polynomial format ("p"): each entry's text hashed whole, the straightforward way. ----

const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

const polyHash: EntryHash = (s) => {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = (Math.imul(h1, 0x01000193) + c) | 0;
    h2 = (Math.imul(h2, 0x5bd1e995) + c) | 0;
  }
  return [fmix32(h1), fmix32(h2)];
};

class RefDigest {
  private a = 0;
  private b = 0;
  private n = 0;

  constructor(private readonly hash: EntryHash = fnvHash) {}

  add(row: number, col: number, formula: string | null, value: unknown): void {
    const s = refEntry(row, col, formula, value);
    if (s === null) return;
    const [h1, h2] = this.hash(s);
    this.a = (this.a + h1) >>> 0;
    this.b = (this.b + h2) >>> 0;
    this.n++;
  }

  toString(): string {
    return `${this.a.toString(16).padStart(8, "0")}${this.b.toString(16).padStart(8, "0")}${this.n.toString(16)}`;
  }
}

function refSpecFingerprint(spec: SheetSpec, mask = (f: string) => f, hash = fnvHash): string {
  const d = new RefDigest(hash);
  for (const b of spec.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        const f = formulaOf(c) ?? null;
        d.add(b.row + i, b.col + j, f && mask(f), f ? null : c.value);
      }),
    );
  return d.toString();
}

function refGridFingerprint(grid: Grid, mask = (f: string) => f, hash = fnvHash): string {
  const d = new RefDigest(hash);
  grid.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const f = grid.formulas?.[i]?.[j] ?? null;
      d.add(
        grid.originRow + i,
        grid.originCol + j,
        f && mask(f),
        f ? null : v instanceof Date ? v.toISOString() : v,
      );
    }),
  );
  return d.toString();
}

// ---- The oracle of the masked format: references to other sheets and #REF! as one mark, by an expression. ----

const QUALIFIER = String.raw`(?:'(?:[^'"]|'')+'|(?<![#\w.\u00C0-\uFFFF])[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!`;
const ROWS = String.raw`[\d\uE000]+`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?${ROWS}`;
const REF_ERROR = "#[Rr][Ee][Ff]!";
const CROSS_REFERENCE = new RegExp(
  String.raw`("(?:[^"]|"")*")|(?:${QUALIFIER})?${REF_ERROR}|${QUALIFIER}` +
    String.raw`(?:${CELL}(?::(?:${QUALIFIER})?${CELL})?|\$?${ROWS}:(?:${QUALIFIER})?\$?${ROWS}` +
    String.raw`|\$?[A-Za-z]{1,3}:(?:${QUALIFIER})?\$?[A-Za-z]{1,3})(?![\w.($\u00C0-\uFFFF])`,
  "g",
);
const refMask = (f: string): string =>
  f.replace(CROSS_REFERENCE, (_m, literal: string | undefined) => literal ?? "\uE001");
const refMaskedGrid = (grid: Grid) => `m${refGridFingerprint(grid, refMask)}`;
const refPolySpec = (spec: SheetSpec) => `p${refSpecFingerprint(spec, refMask, polyHash)}`;
const refPolyGrid = (grid: Grid) => `p${refGridFingerprint(grid, refMask, polyHash)}`;

// ---- Random cells: what planners' and the product's formulas hold, and what trips a normaliser. ----

const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => [...s].map((ch, i) => (up[i] ? ch.toUpperCase() : ch.toLowerCase())).join(""));

const SHEET_NAMES = [
  "Số liệu",
  "Chỉ tiêu",
  "Kết quả",
  "It''s",
  "a b",
  "Q1 2015.0",
  "ß",
  "x''",
  "''",
  "0.50",
  "E1",
  "a b!C1",
  "x''S!A1",
];
const ODD_NUMBERS = [
  "0.50",
  "1.",
  ".5",
  "1E3",
  "1e-3",
  "2E+5",
  "007",
  "00",
  "1234567890123456",
  "9007199254740993",
  "1.000000",
];
const MORE_NUMBERS = [
  ".000000",
  "0.0000001",
  "0.8",
  "100",
  "3.14",
  "0E0",
  "1.5e+10",
  "12.",
  "10.10",
  "0",
  "1",
];
const SPACES = [
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\u00a0",
  "\u3000",
  "\u2028",
  "\u202f",
  "\ufeff",
  "\u0085",
  "\u180e",
];
const LETTERS = [
  "ß",
  "ŉ",
  "ı",
  "ſ",
  "ﬀ",
  "ǅ",
  "\u0345",
  "é",
  "ố",
  "Ư",
  "𐐨",
  "\ud800",
  "E",
  "e",
  "K",
  "µ",
  "ÿ",
];
const SYMBOLS = [
  "+",
  "-",
  "*",
  "/",
  "&",
  ",",
  "(",
  ")",
  ":",
  "!",
  ">=",
  "<>",
  "%",
  "^",
  "=",
  "$",
  "_",
  ".",
  "'",
  '"',
];

const token: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom("IF(", "SUM(", "LOG10(", "ISBLANK(", "MIN(", "ROUND(", "COUNTIF(", "ISNUMBER(")
    .chain(randomCase),
  fc
    .constantFrom("$C$7003", "A1", "A1E", "K10116", "$J$5:$J$1004", "A01", "XFD1048576", "e5")
    .chain(randomCase),
  fc.constantFrom(...SHEET_NAMES).map((n) => `'${n}'!`),
  fc.constantFrom(
    "#REF!",
    "#ref!",
    "#NUM!",
    "#DIV/0!",
    "Sheet1!",
    "s.2!",
    "_x!",
    "ố!",
    "A:C",
    "$5:$7",
    "Name",
    "A1:",
    ":C!",
    ":$2!",
  ),
  fc.constantFrom("'Số liệu'", "'a' !", "'abc", "'a''!", "''!", "'''!", "'a\"b'!"),
  fc
    .array(fc.oneof(fc.constantFrom('""', "'", "ß", " ", "1.50", "Đạt"), fc.string({ maxLength: 3 })), {
      maxLength: 4,
    })
    .map((parts) => `"${parts.join("").replace(/"/g, '""')}"`),
  fc.constantFrom('"abc', '"a""', '""""', '""'),
  fc.constantFrom(...ODD_NUMBERS, ...MORE_NUMBERS),
  fc.double({ noNaN: true }).map(String),
  fc.integer().map(String),
  fc.constantFrom(...SYMBOLS),
  fc.constantFrom(...SPACES),
  fc.constantFrom(...LETTERS),
  fc.string({ maxLength: 3, unit: "binary" }),
);

const formula: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(token, { maxLength: 12 }))
  .map(([eq, tokens]) => (eq ? "=" : "") + tokens.join(""));

const number: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
  fc.constantFrom(
    0,
    -0,
    0.1 + 0.2,
    1e21,
    123456789012345680,
    2 ** 31,
    2 ** 31 - 1,
    -1,
    5e-324,
    1e-7,
    0.000001,
  ),
);

const value: fc.Arbitrary<CellValue> = fc.oneof(
  number,
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(""),
  fc.date({ noInvalidDate: true }),
  fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
);

/** A cell as a grid holds it: a formula (with its cached value) or a value. */
const cell = fc.oneof(
  fc.record({ formula, value }),
  fc.record({ formula: fc.constantFrom(null, ""), value }),
);

const origin = fc.oneof(
  fc.integer({ min: 1, max: 1_048_576 }),
  fc.constantFrom(0, 2 ** 31 - 5, 2 ** 31, 2 ** 33),
);

const grid: fc.Arbitrary<Grid> = fc
  .tuple(
    origin,
    fc.integer({ min: 1, max: 16_384 }),
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([originRow, originCol, rows, cols]) =>
    fc
      .array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })
      .map((cells) => ({
        sheet: "Kết quả",
        originRow,
        originCol,
        values: cells.map((r) => r.map((c) => c.value)),
        formulas: cells.map((r) => r.map((c) => c.formula)),
      })),
  );

/** The same cells as a spec writes them (dates become text, as the engine writes them). */
function specOf(g: Grid): SheetSpec {
  const specValue = (v: CellValue): SpecValue | undefined =>
    v instanceof Date ? v.toISOString() : typeof v === "object" && v !== null ? undefined : v;
  const cells: SpecCell[][] = g.values.map((r, i) =>
    r.map((v, j) => {
      const f = g.formulas?.[i]?.[j];
      return f ? { formula: f, value: specValue(v) } : { value: specValue(v) };
    }),
  );
  return {
    name: g.sheet,
    kind: "results",
    blocks: [{ row: g.originRow, col: g.originCol, cells }],
  } as SheetSpec;
}

describe("ownership fingerprints", () => {
  it("equal their oracles for every single cell, in each format", () => {
    fc.assert(
      fc.property(cell, origin, fc.integer({ min: 1, max: 16_384 }), (c, row, col) => {
        const g: Grid = {
          sheet: "S",
          originRow: row,
          originCol: col,
          values: [[c.value]],
          formulas: [[c.formula]],
        };
        expect(gridFingerprint(g, "")).toBe(refGridFingerprint(g));
        expect(gridFingerprint(g, "m")).toBe(refMaskedGrid(g));
        expect(gridFingerprint(g)).toBe(refPolyGrid(g));
      }),
      { numRuns: 5000 },
    );
  });

  it("equal their oracles for random grids read back, in each format, and as specs", () => {
    fc.assert(
      fc.property(grid, (g) => {
        expect(gridFingerprint(g, "")).toBe(refGridFingerprint(g));
        expect(gridFingerprint(g, "m")).toBe(refMaskedGrid(g));
        expect(gridFingerprint(g)).toBe(refPolyGrid(g));
        const spec = specOf(g);
        expect(specFingerprint(spec)).toBe(refPolySpec(spec));
      }),
      { numRuns: 1000 },
    );
  });

  it("digest a cell given as a row template and its row exactly as its whole formula text", () => {
    // Templates of random pieces, the row anywhere: next to digits, points and E, in a string or a sheet name.
    const template = fc
      .array(
        fc.oneof(
          { arbitrary: token, weight: 4 },
          { arbitrary: fc.constant(ROW), weight: 3 },
          {
            arbitrary: fc.constantFrom("A", "$B$", "f", "1", "0", "0.", ".", "E", "e", "'S'!C", '"'),
            weight: 3,
          },
        ),
        { maxLength: 12 },
      )
      .map((pieces): FormulaTemplate => ({ parts: ["=", ...pieces].join("").split(ROW) }));
    const row = fc.oneof(
      fc.integer({ min: 1, max: 1_048_576 }),
      fc.constantFrom(0, 1, 9, 10, 99, 100, 999_999, 2 ** 31 - 1, 2 ** 31, -1, 1.5),
    );
    fc.assert(
      fc.property(template, fc.array(row, { minLength: 1, maxLength: 4 }), origin, (t, rows, at) => {
        const filled: SpecCell[][] = rows.map((r) => [{ fill: t, fillRow: r, value: 0 }]);
        const text: SpecCell[][] = rows.map((r) => [{ formula: templateText(t, r), value: 0 }]);
        const spec = (cells: SpecCell[][]) =>
          ({ name: "S", kind: "results", blocks: [{ row: at, col: 3, cells }] }) as SheetSpec;
        expect(specFingerprint(spec(filled))).toBe(specFingerprint(spec(text)));
        expect(specFingerprint(spec(filled))).toBe(refPolySpec(spec(text)));
      }),
      { numRuns: 5000 },
    );
  });

  it("digest cells shared down a column (one formula text or template in many rows) as fresh cells", () => {
    // The fast paths keep each column's last template and formula text with its normal form: a pool of shared cells
    // placed at random, a column's cell changing from row to row or staying, must digest as unshared copies do.
    const template = fc
      .array(fc.oneof(token, fc.constant(ROW), fc.constantFrom("A", "$B$", "1", "0.", "'S'!C")), {
        maxLength: 8,
      })
      .map((pieces): FormulaTemplate => ({ parts: ["=", ...pieces].join("").split(ROW) }));
    const shared: fc.Arbitrary<SpecCell> = fc.oneof(
      fc.record({ formula, value: fc.constantFrom(0, "", "x") }),
      fc.record({
        fill: template,
        fillRow: fc.oneof(fc.integer({ min: 0, max: 1_048_576 }), fc.constant(2 ** 31)),
      }),
      fc.record({ formula: fc.constant(""), fill: template, value: fc.constantFrom(1, "y") }),
      fc.record({ value: fc.oneof(fc.string(), fc.double(), fc.constant(null)) }),
    );
    const layout = fc.tuple(
      fc.array(shared, { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      origin,
    );
    fc.assert(
      fc.property(layout, ([pool, cols, picks, at]) => {
        const cells: SpecCell[][] = picks.map((row) => row.slice(0, cols).map((k) => pool[k % pool.length]));
        const fresh: SpecCell[][] = cells.map((row) =>
          row.map((c) => {
            const f = formulaOf(c);
            return f ? { formula: f.slice(0, 1) + f.slice(1), value: c.value } : { value: c.value };
          }),
        );
        const spec = (rows: SpecCell[][]) =>
          ({ name: "S", kind: "results", blocks: [{ row: at, col: 2, cells: rows }] }) as SheetSpec;
        expect(specFingerprint(spec(cells))).toBe(refPolySpec(spec(fresh)));
        expect(specFingerprint(spec(cells))).toBe(specFingerprint(spec(fresh)));
      }),
      { numRuns: 3000 },
    );
  });

  it("mask the references to other sheets as the expression does, over random formulas", () => {
    fc.assert(
      fc.property(formula, (f) => expect([f, maskCrossReferences(f)]).toEqual([f, refMask(f)])),
      { numRuns: 10000 },
    );
  });

  it("mask each reference to another sheet (rows, columns, name) and #REF!, and nothing else", () => {
    const cases: [string, string][] = [
      [`=IF(ISBLANK('Số liệu'!$L$157),"",'Số liệu'!$L$157)`, `=IF(ISBLANK(¤),"",¤)`],
      [`=IF(ISBLANK(#REF!),"",'Số liệu'!#REF!)`, `=IF(ISBLANK(¤),"",¤)`],
      [`=SUM('Số liệu'!$C$157:C200)+Sheet1!A1:Sheet1!B2+Sheet1!5:7+'a b'!$C:D`, `=SUM(¤)+¤+¤+¤`],
      [`=F5+$G$6+SUM(F5:F9)+"'Số liệu'!C5"+Sheet1!Name+Sheet1!A1X+'x'!A1(+#NUM!`, ""],
      [`=('Chỉ tiêu'!$F$4*'Kết quả'!K100)/('It''s'!$F$4)`, `=(¤*¤)/(¤)`],
    ];
    for (const [f, masked] of cases)
      expect([f, maskCrossReferences(f).replace(/\uE001/g, "¤")]).toEqual([f, masked || f]);
  });

  it("match an output whose references to other sheets moved; not one typed into, nor one whose own rows moved", () => {
    const sheet = (originRow: number, formulas: (string | null)[], values: CellValue[] = []): Grid => ({
      sheet: "Kết quả",
      originRow,
      originCol: 1,
      values: [formulas.map((_, j) => values[j] ?? (j === 0 ? "Sở A" : 0.5))],
      formulas: [formulas],
    });
    const written = [
      null,
      `=IF(ISBLANK('Số liệu'!$C$157),"",'Số liệu'!$C$157)`,
      "=B5*2",
      "='Chỉ tiêu'!$F$4",
      null,
    ];
    const recorded = specFingerprint(specOf(sheet(5, written)));
    const strict = gridFingerprint(sheet(5, written), "");
    const masked = gridFingerprint(sheet(5, written), "m");
    const moved = [
      null,
      `=IF(ISBLANK('Số liệu'!$C$158),"",'Số liệu'!$C$158)`,
      "=B5*2",
      "='Chỉ tiêu'!$F$5",
      null,
    ];
    // Excel keeps the sheet's name before #REF!, LibreOffice drops it.
    const deleted = [null, `=IF(ISBLANK('Số liệu'!#REF!),"",'Số liệu'!#REF!)`, "=B5*2", "=#REF!", null];
    expect(recorded[0]).toBe("p");
    for (const after of [written, moved, deleted])
      for (const fingerprint of [recorded, masked])
        expect(fingerprintMatches(sheet(5, after), fingerprint)).toBe(true);
    expect(fingerprintMatches(sheet(5, written), strict)).toBe(true);
    expect(fingerprintMatches(sheet(5, moved), strict)).toBe(false);
    const edits = [
      sheet(5, moved, ["Sở A", 0.5, 0.5, 0.5, "ghi chú"]), // a note typed in
      sheet(5, moved, ["Sở B"]), // a value changed
      sheet(5, [null, moved[1], "=B6*2", moved[3], null]), // a reference to its own cells
      sheet(6, moved), // a row inserted above, in the output itself
    ];
    for (const g of edits)
      for (const fingerprint of [recorded, masked, strict])
        expect(fingerprintMatches(g, fingerprint)).toBe(false);
  });

  it("equal their oracles for the formulas Excel hands back reformatted, in each format", () => {
    const formulas = [
      "=IF(ISBLANK('Số liệu'!$C$7003),\"\",'Số liệu'!$C$7003)",
      "=if(isblank( 'Số liệu'!$c$7003 ),\"\", 'Số liệu'!$c$7003)",
      '=IF(H138>=0.80,"Gần đạt","Chưa đạt ""x""")',
      "=LOG10(A1E)+1E3-1e-3+.5+1.+007+12345678901234567+0.0000001+'It''s'!A1",
      "='ß'!A1&\"ß\"&ŉ",
      "=SUM('a b'!A1:B2)\u00a0+\u3000 2",
    ];
    for (const f of formulas) {
      const g: Grid = { sheet: "S", originRow: 7, originCol: 3, values: [[0]], formulas: [[f]] };
      expect([f, gridFingerprint(g, "")]).toEqual([f, refGridFingerprint(g)]);
      expect([f, gridFingerprint(g, "m")]).toEqual([f, refMaskedGrid(g)]);
      expect([f, gridFingerprint(g)]).toEqual([f, refPolyGrid(g)]);
    }
  });

  it("equal the oracle for every sheet the sample plan's run writes", async () => {
    const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
    const run = runPlan(await wb.readGrids(), {
      period: "2015-Q2",
      lang: "vi",
      summary: true,
      asOf: "2015-07-05",
    });
    expect(run.sheets.length).toBeGreaterThanOrEqual(4);
    for (const spec of run.sheets)
      expect([spec.name, specFingerprint(spec)]).toEqual([spec.name, refPolySpec(spec)]);
  });

  it("add up, digested in pieces claimed by two threads in any order, to the sheet's fingerprint", () => {
    // Kết quả of 400 units × 12 indicators: 4,800 rows in 3 pieces, and its title, note, headers and block statistics,
    // one piece each; Xếp hạng's, Kiểm tra's and the summary's blocks.
    const run = runPlan(planRowsToGrids(generatePlanRows(400, 12, 4)), { period: "2014-Q4", lang: "vi" });
    expect(pieceCount(run.sheets[0])).toBeGreaterThan(6);
    for (const spec of run.sheets) {
      const whole = specFingerprint(spec);
      const total = pieceCount(spec);
      fc.assert(
        fc.property(fc.array(fc.boolean(), { minLength: total, maxLength: total }), (mine) => {
          // Each piece claimed by this thread or the other, as drawn; each thread gets its pieces in order, then none.
          const claims = [0, 1].map((side) => mine.map((m, k) => ((m ? 0 : 1) === side ? k : -1)));
          const parts = [0, 1].map((side) => {
            const own = claims[side].filter((k) => k >= 0);
            let i = 0;
            return pieceDigest(spec, () => (i < own.length ? own[i++] : total));
          });
          expect(specFingerprintOf(parts)).toBe(whole);
          expect(specFingerprintOf([...parts].reverse())).toBe(whole);
        }),
        { numRuns: 20 },
      );
      // One thread with every piece, claimed from one counter.
      let k = 0;
      expect(specFingerprintOf([pieceDigest(spec, () => k++)])).toBe(whole);
    }
  });
});
