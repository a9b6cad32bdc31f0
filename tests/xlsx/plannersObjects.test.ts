/**
 * Objects the planner put on an output sheet (a picture, a chart of their own, notes, a table): the sheet is written
 * anew, so a write without force refuses, naming each sheet and what it holds, and changes nothing; with force the
 * sheet is written and they go with it, nothing left leading to them. The product's own charts and tables are no
 * object of the planner's.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { PlannersObjectsError } from "../../src/workbook/ownership";
import { editPackage, partsOf } from "../helpers/packages";
import { onOutputSheets, slicerListOf } from "../helpers/plannerFeatures";
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

it("a picture and a chart on Xếp hạng, notes on Kết quả, a table on Kiểm tra: refused, naming each sheet and what it holds", async () => {
  const input = await editPackage(q1, onOutputSheets.edits, onOutputSheets.add);
  expect(await refusal(compute(input, "2015-Q2"))).toEqual([
    { sheet: "Kết quả", objects: ["notes"] },
    { sheet: "Xếp hạng", objects: ["picture", "chart"] },
    { sheet: "Kiểm tra", objects: ["table"] },
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
});

it("a slicer on Xếp hạng whose cache a slicer on a sheet of the planner's uses too: with force the cache stays", async () => {
  const f = onOutputSheets.slicer;
  const input = await editPackage(
    q1,
    {
      ...f.edits,
      "xl/worksheets/sheet1.xml": (x) => x.replace("</worksheet>", `${slicerListOf("rIdSl")}</worksheet>`),

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
