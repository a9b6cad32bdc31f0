/** Evaluates the product's output sheets with an independent spreadsheet engine (HyperFormula) for differential tests. */
import { HyperFormula, type RawCellContent } from "hyperformula";
import type { CellValue, WorkbookGrids } from "../../src/engine/grid";
import { isCellError } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { formulaOf, specDefinedNames } from "../../src/engine/sheetSpec";

function raw(v: CellValue): RawCellContent {
  if (v === null) return null;
  if (isCellError(v)) return v.error;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  // A text cell that starts with "=" must stay text in HyperFormula too.
  if (typeof v === "string" && v.startsWith("=")) return `'${v}`;
  return v;
}

function specData(spec: SheetSpec): RawCellContent[][] {
  const data: RawCellContent[][] = [];
  for (const b of spec.blocks) {
    b.cells.forEach((row, i) => {
      const r = b.row - 1 + i;
      data[r] ??= [];
      row.forEach((c, j) => {
        const v =
          formulaOf(c) ??
          (typeof c.value === "string" && c.value.startsWith("=") ? `'${c.value}` : (c.value ?? null));
        data[r][b.col - 1 + j] = v === "" ? null : v;
      });
    });
  }
  for (let r = 0; r < data.length; r++) data[r] ??= [];
  return data;
}

export interface FormulaMismatch {
  readonly sheet: string;
  readonly cell: string;
  readonly formula: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** Loads input grids and output specs into HyperFormula, and returns every formula cell whose value differs from its cached value. */
export function evaluateSpecs(
  inputs: WorkbookGrids,
  specs: readonly SheetSpec[],
  tolerance = 1e-9,
): { checked: number; mismatches: FormulaMismatch[]; hf: HyperFormula } {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const g of inputs.sheets) {
    const data: RawCellContent[][] = [];
    g.values.forEach((row, i) => {
      data[g.originRow - 1 + i] = [];
      row.forEach(
        (v, j) => (data[g.originRow - 1 + i][g.originCol - 1 + j] = g.formulas?.[i]?.[j] ?? raw(v)),
      );
    });
    for (let r = 0; r < data.length; r++) data[r] ??= [];
    sheets[g.sheet] = data;
  }
  for (const s of specs) sheets[s.name] = specData(s);
  // The settings' defined names, as the adapters create them in the workbook.
  const names = specDefinedNames(specs).map((d) => ({ name: d.name, expression: `=${d.ref}` }));
  const hf = HyperFormula.buildFromSheets(
    sheets,
    { licenseKey: "gpl-v3", useArrayArithmetic: false, maxRows: 1_048_576, maxColumns: 16_384 },
    names,
  );
  const mismatches: FormulaMismatch[] = [];
  let checked = 0;
  for (const s of specs) {
    const id = hf.getSheetId(s.name) as number;
    for (const b of s.blocks) {
      b.cells.forEach((row, i) =>
        row.forEach((c, j) => {
          const formula = formulaOf(c);
          if (!formula) return;
          checked++;
          const r = b.row - 1 + i;
          const col = b.col - 1 + j;
          const got = hf.getCellValue({ sheet: id, row: r, col });
          const want = c.value ?? "";
          const gotNorm =
            got === null
              ? ""
              : typeof got === "object"
                ? `#ERR:${String((got as { value?: unknown }).value)}`
                : got;
          const same =
            typeof want === "number" && typeof gotNorm === "number"
              ? Math.abs(want - gotNorm) <= tolerance * Math.max(1, Math.abs(want))
              : want === gotNorm;
          if (!same)
            mismatches.push({
              sheet: s.name,
              cell: `${String.fromCharCode(65 + col)}${r + 1}`,
              formula,
              expected: want,
              actual: gotNorm,
            });
        }),
      );
    }
  }
  return { checked, mismatches, hf };
}
