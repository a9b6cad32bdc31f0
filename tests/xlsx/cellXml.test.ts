import fc from "fast-check";
import { cellXml, fileFormula } from "../../src/workbook/xlsx/write";
import { esc } from "../../src/workbook/xlsx/xml";
import type { FormulaTemplate, SpecCell } from "../../src/engine/sheetSpec";
import { formulaOf, isFormulaCell, templateText } from "../../src/engine/sheetSpec";

// Template pieces: the escapes XML needs, Vietnamese sheet names, what fileFormula rewrites, an "=" anywhere.
const piece = fc.oneof(
  fc.constantFrom("=", "A", "'Số liệu'!$C$", '&"<>"', "NORM.S.DIST(B", ",TRUE)", "+", "IF(", ")", "0.5", ""),
  fc.string({ maxLength: 4 }),
);
const template: fc.Arbitrary<FormulaTemplate> = fc
  .array(piece, { minLength: 1, maxLength: 5 })
  .map((parts) => ({ parts }));
const row = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(0.5, -3));

describe("a cell's XML", () => {
  it("writes a template cell's formula as the text of its template at its row", () => {
    fc.assert(
      fc.property(template, row, (t, r) => {
        const cell: SpecCell = { fill: t, fillRow: r, value: 1 };
        const asText: SpecCell = { formula: formulaOf(cell), value: 1 };
        expect(cellXml("B2", cell, 0)).toBe(cellXml("B2", asText, 0));
        if (isFormulaCell(cell))
          expect(cellXml("B2", cell, 3)).toContain(`<f>${esc(fileFormula(templateText(t, r)))}</f>`);
      }),
      { numRuns: 3000 },
    );
  });

  it("writes every number as String does, the same each time it comes again; NaN and infinities as #NUM!", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0.6, 1 / 3, 2 ** 31, -(2 ** 31))), {
          maxLength: 20,
        }),
        (values) => {
          for (const v of [...values, ...values]) {
            const xml = cellXml("C3", { value: v }, 0);
            expect(xml).toBe(
              Number.isFinite(v) ? `<c r="C3"><v>${String(v)}</v></c>` : `<c r="C3" t="e"><v>#NUM!</v></c>`,
            );
            const f = cellXml("C3", { formula: "=A1", value: v }, 0);
            expect(f).toBe(
              Number.isFinite(v)
                ? `<c r="C3"><f>A1</f><v>${String(v)}</v></c>`
                : `<c r="C3" t="e"><f>A1</f><v>#NUM!</v></c>`,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
