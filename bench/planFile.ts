/**
 * A generated plan as an .xlsx file, written directly as SpreadsheetML (the four input sheets as values, in a
 * minimal package): the template writer (ExcelJS) needs minutes and gigabytes for 10,000 units.
 */
import type { PlanRows } from "../src/engine/format";
import { planRowsToGrids } from "../src/engine/planRows";
import { sheetXml } from "../src/workbook/xlsx/write";
import { MINIMAL_STYLES, StyleBook } from "../src/workbook/xlsx/styles";
import { minimalParts, zipOf } from "../tests/helpers/packages";

/** The plan's input sheets as an .xlsx file's bytes. */
export async function planFile(rows: PlanRows): Promise<Uint8Array> {
  const styles = new StyleBook(MINIMAL_STYLES);
  const sheets: Record<string, Uint8Array> = {};
  for (const g of planRowsToGrids(rows).sheets)
    sheets[g.sheet] = sheetXml(
      {
        name: g.sheet,
        kind: "results",
        blocks: [
          {
            row: g.originRow,
            col: g.originCol,
            cells: g.values.map((r) =>
              r.map((v) => ({
                value: v instanceof Date || (typeof v === "object" && v !== null) ? null : v,
              })),
            ),
          },
        ],
      },
      styles,
      { tables: [] },
    );
  return zipOf(minimalParts(sheets));
}
