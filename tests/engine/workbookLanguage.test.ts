/**
 * One workbook, one language, decided one way: the parser (a missing sheet's name in MISSING_SHEET), the pane's
 * findings (planSheetsLanguage) and "add the missing sheet" (addInputSheet) read the same language off the same
 * sheet names, whatever their case, Unicode form (NFD from a Mac) or accents, and the lists sheet counts when it
 * holds the product's lists (a planner's own "Danh mục" in an English workbook does not).
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { addInputSheet } from "../../src/workbook/office/actions";
import { planSheetsLanguage } from "../../src/workbook/inputSheet";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { sheetDef, type SheetDef } from "../../src/engine/format";
import type { WorkbookGrids } from "../../src/engine/grid";

type Lang = "vi" | "en";
beforeAll(() => installExcelEnums());

async function template(lang: Lang): Promise<WorkbookGrids> {
  return (await XlsxWorkbook.of(buildTemplate(samplePlanRows(), lang))).readGrids();
}

const other = (l: Lang): Lang => (l === "vi" ? "en" : "vi");
const nameIn = (key: SheetDef["key"], lang: Lang) =>
  lang === "vi" ? sheetDef(key).name : sheetDef(key).nameEn;

/** A workbook of a template, its sheets renamed, one input sheet dropped; the language it should be read in. */
interface Case {
  readonly title: string;
  readonly from: Lang;
  readonly rename: (name: string) => string | null;
  readonly drop: SheetDef["key"];
  readonly extra?: { name: string; rows: string[][] };
  readonly expected: Lang;
}

const CATALOGUE = [
  ["Mã hồ sơ", "Tên hồ sơ"],
  ["HS01", "Hồ sơ một cửa"],
];
/** Names the parser accepts for the input sheets that are neither template's name (the lists sheet is dropped). */
const ALIASES: Record<string, string> = {
  "Cấu hình": "Config",
  Settings: "Config",
  "Đơn vị": "Unit list",
  Units: "Unit list",
  "Chỉ tiêu": "Targets",
  Indicators: "Targets",
  "Số liệu": "Data",
  Figures: "Data",
};
const CASES: Case[] = [
  {
    title: "lower case (số liệu)",
    from: "vi",
    rename: (n) => n.toLowerCase(),
    drop: "indicators",
    expected: "vi",
  },
  {
    title: "upper case (SỐ LIỆU)",
    from: "vi",
    rename: (n) => n.toUpperCase(),
    drop: "units",
    expected: "vi",
  },
  {
    title: "NFD names (a Mac)",
    from: "vi",
    rename: (n) => n.normalize("NFD"),
    drop: "figures",
    expected: "vi",
  },
  {
    title: "without accents (So lieu), as the parser reads them",
    from: "vi",
    rename: (n) =>
      n
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d")
        .replace(/Đ/g, "D"),
    drop: "indicators",
    expected: "vi",
  },
  {
    title: "lower case (figures)",
    from: "en",
    rename: (n) => n.toLowerCase(),
    drop: "units",
    expected: "en",
  },
  {
    title: "only the English lists sheet tells (input sheets named otherwise)",
    from: "en",
    rename: (n) => (n === "Lists" ? n : n === "Settings" ? "Config" : null),
    drop: "units",
    expected: "en",
  },
  {
    title: "only the Vietnamese lists sheet tells, renamed DANH MỤC",
    from: "vi",
    rename: (n) => (n === "Danh mục" ? "DANH MỤC" : n === "Cấu hình" ? "Tham số" : null),
    drop: "units",
    expected: "vi",
  },
  {
    title: "sheets named by aliases only (Config, Unit list, Targets, Data): the English headers tell",
    from: "en",
    rename: (n) => ALIASES[n] ?? null,
    drop: "units",
    expected: "en",
  },
  {
    title: "sheets named by English aliases only, their headers Vietnamese: the headers tell",
    from: "vi",
    rename: (n) => ALIASES[n] ?? null,
    drop: "figures",
    expected: "vi",
  },
  {
    title: "a planner's own Danh mục in an English workbook",
    from: "en",
    rename: (n) => n,
    drop: "figures",
    extra: { name: "Danh mục", rows: CATALOGUE },
    expected: "en",
  },
];

describe("the workbook's language, one decision for the parser, the pane and added sheets", () => {
  it.each(CASES.map((c) => [c.title, c] as const))("%s", async (_, c) => {
    const full = await template(c.from);
    const dropped = nameIn(c.drop, c.from);
    const grids: WorkbookGrids = {
      sheets: [
        ...full.sheets.flatMap((g) => {
          const name = g.sheet === dropped ? null : c.rename(g.sheet);
          return name === null ? [] : [{ ...g, sheet: name }];
        }),
        ...(c.extra ? [{ sheet: c.extra.name, originRow: 1, originCol: 1, values: c.extra.rows }] : []),
      ],
    };
    const checked = checkWorkbook(grids, null);
    const missing = checked.findings
      .filter((f) => f.code === "MISSING_SHEET")
      .map((f) => f.params.sheet)
      .sort();
    const host = FakeExcel.withGrids(grids);
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    // The pane speaks the other language: the workbook's own decides.
    const added = await addInputSheet(wb, c.drop, other(c.expected));
    const expectedMissing = (["units", "indicators", "figures"] as const)
      .filter((k) => !checked.plan.layout[k])
      .map((k) => nameIn(k, c.expected))
      .sort();
    expect({
      missing,
      pane: planSheetsLanguage(checked.plan, other(c.expected)),
      added,
    }).toEqual({ missing: expectedMissing, pane: c.expected, added: nameIn(c.drop, c.expected) });
  });
});
