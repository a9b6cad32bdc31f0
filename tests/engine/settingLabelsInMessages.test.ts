/**
 * Messages that name a setting quote it as the planner's Cấu hình sheet shows it (the label as read), else as the
 * template of the workbook's language writes it, whatever the message's language: a Vietnamese run on a workbook of
 * the English template says “Current period”, not “Kỳ hiện tại”; an English run on a Vietnamese one lists “Ngưỡng Tốt”.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { findingMessage, planSheetNames } from "../../src/engine/findings";
import { refusalMessage } from "../../src/engine/gate";
import { SETTINGS, sheetDef } from "../../src/engine/format";
import { findSetting } from "../../src/engine/parse/headers";
import type { CellValue, Grid, WorkbookGrids } from "../../src/engine/grid";

type Lang = "vi" | "en";
const LANGS = [
  ["vi", "en"],
  ["en", "vi"],
] as const;

const label = (key: string, lang: Lang) => {
  const d = SETTINGS.find((s) => s.key === key)!;
  return lang === "vi" ? d.label : d.labelEn;
};

/** The sample in a language's template, its settings labelled as that template labels them. */
async function template(lang: Lang): Promise<WorkbookGrids> {
  const rows = samplePlanRows();
  const settings = rows.settings.map(([k, v]) => [label(findSetting(k)!.key, lang), v] as const);
  return (await XlsxWorkbook.of(buildTemplate({ ...rows, settings }, lang))).readGrids();
}

/** A workbook's grids with one sheet's rows changed. */
function edit(g: WorkbookGrids, sheet: string, f: (rows: CellValue[][]) => CellValue[][]): WorkbookGrids {
  return {
    sheets: g.sheets.map((s): Grid => {
      if (s.sheet !== sheet) return s;
      const { formulas: _f, formats: _p, ...rest } = s;
      return { ...rest, values: f(s.values.map((r) => [...r])) };
    }),
  };
}

const settingsName = (lang: Lang) =>
  lang === "vi" ? sheetDef("settings").name : sheetDef("settings").nameEn;
const figuresName = (lang: Lang) => (lang === "vi" ? sheetDef("figures").name : sheetDef("figures").nameEn);

describe("setting labels in messages, as the planner's workbook has them", () => {
  it.each(LANGS)(
    "a %s message on an %s workbook lists the names a setting may take as its sheet does",
    async (lang, wbLang) => {
      const g = edit(await template(wbLang), settingsName(wbLang), (rows) => {
        // The planner typed one label in lower case, and one the product does not know.
        const good = rows.findIndex((r) => r[0] === label("gradeGood", wbLang));
        rows[good][0] = label("gradeGood", wbLang).toLowerCase();
        return [...rows, ["Ghi chú / Note", "x"]];
      });
      const run = runPlan(g, { period: "2015-Q2", lang, robustness: false, sheets: false });
      const unknown = run.findings.filter((f) => f.code === "UNKNOWN_SETTING");
      expect(unknown).toHaveLength(1);
      const text = findingMessage(unknown[0], lang, "cli", planSheetNames(run.plan, lang));
      expect(text).toContain(label("gradeGood", wbLang).toLowerCase());
      for (const s of SETTINGS.filter((d) => d.key !== "gradeGood")) {
        expect(text).toContain(label(s.key, wbLang));
        if (label(s.key, lang) !== label(s.key, wbLang)) expect(text).not.toContain(label(s.key, lang));
      }
    },
  );

  it.each(LANGS)(
    "a %s refusal for want of a period on an %s workbook names its current-period setting",
    async (lang, wbLang) => {
      // No figure rows, and the current period left blank: no period to report.
      const blank = (rows: CellValue[][]) =>
        rows.map((r) => (r[0] === label("currentPeriod", wbLang) ? [r[0], null] : r));
      const noFigures = (g: WorkbookGrids) => edit(g, figuresName(wbLang), (rows) => rows.slice(0, 1));
      const g = noFigures(edit(await template(wbLang), settingsName(wbLang), blank));
      const run = runPlan(g, { period: null, lang, robustness: false, sheets: false });
      expect(run.refused?.reason).toBe("noPeriod");
      const text = refusalMessage(run.refused!, lang);
      expect(text).toContain(`“${label("currentPeriod", wbLang)}”`);
      // Typed otherwise by the planner: quoted as typed.
      const typed = noFigures(
        edit(await template(wbLang), settingsName(wbLang), (rows) =>
          blank(rows).map((r) => (r[0] === label("currentPeriod", wbLang) ? ["  KỲ BÁO CÁO", null] : r)),
        ),
      );
      const run2 = runPlan(typed, { period: null, lang, robustness: false, sheets: false });
      // "Kỳ báo cáo" names the current period too (an alias): the message quotes it as the sheet has it, trimmed.
      expect(refusalMessage(run2.refused!, lang)).toContain("“KỲ BÁO CÁO”");
    },
  );
});
