/**
 * Plans of a province's size in indicators (DTI-style sets have 100–300) through the CLI's .xlsx path: every formula
 * within Excel's limits (before, the Xếp hạng index formula named every weight cell three times and passed 8,192
 * characters at 150 indicators), no problem for Microsoft's validator, and LibreOffice's recalculation of every
 * formula gives the engine's figures, ranks and grades.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { excelRuleBreaks, formulaLimitBreaks } from "../helpers/excelRules";
import { errorsAdded } from "../helpers/openXmlSdk";
import { haveOffice, recalculate } from "../helpers/libreoffice";
import { pillarNames, widePlanRows, type WidePlanOptions } from "../helpers/widePlan";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import type { CellValue, Grid } from "../../src/engine/grid";

jest.setTimeout(400_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-wide-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function outputGrids(bytes: Uint8Array): Promise<Map<string, Grid>> {
  const wb = await XlsxWorkbook.load(bytes);
  const owned = await wb.ownedSheets();
  const grids = (await wb.readGrids()).sheets.filter((g) => owned.includes(g.sheet));
  return new Map(grids.map((g) => [g.sheet, g]));
}

/**
 * The cells of a recalculated grid that differ from the engine's: numbers by more than 1e-9 of their size (LibreOffice
 * stores 15 significant digits; a running sum near a 12-digit rounding boundary told them apart), anything else at all.
 */
function differences(theirs: Grid, mine: Grid): string[] {
  const out: string[] = [];
  const norm = (v: CellValue | undefined) => (v === "" || v === undefined ? null : v);
  mine.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const a = norm(v);
      const b = norm(theirs.values[i]?.[j]);
      const same =
        typeof a === "number" && typeof b === "number"
          ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
          : JSON.stringify(a) === JSON.stringify(b);
      if (!same)
        out.push(`${mine.sheet} R${mine.originRow + i}C${mine.originCol + j}: ${String(a)} ≠ ${String(b)}`);
    }),
  );
  return out;
}

describe("the checker of Excel's formula limits", () => {
  it("catches a formula too long, a function of 256 arguments and 65 nested levels, not text or sheet names", () => {
    expect(formulaLimitBreaks(`=SUM(${Array(255).fill(1).join(",")})`)).toEqual([]);
    expect(formulaLimitBreaks(`=SUM(${Array(256).fill(1).join(",")})`)).toEqual([
      "a function of 256 arguments",
    ]);
    expect(formulaLimitBreaks(`=IF(A1="a,b,(",'x''y,('!A1,SUM({1,2,3}),NOW())`)).toEqual([]);
    expect(formulaLimitBreaks(`=${"(".repeat(64)}1${")".repeat(64)}`)).toEqual([]);
    expect(formulaLimitBreaks(`=${"(".repeat(65)}1${")".repeat(65)}`)).toEqual([
      "parentheses nested 65 deep",
    ]);
    expect(formulaLimitBreaks(`=${"1+".repeat(4096)}1`)).toEqual(["a formula of 8193 characters"]);
  });
});

const cases: [string, WidePlanOptions, string][] = [
  [
    "300 indicators over 12 pillars with names of 120 characters, missing as 0, arithmetic mean",
    { units: 16, indicators: 300, pillars: pillarNames(12, 120) },
    "vi_VN.UTF-8",
  ],
  [
    "300 indicators in one pillar, missing excluded, geometric mean, min–max, in English",
    {
      units: 16,
      indicators: 300,
      pillars: ["Chính quyền số"],
      missing: "Loại trừ",
      aggregation: "Trung bình nhân",
      normalisation: "Min–max",
    },
    "en_US.UTF-8",
  ],
];

describe("wide plans through the CLI", () => {
  const outputs: [string, string][] = [];

  it.each(cases)("%s: every formula within Excel's limits and no validator error", async (name, o, lang) => {
    const input = await XlsxWorkbook.of(buildTemplate(widePlanRows({ ...o, quarters: 4 }))).save();
    const i = outputs.length;
    const [inFile, outFile] = [path.join(dir, `plan${i}.xlsx`), path.join(dir, `out${i}.xlsx`)];
    await fs.writeFile(inFile, input);
    const r = await runCli(dir, { LANG: lang }, ["compute", inFile, "-o", outFile, "--period", "2014-Q4"]);
    expect([r.code, r.code ? r.err : ""]).toEqual([0, ""]);
    const output = new Uint8Array(await fs.readFile(outFile));
    expect(await excelRuleBreaks(output)).toEqual([]);
    expect(await errorsAdded(input, output)).toEqual([]);
    outputs.push([name, outFile]);
  });

  (haveOffice ? it : it.skip)(
    "LibreOffice recalculates every formula of both to the engine's figures, ranks and grades",
    async () => {
      expect(outputs).toHaveLength(cases.length);
      const pairs = outputs.map(([, f]) => [f, f.replace(/\.xlsx$/, "-recalculated.xlsx")] as const);
      recalculate(pairs, 300_000);
      for (const [src, dst] of pairs) {
        const mine = await outputGrids(new Uint8Array(await fs.readFile(src)));
        const theirs = await outputGrids(new Uint8Array(await fs.readFile(dst)));
        const sheets = [...mine.keys()].filter((s) => !/^(Kiểm tra|Checks|Tổng hợp|Summary)/.test(s));
        expect(sheets).toHaveLength(2);
        for (const sheet of sheets) {
          const [a, b] = [mine.get(sheet)!, theirs.get(sheet)!];
          expect([src, sheet, b.values.length]).toEqual([src, sheet, a.values.length]);
          expect([src, differences(b, a).slice(0, 20)]).toEqual([src, []]);
        }
      }
    },
  );
});
