/**
 * Messages name the planner's sheets as the planner's workbook names them: a Vietnamese run on a workbook of the
 * English template says "sheet Figures", not "sheet Số liệu"; an English run on a Vietnamese workbook says "the Số
 * liệu sheet". Findings (pane, CLI, Kiểm tra), the refusal, and the output sheets' notes.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { findingMessage, planSheetNames } from "../../src/engine/findings";
import { refusalMessage } from "../../src/engine/gate";
import type { WorkbookGrids } from "../../src/engine/grid";

type Lang = "vi" | "en";
const VI = ["Cấu hình", "Đơn vị", "Chỉ tiêu", "Số liệu"];
const EN = ["Settings", "Units", "Indicators", "Figures"];
/** A sheet named in the message's own language where the workbook has the other's. */
const WRONG: Record<Lang, RegExp> = {
  vi: new RegExp(`(sheet|Sheet) (“)?(${VI.join("|")})\\b`),
  en: new RegExp(`((${EN.join("|")})(”)? sheet|sheet “(${EN.join("|")})”)`),
};

async function grids(lang: Lang): Promise<WorkbookGrids> {
  return (await XlsxWorkbook.of(buildTemplate(samplePlanRows(), lang))).readGrids();
}

/** Every text a run shows: the findings' messages, the refusal, every text cell of the output sheets. */
function texts(g: WorkbookGrids, lang: Lang): string[] {
  const run = runPlan(g, { period: "2015-Q2", lang, robustness: false, summary: true });
  const names = planSheetNames(run.plan, lang);
  return [
    ...run.findings.map((f) => findingMessage(f, lang, "excel", names)),
    ...run.findings.map((f) => findingMessage(f, lang, "cli", names)),
    ...(run.refused ? [refusalMessage(run.refused, lang)] : []),
    ...run.sheets.flatMap((s) =>
      s.blocks.flatMap((b) => b.cells.flat().flatMap((c) => (typeof c.value === "string" ? [c.value] : []))),
    ),
  ];
}

describe("a run in one language on a workbook of the other language's template", () => {
  it.each([
    ["vi", "en"],
    ["en", "vi"],
  ] as const)("%s run on an %s workbook names its sheets as the workbook does", async (lang, template) => {
    const full = await grids(template);
    const own = template === "vi" ? VI : EN;
    for (const drop of [null, ...own.slice(1)]) {
      const g = { sheets: full.sheets.filter((s) => s.sheet !== drop) };
      const shown = texts(g, lang);
      expect([drop, shown.filter((t) => WRONG[lang].test(t))]).toEqual([drop, []]);
      // A missing sheet is named as the workbook's language names it, with that language's headers.
      if (drop) expect(shown.join("\n")).toContain(`“${drop}”`);
    }
    // The output's notes name the workbook's figures sheet.
    expect(texts(full, lang).join("\n")).toContain(own[3]);
  });
});
