/**
 * Objects the planner put on an output sheet (a picture, a chart of their own, notes, a table): the sheet is written
 * anew, so a write without force refuses, naming each sheet and what it holds, and changes nothing; with force the
 * sheet is written and they go with it, nothing left leading to them. The product's own charts and tables are no
 * object of the planner's. And the package digest takes what an output sheet shares with the planner's parts as theirs.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { PlannersObjectsError } from "../../src/workbook/ownership";
import { editPackage, partsOf } from "../helpers/packages";
import { FEATURES, onOutputSheets, slicerList } from "../helpers/plannerFeatures";
import { describeErrors, sdkErrorsOf } from "../helpers/openXmlSdk";

const compute = async (bytes: Uint8Array, period: string, force = false) => {
  const wb = await XlsxWorkbook.load(bytes);
  await wb.applySheets(runPlan(await wb.readGrids(), { period, lang: "vi", robustness: false }).sheets, {
    force,
  });
  return wb.save();
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof PlannersObjectsError ? e.found : e),
  );

let q1: Uint8Array;
beforeAll(async () => {
  q1 = await compute(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save(), "2015-Q1");
});

it("a picture and a chart on Xếp hạng, notes and a link on Kết quả, a table and a link on Kiểm tra: refused, naming each sheet and what it holds", async () => {
  const input = await editPackage(q1, onOutputSheets.edits, onOutputSheets.add);
  expect(await refusal(compute(input, "2015-Q2"))).toEqual([
    { sheet: "Kết quả", objects: ["notes", "link"] },
    { sheet: "Xếp hạng", objects: ["picture", "chart"] },
    { sheet: "Kiểm tra", objects: ["table", "link"] },
  ]);
});

it("the summary tab's own charts are the product's; a logo put beside them is the planner's", async () => {
  // The period's summary tab written again: its charts are those the product wrote.
  expect(await refusal(compute(q1, "2015-Q1"))).toBeNull();
  const input = await editPackage(q1, onOutputSheets.summaryLogo.edits, onOutputSheets.summaryLogo.add);
  expect(await refusal(compute(input, "2015-Q1"))).toEqual([
    { sheet: "Tổng hợp Quý I-2015", objects: ["picture"] },
  ]);
});

it("with force, the sheets are written and the planner's objects go with them", async () => {
  const input = await editPackage(q1, onOutputSheets.edits, onOutputSheets.add);
  const after = await partsOf(await compute(input, "2015-Q2", true));
  for (const part of Object.keys(onOutputSheets.add)) expect([part, after.has(part)]).toEqual([part, false]);
  const rels = [...after].filter(([p]) => p.endsWith(".rels")).map(([, b]) => new TextDecoder().decode(b));
  for (const gone of [
    "drawing9.xml",
    "image9.png",
    "chart9.xml",
    "comments9.xml",
    "vmlDrawing9.vml",
    "table9.xml",
  ])
    expect(rels.filter((x) => x.includes(gone))).toEqual([]);
});

it("a slicer on Xếp hạng: refused; with force it goes, and its cache, which nothing else uses, with it", async () => {
  const input = await editPackage(q1, onOutputSheets.slicer.edits, onOutputSheets.slicer.add);
  expect(await refusal(compute(input, "2015-Q2"))).toEqual([{ sheet: "Xếp hạng", objects: ["slicer"] }]);
  const out = await compute(input, "2015-Q2", true);
  const after = await partsOf(out);
  expect([...after.keys()].filter((p) => /slicer/i.test(p))).toEqual([]);
  const text = (part: string) => new TextDecoder().decode(after.get(part));
  for (const part of ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"])
    expect([part, /slicer/i.test(text(part))]).toEqual([part, false]);
  // The workbook's other defined names stay.
  expect(text("xl/workbook.xml")).toContain(`<definedName name="ictplan_gradeGood">`);
  expect(describeErrors(await sdkErrorsOf(out, "xlsx", "Office2013"))).toEqual([]);
  // The file as written, the cache already gone when its digest was made: an output nobody changed since.
  expect(await (await XlsxWorkbook.load(out)).unchangedSinceWritten()).toBe(true);
});

it("a slicer on Xếp hạng whose cache a slicer on a sheet of the planner's uses too: with force the cache stays", async () => {
  const f = onOutputSheets.slicer;
  const input = await editPackage(
    q1,
    {
      ...f.edits,
      "xl/worksheets/sheet1.xml": (x) => x.replace("</worksheet>", `${slicerList("rIdSl")}</worksheet>`),

      "[Content_Types].xml": (x) =>
        f.edits["[Content_Types].xml"](x).replace(
          "</Types>",
          `<Override PartName="/xl/slicers/slicer8.xml" ContentType="application/vnd.ms-excel.slicer+xml"/></Types>`,
        ),
    },
    {
      ...f.add,
      "xl/slicers/slicer8.xml": f.add["xl/slicers/slicer9.xml"],
      "xl/worksheets/_rels/sheet1.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdSl" Type="http://schemas.microsoft.com/office/2007/relationships/slicer" Target="../slicers/slicer8.xml"/></Relationships>`,
    },
  );
  const before = await partsOf(input);
  const after = await partsOf(await compute(input, "2015-Q2", true));
  expect(after.has("xl/slicers/slicer9.xml")).toBe(false);
  for (const part of ["xl/slicers/slicer8.xml", "xl/slicerCaches/slicerCache9.xml"])
    expect([part, after.get(part)]).toEqual([part, before.get(part)]);
  const wb = new TextDecoder().decode(after.get("xl/workbook.xml"));
  expect(wb).toContain(`<x14:slicerCache r:id="rIdSlC"/>`);
  expect(wb).toContain(`<definedName name="Slicer_Nhóm">#N/A</definedName>`);
});

describe("the package digest, which tells an output file nobody changed since it was written", () => {
  const f = FEATURES["a chart, a pivot table and a slicer of the planner's over the output sheets"];
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const unchanged = async (bytes: Uint8Array) => (await XlsxWorkbook.load(bytes)).unchangedSinceWritten();

  it("counts a part an output sheet shares with the planner's parts as theirs, as the removal does", async () => {
    // A pivot cache of the planner's over Kết quả, which the workbook lists; a second pivot table over it on Q1's
    // summary tab, which the Q2 run keeps (one tab per period).
    const input = await editPackage(
      q1,
      {
        ...f.edits,
        "xl/worksheets/_rels/sheet10.xml.rels": (x) =>
          x.replace(
            "</Relationships>",
            `<Relationship Id="rIdPt2" Type="${R}/pivotTable" Target="../pivotTables/pivotTable2.xml"/></Relationships>`,
          ),
      },
      {
        ...f.add,
        "xl/pivotTables/pivotTable2.xml": f.add?.["xl/pivotTables/pivotTable1.xml"] as string,
        "xl/pivotTables/_rels/pivotTable2.xml.rels": f.add?.[
          "xl/pivotTables/_rels/pivotTable1.xml.rels"
        ] as string,
      },
    );
    const out = await compute(input, "2015-Q2");
    expect(await unchanged(out)).toBe(true);
    // The cache changed since (refreshed by a program that rewrote only it): still the workbook's, a change of the file.
    const refreshed = await editPackage(out, {
      "xl/pivotCache/pivotCacheDefinition1.xml": (x) =>
        x.replace(`<cacheFields count="0"/>`, `<cacheFields count="1"/>`),
    });
    expect(await unchanged(refreshed)).toBe(false);
  });

  it("an output whose record has the digest of the releases before the parts beneath the outputs were digested: unchanged", async () => {
    const out = await compute(q1, "2015-Q2");
    const wb = await XlsxWorkbook.load(out);
    const digests = await (
      wb as unknown as { packageDigest(o: readonly string[]): Promise<{ digest: string; legacy: string }> }
    ).packageDigest(await wb.ownedSheets());
    expect(digests.legacy).not.toBe(digests.digest);
    const legacy = await editPackage(out, {
      "xl/worksheets/sheet11.xml": (x) => x.replace(`<t>${digests.digest}</t>`, `<t>${digests.legacy}</t>`),
    });
    expect(new TextDecoder().decode((await partsOf(legacy)).get("xl/worksheets/sheet11.xml"))).toContain(
      `<t>${digests.legacy}</t>`,
    );
    expect(await unchanged(legacy)).toBe(true);
  });

  it("a picture put on an output sheet since is a change, its cells untouched", async () => {
    const out = await compute(q1, "2015-Q2");
    expect(await unchanged(out)).toBe(true);
    const pictured = await editPackage(
      out,
      {
        "xl/worksheets/sheet7.xml": (x) => x.replace("<tableParts", `<drawing r:id="rIdDr"/><tableParts`),
        "xl/worksheets/_rels/sheet7.xml.rels": (x) =>
          x.replace(
            "</Relationships>",
            `<Relationship Id="rIdDr" Type="${R}/drawing" Target="../drawings/drawing9.xml"/></Relationships>`,
          ),
      },
      {
        "xl/drawings/drawing9.xml": onOutputSheets.add["xl/drawings/drawing9.xml"],
        "xl/drawings/_rels/drawing9.xml.rels": onOutputSheets.add["xl/drawings/_rels/drawing9.xml.rels"],
        "xl/media/image9.png": onOutputSheets.add["xl/media/image9.png"],
        "xl/charts/chart9.xml": onOutputSheets.add["xl/charts/chart9.xml"],
      },
    );
    expect(await unchanged(pictured)).toBe(false);
  });
});
