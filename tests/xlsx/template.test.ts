/** The template a planner fills without the docs (issue 17). */
import ExcelJS from "exceljs";
import { INPUT_SHEETS, SETTINGS } from "../../src/engine/format";
import { checkWorkbook } from "../../src/engine/validate";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";

type Validations = { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } };

async function reopen(wb: ExcelJS.Workbook): Promise<{ ex: ExcelJS.Workbook; bytes: Uint8Array }> {
  const bytes = await XlsxWorkbook.of(wb).save();
  const ex = new ExcelJS.Workbook();
  await ex.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { ex, bytes };
}

describe("the empty template", () => {
  it("shows every setting's value as the planner reads it, with a drop-down where there is a choice", async () => {
    const { ex } = await reopen(buildTemplate());
    const ws = ex.getWorksheet("Cấu hình")!;
    const values = new Map<string, unknown>();
    ws.eachRow((row, n) => n > 1 && values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get("Chuẩn hóa")).toBe("Theo chỉ tiêu");
    expect(values.get("Số liệu thiếu")).toBe("Tính 0 điểm");
    expect(values.get("Cách tổng hợp")).toBe("Trung bình cộng");
    expect([...values.values()]).not.toEqual(expect.arrayContaining(["target", "zero", "arithmetic"]));
    const dv = (ws as unknown as Validations).dataValidations.model;
    const row = SETTINGS.findIndex((s) => s.key === "normalisation") + 2;
    expect(dv[`B${row}`]).toMatchObject({
      type: "list",
      formulae: ['"Theo chỉ tiêu,Min–max,Z-score,Thứ hạng phần trăm"'],
    });
  });

  it("starts with an indicator list and one Số liệu column per indicator, headed by its code", async () => {
    const { ex, bytes } = await reopen(buildTemplate());
    const codes = samplePlanRows().indicators.map((r) => r[0]);
    const fig = ex.getWorksheet("Số liệu")!;
    const headers = (fig.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(["Mã đơn vị", "Kỳ báo cáo", ...codes]);
    const { plan, findings } = checkWorkbook(await (await XlsxWorkbook.load(bytes)).readGrids());
    expect(plan.indicators.map((i) => i.code)).toEqual(codes);
    expect(findings.filter((f) => f.severity !== "info").map((f) => f.code)).toEqual(["NO_UNITS"]);
  });

  it("applies its indicators to the groups a province has since July 2025: departments and communes, not districts", async () => {
    const sample = samplePlanRows();
    const toDistricts = new Set(
      sample.indicators.filter((r) => String(r[11]).includes("UBND huyện")).map((r) => r[0]),
    );
    expect(toDistricts.size).toBeGreaterThan(0);
    for (const lang of ["vi", "en"] as const) {
      const { bytes } = await reopen(buildTemplate(undefined, lang));
      const { plan } = checkWorkbook(await (await XlsxWorkbook.load(bytes)).readGrids());
      expect(plan.indicators.filter((i) => i.groups.includes("district")).map((i) => i.code)).toEqual([]);
      expect(plan.indicators.filter((i) => i.groups.includes("commune")).map((i) => i.code)).toEqual([
        ...toDistricts,
      ]);
    }
  });

  it("names its indicators as since July 2025 too: communes, wards and special zones, no towns (thị trấn)", async () => {
    for (const lang of ["vi", "en"] as const) {
      const { bytes } = await reopen(buildTemplate(undefined, lang));
      const { plan } = checkWorkbook(await (await XlsxWorkbook.load(bytes)).readGrids());
      const names = plan.indicators.map((i) => i.name);
      expect(names.filter((n) => /thị trấn|towns/.test(n))).toEqual([]);
      expect(names).toContain(
        lang === "vi"
          ? "Tỷ lệ xã, phường, đặc khu có cáp quang"
          : "Share of communes, wards and special zones with fibre",
      );
    }
    // The 2015 sample keeps the towns of its time.
    expect(samplePlanRows().indicators.map((r) => r[1])).toContain("Tỷ lệ xã, phường, thị trấn có cáp quang");
  });

  it("is written in English with --lang en, and reads back as the same plan", async () => {
    const { ex, bytes } = await reopen(buildTemplate(undefined, "en"));
    expect(ex.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Instructions", ...INPUT_SHEETS.map((d) => d.nameEn)]),
    );
    expect(ex.worksheets.map((w) => w.name).join(" ")).not.toMatch(
      /Cấu hình|Đơn vị|Chỉ tiêu|Số liệu|Hướng dẫn/,
    );
    const units = ex.getWorksheet("Units")!;
    expect((units.getRow(1).values as unknown[]).slice(1)).toEqual(
      INPUT_SHEETS[1].columns.map((c) => c.headerEn),
    );
    const ind = ex.getWorksheet("Indicators")!;
    expect(ind.getCell("D2").value).toMatch(/^(%|Count|Yes\/No|Million VND)$/);
    expect(ind.getCell("C2").value).toBe("Technical infrastructure");
    const settings = ex.getWorksheet("Settings")!;
    const values = new Map<string, unknown>();
    settings.eachRow((row, n) => n > 1 && values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get("Normalisation")).toBe("Distance to target");
    const dv = (units as unknown as Validations).dataValidations.model;
    expect(dv.C2).toMatchObject({ type: "list", formulae: ["'Lists'!$A$2:$A$4"] });
    const en = checkWorkbook(await (await XlsxWorkbook.load(bytes)).readGrids());
    const vi = checkWorkbook(
      await (await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate()).save())).readGrids(),
    );
    expect(en.findings.filter((f) => f.severity !== "info").map((f) => f.code)).toEqual(["NO_UNITS"]);
    const shape = (p: typeof en.plan) =>
      p.indicators.map((i) => [
        i.code,
        i.pillar,
        i.measure,
        i.direction,
        i.weight,
        i.annualTarget,
        i.groups.join(),
      ]);
    expect(shape(en.plan)).toEqual(shape(vi.plan));
    expect(en.plan.settings.normalisation).toBe("target");
  });
});

describe("a plan written from rows (the sample, and consolidate's merged plan)", () => {
  it("keeps every text as written: a literal _x0041_, Word's line break pasted in, a tab, an indicator code _x0041_", async () => {
    const rows = samplePlanRows();
    const names = ["Văn phòng\u000bUBND tỉnh", "Sở _x0041_ Tài chính", "Sở\tNội vụ", "Sở\u0001Tư pháp"];
    const renamed = {
      ...rows,
      units: rows.units.map((u, i) => (i < names.length ? [u[0], names[i], ...u.slice(2)] : u)),
      indicators: rows.indicators.map((r, i) => (i === 0 ? ["_x0041_", ...r.slice(1)] : r)),
      figureIndicators: rows.figureIndicators.map((c, i) => (i === 0 ? "_x0041_" : c)),
    };
    const bytes = await XlsxWorkbook.of(buildTemplate(renamed)).save();
    const { plan } = checkWorkbook(await (await XlsxWorkbook.load(bytes)).readGrids());
    expect(plan.units.slice(0, names.length).map((u) => u.name)).toEqual(names);
    // Codes are read in capitals; "A" was what the escape made of it.
    expect(plan.indicators[0].code).toBe("_X0041_");
    // The indicator's Số liệu column is still found by its header, the code as written.
    expect(plan.figures.indicators).toContain("_X0041_");
  });
});
