/**
 * The planner's workbook stays whole: for each feature a planner may have, the test adds it to the sample by editing
 * its XML, computes twice (two quarters), and checks that every part the product does not own comes out byte for
 * byte, and that the package-level parts it edits keep all of the input's entries.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { editPackage, partsOf } from "../helpers/packages";
import { FEATURES, computeTwice, userChart } from "../helpers/plannerFeatures";

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** The package-level parts the product edits (adding entries); every other input part must come out unchanged. */
const EDITED = new Set([
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
  // Only its lists of sheets (HeadingPairs, TitlesOfParts) follow the output: tests/xlsx/appProps.test.ts.
  "docProps/app.xml",
]);

const elementsOf = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, "g"))].map((m) => m[0]);

let sample: Uint8Array;
beforeAll(async () => {
  sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
});

describe("every part the product does not own comes out byte for byte", () => {
  it.each(Object.keys(FEATURES))("%s", async (name) => {
    const f = FEATURES[name];
    const input = await editPackage(sample, f.edits, f.add);
    const before = await partsOf(input);
    const out = await computeTwice(input);
    const after = await partsOf(out);
    for (const [part, bytes] of before) {
      if (EDITED.has(part)) continue;
      expect([part, after.get(part)]).toEqual([part, bytes]);
    }
    // The edited parts keep every entry of the input.
    const types = text(after.get("[Content_Types].xml"));
    for (const e of [
      ...elementsOf(text(before.get("[Content_Types].xml")), "Override"),
      ...elementsOf(text(before.get("[Content_Types].xml")), "Default"),
    ])
      expect(types).toContain(e);
    const partNames = [...types.matchAll(/PartName="([^"]+)"/g)].map((m) => m[1].toLowerCase());
    expect(new Set(partNames).size).toBe(partNames.length);
    for (const p of partNames)
      expect(after.has(p.slice(1)) || [...after.keys()].some((k) => `/${k}`.toLowerCase() === p)).toBe(true);
    const wbRels = text(after.get("xl/_rels/workbook.xml.rels"));
    for (const e of elementsOf(text(before.get("xl/_rels/workbook.xml.rels")), "Relationship"))
      expect(wbRels).toContain(e);
    const wb = text(after.get("xl/workbook.xml"));
    for (const e of elementsOf(text(before.get("xl/workbook.xml")), "sheet")) expect(wb).toContain(e);
    // Styles: the input's entries stay at their indices, the output's come after.
    const sBefore = text(before.get("xl/styles.xml"));
    const sAfter = text(after.get("xl/styles.xml"));
    for (const coll of ["numFmts", "fonts", "fills", "borders", "cellXfs", "cellStyles", "dxfs"]) {
      const inner = (x: string) => new RegExp(`<${coll}[^>]*>([\\s\\S]*?)</${coll}>`).exec(x)?.[1] ?? "";
      expect(inner(sAfter).startsWith(inner(sBefore))).toBe(true);
    }
    const lists = /<(HeadingPairs|TitlesOfParts)>[\s\S]*?<\/\1>/g;
    expect(text(after.get("docProps/app.xml")).replace(lists, "")).toBe(
      text(before.get("docProps/app.xml")).replace(lists, ""),
    );
    for (const k of f.keeps ?? []) expect(text(after.get(k.part))).toContain(k.text);
    // And the output is still a workbook with the four output sheets.
    expect(await (await XlsxWorkbook.load(out)).ownedSheets()).toEqual(
      expect.arrayContaining(["Kết quả", "Xếp hạng", "Kiểm tra", "Tổng hợp Quý II-2015"]),
    );
  });

  it("the product's charts never take a drawing or chart part of the planner's", async () => {
    const f = FEATURES["a chart on Chỉ tiêu"];
    const out = await partsOf(await computeTwice(await editPackage(sample, f.edits, f.add)));
    expect(text(out.get("xl/charts/chart1.xml"))).toBe(userChart);
    const ours = [...out.keys()].filter(
      (k) => /^xl\/charts\/chart\d+\.xml$/.test(k) && k !== "xl/charts/chart1.xml",
    );
    // Every output sheet of the Q2 run, plus Q1's summary tab (one tab per period), each with its own charts.
    const grids = await (await XlsxWorkbook.load(sample)).readGrids();
    const run = (period: string) => runPlan(grids, { period, lang: "vi", robustness: false }).sheets;
    const charts = [...run("2015-Q2"), ...run("2015-Q1").filter((s) => s.kind === "summary")].reduce(
      (n, s) => n + (s.charts?.length ?? 0),
      0,
    );
    expect(charts).toBeGreaterThan(4);
    expect(ours.length).toBe(charts);
  });

  it("sheet-scoped names still point at their own sheet after output sheets were added and replaced", async () => {
    const f = FEATURES["defined names: constants, formulas and sheet-scoped ranges"];
    const out = await partsOf(await computeTwice(await editPackage(sample, f.edits, f.add)));
    const wb = text(out.get("xl/workbook.xml"));
    const sheets = [...wb.matchAll(/<sheet\b[^>]*?name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets[2]).toBe("Đơn vị");
    expect(wb).toContain(`<definedName name="Vung" localSheetId="2">`);
    const titles = [
      ...wb.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">'([^']+)'/g),
    ];
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(sheets[Number(t[1])]).toBe(t[2]);
  });
});
