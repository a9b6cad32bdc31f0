/**
 * The CLI on workbooks a planner has reshaped: an input sheet renamed (Excel's copy "Đơn vị (2)" of a deleted
 * original), a column every row needs removed, sheets named by aliases only. One finding names the cause at its cell
 * in the language asked for; compute writes nothing and says the same cause.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-onecause-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(dir, { LANG: "vi_VN.UTF-8" }, argv);

/** The sample (of a template language) saved as name after an edit with ExcelJS. */
async function saved(name: string, lang: "vi" | "en", edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const bytes = await XlsxWorkbook.of(buildTemplate(samplePlanRows(), lang)).save();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(wb);
  await fs.writeFile(path.join(dir, name), Buffer.from(await wb.xlsx.writeBuffer()));
  return name;
}

const findingLines = (out: string) =>
  out.split("\n").filter((l) => /^\s+(Lỗi|Error|Cảnh báo|Warning)\s/.test(l));

describe("one cause, one finding, through the CLI", () => {
  it("a copy of Đơn vị whose original was deleted: found at its header row, the rename said; nothing computed", async () => {
    const file = await saved("copy.xlsx", "vi", (wb) => {
      const units = wb.getWorksheet("Đơn vị") as ExcelJS.Worksheet;
      const copy = wb.addWorksheet("Đơn vị (2)");
      units.eachRow((row, r) => row.eachCell((c, col) => (copy.getCell(r, col).value = c.value)));
      wb.removeWorksheet(units.id);
    });
    const vi = await cli("validate", file);
    expect(vi.code).toBe(1);
    expect(findingLines(vi.out)).toEqual([
      expect.stringMatching(
        /^\s+Lỗi\s+Đơn vị \(2\)\s+A1\s+RENAMED_SHEET\s+Sheet “Đơn vị \(2\)” có dòng tiêu đề của sheet “Đơn vị” .*đổi tên sheet “Đơn vị \(2\)” thành “Đơn vị”/,
      ),
    ]);
    const en = await cli("validate", file, "--lang", "en");
    expect(findingLines(en.out)).toEqual([
      expect.stringMatching(
        /^\s+Error\s+Đơn vị \(2\)\s+A1\s+RENAMED_SHEET\s+.*rename the sheet “Đơn vị \(2\)” to “Đơn vị”/,
      ),
    ]);
    const computed = await cli("compute", file, "-o", "copy-out.xlsx", "--no-robustness");
    expect(computed.code).toBe(1);
    expect(computed.err).toContain("nhưng dòng tiêu đề của nó nằm trên sheet “Đơn vị (2)”");
    await expect(fs.access(path.join(dir, "copy-out.xlsx"))).rejects.toThrow();
  });

  it("Chỉ tiêu without its Đơn vị tính column: one finding at the header row, none per figures column", async () => {
    const file = await saved("nomeasure.xlsx", "vi", (wb) => {
      const ws = wb.getWorksheet("Chỉ tiêu") as ExcelJS.Worksheet;
      let at = 0;
      ws.getRow(1).eachCell((c, col) => {
        if (c.value === "Đơn vị tính") at = col;
      });
      ws.spliceColumns(at, 1);
    });
    const r = await cli("validate", file, "--lang", "en");
    expect(findingLines(r.out)).toEqual([
      expect.stringMatching(
        /^\s+Error\s+Chỉ tiêu\s+A1\s+MISSING_KEY_COLUMN\s+Column “Đơn vị tính” is missing/,
      ),
    ]);
  });

  it("an English workbook named by aliases only names its missing sheet in English, whatever --lang", async () => {
    const names: Record<string, string> = { Settings: "Config", Indicators: "Targets", Figures: "Data" };
    const file = await saved("aliases.xlsx", "en", (wb) => {
      for (const ws of [...wb.worksheets])
        if (ws.name in names) ws.name = names[ws.name];
        else wb.removeWorksheet(ws.id);
    });
    const r = await cli("validate", file);
    // The missing sheet, and the unit codes its absence leaves unknown (the units to type), both naming Units.
    expect(findingLines(r.out).sort()).toEqual([
      expect.stringMatching(
        /^\s+Lỗi\s+Data\s+A2\s+UNKNOWN_UNITS\s+.*Nhập danh sách đơn vị trên sheet Units\.$/,
      ),
      expect.stringMatching(
        /^\s+Lỗi\s+Units\s+A1\s+MISSING_SHEET\s+Thiếu sheet “Units”\. .*Unit code \| Unit name/,
      ),
    ]);
  });
});
