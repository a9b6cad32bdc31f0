/**
 * A hidden sheet is one the planner does not see: a hidden old copy of an input sheet ("Số liệu 2024", hidden) is not
 * named as the missing sheet's stand-in over a visible one, and when it is the only one the finding says it is hidden
 * and how to show it (RENAMED_HIDDEN_SHEET). Both adapters say which sheets are hidden.
 */
import type { Grid, WorkbookGrids } from "../../src/engine/grid";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { findingMessage } from "../../src/engine/findings";
import type { Finding } from "../../src/engine/model";
import { refusal, refusalMessage } from "../../src/engine/gate";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";

const rows = samplePlanRows();
const sample = planRowsToGrids(rows);
const figures = sample.sheets.find((g) => g.sheet === "Số liệu")!;
const check = (wb: WorkbookGrids) => checkWorkbook(wb, "2015-Q2");
const where = (fs: readonly Finding[]) =>
  fs.filter((f) => f.severity === "error").map((f) => `${f.code} ${f.sheet}!${f.cell}`);

/** The sample without its Số liệu sheet, and the sheets given in its place, in that order. */
const withFigures = (...sheets: Grid[]): WorkbookGrids => ({
  sheets: [...sample.sheets.filter((g) => g !== figures), ...sheets],
});
const hiddenCopy: Grid = { ...figures, sheet: "Số liệu 2024", visibility: "hidden" };

describe("a hidden old copy of a missing input sheet", () => {
  it("is passed over for the visible sheet that has its header row, before or after it", () => {
    for (const wb of [
      withFigures(hiddenCopy, { ...figures, sheet: "SL 2015" }),
      withFigures({ ...figures, sheet: "SL 2015" }, hiddenCopy),
    ])
      expect(where(check(wb).findings)).toEqual(["RENAMED_SHEET SL 2015!A1"]);
  });

  it("is named as hidden when it is the only one, with how to show it, in either language", () => {
    const { findings, plan, period } = check(withFigures(hiddenCopy));
    expect(where(findings)).toEqual(["RENAMED_HIDDEN_SHEET Số liệu 2024!A1"]);
    expect(findingMessage(findings[0], "vi")).toBe(
      "Sổ không có sheet nào tên “Số liệu”; sheet ẩn “Số liệu 2024” có dòng tiêu đề của nó nhưng mang tên khác, nên " +
        "chưa được đọc. Nếu đây là sheet “Số liệu” của kế hoạch, hiện nó ra (nhấp chuột phải vào tên một sheet bất " +
        "kỳ, chọn Bỏ ẩn…; trong LibreOffice: Hiện trang tính…) rồi đổi tên thành “Số liệu” (nhấp đúp vào tên sheet).",
    );
    expect(findingMessage(findings[0], "en")).toBe(
      "The workbook has no sheet named “Số liệu”; the hidden sheet “Số liệu 2024” has its header row but another " +
        "name, so it is not read. If it is the plan's “Số liệu” sheet, unhide it (right-click any sheet tab, " +
        "Unhide…; in LibreOffice: Show Sheet…) and rename it to “Số liệu” (double-click its tab).",
    );
    const r = refusal(plan, findings, period, "vi");
    expect(r && refusalMessage(r, "vi")).toBe(
      "Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: không có sheet “Số liệu”, nhưng dòng tiêu đề của nó nằm " +
        "trên sheet ẩn “Số liệu 2024”: hiện sheet đó ra rồi đổi tên thành “Số liệu” nếu đúng là sheet này.",
    );
  });

  it("is not named at all when very hidden (only a macro can show it): the sheet is missing", () => {
    const { findings } = check(withFigures({ ...hiddenCopy, visibility: "veryHidden" }));
    expect(where(findings)).toEqual(["MISSING_SHEET Số liệu!A1"]);
  });

  it("named as the input sheet is not read over a visible sheet named by an alias", () => {
    const { findings, plan } = check(
      withFigures({ ...figures, visibility: "hidden" }, { ...figures, sheet: "Data" }),
    );
    expect(plan.layout.figures?.sheet).toBe("Data");
    expect(where(findings)).toEqual(["DUPLICATE_SHEET Số liệu!A1"]);
  });
});

describe("the adapters say which sheets are hidden", () => {
  it(".xlsx: hidden and very hidden sheets, the template's lists sheet among them", async () => {
    const wb = buildTemplate(rows);
    wb.getWorksheet("Số liệu")!.name = "Số liệu 2024";
    wb.getWorksheet("Số liệu 2024")!.state = "hidden";
    wb.addWorksheet("Cũ", { state: "veryHidden" }).getCell("A1").value = "x";
    const grids = await (await XlsxWorkbook.load(await XlsxWorkbook.of(wb).save())).readGrids();
    const shown = Object.fromEntries(grids.sheets.map((g) => [g.sheet, g.visibility ?? "visible"]));
    expect(shown).toMatchObject({
      "Cấu hình": "visible",
      "Số liệu 2024": "hidden",
      "Danh mục": "hidden",
      Cũ: "veryHidden",
    });
    expect(where(check(grids).findings)).toEqual(["RENAMED_HIDDEN_SHEET Số liệu 2024!A1"]);
  });

  it("Excel: Worksheet.visibility", async () => {
    installExcelEnums();
    const host = FakeExcel.withGrids(withFigures({ ...figures, sheet: "Số liệu 2024" }));
    host.sheet("Số liệu 2024")!.visibility = "Hidden";
    const grids = await new OfficeWorkbook(host.runner()).readGrids();
    expect(grids.sheets.find((g) => g.sheet === "Số liệu 2024")?.visibility).toBe("hidden");
    expect(grids.sheets.find((g) => g.sheet === "Đơn vị")?.visibility).toBeUndefined();
    expect(where(check(grids).findings)).toEqual(["RENAMED_HIDDEN_SHEET Số liệu 2024!A1"]);
  });
});
