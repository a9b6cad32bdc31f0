import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { a1 } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";

/** The raw cells of a worksheet part, read with regular expressions from the XML itself (no spreadsheet library). */
function rawCells(xml: string): Map<string, { t: string; f: string | null; v: string | null }> {
  const out = new Map<string, { t: string; f: string | null; v: string | null }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[3] ?? "";
    out.set(m[1], {
      t: /t="(\w+)"/.exec(m[2])?.[1] ?? "n",
      f: /<f>([\s\S]*?)<\/f>/.exec(inner)?.[1] ?? null,
      v: /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? (/<v\/>/.test(inner) ? "" : null),
    });
  }
  return out;
}

/** Worksheet XML by sheet name, from workbook.xml and its relationships. */
async function sheetXmlByName(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet name="([^"]+)"[^>]*r:id="([^"]+)"/g))
    out.set(m[1], await zip.file(`xl/${target.get(m[2])}`)!.async("string"));
  return out;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("cached values in the raw sheet XML", () => {
  let specs: readonly SheetSpec[];
  let sheets: Map<string, string>;
  beforeAll(async () => {
    const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    specs = run.sheets;
    await wb.applySheets(specs);
    sheets = await sheetXmlByName(await wb.save());
  });

  it("every formula cell carries a <v> equal to the engine's value, zeros and empty strings included", () => {
    let formulas = 0;
    let zeros = 0;
    let empties = 0;
    for (const spec of specs) {
      const cells = rawCells(sheets.get(spec.name)!);
      for (const b of spec.blocks)
        b.cells.forEach((row, i) =>
          row.forEach((c, j) => {
            if (!c.formula) return;
            formulas++;
            const raw = cells.get(a1(b.row + i, b.col + j));
            expect(raw?.f).not.toBeNull();
            expect(raw?.v).not.toBeNull();
            const v = c.value;
            if (typeof v === "number") {
              expect(raw!.t).toBe("n");
              expect(Number(raw!.v)).toBe(v);
              if (v === 0) zeros++;
            } else if (typeof v === "boolean") {
              expect(raw).toMatchObject({ t: "b", v: v ? "1" : "0" });
            } else {
              expect(raw!.t).toBe("str");
              expect(unescape(raw!.v!)).toBe(v ?? "");
              if (!v) empties++;
            }
          }),
        );
    }
    expect(formulas).toBeGreaterThan(1000);
    // The values ExcelJS used to drop: the sample has both.
    expect(zeros).toBeGreaterThan(0);
    expect(empties).toBeGreaterThan(0);
  });

  it("no formula cell anywhere in an output sheet lacks its cached value", () => {
    const withFormula = specs.flatMap((spec) =>
      [...rawCells(sheets.get(spec.name)!).values()].filter((c) => c.f !== null),
    );
    expect(withFormula.length).toBeGreaterThan(1000);
    expect(withFormula.filter((c) => c.v === null)).toEqual([]);
  });
});
