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
import { describeErrors, sdkErrorsOf } from "../helpers/openXmlSdk";
import { addInputSheet } from "../../src/workbook/office/actions";
import { FEATURES, computeTwice, outputChart, userChart, withFeature } from "../helpers/plannerFeatures";

const text = (b: Uint8Array | string | undefined) =>
  typeof b === "string" ? b : new TextDecoder().decode(b);
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

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

/** The part a relationship of the given .rels part leads to (null for an external target). */
function targetOf(relsPart: string, rel: string): string | null {
  if (/TargetMode="External"/.test(rel)) return null;
  const target = /Target="([^"]*)"/.exec(rel)?.[1] ?? "";
  const base = relsPart.replace(/_rels\/[^/]*\.rels$/, "");
  const out: string[] = [];
  for (const seg of (target.startsWith("/") ? target.slice(1) : base + target).split("/"))
    if (seg === "..") out.pop();
    else if (seg && seg !== ".") out.push(seg);
  return out.join("/");
}
/** Relationships of a package that lead to a part it does not have, as "rels part → target". */
const danglingRelationships = (parts: Map<string, Uint8Array>) =>
  [...parts]
    .filter(([part]) => part.endsWith(".rels"))
    .flatMap(([part, bytes]) => elementsOf(text(bytes), "Relationship").map((r) => [part, targetOf(part, r)]))
    .filter(([, target]) => target !== null && !parts.has(target))
    .map(([part, target]) => `${part} → ${target}`);
const extensionOf = (part: string) => part.slice(part.lastIndexOf(".") + 1).toLowerCase();

let sample: Uint8Array;
beforeAll(async () => {
  sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
});

describe("every part the product does not own comes out byte for byte", () => {
  it.each(Object.keys(FEATURES))("%s", async (name) => {
    const f = FEATURES[name];
    const input = await withFeature(sample, f);
    const before = await partsOf(input);
    const out = await computeTwice(input);
    const after = await partsOf(out);
    const drops = new Set(f.drops ?? []);
    // Added to an output, the planner's parts are the sample's and the feature's; the rest is the product's.
    const planners = f.afterCompute
      ? new Set([...(await partsOf(sample)).keys(), ...Object.keys(f.add ?? {}), ...Object.keys(f.edits)])
      : new Set(before.keys());
    const rootRels = (xml: string) =>
      elementsOf(xml, "Relationship")
        .filter((r) => !drops.has(targetOf("_rels/.rels", r) ?? ""))
        .join("");
    for (const [part, bytes] of before) {
      if (EDITED.has(part) || !planners.has(part)) continue;
      if (drops.has(part)) expect([part, after.has(part)]).toEqual([part, false]);
      // Only the relationships to dropped parts leave the package's own relationships.
      else if (part === "_rels/.rels" && drops.size)
        expect(rootRels(text(after.get(part)))).toBe(rootRels(text(bytes)));
      else expect([part, after.get(part)]).toEqual([part, bytes]);
    }
    expect(danglingRelationships(after)).toEqual([]);
    // The edited parts keep every entry of the input, but for the dropped parts' (a Default kept for other parts).
    const types = text(after.get("[Content_Types].xml"));
    const dropped = (e: string) =>
      drops.has(/PartName="\/([^"]+)"/.exec(e)?.[1] ?? "") ||
      ([...drops].some((p) => extensionOf(p) === /Extension="([^"]+)"/.exec(e)?.[1].toLowerCase()) &&
        ![...after.keys()].some((p) => extensionOf(p) === /Extension="([^"]+)"/.exec(e)?.[1].toLowerCase()));
    for (const e of [
      ...elementsOf(text(before.get("[Content_Types].xml")), "Override"),
      ...elementsOf(text(before.get("[Content_Types].xml")), "Default"),
    ])
      if (dropped(e)) expect(types).not.toContain(e);
      else expect(types).toContain(e);
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

  it("a chart, a pivot table and a slicer of the planner's over output sheets find them as they were", async () => {
    const input = await withFeature(
      sample,
      FEATURES["a chart, a pivot table and a slicer of the planner's over the output sheets"],
    );
    const out = await computeTwice(input);
    const parts = await partsOf(out);
    expect(text(parts.get("xl/charts/chart4.xml"))).toBe(outputChart);
    // The chart's ranges: the units in Xếp hạng!A5:A35 and their index in J5:J35, under the same header row.
    const grid = async (bytes: Uint8Array, sheet: string) => {
      const g = (await (await XlsxWorkbook.load(bytes)).readGrids()).sheets.find((x) => x.sheet === sheet);
      const at = (row: number, col: number) => g?.values[row - g.originRow]?.[col - g.originCol] ?? null;
      return { header: g?.values[4 - (g?.originRow ?? 1)], at };
    };
    const [was, now] = [await grid(input, "Xếp hạng"), await grid(out, "Xếp hạng")];
    expect(now.header).toEqual(was.header);
    for (let r = 5; r <= 35; r++)
      expect([r, typeof now.at(r, 1), typeof now.at(r, 10)]).toEqual([r, "string", "number"]);
    expect(now.at(36, 1)).toBeNull();
    // The pivot table's source and the slicer's, the results' table, keeps its name, its id (5 in the Q1 output, which
    // the slicer's cache gives) and its columns.
    const results = (parts: Map<string, Uint8Array>) =>
      [...parts]
        .map(([, b]) => text(b))
        .find((x) => /<table\b[^>]*\bname="KetQua"/.test(x))
        ?.match(/<table\b[^>]*\bid="\d+"|<tableColumns[\s\S]*<\/tableColumns>/g);
    expect(results(parts)?.[0]).toContain(' id="5"');
    expect(results(parts)).toEqual(results(await partsOf(input)));
    expect(text(parts.get("xl/slicerCaches/slicerCache1.xml"))).toContain(
      `<x15:tableSlicerCache tableId="5" column="3"/>`,
    );
  });

  it("a pivot table of the planner's put on an output sheet goes with it; its cache, the workbook's, stays", async () => {
    const f = FEATURES["a chart, a pivot table and a slicer of the planner's over the output sheets"];
    // A second pivot table over the same cache, on Kết quả (the Q1 output's sheet7), beside the results.
    const input = await withFeature(sample, {
      ...f,
      edits: {
        ...f.edits,
        "xl/worksheets/_rels/sheet7.xml.rels": (x) =>
          x.replace(
            "</Relationships>",
            `<Relationship Id="rIdPt2" Type="${R}/pivotTable" Target="../pivotTables/pivotTable2.xml"/></Relationships>`,
          ),
        "[Content_Types].xml": (x) =>
          f.edits["[Content_Types].xml"](x).replace(
            "</Types>",
            `<Override PartName="/xl/pivotTables/pivotTable2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/></Types>`,
          ),
      },
      add: {
        ...f.add,
        "xl/pivotTables/pivotTable2.xml": text(f.add?.["xl/pivotTables/pivotTable1.xml"] as string)
          .replace('name="PivotTable2"', 'name="PivotTable3"')
          .replace('ref="E3:F8"', 'ref="P4:Q9"'),
        "xl/pivotTables/_rels/pivotTable2.xml.rels": f.add?.[
          "xl/pivotTables/_rels/pivotTable1.xml.rels"
        ] as string,
      },
    });
    const before = await partsOf(input);
    const wb = await XlsxWorkbook.load(input);
    await wb.applySheets(
      runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false }).sheets,
      {
        force: true,
      },
    );
    const after = await partsOf(await wb.save());
    expect(after.has("xl/pivotTables/pivotTable2.xml")).toBe(false);
    for (const part of ["xl/pivotCache/pivotCacheDefinition1.xml", "xl/pivotTables/pivotTable1.xml"])
      expect([part, after.get(part)]).toEqual([part, before.get(part)]);
    expect(text(after.get("xl/workbook.xml"))).toContain(`<pivotCache cacheId="7" r:id="rIdPcOut"/>`);
    expect(danglingRelationships(after)).toEqual([]);
    expect(describeErrors(await sdkErrorsOf(await wb.save()))).toEqual([]);
  });

  it("a signed workbook whose cells are edited or to which an input sheet is added (the preview's edits, then its download) is saved unsigned", async () => {
    const f = FEATURES["a digital signature"];
    // Đơn vị renamed away, so that the pane offers to add it.
    const renamed = {
      ...f,
      edits: { ...f.edits, "xl/workbook.xml": (x: string) => x.replace('name="Đơn vị"', 'name="Đơn vị cũ"') },
    };
    const edited = await XlsxWorkbook.load(await withFeature(sample, f));
    edited.writeCells([{ sheet: "Cấu hình", cell: "B5", value: 80 }]);
    const added = await XlsxWorkbook.load(await withFeature(sample, renamed));
    await addInputSheet(added, "units");
    for (const wb of [edited, added]) {
      const out = await partsOf(await wb.save());
      expect([wb.signaturesDropped, [...out.keys()].filter((p) => p.startsWith("_xmlsignatures/"))]).toEqual([
        true,
        [],
      ]);
      expect(text(out.get("_rels/.rels"))).not.toContain("digital-signature");
      expect(text(out.get("[Content_Types].xml"))).not.toContain("digital-signature");
    }
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
