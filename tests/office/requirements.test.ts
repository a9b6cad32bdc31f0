/**
 * One statement of requirements: the manifest's <Requirements>, the README, docs/deploy.md and the pane's check
 * all say ExcelApi 1.7 (src/workbook/office/requirements.ts); features above it are detected and skipped with a
 * note. The host double answers isSetSupported as Office documents it: true when the host supports the set at
 * the given version or higher, versions compared part by part as numbers (1.10 is above 1.9)
 * (node_modules/@types/office-js/index.d.ts, RequirementSetSupport / isSetSupported).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { MERGED_AREAS, MINIMUM, OPTIONAL, requirementGate } from "../../src/workbook/office/requirements";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { t } from "../../src/taskpane/i18n";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";

const root = path.join(__dirname, "..", "..");
const read = (f: string) => readFileSync(path.join(root, f), "utf8");

/** A host that has ExcelApi up to `max`. */
function hostWithApi(max: string) {
  const parts = (v: string) => v.split(".").map(Number);
  const atLeast = (have: number[], want: number[]) => {
    for (let i = 0; i < Math.max(have.length, want.length); i++)
      if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
    return true;
  };
  return (set: string, version: string) => set === "ExcelApi" && atLeast(parts(max), parts(version));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("requirements, stated once", () => {
  it("the manifest asks for the minimum the pane checks", () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
      read("manifest.xml"),
    ) as {
      OfficeApp: { Requirements: { Sets: { Set: { Name: string; MinVersion: string } | unknown[] } } };
    };
    expect(doc.OfficeApp.Requirements.Sets.Set).toEqual({ Name: MINIMUM.set, MinVersion: MINIMUM.version });
  });

  it("the README and docs/deploy.md state the minimum and the optional set, and no ExcelApi version requirements.ts does not", () => {
    for (const file of ["README.md", "docs/deploy.md"]) {
      const text = read(file);
      const line = text.split("\n").find((l) => /^- \*\*Requirements/.test(l));
      expect({ file, line: line ?? null }).toEqual({
        file,
        line: expect.stringContaining(`${MINIMUM.set} ${MINIMUM.version}`),
      });
      const versions = new Set([...text.matchAll(/ExcelApi (\d+\.\d+)/g)].map((m) => m[1]));
      // The minimum and the pane's optional set, and no version requirements.ts does not state.
      const stated = [
        MINIMUM.version,
        OPTIONAL.printLayout.version,
        OPTIONAL.chartSources.version,
        MERGED_AREAS.version,
      ];
      expect({ file, versions: [...versions].filter((v) => !stated.includes(v)) }).toEqual({
        file,
        versions: [],
      });
      expect({ file, versions: [...versions] }).toEqual({
        file,
        versions: expect.arrayContaining([MINIMUM.version, OPTIONAL.printLayout.version]),
      });
    }
  });

  it("no code asks for a requirement set except through requirements.ts", () => {
    const own = path.join(root, "src", "workbook", "office", "requirements.ts");
    for (const file of sourceFiles(path.join(root, "src")).filter((f) => f !== own))
      expect({
        file,
        literal: /["']ExcelApi["']|(isSetSupported|supports)\(\s*["']/.test(readFileSync(file, "utf8")),
      }).toEqual({
        file,
        literal: false,
      });
  });

  it("the pane starts from ExcelApi 1.7 and notes what is missing above it", () => {
    expect(requirementGate(hostWithApi("1.6"))).toEqual({ ok: false, missing: [] });
    expect(requirementGate(hostWithApi("1.7"))).toEqual({
      ok: true,
      missing: ["printLayout", "chartSources"],
    });
    expect(requirementGate(hostWithApi("1.8"))).toEqual({
      ok: true,
      missing: ["printLayout", "chartSources"],
    });
    expect(requirementGate(hostWithApi("1.9"))).toEqual({ ok: true, missing: ["chartSources"] });
    expect(requirementGate(hostWithApi("1.14"))).toEqual({ ok: true, missing: ["chartSources"] });
    expect(requirementGate(hostWithApi("1.15"))).toEqual({ ok: true, missing: [] });
    expect(t("en", "needsApi", { ...MINIMUM })).toContain("ExcelApi 1.7");
    expect(t("vi", "needsApi", { ...MINIMUM })).toContain("ExcelApi 1.7");
    expect(t("en", "missing_printLayout", { ...OPTIONAL.printLayout })).toMatch(
      /ExcelApi 1\.9: .*Page Layout/,
    );
    expect(t("vi", "missing_printLayout", { ...OPTIONAL.printLayout })).toMatch(
      /ExcelApi 1\.9: .*Bố trí Trang/,
    );
  });

  it("below ExcelApi 1.9 the summary is written without its page setup; from 1.9 with it", async () => {
    installExcelEnums();
    const run = runPlan(planRowsToGrids(samplePlanRows()), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
    });
    const printed = async (max: string) => {
      const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
      await new OfficeWorkbook(host.runner(), hostWithApi(max)).applySheets(run.sheets);
      return host.sheets.filter((s) => Object.keys(s.pageLayout).length > 0).map((s) => s.name);
    };
    const withPrint = run.sheets.filter((s) => s.print).map((s) => s.name);
    expect(withPrint.length).toBeGreaterThan(0);
    expect(await printed("1.8")).toEqual([]);
    expect((await printed("1.9")).sort()).toEqual(withPrint.sort());
  });

  it("a host with exactly ExcelApi 1.7 has every member the adapter calls: read, compute, summary, add a sheet, save settings", async () => {
    installExcelEnums();
    const { runAction, addInputSheet, saveSettings } = await import("../../src/workbook/office/actions");
    const minimum = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: MINIMUM.version });
    const wb = new OfficeWorkbook(minimum.runner(), (set, v) => minimum.isSetSupported(set, v));
    await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" });
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(await saveSettings(wb, { gradeGood: 85 })).toBe(true);
    minimum.sheets = minimum.sheets.filter((s) => s.name !== "Chỉ tiêu");
    expect(await addInputSheet(wb, "indicators", "vi")).toBe("Chỉ tiêu");
    const below = new FakeExcel({ ExcelApi: "1.6" });
    below.addSheet("Cấu hình", [["x"]]);
    await expect(new OfficeWorkbook(below.runner()).readGrids()).rejects.toMatchObject({
      code: "ApiNotFound",
    });
  });
});
