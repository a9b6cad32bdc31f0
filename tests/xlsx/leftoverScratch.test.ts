/**
 * Temporary sheets an interrupted add-in run left (ictplan_tmp_<k>, ictplan_old_<k>: its swap and its undo both failed)
 * are listed on the ownership sheet's G:I with their fingerprint as written. The CLI's .xlsx path applies the add-in's
 * rule (tests/office/scratchSheets.test.ts): a listed one still as written is removed by the next compute; one typed
 * into since, or one the list does not name, is the planner's and kept; the new record lists none.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { SCRATCH_HEADER } from "../../src/workbook/ownership";
import { specFingerprint } from "../../src/workbook/fingerprint";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { partsOf } from "../helpers/packages";
import { excelRuleBreaks } from "../helpers/excelRules";
import { describeErrors, sdkErrorsOf } from "../helpers/openXmlSdk";

jest.setTimeout(60_000);

const specs = (grids: Parameters<typeof runPlan>[0], lang: "vi" | "en" = "vi") =>
  runPlan(grids, { period: "2015-Q2", lang, robustness: false, summary: true }).sheets;

/** A computed sample with sheets as an interrupted add-in run leaves them, and the list it wrote (G:I) for those listed. */
async function interrupted(): Promise<{ bytes: Uint8Array; shown: (name: string) => Promise<unknown> }> {
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  const first = specs(await wb.readGrids());
  await wb.applySheets(first);
  // The run was writing the English outputs: its temporary Kiểm tra and summary, and the old summary set aside.
  const next = specs(await wb.readGrids(), "en");
  const checks = next.find((s) => s.kind === "findings")!;
  const summary = next.find((s) => s.kind === "summary")!;
  const oldSummary = first.find((s) => s.kind === "summary")!;
  const as = (spec: SheetSpec, name: string) => ({ spec: { ...spec, name } });
  await wb.addSheets([
    as(checks, "ictplan_tmp_0"),
    as(summary, "ictplan_tmp_1"),
    as(oldSummary, "ictplan_old_0"),
    // Listed, then typed into by the planner.
    as(checks, "ictplan_tmp_2"),
    // Not listed: a sheet of the planner's, whatever it holds.
    as(checks, "ictplan_tmp_7"),
  ]);
  const listed = [
    ["ictplan_tmp_0", specFingerprint(checks), checks.name],
    ["ictplan_tmp_1", specFingerprint(summary), summary.name],
    ["ictplan_old_0", specFingerprint(oldSummary), oldSummary.name],
    ["ictplan_tmp_2", specFingerprint(checks), checks.name],
  ];
  wb.writeCells(
    [[...SCRATCH_HEADER], ...listed].flatMap((row, r) =>
      row.map((value, c) => ({ sheet: "ictplan_meta", cell: `${"GHI"[c]}${r + 1}`, value })),
    ),
  );
  wb.writeCells([{ sheet: "ictplan_tmp_2", cell: "A1", value: "ghi chú của tôi" }]);
  const bytes = await wb.save();
  const shown = async (name: string) =>
    (await (await XlsxWorkbook.load(bytes)).readGrids()).sheets.find((g) => g.sheet === name)?.values;
  return { bytes, shown };
}

describe("temporary sheets an interrupted add-in run left, computed by the CLI's .xlsx path", () => {
  it("listed and as written: removed; typed into or unlisted: kept as they are; the new record lists none", async () => {
    const { bytes, shown } = await interrupted();
    const kept = { ictplan_tmp_2: await shown("ictplan_tmp_2"), ictplan_tmp_7: await shown("ictplan_tmp_7") };
    expect((kept.ictplan_tmp_2 as unknown[][])[0][0]).toBe("ghi chú của tôi");
    const wb = await XlsxWorkbook.load(bytes);
    await wb.applySheets(specs(await wb.readGrids()));
    const out = await wb.save();
    const after = await XlsxWorkbook.load(out);
    const names = await after.sheetNames();
    expect(names.filter((n) => n.startsWith("ictplan_"))).toEqual([
      "ictplan_tmp_2",
      "ictplan_tmp_7",
      "ictplan_meta",
    ]);
    const grids = (await after.readGrids()).sheets;
    for (const [name, values] of Object.entries(kept))
      expect(grids.find((g) => g.sheet === name)?.values).toEqual(values);
    expect(await after.ownedSheets()).toEqual(["Kết quả", "Xếp hạng", "Kiểm tra", "Tổng hợp Quý II-2015"]);
    // The list is gone from the record: nothing in column G of the ownership sheet.
    const parts = await partsOf(out);
    const workbook = new TextDecoder().decode(parts.get("xl/workbook.xml"));
    const rId = /<sheet [^>]*name="ictplan_meta"[^>]*r:id="(rId\d+)"/.exec(workbook)![1];
    const rels = new TextDecoder().decode(parts.get("xl/_rels/workbook.xml.rels"));
    const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`)
      .exec(rels)![1]
      .replace(/^\/?(xl\/)?/, "xl/");
    expect(new TextDecoder().decode(parts.get(target))).not.toMatch(/r="G\d+"/);
    expect([...describeErrors(await sdkErrorsOf(out, "xlsx")), ...(await excelRuleBreaks(out))]).toEqual([]);
  });

  it("a run that finds no list removes no sheet of those names", async () => {
    const { bytes } = await interrupted();
    const wb = await XlsxWorkbook.load(bytes);
    // The planner's own copy of the workbook, its list cleared (as the add-in's swap clears it).
    wb.writeCells(
      [0, 1, 2, 3, 4].flatMap((r) =>
        ["G", "H", "I"].map((c) => ({ sheet: "ictplan_meta", cell: `${c}${r + 1}`, value: "" })),
      ),
    );
    await wb.applySheets(specs(await wb.readGrids()));
    const names = await (await XlsxWorkbook.load(await wb.save())).sheetNames();
    expect(names.filter((n) => /^ictplan_(tmp|old)_/.test(n)).sort()).toEqual(
      ["ictplan_old_0", "ictplan_tmp_0", "ictplan_tmp_1", "ictplan_tmp_2", "ictplan_tmp_7"].sort(),
    );
  });
});
