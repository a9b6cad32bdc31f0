/**
 * One cause, one finding, where the planner can act on it: an input sheet renamed ("Đơn vị" → "DV cũ") is named at its
 * header row with the rename that fixes it, not reported missing with cascades; a column every row needs (Đơn vị
 * tính on Chỉ tiêu, Mã đơn vị on Số liệu…) missing is one finding at the header row, not one per figures column or
 * "no units", "no figures"; and a workbook whose sheets are named by aliases only ("Data", "Config") speaks the
 * language of its header cells.
 */
import type { CellValue, Grid, WorkbookGrids } from "../../src/engine/grid";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { findingMessage, formatFinding, planSheetNames } from "../../src/engine/findings";
import { INPUT_SHEETS, sheetDef, type SheetDef } from "../../src/engine/format";
import type { Finding } from "../../src/engine/model";
import { refusal, refusalMessage } from "../../src/engine/gate";

const rows = samplePlanRows();
const sample = planRowsToGrids(rows);
const check = (wb: WorkbookGrids) => checkWorkbook(wb, "2015-Q2");
const where = (fs: readonly Finding[]) => fs.map((f) => `${f.code} ${f.sheet}!${f.cell}`);

/** The sample with sheets renamed (old → new; null drops it) and extra sheets at the end. */
function edited(rename: Record<string, string | null>, extra: Grid[] = [], wb = sample): WorkbookGrids {
  return {
    sheets: [
      ...wb.sheets.flatMap((g) => {
        const to = g.sheet in rename ? rename[g.sheet] : g.sheet;
        return to === null ? [] : [{ ...g, sheet: to }];
      }),
      ...extra,
    ],
  };
}

/** The sheet of a workbook with a column removed, by its header. */
function withoutColumn(wb: WorkbookGrids, sheet: string, header: string): WorkbookGrids {
  return {
    sheets: wb.sheets.map((g) => {
      if (g.sheet !== sheet) return g;
      const at = g.values[0].indexOf(header);
      if (at < 0) throw new Error(`no column ${header} on ${sheet}`);
      return { ...g, values: g.values.map((r) => r.filter((_, j) => j !== at)) };
    }),
  };
}

const grid = (sheet: string, values: CellValue[][]): Grid => ({ sheet, originRow: 1, originCol: 1, values });

describe("a renamed input sheet", () => {
  it("is named at its header row with the rename that fixes it, and nothing else is said of it", () => {
    const { findings, plan } = check(edited({ "Đơn vị": "DV cũ" }));
    // Not MISSING_SHEET (whose remedy would add an empty Đơn vị), nor UNKNOWN_UNITS for every figures row.
    expect(where(findings)).toEqual(["RENAMED_SHEET DV cũ!A1"]);
    const [f] = findings;
    expect(f.severity).toBe("error");
    expect(findingMessage(f, "vi")).toBe(
      "Sheet “DV cũ” có dòng tiêu đề của sheet “Đơn vị” nhưng mang tên khác, nên chưa được đọc; sổ không có sheet " +
        "nào tên “Đơn vị”. Nếu đây là sheet “Đơn vị” của kế hoạch, đổi tên sheet “DV cũ” thành “Đơn vị” (nhấp đúp " +
        "vào tên sheet).",
    );
    expect(findingMessage(f, "en")).toBe(
      "Sheet “DV cũ” has the header row of the “Đơn vị” sheet but another name, so it is not read; the workbook has " +
        "no sheet named “Đơn vị”. If it is the plan's “Đơn vị” sheet, rename the sheet “DV cũ” to “Đơn vị” " +
        "(double-click its tab).",
    );
    // Not read in its place: the planner says which sheet is the plan's by its name.
    expect(plan.units).toEqual([]);
  });

  it("is found below title rows, and a copy whose original was deleted is found too", () => {
    const figures = sample.sheets[3];
    const titled: Grid = {
      ...figures,
      sheet: "Số liệu 2025",
      values: [["SỐ LIỆU NĂM 2025"], [], ...figures.values],
    };
    const renamed = check({ sheets: [...sample.sheets.slice(0, 3), titled] });
    expect(where(renamed.findings)).toEqual(["RENAMED_SHEET Số liệu 2025!A3"]);
    const copy = check(edited({ "Chỉ tiêu": "Chỉ tiêu (2)" }));
    expect(where(copy.findings)).toEqual(["RENAMED_SHEET Chỉ tiêu (2)!A1"]);
    expect(copy.findings[0].params).toEqual({ sheet: "Chỉ tiêu", other: "Chỉ tiêu (2)" });
  });

  it("with two sheets of its header row, neither is guessed: one finding names both", () => {
    const figures = sample.sheets[3];
    const { findings, plan } = check(
      edited({ "Số liệu": "Số liệu 2025" }, [{ ...figures, sheet: "Số liệu 2026" }]),
    );
    expect(where(findings)).toEqual(["RENAMED_SHEETS Số liệu 2025!A1"]);
    expect(findingMessage(findings[0], "vi")).toBe(
      "Sổ không có sheet nào tên “Số liệu”, còn các sheet “Số liệu 2025”, “Số liệu 2026” đều có dòng tiêu đề của " +
        "nó, nên không rõ sheet nào là sheet “Số liệu” và chưa sheet nào được đọc. Đổi tên sheet cần tính thành " +
        "“Số liệu” (nhấp đúp vào tên sheet).",
    );
    expect(plan.figures.rows).toEqual([]);
  });

  it("a renamed settings sheet is said too (its settings would silently be the defaults), not any key/value list", () => {
    expect(
      where(check(edited({ "Cấu hình": "Cấu hình cũ" })).findings.filter((f) => f.severity === "error")),
    ).toEqual(["RENAMED_SHEET Cấu hình cũ!A1"]);
    const own = grid("Thông số máy chủ", [
      ["Tham số", "Giá trị"],
      ["RAM", "16 GB"],
    ]);
    expect(check(edited({ "Cấu hình": null }, [own])).findings.map((f) => f.code)).not.toContain(
      "RENAMED_SHEET",
    );
  });

  it("an output sheet's table that names the same columns among others is not one", () => {
    // The Kết quả sheet's header: Đơn vị's three required columns among many of its own.
    const results = grid("Kết quả", [
      ["Kết quả thực hiện chỉ tiêu – Quý II/2015"],
      [],
      [],
      [
        "Mã đơn vị",
        "Tên đơn vị",
        "Nhóm",
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Thực hiện",
        "Mục tiêu",
        "Tỷ lệ đạt",
        "Điểm",
      ],
      ["SNV", "Sở Nội vụ", "Sở, ban, ngành", "LAN", "Có mạng LAN", 1, 1, 1, 1],
    ]);
    const { findings } = check(edited({ "Đơn vị": null }, [results]));
    expect(where(findings).filter((w) => !w.startsWith("UNKNOWN_UNITS"))).toEqual([
      "MISSING_SHEET Đơn vị!A1",
    ]);
  });

  it("in an English workbook the sheet it looks like is named in English", () => {
    const english: WorkbookGrids = {
      sheets: sample.sheets.map((g) => {
        const def = INPUT_SHEETS.find((d) => d.name === g.sheet) as SheetDef;
        const header = g.values[0].map((h) => def.columns.find((c) => c.header === h)?.headerEn ?? h);
        return {
          ...g,
          sheet: def.key === "units" ? "Units (old)" : def.nameEn,
          values: [header, ...g.values.slice(1)],
        };
      }),
    };
    const { findings, plan } = check(english);
    expect(where(findings)).toEqual(["RENAMED_SHEET Units (old)!A1"]);
    expect(formatFinding(findings[0], "en", "cli", planSheetNames(plan, "en"))).toBe(
      "Units (old)!A1: Sheet “Units (old)” has the header row of the “Units” sheet but another name, so it is not " +
        "read; the workbook has no sheet named “Units”. If it is the plan's “Units” sheet, rename the sheet " +
        "“Units (old)” to “Units” (double-click its tab).",
    );
  });
});

describe("a missing column every row needs is one finding at the header row", () => {
  const codes = (fs: readonly Finding[]) => fs.map((f) => `${f.code} ${f.sheet}`).sort();
  const base = codes(check(sample).findings);
  // Each required column of Đơn vị, Chỉ tiêu and Số liệu removed in turn: the findings besides the sample's own.
  const cases = (["units", "indicators", "figures"] as const).flatMap((key) =>
    sheetDef(key)
      .columns.filter((c) => c.required)
      .map((c) => [`${sheetDef(key).name}: ${c.header}`, sheetDef(key).name, c.header] as const),
  );
  const rowKeys = new Set([
    "Đơn vị: Mã đơn vị",
    "Đơn vị: Nhóm xếp hạng",
    "Chỉ tiêu: Mã chỉ tiêu",
    "Chỉ tiêu: Đơn vị tính",
    "Chỉ tiêu: Trọng số",
    "Số liệu: Mã đơn vị",
    "Số liệu: Kỳ báo cáo",
  ]);

  it.each(cases)("%s", (title, sheet, header) => {
    const { findings } = check(withoutColumn(sample, sheet, header));
    if (rowKeys.has(title)) {
      // No row of the sheet is counted: this one finding, and none of what its rows would have caused.
      expect(where(findings)).toEqual([`MISSING_KEY_COLUMN ${sheet}!A1`]);
      expect(findings[0].params).toEqual({ column: header, sheet, row: 1 });
    } else {
      // A unit or an indicator without a name, an indicator without a pillar, is still counted (the cells after the
      // column removed move left).
      expect(codes(findings)).toEqual([...base, `MISSING_COLUMN ${sheet}`].sort());
      expect(where(findings)).toContain(`MISSING_COLUMN ${sheet}!A1`);
    }
  });

  // Cấu hình has two columns: one of them missing left its header row unfound (MISSING_HEADER_ROW, "no header row").
  it.each(["Tham số", "Giá trị"])("Cấu hình: %s, named as on the other sheets", (header) => {
    const { findings } = check(withoutColumn(sample, "Cấu hình", header));
    // Its settings are not read (their defaults are the sample's); the sample's own findings stay.
    expect(codes(findings)).toEqual([...base, "MISSING_KEY_COLUMN Cấu hình"].sort());
    const f = findings.find((x) => x.code === "MISSING_KEY_COLUMN")!;
    expect([f.sheet, f.cell, f.params]).toEqual([
      "Cấu hình",
      "A1",
      { column: header, sheet: "Cấu hình", row: 1 },
    ]);
  });

  it("says what it keeps from being counted and what to type, in either language", () => {
    const [f] = check(withoutColumn(sample, "Chỉ tiêu", "Đơn vị tính")).findings;
    expect(findingMessage(f, "vi")).toBe(
      "Thiếu cột “Đơn vị tính” trên sheet “Chỉ tiêu” nên chưa tính được dòng nào của sheet này. Thêm cột có tiêu " +
        "đề “Đơn vị tính” vào dòng tiêu đề (dòng 1) rồi nhập giá trị cho từng dòng.",
    );
    expect(findingMessage(f, "en")).toBe(
      "Column “Đơn vị tính” is missing on sheet “Chỉ tiêu”, so none of the sheet's rows is counted. Add a column " +
        "headed “Đơn vị tính” to the header row (row 1) and fill it in on every row.",
    );
  });

  it("a missing Chỉ tiêu or Số liệu sheet is one finding too", () => {
    expect(where(check(edited({ "Chỉ tiêu": null })).findings)).toEqual(["MISSING_SHEET Chỉ tiêu!A1"]);
    expect(where(check(edited({ "Số liệu": null })).findings)).toEqual(["MISSING_SHEET Số liệu!A1"]);
  });
});

describe("the refusal to compute says the same cause", () => {
  const refused = (wb: WorkbookGrids, lang: "vi" | "en") => {
    const { plan, findings, period } = check(wb);
    const r = refusal(plan, findings, period, lang);
    return r && refusalMessage(r, lang);
  };

  it("a renamed sheet, the settings sheet's too (its settings are not silently the defaults)", () => {
    expect(refused(edited({ "Đơn vị": "DV cũ" }), "vi")).toBe(
      "Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: không có sheet “Đơn vị”, nhưng dòng tiêu đề của nó nằm " +
        "trên sheet “DV cũ”: đổi tên sheet đó thành “Đơn vị” nếu đúng là sheet này.",
    );
    expect(refused(edited({ "Cấu hình": "Cấu hình cũ" }), "en")).toBe(
      "No report was made and nothing was written to the workbook: there is no sheet “Cấu hình”, but its header row " +
        "is on the sheet “Cấu hình cũ”: rename that sheet “Cấu hình” if it is the one.",
    );
  });

  it("a column every row needs, not an empty list", () => {
    expect(refused(withoutColumn(sample, "Chỉ tiêu", "Đơn vị tính"), "vi")).toBe(
      "Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: thiếu cột “Đơn vị tính” trên sheet “Chỉ tiêu”, nên chưa " +
        "đọc được sheet này.",
    );
    expect(refused(withoutColumn(sample, "Đơn vị", "Nhóm xếp hạng"), "en")).toBe(
      "No report was made and nothing was written to the workbook: column “Nhóm xếp hạng” is missing on sheet " +
        "“Đơn vị”, so the sheet cannot be read.",
    );
    expect(refused(withoutColumn(sample, "Số liệu", "Kỳ báo cáo"), "en")).toContain(
      "column “Kỳ báo cáo” is missing",
    );
    // Cấu hình's too, as a renamed Cấu hình: the planner's settings are not silently the defaults.
    expect(refused(withoutColumn(sample, "Cấu hình", "Giá trị"), "vi")).toBe(
      "Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: thiếu cột “Giá trị” trên sheet “Cấu hình”, nên chưa đọc " +
        "được sheet này.",
    );
  });
});

describe("a workbook whose sheets are named by aliases only speaks its header cells' language", () => {
  /** The sample named by aliases, its headers (and its unit of measure values) in a language, one indicator's unit of
   *  measure blank and the units sheet dropped. */
  function aliased(lang: "vi" | "en"): WorkbookGrids {
    const names: Record<string, string | null> = {
      "Cấu hình": "Config",
      "Đơn vị": null,
      "Chỉ tiêu": lang === "vi" ? "Danh mục chỉ tiêu" : "Targets",
      "Số liệu": "Data",
    };
    return edited(names, [], {
      sheets: sample.sheets.map((g, i) => {
        const def = INPUT_SHEETS.find((d) => d.name === g.sheet) as SheetDef;
        const header = g.values[0].map((h) => {
          const c = def.columns.find((x) => x.header === h);
          return c && lang === "en" ? c.headerEn : h;
        });
        // The first indicator's unit of measure left blank.
        const body = g.values
          .slice(1)
          .map((r, k) => (i === 2 && k === 0 ? r.map((v, j) => (j === 3 ? null : v)) : r));
        return { ...g, values: [header, ...body] };
      }),
    });
  }

  it.each([
    [
      "vi",
      "Đơn vị",
      "Mã đơn vị | Tên đơn vị | Nhóm xếp hạng | Đang hoạt động",
      "%; Số lượng; Có/Không; Triệu đồng",
    ],
    ["en", "Units", "Unit code | Unit name | Ranking group | Active", "%; Count; Yes/No; Million VND"],
  ] as const)("%s", (lang, units, columns, allowed) => {
    const { plan, findings } = check(aliased(lang));
    expect(plan.language).toBe(lang);
    // Whatever the message's language, the missing sheet and the values to type are the workbook's.
    const other = lang === "vi" ? "en" : "vi";
    const missing = findings.find((f) => f.code === "MISSING_SHEET") as Finding;
    expect([missing.sheet, missing.params.columns]).toEqual([units, columns]);
    expect(findings.find((f) => f.code === "MISSING_MEASURE")?.params.allowed).toBe(allowed);
    expect(planSheetNames(plan, other).units).toBe(units);
  });
});
