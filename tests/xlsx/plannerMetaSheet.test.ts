/**
 * A sheet of the planner's named as the product's bookkeeping sheets: the ownership sheet (ictplan_meta, compared as
 * Excel compares names) and the lists sheet (Danh mục, Danh mục (ictplan)). The product's are told by their content;
 * a planner's is theirs: read like any of their sheets, never taken as the record, never written over. A write that
 * would need the ownership sheet's name is refused, naming the sheet and saying to rename it, on both paths.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { addInputSheet, runAction } from "../../src/workbook/office/actions";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { planRowsToGrids } from "../../src/engine/planRows";
import { INPUT_SHEETS } from "../../src/engine/format";
import { UserSheetClashError } from "../../src/workbook/ownership";
import { describeOfficeError } from "../../src/taskpane/errors";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { runCli } from "../helpers/cli";
import { editPackage, partsOf } from "../helpers/packages";

jest.setTimeout(60_000);
beforeAll(() => installExcelEnums());

/** A planner's own sheet: notes, and a row that reads like a record entry (a sheet name and a kind). */
const THEIRS = [
  ["Ghi chú", "Nội dung"],
  ["Kết quả", "results"],
  ["Xếp hạng", "ranking"],
];
const specs = (grids: Parameters<typeof runPlan>[0]) =>
  runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false, summary: true }).sheets;

/** The sample as a file, with a sheet of the planner's of that name (visible, or hidden as they may hide it). */
async function sampleWith(name: string, hidden = false): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  await wb.addSheets([
    {
      spec: {
        name,
        kind: "results",
        blocks: [{ row: 1, col: 1, cells: THEIRS.map((r) => r.map((value) => ({ value }))) }],
      },
      hidden,
    },
  ]);
  return wb.save();
}

const valuesOf = async (bytes: Uint8Array, name: string) =>
  (await (await XlsxWorkbook.load(bytes)).readGrids()).sheets.find((g) => g.sheet === name)?.values;

describe("a planner's sheet named as the ownership sheet", () => {
  it.each([
    ["ictplan_meta", false],
    ["ICTPLAN_META", false],
    ["ictplan_meta", true],
  ])(
    ".xlsx: %s (hidden %s) is read as theirs, and a write is refused naming it, the sheet kept",
    async (name, hidden) => {
      const bytes = await sampleWith(name, hidden);
      const wb = await XlsxWorkbook.load(bytes);
      const grids = await wb.readGrids();
      expect(grids.sheets.find((g) => g.sheet === name)?.values).toEqual(THEIRS);
      expect(await wb.ownedSheets()).toEqual([]);
      const error = await wb.applySheets(specs(grids), { force: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserSheetClashError);
      expect((error as UserSheetClashError).sheet).toBe(name);
      const after = await wb.save();
      expect(await valuesOf(after, name)).toEqual(THEIRS);
      expect(
        (await (await XlsxWorkbook.load(after)).sheetNames()).filter((n) => /^ictplan_meta$/i.test(n)),
      ).toEqual([name]);
    },
  );

  it("CLI: compute stops with a message naming the sheet and saying to rename it; no output file", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-meta-"));
    try {
      await fs.writeFile(path.join(dir, "plan.xlsx"), await sampleWith("ictplan_meta"));
      const r = await runCli(dir, { LANG: "vi_VN.UTF-8" }, [
        "compute",
        "plan.xlsx",
        "-o",
        "out.xlsx",
        "--no-robustness",
      ]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/ictplan_meta/);
      expect(r.err).toMatch(/đổi tên/i);
      await expect(fs.stat(path.join(dir, "out.xlsx"))).rejects.toThrow();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("the product's own record is still found and rewritten, run after run", async () => {
    let bytes = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
    for (let i = 0; i < 2; i++) {
      const wb = await XlsxWorkbook.load(bytes);
      await wb.applySheets(specs(await wb.readGrids()));
      bytes = await wb.save();
    }
    const wb = await XlsxWorkbook.load(bytes);
    expect((await wb.ownedSheets()).length).toBe(4);
    expect((await wb.readGrids()).sheets.map((g) => g.sheet)).not.toContain("ictplan_meta");
  });

  it("the product's record saved hidden (LibreOffice has no very hidden) is very hidden again after the next run", async () => {
    const stateOf = async (bytes: Uint8Array) =>
      /<sheet name="ictplan_meta"[^>]*?state="(\w+)"/.exec(
        new TextDecoder().decode((await partsOf(bytes)).get("xl/workbook.xml")),
      )?.[1];
    const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
    await wb.applySheets(specs(await wb.readGrids()));
    const written = await wb.save();
    expect(await stateOf(written)).toBe("veryHidden");
    const saved = await editPackage(written, {
      "xl/workbook.xml": (x) =>
        x.replace(/(<sheet name="ictplan_meta"[^>]*?)state="veryHidden"/, '$1state="hidden"'),
    });
    expect(await stateOf(saved)).toBe("hidden");
    const again = await XlsxWorkbook.load(saved);
    await again.applySheets(specs(await again.readGrids()));
    const rewritten = await again.save();
    expect(await stateOf(rewritten)).toBe("veryHidden");
    expect((await (await XlsxWorkbook.load(rewritten)).ownedSheets()).length).toBe(4);
  });

  it.each([
    ["ictplan_meta", "Visible"],
    ["ICTPLAN_META", "Visible"],
    ["ictplan_meta", "Hidden"],
  ] as const)(
    "Office: %s (%s) is read as theirs, and compute is refused naming it, nothing written",
    async (name, visibility) => {
      const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
      host.addSheet(name, THEIRS).visibility = visibility;
      const before = host.shown(name);
      const sheetsBefore = host.sheets.map((s) => s.name);
      const wb = new OfficeWorkbook(host.runner());
      expect((await wb.readGrids()).sheets.find((g) => g.sheet === name)?.values).toEqual(THEIRS);
      expect(await wb.ownedSheets()).toEqual([]);
      const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2", force: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserSheetClashError);
      expect(describeOfficeError(error, "vi")).toMatch(new RegExp(`Đổi tên.*"${name}"`));
      expect(host.shown(name)).toEqual(before);
      expect(host.sheet(name)!.visibility).toBe(visibility);
      expect(host.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    },
  );
});

describe("a planner's sheets named as the lists sheet", () => {
  it("Danh mục and Danh mục (ictplan) of theirs: the added sheet's lists go to a third name, theirs untouched", async () => {
    const units = INPUT_SHEETS.find((d) => d.key === "units")!.name;
    const grids = planRowsToGrids(samplePlanRows());
    const host = FakeExcel.withGrids({ sheets: grids.sheets.filter((g) => g.sheet !== units) });
    const catalogue = [
      ["Mã hồ sơ", "Tên hồ sơ"],
      ["HS01", "Hồ sơ một cửa"],
    ];
    host.addSheet("Danh mục", catalogue);
    host.addSheet("DANH MỤC (ictplan)", catalogue);
    const before = ["Danh mục", "DANH MỤC (ictplan)"].map((n) => host.shown(n));
    await addInputSheet(new OfficeWorkbook(host.runner()), "units", "vi");
    expect(["Danh mục", "DANH MỤC (ictplan)"].map((n) => host.shown(n))).toEqual(before);
    const lists = host.sheet("Danh mục (ictplan 2)");
    expect(lists?.visibility).toBe("Hidden");
    expect(lists?.cells.get("0,0")?.value).toBe("Nhóm xếp hạng");
  });
});
