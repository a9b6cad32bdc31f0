/**
 * A remedy that names a column names it as the planner's sheet heads it (“Applies to” on a workbook of the English
 * template, “Áp dụng cho” on a Vietnamese one), whatever the message's language, as findings quote sheets and settings.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { findingMessage, planSheetNames } from "../../src/engine/findings";
import type { PlanRows } from "../../src/engine/format";

type Lang = "vi" | "en";
const COLUMN: Record<Lang, { groups: string; pillar: string }> = {
  vi: { groups: "Áp dụng cho", pillar: "Trụ cột" },
  en: { groups: "Applies to", pillar: "Pillar" },
};

/** The sample with an indicator for communes (none in Lào Cai's plan), a unit of a group of its own, 41 pillars. */
function troubled(): PlanRows {
  const rows = samplePlanRows();
  const [first, ...rest] = rows.indicators;
  const extra = Array.from({ length: 41 }, (_, k) => {
    const r = [...first];
    r[0] = `P${k}`;
    r[2] = `Trụ cột ${k}`;
    return r;
  });
  const commune = [...first];
  commune[11] = "UBND xã, phường, đặc khu";
  return {
    ...rows,
    units: [...rows.units, ["BV", "Bệnh viện tỉnh", "Bệnh viện", "Có"]],
    indicators: [commune, ...rest, ...extra],
  };
}

describe("columns named in remedies, as the workbook heads them", () => {
  it.each([
    ["vi", "en"],
    ["en", "vi"],
  ] as const)("a %s message on an %s workbook", async (lang, wbLang) => {
    const grids = await (await XlsxWorkbook.of(buildTemplate(troubled(), wbLang))).readGrids();
    const { plan, findings } = checkWorkbook(grids, "2015-Q2");
    const names = planSheetNames(plan, lang);
    const text = (code: string) => {
      const f = findings.find((x) => x.code === code);
      expect([code, f !== undefined]).toEqual([code, true]);
      return findingMessage(f!, lang, "excel", names);
    };
    for (const [code, column] of [
      ["NO_UNIT_IN_GROUP", "groups"],
      ["NO_INDICATORS_FOR_GROUP", "groups"],
      ["TOO_MANY_PILLARS", "pillar"],
    ] as const) {
      expect([code, text(code)]).toEqual([code, expect.stringContaining(COLUMN[wbLang][column])]);
      expect([code, text(code)]).toEqual([code, expect.not.stringContaining(COLUMN[lang][column])]);
    }
  });
});
