/**
 * A pivot table of the planner's over an output sheet: its cache is theirs and stays as it is, so compute says, once,
 * to refresh it in Excel; not when the cache refreshes on open by itself.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { editPackage } from "../helpers/packages";
import { FEATURES, withFeature } from "../helpers/plannerFeatures";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";

const CACHE = "xl/pivotCache/pivotCacheDefinition1.xml";
let dir: string;
let plan: Uint8Array;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-pivots-"));
  const sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
  plan = await withFeature(
    sample,
    FEATURES["a chart, a pivot table and a slicer of the planner's over the output sheets"],
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const compute = async (name: string, bytes: Uint8Array) => {
  await fs.writeFile(path.join(dir, name), bytes);
  const r = await runCli(dir, { LANG: "vi_VN.UTF-8" }, [
    "compute",
    name,
    "--period",
    "2015-Q2",
    "-o",
    `out-${name}`,
    "--no-robustness",
  ]);
  expect(r.code).toBe(0);
  return r.err.match(/PivotTable[^\n]*/g);
};

it("a pivot table over Kết quả's table, or over Xếp hạng by its sheet or by a defined name: compute says once to refresh it", async () => {
  expect(await compute("table.xlsx", plan)).toEqual([
    "PivotTable của bạn lấy số liệu từ sheet Kết quả vừa được ghi lại, và vẫn hiện số liệu cũ cho đến khi được làm mới: mở out-table.xlsx trong Excel, chọn Dữ liệu > Làm mới Tất cả.",
  ]);
  const bySheet = await editPackage(plan, {
    [CACHE]: (x) =>
      x.replace(`<worksheetSource name="KetQua"/>`, `<worksheetSource ref="A4:S35" sheet="Xếp hạng"/>`),
  });
  expect((await compute("sheet.xlsx", bySheet))?.map((m) => m.includes("sheet Xếp hạng vừa"))).toEqual([
    true,
  ]);
  // Over a range named by a defined name of the planner's, its quotes written as Excel writes them.
  const byName = await editPackage(plan, {
    [CACHE]: (x) => x.replace(`<worksheetSource name="KetQua"/>`, `<worksheetSource name="DuLieu"/>`),
    "xl/workbook.xml": (x) =>
      x.replace(
        "<definedNames>",
        `<definedNames><definedName name="DuLieu">&apos;Xếp hạng&apos;!$A$4:$S$35</definedName>`,
      ),
  });
  expect((await compute("name.xlsx", byName))?.map((m) => m.includes("sheet Xếp hạng vừa"))).toEqual([true]);
});

it("a pivot cache that refreshes on open: nothing to say", async () => {
  const refreshing = await editPackage(plan, {
    [CACHE]: (x) => x.replace("<pivotCacheDefinition ", `<pivotCacheDefinition refreshOnLoad="1" `),
  });
  expect(await compute("refreshing.xlsx", refreshing)).toBeNull();
});

it("with --json, the note is in the output's notes, its sheets a list", async () => {
  await fs.writeFile(path.join(dir, "json.xlsx"), plan);
  const r = await runCli(dir, { LANG: "vi_VN.UTF-8" }, [
    "compute",
    "json.xlsx",
    "--period",
    "2015-Q2",
    "-o",
    "out-json.xlsx",
    "--no-robustness",
    "--json",
  ]);
  expect(r.code).toBe(0);
  const notes = (JSON.parse(r.out) as { notes: { code: string; params: unknown; message: string }[] }).notes;
  expect(notes.map((n) => [n.code, n.params])).toEqual([
    ["stalePivots", { sheets: ["Kết quả"], file: "out-json.xlsx" }],
  ]);
  expect(notes[0].message).toMatch(
    /^Lưu ý: PivotTable của bạn lấy số liệu từ sheet Kết quả vừa được ghi lại/,
  );
});
