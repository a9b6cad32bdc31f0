import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { a1 } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { formulaOf } from "../../src/engine/sheetSpec";

/**
 * The raw cells of a worksheet part, read with regular expressions from the XML itself (no spreadsheet library). A
 * member of a shared formula group (ECMA-376 §18.3.1.40) has its f element without text: its f is "shared:<si>",
 * and it must lie in the ref range of its group's master.
 */
function rawCells(xml: string): Map<string, { t: string; f: string | null; v: string | null }> {
  const out = new Map<string, { t: string; f: string | null; v: string | null }>();
  const ranges = new Map<string, { col: string; from: number; to: number }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[4] ?? "";
    const master = /<f t="shared" ref="([A-Z]+)(\d+):([A-Z]+)(\d+)" si="(\d+)">/.exec(inner);
    if (master) {
      expect([master[1], master[2], master[3]]).toEqual([m[1], m[2], m[1]]);
      ranges.set(master[5], { col: m[1], from: Number(m[2]), to: Number(master[4]) });
    }
    const member = /<f t="shared" si="(\d+)"\/>/.exec(inner);
    if (member) {
      const g = ranges.get(member[1]);
      expect(g && g.col === m[1] && g.from < Number(m[2]) && Number(m[2]) <= g.to).toBe(true);
    }
    out.set(m[1] + m[2], {
      t: /t="(\w+)"/.exec(m[3])?.[1] ?? "n",
      f:
        /<f(?: t="shared" ref="[^"]*" si="\d+")?>([\s\S]*?)<\/f>/.exec(inner)?.[1] ??
        (member ? `shared:${member[1]}` : null),
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
            if (!formulaOf(c)) return;
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
    // Formulas filled down a column are shared groups: their members carry the cached value all the same.
    expect(withFormula.filter((c) => c.f?.startsWith("shared:")).length).toBeGreaterThan(
      withFormula.length / 3,
    );
  });
});
