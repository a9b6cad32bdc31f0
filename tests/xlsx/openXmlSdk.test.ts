/**
 * Every file the product writes passes Microsoft's Open XML SDK validator (tests/helpers/openXmlSdk.ts), the checks
 * behind Excel's and Word's repair prompt, against Office 2007's schemas, and keeps the rules Excel enforces that no
 * schema states (tests/helpers/excelRules.ts): the sample, the templates, computed plans quarter after quarter, a
 * consolidated plan, the Word report, in both languages, the planner features of the preservation test (those of a
 * later Excel, slicers and sparklines, against its schemas: Office 2007's pass over them), and random plans.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { runCli } from "../helpers/cli";
import { describeErrors, sdkErrorsOf } from "../helpers/openXmlSdk";
import { excelRuleBreaks } from "../helpers/excelRules";
import { editPackage, partsOf } from "../helpers/packages";
import { FEATURES, computeTwice, withFeature } from "../helpers/plannerFeatures";
import { planRowsArb } from "../helpers/randomPlan";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { buildReport } from "../../src/engine/report";
import { reportDocx } from "../../src/document/reportDocx";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import type { PlanRows } from "../../src/engine/format";

// Each validation starts the SDK (about 1.5 s on a loaded 2-core machine).
jest.setTimeout(180_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-sdk-cli-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = async (...argv: string[]) => {
  const r = await runCli(dir, { LANG: "vi_VN.UTF-8" }, argv);
  // Exit 2: the command did not run (bad arguments, unreadable file); 1 only says the plan has errors.
  if (r.code >= 2) throw new Error(`ictplan ${argv.join(" ")}: ${r.err}`);
};

/** What the SDK finds, and for a workbook the breaks of Excel's unwritten rules, one line each. */
async function problems(bytes: Uint8Array, ext = "xlsx", version?: string): Promise<string[]> {
  const [sdk, rules] = await Promise.all([
    sdkErrorsOf(bytes, ext, version),
    ext === "docx" ? [] : excelRuleBreaks(bytes),
  ]);
  return [...describeErrors(sdk), ...rules];
}

const expectValid = async (file: string) =>
  expect([
    file,
    await problems(await fs.readFile(path.join(dir, file)), path.extname(file).slice(1)),
  ]).toEqual([file, []]);

describe("the checks catch what Excel repairs", () => {
  it("a font's children out of order (as ExcelJS writes them), rows and cells going backwards, overlapping ranges, a table named as a defined name, a formula too long, a column named unlike its header", async () => {
    const sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
    const broken = await editPackage(sample, {
      "xl/styles.xml": (x) =>
        x.replace(/<font><sz val="11"\/><color theme="1"\/>/, '<font><color theme="1"/><sz val="11"/>'),
      // Số liệu: row 3 before row 2, a row's cells reversed, two merged ranges that overlap.
      "xl/worksheets/sheet5.xml": (x) =>
        x
          .replace(/(<row r="2"[\s\S]*?<\/row>)(<row r="3"[\s\S]*?<\/row>)/, "$2$1")
          .replace(/(<row r="4"[^>]*>[\s\S]*?)(<\/row>)/, `$1<c r="Z4"><f>${"1+".repeat(4096)}1</f></c>$2`)
          .replace(/(<c r="A4"[\s\S]*?<\/c>)(<c r="B4"[\s\S]*?<\/c>)/, "$2$1")
          .replace(
            "</sheetData>",
            '</sheetData><mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="B1:C1"/></mergeCells>',
          ),
      "xl/workbook.xml": (x) =>
        x.replace(
          "<calcPr",
          '<definedNames><definedName name="SoLieu">1</definedName></definedNames><calcPr',
        ),
      // A column named unlike its header cell, as the first one but for case.
      "xl/tables/table4.xml": (x) => x.replace('name="Kỳ báo cáo"', 'name="mã đơn vị"'),
    });
    const found = await problems(broken);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/xl\/styles\.xml .*unexpected child element .*:sz'/),
        "xl/worksheets/sheet5.xml: row 2 after row 3",
        "xl/worksheets/sheet5.xml: cell A4 after column 2 of its row",
        "xl/worksheets/sheet5.xml: merged A1:B1 overlaps merged B1:C1",
        "xl/worksheets/sheet5.xml: merged A1:B1 overlaps table SoLieu",
        "defined name SoLieu has the name of table SoLieu",
        "xl/worksheets/sheet5.xml: a formula of 8193 characters",
        'xl/worksheets/sheet5.xml: table SoLieu names column 2 "mã đơn vị" over "Kỳ báo cáo"',
        "xl/worksheets/sheet5.xml: table SoLieu has two columns of one name",
      ]),
    );
  });
});

describe("Excel would open what the CLI writes without repairing it", () => {
  it("the sample and the empty templates, in Vietnamese and English", async () => {
    await cli("sample", "-o", "sample.xlsx");
    await cli("template", "-o", "template.xlsx");
    await cli("template", "-o", "template-en.xlsx", "--lang", "en");
    await Promise.all(["sample.xlsx", "template.xlsx", "template-en.xlsx"].map(expectValid));
  });

  it("a plan computed quarter after quarter, corrected and recomputed in place, and in English", async () => {
    await cli("sample", "-o", "plan.xlsx");
    await cli("compute", "plan.xlsx", "--period", "2015-Q1", "-o", "q1.xlsx");
    await cli("compute", "q1.xlsx", "--period", "2015-Q2", "-o", "q2.xlsx");
    // The planner corrects STTTT's LAN for Quý II/2015 (Số liệu!C157, 1 → 0) and computes again over the output.
    const q2 = path.join(dir, "q2.xlsx");
    const corrected = await editPackage(new Uint8Array(await fs.readFile(q2)), {
      "xl/worksheets/sheet5.xml": (x) => {
        const y = x.replace(/(<c r="C157"[^>]*><v>)1(<\/v>)/, "$10$2");
        expect(y).not.toBe(x);
        return y;
      },
    });
    await fs.writeFile(q2, corrected);
    await cli("compute", "q2.xlsx", "--period", "2015-Q2", "--in-place");
    await cli("compute", "plan.xlsx", "--period", "2015-Q2", "-o", "q2-en.xlsx", "--lang", "en");
    await Promise.all(["q1.xlsx", "q2.xlsx", "q2-en.xlsx"].map(expectValid));
  });

  it("a province consolidated from its units' workbooks (a name with a pasted line break), then computed", async () => {
    const rows = samplePlanRows();
    const files: string[] = [];
    for (const [i, u] of rows.units.slice(0, 4).entries()) {
      // One unit's name with Word's line break pasted in, which the merged plan must carry as _x000B_.
      const unit = i === 0 ? [u[0], `${u[1]}\u000b(cũ)`, ...u.slice(2)] : u;
      const mine: PlanRows = { ...rows, units: [unit], figures: rows.figures.filter((f) => f[0] === u[0]) };
      const name = `unit-${u[0]}.xlsx`;
      await fs.writeFile(path.join(dir, name), await XlsxWorkbook.of(buildTemplate(mine)).save());
      files.push(name);
    }
    await cli("consolidate", ...files, "-o", "province.xlsx");
    await cli("compute", "province.xlsx", "--period", "2015-Q2", "-o", "province-q2.xlsx");
    await Promise.all(["province.xlsx", "province-q2.xlsx"].map(expectValid));
  });

  it("a unit's name with a character XML cannot carry (Word's line break pasted into Excel, which stores _x000B_)", async () => {
    await cli("sample", "-o", "pasted.xlsx");
    const file = path.join(dir, "pasted.xlsx");
    const pasted = await editPackage(new Uint8Array(await fs.readFile(file)), {
      "xl/sharedStrings.xml": (x) => {
        const y = x.replace("Văn phòng UBND tỉnh", "Văn phòng_x000B_UBND tỉnh");
        expect(y).not.toBe(x);
        return y;
      },
    });
    await fs.writeFile(file, pasted);
    await cli("compute", "pasted.xlsx", "--period", "2015-Q2", "-o", "pasted-q2.xlsx");
    await cli("report", "pasted.xlsx", "--period", "2015-Q2", "-o", "pasted.docx");
    await Promise.all(["pasted-q2.xlsx", "pasted.docx"].map(expectValid));
    // The name keeps its character, escaped as Excel escapes it, in the chart's cached categories too.
    const out = await partsOf(new Uint8Array(await fs.readFile(path.join(dir, "pasted-q2.xlsx"))));
    const charts = [...out]
      .filter(([n]) => n.startsWith("xl/charts/"))
      .map(([, b]) => new TextDecoder().decode(b));
    expect(charts.join("")).toContain("<c:v>Văn phòng_x000B_UBND tỉnh</c:v>");
  });

  it("the quarterly Word report, in Vietnamese and English", async () => {
    await cli("sample", "-o", "for-report.xlsx");
    await cli("report", "for-report.xlsx", "--period", "2015-Q2", "-o", "report.docx");
    await cli("report", "for-report.xlsx", "--period", "2015-Q2", "-o", "report-en.docx", "--lang", "en");
    await Promise.all(["report.docx", "report-en.docx"].map(expectValid));
  });
});

it("random plans, computed for a quarter with and without data, are valid", async () => {
  await fc.assert(
    fc.asyncProperty(
      planRowsArb(),
      fc.constantFrom("2015-Q1", "2015-Q2", "2016-Q4"),
      async (rows, period) => {
        const wb = XlsxWorkbook.of(buildTemplate(rows));
        const run = runPlan(await wb.readGrids(), { period, lang: "vi", robustness: false });
        await wb.applySheets(run.sheets);
        expect(await problems(await wb.save())).toEqual([]);
      },
    ),
    { numRuns: 4 },
  );
}, 240_000);

describe("a planner's workbook that Excel accepts stays acceptable after two quarters' computes", () => {
  let sample: Uint8Array;
  beforeAll(async () => {
    sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
  });

  it.each(Object.keys(FEATURES))("%s", async (name) => {
    const f = FEATURES[name];
    const input = await withFeature(sample, f);
    // The SDK opens a package by its extension; a macro-enabled workbook must be named .xlsm.
    const types = new TextDecoder().decode((await partsOf(input)).get("[Content_Types].xml"));
    const ext = types.includes("sheet.macroEnabled.main+xml") ? "xlsm" : "xlsx";
    const output = await computeTwice(input);
    // Office 2007's schemas, which every Excel since opens, and Office 2013's, which check what Excel 2010 and 2013
    // added (x14 and x15: slicers, sparklines, data validation lists) where Office 2007's pass over it.
    for (const version of ["Office2007", "Office2013"]) {
      const [before, after] = await Promise.all([
        problems(input, ext, version),
        problems(output, ext, version),
      ]);
      expect({ version, input: before, output: after }).toEqual({ version, input: [], output: [] });
    }
  });
});

it("names of every kind of text (characters XML cannot carry, astral planes, markup) keep the workbook and the report valid", async () => {
  await fc.assert(
    fc.asyncProperty(
      planRowsArb(),
      fc.array(fc.string({ unit: "binary", maxLength: 40 }), { minLength: 5, maxLength: 5 }),
      async (rows, names) => {
        const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(rows)).save());
        let grids = await wb.readGrids();
        // As the reader gives them: the template's writer (ExcelJS) would drop the characters XML cannot carry.
        const put = (sheet: string, row: number, col: number, text: string) => {
          grids = {
            ...grids,
            sheets: grids.sheets.map((g) =>
              g.sheet !== sheet
                ? g
                : {
                    ...g,
                    values: g.values.map((r, i) => (i !== row ? r : r.map((v, k) => (k === col ? text : v)))),
                  },
            ),
          };
        };
        put("Đơn vị", 1, 1, names[0]);
        put("Đơn vị", 2, 1, names[1]);
        put("Chỉ tiêu", 1, 1, names[2]);
        put("Chỉ tiêu", 1, 2, names[3]);
        put("Cấu hình", 0, 1, names[4]);
        const run = runPlan(grids, { period: "2015-Q1", lang: "vi", robustness: false });
        await wb.applySheets(run.sheets);
        const found = await problems(await wb.save());
        if (run.summary)
          found.push(...(await problems(await reportDocx(buildReport(run.plan, run.summary, "vi")), "docx")));
        expect(found).toEqual([]);
      },
    ),
    { numRuns: 4 },
  );
}, 300_000);
