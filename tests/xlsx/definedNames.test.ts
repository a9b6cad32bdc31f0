/** Settings live in Excel (issue 17): both adapters create the defined names the output formulas read. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { haveOffice, recalculate } from "../helpers/libreoffice";
import { formulaOf } from "../../src/engine/sheetSpec";

if (!haveOffice) console.warn("LibreOffice missing: the recalculation test is skipped (CI installs it).");

const rows = samplePlanRows();
const settingRow = (label: string) => rows.settings.findIndex(([k]) => k === label) + 2;

describe("defined names for the live settings", () => {
  it("are written into the .xlsx once, pointing at the Cấu hình cells, and read by the formulas", async () => {
    const wb = XlsxWorkbook.of(buildTemplate(rows));
    for (let i = 0; i < 2; i++) {
      const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
      await wb.applySheets(run.sheets, { force: true });
    }
    const zip = await JSZip.loadAsync(await wb.save());
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    const names = [...xml.matchAll(/<definedName name="(ictplan_\w+)"[^>]*>([^<]*)</g)].map((m) => [
      m[1],
      m[2].replace(/&apos;/g, "'"),
    ]);
    expect(Object.fromEntries(names)).toEqual({
      ictplan_gradeGood: `'Cấu hình'!$B$${settingRow("Ngưỡng Tốt")}`,
      ictplan_gradeFair: `'Cấu hình'!$B$${settingRow("Ngưỡng Khá")}`,
      ictplan_gradeAverage: `'Cấu hình'!$B$${settingRow("Ngưỡng Trung bình")}`,
      ictplan_attainmentCap: `'Cấu hình'!$B$${settingRow("Mức trần tỷ lệ đạt")}`,
      ictplan_indexScale: `'Cấu hình'!$B$${settingRow("Thang điểm")}`,
      ictplan_indexDecimals: `'Cấu hình'!$B$${settingRow("Số chữ số thập phân")}`,
    });
    const rank = await (await XlsxWorkbook.load(await wb.save())).readGrids();
    const formulas = rank.sheets
      .find((g) => g.sheet === "Xếp hạng")!
      .formulas!.flat()
      .filter(Boolean);
    expect(formulas.some((f) => /ictplan_gradeGood\*\(ictplan_indexScale\/100\)/.test(f!))).toBe(true);
    expect(formulas.some((f) => /IF\(\w+\d+>=80,/.test(f!))).toBe(false);
  });

  it("keep the number in the formula when the setting is not on Cấu hình or is not the cell's own number", () => {
    const without = {
      ...rows,
      settings: rows.settings
        .filter(([k]) => k !== "Ngưỡng Tốt")
        .map(([k, v]) => [k, k === "Ngưỡng Khá" ? "65" : v] as const),
    };
    const run = runPlan(planRowsToGrids(without), { period: "2015-Q2", lang: "vi", robustness: false });
    const names = run.sheets.flatMap((s) => s.definedNames ?? []).map((d) => d.name);
    expect(names).not.toContain("ictplan_gradeGood");
    expect(names).not.toContain("ictplan_gradeFair");
    const grade = run.sheets[1].blocks[3].cells[0].map(formulaOf).find((f) => f?.includes('"Tốt"'))!;
    expect(grade).toMatch(/>=80\*\(ictplan_indexScale\/100\),"Tốt",IF\(\w+>=65\*\(ictplan_indexScale\/100\)/);
  });

  it("are added in Excel before the formulas, and replaced, not duplicated, on the next run", async () => {
    installExcelEnums();
    const host = FakeExcel.withGrids(planRowsToGrids(rows));
    const wb = new OfficeWorkbook(host.runner());
    for (let i = 0; i < 2; i++) {
      const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
      await wb.applySheets(run.sheets, { force: true });
    }
    expect(host.names.map((n) => n.name).sort()).toEqual(
      [
        "ictplan_attainmentCap",
        "ictplan_gradeAverage",
        "ictplan_gradeFair",
        "ictplan_gradeGood",
        "ictplan_indexDecimals",
        "ictplan_indexScale",
      ].sort(),
    );
    const good = host.names.find((n) => n.name === "ictplan_gradeGood")!;
    expect(host.render(good.formula)).toBe(`='Cấu hình'!$B$${settingRow("Ngưỡng Tốt")}`);
  });

  it("stay when only Kiểm tra or a summary tab is written, in both adapters (the kept sheets read them)", async () => {
    installExcelEnums();
    const host = FakeExcel.withGrids(planRowsToGrids(rows));
    const office = new OfficeWorkbook(host.runner());
    const xlsx = XlsxWorkbook.of(buildTemplate(rows));
    for (const wb of [office, xlsx]) {
      const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
      await wb.applySheets(run.sheets, { force: true });
      const partial = run.sheets.filter((s) => s.kind === "findings" || s.kind === "summary");
      await wb.applySheets(partial, { force: true });
    }
    expect(host.names.map((n) => n.name)).toContain("ictplan_gradeGood");
    host.recalc();
    const errors = [...host.sheet("Xếp hạng")!.cells.values()].filter((c) => c.error);
    expect(errors).toEqual([]);
    const xml = await (await JSZip.loadAsync(await xlsx.save())).file("xl/workbook.xml")!.async("string");
    expect(xml.match(/name="ictplan_gradeGood"/g)).toHaveLength(1);
  });

  it("in Excel, a threshold changed on Cấu hình regrades the units without the add-in", async () => {
    installExcelEnums();
    const host = FakeExcel.withGrids(planRowsToGrids(rows));
    const wb = new OfficeWorkbook(host.runner());
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    await wb.applySheets(run.sheets, { force: true });
    const grades = () => {
      host.recalc();
      const rank = host.sheet("Xếp hạng")!;
      return [...rank.cells.values()]
        .filter((c) => c.formula?.includes('"Tốt"'))
        .map((c) => c.value)
        .sort();
    };
    const before = grades();
    expect(before).toContain("Tốt");
    // Every threshold at 0 (Excel: the planner types 0 into the three cells): every unit is graded Tốt.
    const settings = host.sheet("Cấu hình")!;
    for (const label of ["Ngưỡng Tốt", "Ngưỡng Khá", "Ngưỡng Trung bình"])
      host.writeCell(settings, settingRow(label) - 1, 1, 0);
    const after = grades();
    expect(after.length).toBe(before.length);
    expect(new Set(after)).toEqual(new Set(["Tốt"]));
    expect(before.filter((g) => g !== "Tốt").length).toBeGreaterThan(0);
  });

  it("in the .xlsx, keep the planner's own names byte for byte and drop a stale ictplan_ name", async () => {
    const source = await JSZip.loadAsync(await buildTemplate(rows).xlsx.writeBuffer());
    const own = `<definedName name="DanhSach">'Đơn vị'!$A$2:$A$40</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'Đơn vị'!$A$1:$C$1</definedName><definedName name="ictplan_old">'Cấu hình'!$B$99</definedName>`;
    const wbXml = (await source.file("xl/workbook.xml")!.async("string")).replace(
      /<definedNames>(.*?)<\/definedNames>|(<\/sheets>)/,
      (_m, inner: string | undefined, sheets: string | undefined) =>
        sheets
          ? `${sheets}<definedNames>${own}</definedNames>`
          : `<definedNames>${inner}${own}</definedNames>`,
    );
    source.file("xl/workbook.xml", wbXml);
    const wb = await XlsxWorkbook.load(await source.generateAsync({ type: "uint8array" }));
    for (let i = 0; i < 2; i++) {
      const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
      await wb.applySheets(run.sheets, { force: true });
    }
    const xml = await (await JSZip.loadAsync(await wb.save())).file("xl/workbook.xml")!.async("string");
    expect(xml).toContain(
      `<definedName name="DanhSach">'Đơn vị'!$A$2:$A$40</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'Đơn vị'!$A$1:$C$1</definedName>`,
    );
    expect(xml).not.toContain("ictplan_old");
    expect(xml.match(/name="ictplan_gradeGood"/g)).toHaveLength(1);
    expect(xml.match(/<definedNames>/g)).toHaveLength(1);
  });

  (haveOffice ? it : it.skip)(
    "in the .xlsx the writer saves, a threshold changed on Cấu hình regrades the units when LibreOffice recalculates",
    async () => {
      const wb = XlsxWorkbook.of(buildTemplate(rows));
      const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
      await wb.applySheets(run.sheets, { force: true });
      const grades = async (w: XlsxWorkbook) => {
        const rank = (await w.readGrids()).sheets.find((g) => g.sheet === "Xếp hạng")!;
        const col = rank.formulas!.flat().findIndex((f) => f?.includes('"Tốt"'));
        const width = rank.formulas![0].length;
        const j = col % width;
        return rank.formulas!.flatMap((r, i) => (r[j]?.includes('"Tốt"') ? [String(rank.values[i][j])] : []));
      };
      const before = await grades(wb);
      expect(before.filter((g) => g !== "Tốt").length).toBeGreaterThan(0);
      // The planner lowers the three thresholds to 0 in Excel: every unit is then Tốt, with no new run.
      wb.writeCells(
        ["Ngưỡng Tốt", "Ngưỡng Khá", "Ngưỡng Trung bình"].map((label) => ({
          sheet: "Cấu hình",
          cell: `B${settingRow(label)}`,
          value: 0,
        })),
      );
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-names-"));
      try {
        const src = path.join(dir, "in.xlsx");
        const dst = path.join(dir, "out.xlsx");
        await fs.writeFile(src, await wb.save());
        recalculate([[src, dst]]);
        const after = await grades(await XlsxWorkbook.load(await fs.readFile(dst)));
        expect(after).toHaveLength(before.length);
        expect(new Set(after)).toEqual(new Set(["Tốt"]));
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
