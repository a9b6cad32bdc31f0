import type { CellValue, Grid, WorkbookGrids } from "../../src/engine/grid";
import { eachFigure } from "../../src/engine/figures";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { MAX_PILLARS } from "../../src/engine/readiness";
import { checkWorkbook } from "../../src/engine/validate";
import { finding, findingMessage } from "../../src/engine/findings";
import type { Finding } from "../../src/engine/model";
import { templateHeaders } from "../../src/engine/planRows";
import { a1 } from "../../src/engine/grid";
import { FINDING_TEXTS } from "../../src/engine/i18n/findings";
import { parseWorkbook } from "../../src/engine/parse/plan";
import { INPUT_SHEETS, sheetDef } from "../../src/engine/format";

const sample = planRowsToGrids(samplePlanRows());

/** Rewrites every input sheet's header row, optionally reordering columns and adding title rows above. */
function variant(
  wb: WorkbookGrids,
  header: (h: string, sheet: string) => string,
  opts: { reverse?: boolean; titleRows?: number } = {},
): WorkbookGrids {
  return {
    sheets: wb.sheets.map((g): Grid => {
      const order = g.values[0].map((_, i) => i);
      if (opts.reverse) order.reverse();
      const rows: CellValue[][] = g.values.map((r, i) =>
        order.map((j) => (i === 0 && typeof r[j] === "string" ? header(r[j] as string, g.sheet) : r[j])),
      );
      const titles: CellValue[][] = Array.from({ length: opts.titleRows ?? 0 }, (_, i) =>
        order.map((_, j) => (j === 0 ? `Kế hoạch ứng dụng CNTT – tiêu đề ${i + 1}` : null)),
      );
      return {
        ...g,
        values: [...titles, ...rows],
        merges: titles.map((_, i) => `A${i + 1}:F${i + 1}`),
      };
    }),
  };
}

/** The workbook with its input sheets named as the English template names them. */
const englishSheets = (wb: WorkbookGrids): WorkbookGrids => ({
  sheets: wb.sheets.map((g) => ({
    ...g,
    sheet: INPUT_SHEETS.find((d) => d.name === g.sheet)?.nameEn ?? g.sheet,
  })),
});

const stripAccents = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");

function english(h: string, sheet: string): string {
  const def = INPUT_SHEETS.find((d) => d.name === sheet);
  return def?.columns.find((c) => c.header === h)?.headerEn ?? h;
}

function summary(wb: WorkbookGrids) {
  const { plan, findings } = checkWorkbook(wb, "2015-Q2");
  return {
    errors: findings.filter((f) => f.severity === "error"),
    units: plan.units.map((u) => [u.code, u.group, u.active]),
    indicators: plan.indicators.map((i) => [
      i.code,
      i.weight,
      i.annualTarget,
      i.direction,
      i.measure,
      i.groups.join(),
    ]),
    figures: [...eachFigure(plan.figures)].map((f) => [f.unit, f.indicator, f.period, f.value]).sort(),
    settings: { ...plan.settings, cells: undefined, rows: undefined },
  };
}

describe("parsing the plan workbook", () => {
  const base = summary(sample);

  it("accepts the bundled sample with no error", () => {
    expect(base.errors).toEqual([]);
    expect(base.units).toHaveLength(31);
    expect(base.indicators.length).toBeGreaterThanOrEqual(12);
    expect(base.settings.province).toBe("Lào Cai");
    expect(base.settings.currentPeriod).toBe("2015-Q2");
  });

  it.each([
    ["without diacritics", (h: string) => stripAccents(h)],
    ["in NFD", (h: string) => h.normalize("NFD")],
    ["in English", english],
    ["in upper case", (h: string) => h.toUpperCase()],
  ])("accepts headers %s, reordered and under two merged title rows", (_, fn) => {
    const v = variant(sample, fn, { reverse: true, titleRows: 2 });
    expect(summary(v)).toEqual(base);
  });

  it("keeps the cell of every value and the layout of every sheet", () => {
    const { plan } = parseWorkbook(variant(sample, (h) => h, { titleRows: 2 }));
    expect(plan.layout.units).toMatchObject({ sheet: "Đơn vị", headerRow: 3, firstRow: 4 });
    expect(plan.units[0].cell).toEqual({ sheet: "Đơn vị", row: 4, col: 1 });
    const f = [...eachFigure(plan.figures)].find(
      (x) => x.unit === "SNV" && x.indicator === "MAYTINH" && x.period === "2014-Q1",
    );
    expect(f?.cell.sheet).toBe("Số liệu");
    expect(plan.layout.figures?.columns.MAYTINH).toBe(f?.cell.col);
  });

  it("finds sheets whose names differ only in accents or case", () => {
    const renamed = {
      sheets: sample.sheets.map((g) => ({ ...g, sheet: stripAccents(g.sheet).toUpperCase() })),
    };
    expect(summary(renamed).errors).toEqual([]);
  });
});

/** A workbook full of bad input: every cell-level finding code at least once, at a known cell. */
function badWorkbook(): WorkbookGrids {
  const ind = sheetDef("indicators").columns.map((c) => c.header);
  const grid = (sheet: string, values: CellValue[][]): Grid => ({
    sheet,
    originRow: 1,
    originCol: 1,
    values,
  });
  return {
    sheets: [
      grid("Cấu hình", [
        ["Tham số", "Giá trị"],
        ["Ngưỡng Tốt", "cao"], // A2/B2 INVALID_SETTING
        ["Màu nền", "xanh"], // A3 UNKNOWN_SETTING
        ["Kỳ hiện tại", "2015-Q2"],
      ]),
      grid("Đơn vị", [
        ["Mã đơn vị", "Tên đơn vị", "Nhóm xếp hạng", "Đang hoạt động"],
        ["SNV", "Sở Nội vụ", "Sở, ban, ngành", "Có"], // row 2
        ["SNV", "Sở Nội vụ (lặp)", "Sở, ban, ngành", "Có"], // A3 DUPLICATE_UNIT
        ["STC", "Sở Tài chính", "Bộ", "Có"], // C4 a group of its own, with no indicator: NO_INDICATORS_FOR_GROUP
        ["SYT", "Sở Y tế", "Sở, ban, ngành", "Không"], // row 5 inactive
        ["MA SAI", "Mã sai", "Sở, ban, ngành", "Có"], // A6 INVALID_CODE
        ["STP", "Sở Tư pháp", "Sở, ban, ngành", "có lẽ"], // D7 NOT_YES_NO
      ]),
      grid("Chỉ tiêu", [
        ind,
        [
          "WEB",
          "Có website",
          "Dịch vụ công trực tuyến",
          "Có/Không",
          null,
          40,
          "Có",
          null,
          null,
          null,
          null,
          "Sở, ban, ngành",
          0.6,
        ],
        [
          "EMAIL",
          "Dùng thư điện tử",
          "Nhân lực",
          "%",
          null,
          30,
          "120%",
          null,
          null,
          null,
          null,
          "Sở, ban, ngành; UBND huyện, thành phố",
          null,
        ], // G3 PERCENT_OUT_OF_RANGE (not also MISSING_TARGET), L3 NO_UNIT_IN_GROUP
        ["WEB", "Trùng", "Nhân lực", "%", null, 10, 0.5, null, null, null, null, null, null], // A4 DUPLICATE_INDICATOR
        [
          "NGAY",
          "Số ngày xử lý",
          "Nhân lực",
          "Số lượng",
          "Thấp hơn tốt hơn",
          -5,
          3,
          null,
          null,
          null,
          null,
          "Sở, ban, ngành",
          null,
        ], // F5 WEIGHT_NOT_POSITIVE
        [
          "KP",
          "Kinh phí",
          "Tài chính",
          "Triệu đồng",
          null,
          20,
          null,
          null,
          null,
          null,
          null,
          "Sở, ban, ngành",
          null,
        ], // C6 UNKNOWN_PILLAR, G6 MISSING_TARGET
      ]),
      grid("Số liệu", [
        ["Mã đơn vị", "Kỳ báo cáo", "WEB", "EMAIL", "KP", "XYZ"], // F1 UNKNOWN_INDICATOR_COLUMN, A1 MISSING_INDICATOR_COLUMN (NGAY is invalid so not expected)
        ["SNV", "Quý II/2015", "Có", "45", 100, null], // D2 PERCENT_POINTS + NUMBER_AS_TEXT
        ["SNV", "2015-Q2", "Có", 0.5, 100, null], // A3 DUPLICATE_FIGURE_ROW
        ["SKHDT", "2015-Q2", "Có", 0.5, 100, null], // A4 UNKNOWN_UNIT
        ["STP", "Quý 9/2015", "Có", 0.5, 100, null], // B5 UNKNOWN_PERIOD
        ["STP", "2015-Q2", { error: "#DIV/0!" }, "nhiều", -3, null], // C6 ERROR_CELL, D6 NOT_A_NUMBER, E6 NEGATIVE_VALUE
        ["SYT", "2015-Q2", "Có", 0.5, 100, null], // A7 INACTIVE_UNIT_FIGURE
        ["STP", "2015-Q1", "Có", 0.5, 100, null],
      ]),
    ],
  };
}

describe("validation of bad input", () => {
  it("gives exactly the expected findings, at the right cells, and never throws", () => {
    const { findings } = checkWorkbook(badWorkbook(), "2015-Q2");
    const got = findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`).sort();
    expect(got).toEqual(
      [
        "INVALID_SETTING Cấu hình!B2",
        "UNKNOWN_SETTING Cấu hình!A3",
        "DUPLICATE_UNIT Đơn vị!A3",
        "NO_INDICATORS_FOR_GROUP Đơn vị!C4",
        "INVALID_CODE Đơn vị!A6",
        "NOT_YES_NO Đơn vị!D7",
        "PERCENT_OUT_OF_RANGE Chỉ tiêu!G3",
        "DUPLICATE_INDICATOR Chỉ tiêu!A4",
        "WEIGHT_NOT_POSITIVE Chỉ tiêu!F5",
        "UNKNOWN_PILLAR Chỉ tiêu!C6",
        "MISSING_TARGET Chỉ tiêu!G6",
        "NO_UNIT_IN_GROUP Chỉ tiêu!L3",
        "WEIGHTS_DO_NOT_ADD_UP Chỉ tiêu!F1",
        "UNKNOWN_INDICATOR_COLUMN Số liệu!F1",
        "PERCENT_POINTS Số liệu!D2",
        "NUMBER_AS_TEXT Số liệu!D2",
        "DUPLICATE_FIGURE_ROW Số liệu!A3",
        "UNKNOWN_UNIT Số liệu!A4",
        "UNKNOWN_PERIOD Số liệu!B5",
        "ERROR_CELL Số liệu!C6",
        "NOT_A_NUMBER Số liệu!D6",
        // C6, D6 and E6 cannot be read: their errors above, not also MISSING_FIGURE.
        "NEGATIVE_VALUE Số liệu!E6",
        "INACTIVE_UNIT_FIGURE Số liệu!A7",
      ].sort(),
    );
  });

  it("says a notes column beside the figures (Ghi chú, Notes) is ignored, without asking to rename it to an indicator code", () => {
    const rows = samplePlanRows();
    const notes = ["Ghi chú", "Notes", "Ghi chú của phòng", "GHICHU"];
    const { findings } = checkWorkbook(
      planRowsToGrids({
        ...rows,
        figureIndicators: [...rows.figureIndicators, ...notes],
        figures: rows.figures.map((r, i) => [...r, "Đã xác minh", i % 2 ? "late" : null, "x", 1]),
      }),
      "2015-Q2",
    );
    const extra = findings.filter(
      (f) => f.code === "UNKNOWN_COLUMN" || f.code === "UNKNOWN_INDICATOR_COLUMN",
    );
    expect(extra.map((f) => [f.code, f.severity, f.params.header]).sort()).toEqual([
      ["UNKNOWN_COLUMN", "info", "Ghi chú"],
      ["UNKNOWN_COLUMN", "info", "Ghi chú của phòng"],
      ["UNKNOWN_COLUMN", "info", "Notes"],
      // A code-like header is still a mistyped indicator code.
      ["UNKNOWN_INDICATOR_COLUMN", "warning", "GHICHU"],
    ]);
    // The notes typed in those columns make no finding.
    const onFigures = (fs: readonly Finding[]) =>
      fs.filter((f) => f.sheet === "Số liệu").map((f) => `${f.code} ${f.cell}`);
    expect(onFigures(findings.filter((f) => !extra.includes(f)))).toEqual(
      onFigures(checkWorkbook(planRowsToGrids(rows), "2015-Q2").findings),
    );
  });

  it("does not ask to delete a merged unit's earlier figures, the record of its past quarters", () => {
    const f = checkWorkbook(badWorkbook(), "2015-Q2").findings.find(
      (x) => x.code === "INACTIVE_UNIT_FIGURE",
    )!;
    const vi = findingMessage(f, "vi", "cli");
    const en = findingMessage(f, "en", "cli");
    expect([vi, en].filter((m) => /xóa số liệu|remove the figures/.test(m))).toEqual([]);
    expect(vi).toContain("đã sáp nhập hoặc giải thể: không cần xóa, giữ số liệu các kỳ trước");
    expect(en).toContain("A unit merged or dissolved: nothing to delete, keep its earlier figures");
  });

  it("reports missing sheets and columns instead of failing", () => {
    const wb = badWorkbook();
    const noFigures = {
      sheets: wb.sheets
        .filter((s) => s.sheet !== "Số liệu")
        .map((s) => (s.sheet === "Đơn vị" ? { ...s, values: s.values.map((r) => r.slice(0, 2)) } : s)),
    };
    const codes = checkWorkbook(noFigures).findings.map((f) => `${f.code} ${f.sheet}`);
    expect(codes).toContain("MISSING_SHEET Số liệu");
    // Without its group no unit is counted: the column a row needs (MISSING_KEY_COLUMN).
    expect(codes).toContain("MISSING_KEY_COLUMN Đơn vị");
  });

  it("turns an empty workbook into findings", () => {
    const { findings } = checkWorkbook({ sheets: [] });
    expect(findings.map((f) => f.code)).toEqual(["MISSING_SHEET", "MISSING_SHEET", "MISSING_SHEET"]);
  });
});

describe("the finding catalogue", () => {
  it("every finding code is produced by some bad workbook, at a cell or sheet it names", async () => {
    const { FINDING_TEXTS } = await import("../../src/engine/i18n/findings");
    const seen = new Set<string>();
    const add = (wb: WorkbookGrids, period: string | null = "2015-Q2") =>
      checkWorkbook(wb, period).findings.forEach((f) => {
        seen.add(f.code);
        // Every finding names a cell the planner can go to.
        expect(`${f.code} ${f.sheet}!${f.cell}`).toMatch(/!\$?[A-Z]+\$?\d+$/);
      });
    add(badWorkbook());
    const grid = (sheet: string, values: CellValue[][]): Grid => ({
      sheet,
      originRow: 1,
      originCol: 1,
      values,
    });
    // Missing sheets and columns, a sheet with no header, a duplicate sheet, an extra column.
    add({
      sheets: [
        grid("Cấu hình", [["nothing here"]]),
        grid("Đơn vị", [
          ["Mã đơn vị", "Tên đơn vị", "Ghi chú"],
          ["A", "Đơn vị A", "x"],
        ]),
        grid("ĐƠN VỊ", [["Mã đơn vị", "Tên đơn vị"]]),
      ],
    });
    // Empty units and indicators sheets.
    add({
      sheets: [
        grid("Đơn vị", [["Mã đơn vị", "Tên đơn vị", "Nhóm xếp hạng"]]),
        grid("Chỉ tiêu", [sheetDef("indicators").columns.map((c) => c.header)]),
        grid("Số liệu", [["Mã đơn vị", "Kỳ báo cáo"]]),
      ],
    });
    // A group with no indicator, an indicator without a figures column, a period without figures, a blank code.
    const rows = samplePlanRows();
    add(
      planRowsToGrids({
        ...rows,
        units: [
          ...rows.units,
          ["XA1", "Xã Một", "UBND xã", "Có"],
          [null, "Không mã", "Sở, ban, ngành", "Có"],
        ],
        figureIndicators: rows.figureIndicators.slice(1),
        figures: rows.figures.map((r) => [r[0], r[1], ...r.slice(3)]),
      }),
      "2016-Q1",
    );
    // No Đơn vị sheet (every figure row's unit is unknown); a unit with no row for the period.
    add({ sheets: planRowsToGrids(rows).sheets.filter((g) => g.sheet !== "Đơn vị") });
    add(planRowsToGrids({ ...rows, figures: rows.figures.filter((r) => r[0] !== "SDL") }));
    // Áp dụng cho naming a group that is neither known nor on Đơn vị.
    add(
      planRowsToGrids({
        ...rows,
        indicators: rows.indicators.map((r, i) =>
          i === 0 ? r.map((v, j) => (j === 11 ? "Nhóm không có" : v)) : r,
        ),
      }),
    );
    // A target written with its bound, as plans word it.
    add(
      planRowsToGrids({
        ...rows,
        indicators: rows.indicators.map((r) =>
          r[0] === "MAYTINH" ? r.map((v, j) => (j === 6 ? "≥ 80%" : v)) : r,
        ),
      }),
    );
    // Kỳ hiện tại behind the figures (last year's workbook copied, a new quarter's figures added).
    add(
      planRowsToGrids({
        ...rows,
        figures: [
          ...rows.figures,
          ...rows.figures.slice(0, 3).map((f) => [f[0], "Quý I/2016", ...f.slice(2)]),
        ],
      }),
    );
    // A date typed where a period goes (Excel makes one of 30/6/2015).
    const plain = planRowsToGrids(rows);
    add({
      sheets: plain.sheets.map((g) =>
        g.sheet === "Số liệu"
          ? {
              ...g,
              values: g.values.map((r, k) =>
                k === 1 ? [r[0], new Date(Date.UTC(2015, 5, 30)), ...r.slice(2)] : r,
              ),
            }
          : g,
      ),
    });
    // A percentage where a count goes.
    const countAt = rows.figureIndicators.indexOf("DAOTAO") + 2;
    add(
      planRowsToGrids({
        ...rows,
        figures: rows.figures.map((r, i) => (i === 0 ? r.map((v, j) => (j === countAt ? "85%" : v)) : r)),
      }),
    );
    // A heading row in the units list.
    add(planRowsToGrids({ ...rows, units: [[null, "I. KHỐI SỞ, BAN, NGÀNH", null, null], ...rows.units] }));
    // A target of 0 for a higher-is-better indicator.
    add(
      planRowsToGrids({
        ...rows,
        indicators: rows.indicators.map((r) => (r[0] === "KINHPHI" ? r.map((v, j) => (j === 6 ? 0 : v)) : r)),
      }),
    );
    // An indicator without its weight, whose figures' column is then not counted.
    const weightAt = templateHeaders("indicators").indexOf("Trọng số");
    add(
      planRowsToGrids({
        ...rows,
        indicators: rows.indicators.map((r, i) =>
          i === 0 ? r.map((v, j) => (j === weightAt ? null : v)) : r,
        ),
      }),
    );
    // An indicator without its unit of measure, and one without its pillar.
    const measureAt = templateHeaders("indicators").indexOf("Đơn vị tính");
    const pillarAt = templateHeaders("indicators").indexOf("Trụ cột");
    add(
      planRowsToGrids({
        ...rows,
        indicators: rows.indicators.map((r, i) =>
          i === 0
            ? r.map((v, j) => (j === measureAt ? null : v))
            : i === 1
              ? r.map((v, j) => (j === pillarAt ? null : v))
              : r,
        ),
      }),
    );
    // A required column whose rows are still counted (Trụ cột); a renamed sheet, and two of one sheet's header row.
    const noPillar = planRowsToGrids(rows).sheets.map((g) =>
      g.sheet === "Chỉ tiêu" ? { ...g, values: g.values.map((r) => r.filter((_, j) => j !== pillarAt)) } : g,
    );
    add({ sheets: noPillar });
    const renamed = (name: string) => (g: Grid) => (g.sheet === "Đơn vị" ? { ...g, sheet: name } : g);
    add({ sheets: planRowsToGrids(rows).sheets.map(renamed("DV cũ")) });
    add({
      sheets: [...planRowsToGrids(rows).sheets.map(renamed("DV 1")), { ...sample.sheets[1], sheet: "DV 2" }],
    });
    add({
      sheets: planRowsToGrids(rows).sheets.map((g) => ({ ...renamed("DV 1")(g), visibility: "hidden" })),
    });
    // A unit and an indicator without a name.
    add(
      planRowsToGrids({
        ...rows,
        units: rows.units.map((r, i) => (i === 0 ? r.map((v, j) => (j === 1 ? null : v)) : r)),
        indicators: rows.indicators.map((r, i) => (i === 0 ? r.map((v, j) => (j === 1 ? null : v)) : r)),
      }),
    );
    // More pillars than the index formula can hold: each indicator a pillar of its own.
    add(
      planRowsToGrids({
        ...rows,
        indicators: Array.from({ length: MAX_PILLARS + 1 }, (_, i) =>
          rows.indicators[i % rows.indicators.length].map((v, j) =>
            j === 0 ? `TC${i + 1}` : j === 2 ? `Trụ cột ${i + 1}` : v,
          ),
        ),
      }),
    );
    const expected = Object.keys(FINDING_TEXTS).filter(
      (c) =>
        ![
          "UNREADABLE",
          // consolidate's, on several files (tests/cli/cli.test.ts).
          "CONFLICTING_UNIT",
          "CONFLICTING_UNITS",
          "CONFLICTING_UNIT_ROW",
          "UNIT_SENT_TWICE",
          "OTHER_FILES_UNIT",
          "ADDED_INDICATOR",
          "DROPPED_INDICATOR",
          "INPUT_OPEN",
          "LOCK_FILE",
          "CONFLICTING_INDICATOR",
          "CONFLICTING_INDICATORS",
          "CONFLICTING_SETTING",
          "CONFLICTING_SETTINGS",
          "FIGURES_FROM_OTHER_FILE",
        ].includes(c),
    );
    expect([...seen].sort()).toEqual(expect.arrayContaining(expected.sort()));
    expect(expected.filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe("findings a planner acts on without a lookup (issue 17)", () => {
  const rows = samplePlanRows();
  const codes = (wb: WorkbookGrids, period = "2015-Q2") => checkWorkbook(wb, period).findings;

  it("names units and indicators with their codes in brackets", () => {
    const f = codes(planRowsToGrids(rows)).find(
      (x) => x.code === "MISSING_FIGURE" && x.params.unit === "SDL",
    );
    expect(f && findingMessage(f, "vi")).toMatch(
      /^Thiếu số liệu Số lượt CBCC được đào tạo, bồi dưỡng CNTT \(DAOTAO\) của Sở Du lịch \(SDL\) cho Quý II\/2015\./,
    );
    expect(f && findingMessage(f, "en")).toMatch(/of Sở Du lịch \(SDL\) for/);
  });

  it("lists errors first, then warnings, then info", () => {
    const bad = { sheets: [...badWorkbook().sheets] };
    const sev = codes(bad).map((f) => ({ error: 0, warning: 1, info: 2 })[f.severity]);
    expect(sev.length).toBeGreaterThan(5);
    expect(sev).toEqual([...sev].sort((a, b) => a - b));
    expect(new Set(sev).size).toBe(3);
  });

  it("makes a missing Đơn vị sheet two findings, the sheet and one count of the figure rows it orphans", () => {
    const f = codes({ sheets: planRowsToGrids(rows).sheets.filter((g) => g.sheet !== "Đơn vị") });
    expect(f.map((x) => `${x.code} ${x.sheet}!${x.cell}`)).toEqual([
      "MISSING_SHEET Đơn vị!A1",
      "UNKNOWN_UNITS Số liệu!A2",
    ]);
    expect(findingMessage(f[1], "vi")).toMatch(
      /^186 dòng số liệu có mã đơn vị không có trên sheet Đơn vị \(STTTT, VPUB, SKHDT, STC, SNV, …\)/,
    );
    expect(findingMessage(f[0], "vi")).toBe(
      "Thiếu sheet “Đơn vị”. Thêm sheet “Đơn vị” có dòng tiêu đề: Mã đơn vị | Tên đơn vị | Nhóm xếp hạng | Đang hoạt động.",
    );
  });

  it("makes a duplicated unit code one finding on Đơn vị and one for its repeated figure rows, not one per row", () => {
    const snv = rows.units.find((u) => u[0] === "SNV")!;
    const f = codes(
      planRowsToGrids({
        ...rows,
        units: [...rows.units, [snv[0], "Sở Nội vụ (bản sao)", snv[2], snv[3]]],
        figures: [...rows.figures, ...rows.figures.filter((r) => r[0] === "SNV")],
      }),
    ).filter((x) => x.severity === "error");
    expect(f.map((x) => x.code)).toEqual(["DUPLICATE_UNIT", "DUPLICATE_FIGURE_ROW"]);
    expect(String(f[1].params.period).split(", ")).toHaveLength(
      new Set(rows.figures.filter((r) => r[0] === "SNV").map((r) => r[1])).size,
    );
  });

  it("makes an unknown code one finding with its count of rows", () => {
    const f = codes(
      planRowsToGrids({
        ...rows,
        figures: rows.figures.map((r) => (r[0] === "SNV" ? ["SNVX", ...r.slice(1)] : r)),
      }),
    ).filter((x) => x.severity === "error");
    expect(f).toEqual([expect.objectContaining({ code: "UNKNOWN_UNIT", params: { code: "SNVX", rows: 6 } })]);
  });

  it("gives a negative figure its error only, not also MISSING_FIGURE", () => {
    const ind = rows.indicators.find((r) => r[3] === "Số lượng")!;
    const j = rows.figureIndicators.indexOf(String(ind[0])) + 2;
    const last = rows.figures.length - 1;
    const f = codes(
      planRowsToGrids({
        ...rows,
        figures: rows.figures.map((r, i) => (i === last ? r.map((v, k) => (k === j ? -2 : v)) : r)),
      }),
    );
    const at = f.filter(
      (x) => x.sheet === "Số liệu" && x.cell === `${String.fromCharCode(65 + j)}${last + 2}`,
    );
    expect(at.map((x) => x.code)).toEqual(["NEGATIVE_VALUE"]);
  });

  it("makes a unit with no row for the period one finding where its row goes, not one per indicator", () => {
    const f = codes(planRowsToGrids({ ...rows, figures: rows.figures.filter((r) => r[0] !== "SDL") }));
    const sdl = f.filter((x) => x.params.unit === "SDL");
    expect(sdl).toEqual([
      expect.objectContaining({
        code: "MISSING_FIGURE_ROW",
        sheet: "Số liệu",
        cell: `A${rows.figures.length - 6 + 2}`,
      }),
    ]);
  });

  it("points a period without figures at the Kỳ hiện tại cell or the Kỳ báo cáo header", () => {
    const set = codes(
      planRowsToGrids({
        ...rows,
        settings: rows.settings.map(([k, v]) => [k, k === "Kỳ hiện tại" ? "Quý I/2016" : v] as const),
      }),
      "2016-Q1",
    ).find((x) => x.code === "NO_FIGURES_FOR_PERIOD");
    const row = rows.settings.findIndex(([k]) => k === "Kỳ hiện tại") + 2;
    expect(set).toEqual(expect.objectContaining({ sheet: "Cấu hình", cell: `B${row}` }));
    const given = codes(planRowsToGrids(rows), "2013-Q1").find((x) => x.code === "NO_FIGURES_FOR_PERIOD");
    expect(given).toEqual(expect.objectContaining({ sheet: "Số liệu", cell: "B1" }));
  });

  it("never tells a planner in Excel to run a command; the command line gets the command", () => {
    for (const [code, t] of Object.entries(FINDING_TEXTS)) {
      const f = { code, severity: t.severity, sheet: "S", cell: "A1", params: {} };
      for (const lang of ["vi", "en"] as const)
        expect(findingMessage(f, lang)).not.toMatch(/ictplan|npx|npm/);
    }
    const missing = {
      code: "MISSING_SHEET",
      severity: "error" as const,
      sheet: "Đơn vị",
      cell: "A1",
      params: {},
    };
    expect(findingMessage(missing, "vi", "cli")).toMatch(/ictplan template/);
  });
});

describe("a blank Áp dụng cho (issue 17)", () => {
  it("means every group present on Đơn vị, with no warning for groups the province does not have", () => {
    const rows = samplePlanRows();
    const groupsCol = sheetDef("indicators").columns.findIndex((c) => c.key === "groups");
    const onlyDepartments = {
      ...rows,
      units: rows.units.filter((u) => u[2] === "Sở, ban, ngành"),
      indicators: rows.indicators.map((r) => r.map((v, j) => (j === groupsCol ? null : v))),
    };
    const { plan, findings } = checkWorkbook(planRowsToGrids(onlyDepartments), "2015-Q2");
    expect(plan.indicators.every((i) => i.groups.join() === "department")).toBe(true);
    expect(findings.filter((f) => f.code === "NO_UNIT_IN_GROUP")).toEqual([]);
  });
});

describe("findings quote a column as the planner's header row names it", () => {
  /** A copy of the grids with one cell (0-based row and column of the sheet's grid) set. */
  const setCell = (
    wb: WorkbookGrids,
    sheet: string,
    row: number,
    col: number,
    v: CellValue,
  ): WorkbookGrids => ({
    sheets: wb.sheets.map((g) =>
      g.sheet !== sheet
        ? g
        : { ...g, values: g.values.map((r, i) => (i !== row ? r : r.map((x, j) => (j === col ? v : x)))) },
    ),
  });
  /** The sample with a blank unit code, a text annual target and a yes/no typed as "maybe", under given headers. */
  const broken = (header: (h: string, sheet: string) => string): WorkbookGrids =>
    setCell(
      setCell(setCell(variant(sample, header), "Đơn vị", 1, 0, null), "Đơn vị", 2, 3, "maybe"),
      "Chỉ tiêu",
      2,
      6,
      "abc",
    );
  const columns = (wb: WorkbookGrids) =>
    checkWorkbook(wb, "2015-Q2")
      .findings.filter((f) => f.params.column !== undefined)
      .map((f) => `${f.code} ${f.params.column}`)
      .sort();

  it("in English on an English template, in Vietnamese on a Vietnamese one, as typed on a planner's own", () => {
    expect(columns(broken(english))).toEqual(
      expect.arrayContaining(["MISSING_VALUE Unit code", "NOT_A_NUMBER Annual target"]),
    );
    expect(columns(broken((h) => h))).toEqual(
      expect.arrayContaining(["MISSING_VALUE Mã đơn vị", "NOT_A_NUMBER Chỉ tiêu năm"]),
    );
    // A header of the planner's own wording (no accents, two lines in the cell) is quoted as it reads.
    const own = columns(broken((h) => (h === "Chỉ tiêu năm" ? "Chi tieu\nnam" : h)));
    expect(own).toEqual(expect.arrayContaining(["NOT_A_NUMBER Chi tieu nam"]));
    for (const c of [...columns(broken(english)), ...own]) expect(c).not.toMatch(/annualTarget|milestone/);
  });
});

describe("a missing weight", () => {
  it("is said as a missing weight, where, and what to type; its figures' column points back to it", () => {
    const rows = samplePlanRows();
    const victim = rows.indicators[2];
    const weightAt = templateHeaders("indicators").indexOf("Trọng số");
    const indicators = rows.indicators.map((r) =>
      r === victim ? r.map((v, i) => (i === weightAt ? null : v)) : r,
    );
    const { findings } = checkWorkbook(planRowsToGrids({ ...rows, indicators }), null);
    const cell = a1(rows.indicators.indexOf(victim) + 2, weightAt + 1);
    const weight = findings.find((f) => f.sheet === "Chỉ tiêu" && f.cell === cell)!;
    expect(weight.code).toBe("MISSING_WEIGHT");
    const code = String(victim[0]);
    expect(findingMessage(weight, "vi")).toBe(
      `Chỉ tiêu ${victim[1]} (${code}) chưa có trọng số (ô ${cell} trống) nên chưa được tính. Nhập trọng số vào ô ${cell}: một số lớn hơn 0; trọng số các chỉ tiêu của một nhóm cộng lại bằng 100.`,
    );
    const column = findings.filter((f) => f.sheet === "Số liệu" && f.params.header === code);
    expect(column.map((f) => f.code)).toEqual(["WEIGHTLESS_INDICATOR_COLUMN"]);
    const vi = findingMessage(column[0], "vi");
    expect(vi).not.toContain("không khớp");
    expect(vi).toContain(`chưa có trọng số hợp lệ (ô ${cell} trên sheet Chỉ tiêu)`);
    expect(findingMessage(column[0], "en")).toContain(
      `Type the weight of ${code} into cell ${cell} on sheet Chỉ tiêu`,
    );
  });

  it("numbers in a message are written the language's way", () => {
    const f = finding(
      "NUMBER_AS_TEXT",
      { sheet: "Số liệu", cell: "D2" },
      { value: "10000,5", number: 10000.5 },
    );
    expect(findingMessage(f, "vi")).toContain("đã đọc là 10.000,5");
    expect(findingMessage(f, "en")).toContain("read as 10,000.5");
    // What the planner typed is quoted as typed.
    expect(findingMessage(f, "vi")).toContain("“10000,5”");
  });
});

describe("a setting whose value cannot be read", () => {
  it("names the setting as typed and its default as the planner would type it, in the sheet's language", () => {
    const rows = samplePlanRows();
    const settings = (labels: Record<string, string>) =>
      [...rows.settings, ...Object.entries(labels)] as (readonly [string, string | number])[];
    const messages = (labels: Record<string, string>, lang: "vi" | "en") =>
      checkWorkbook(planRowsToGrids({ ...rows, settings: settings(labels) }), "2015-Q2")
        .findings.filter((f) => f.code === "INVALID_SETTING")
        .map((f) => findingMessage(f, lang));
    expect(messages({ "Chuẩn hóa": "???", "Ngưỡng Gần đạt": "nhiều" }, "vi")).toEqual([
      "Giá trị “???” của tham số “Chuẩn hóa” không hợp lệ; dùng mặc định Theo chỉ tiêu. Sửa giá trị.",
      "Giá trị “nhiều” của tham số “Ngưỡng Gần đạt” không hợp lệ; dùng mặc định 80%. Sửa giá trị.",
    ]);
    expect(messages({ Normalisation: "???" }, "en")).toEqual([
      "Value “???” of setting “Normalisation” is not valid; the default Distance to target is used. Fix the value.",
    ]);
  });
});

describe("a unit or an indicator without a name", () => {
  it("is a warning at the name's cell, naming the code; the unit is still ranked, by its code", () => {
    const rows = samplePlanRows();
    const blankName = (r: readonly (string | number | null)[]) => r.map((v, j) => (j === 1 ? null : v));
    const { plan, findings } = checkWorkbook(
      planRowsToGrids({
        ...rows,
        units: rows.units.map((r, i) => (i === 2 ? blankName(r) : r)),
        indicators: rows.indicators.map((r, i) => (i === 3 ? blankName(r) : r)),
      }),
      "2015-Q2",
    );
    const named = findings.filter((f) => f.code === "MISSING_NAME");
    expect(named.map((f) => [f.sheet, f.cell, f.severity, f.params.code])).toEqual([
      ["Đơn vị", "B4", "warning", String(rows.units[2][0])],
      ["Chỉ tiêu", "B5", "warning", String(rows.indicators[3][0])],
    ]);
    expect(findingMessage(named[0], "vi")).toBe(
      `Mã ${String(rows.units[2][0])} chưa có tên: bảng xếp hạng, biểu đồ và báo cáo sẽ ghi mã thay cho tên. ` +
        "Nhập tên vào ô này (cột “Tên đơn vị”).",
    );
    expect(plan.units[2].name).toBe(String(rows.units[2][0]));
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("a blank in a required indicator cell (unit of measure, pillar)", () => {
  const rows = samplePlanRows();
  const headers = templateHeaders("indicators");
  /** The sample with one indicator's cell in a column blanked; its cell's address and the findings there. */
  function blanked(
    column: string,
    header: (h: string, sheet: string) => string = (h) => h,
    // A Có/Không indicator by default: its annual target "Có" is no number, were it read as a count.
    measure = "Có/Không",
    inEnglish = false,
  ) {
    const victim = rows.indicators.find((r) => r[3] === measure)!;
    const at = headers.indexOf(column);
    const indicators = rows.indicators.map((r) =>
      r === victim ? r.map((v, i) => (i === at ? null : v)) : r,
    );
    const headed = variant(planRowsToGrids({ ...rows, indicators }), header);
    const wb = inEnglish ? englishSheets(headed) : headed;
    const { plan, findings } = checkWorkbook(wb, "2015-Q2");
    const cell = a1(rows.indicators.indexOf(victim) + 2, at + 1);
    const sheet = wb.sheets[2].sheet;
    return { plan, findings, cell, code: String(victim[0]), name: String(victim[1]), sheet };
  }

  it("a missing unit of measure says which cell and the values to type, and its figures' column points back", () => {
    const { plan, findings, cell, code, name } = blanked("Đơn vị tính");
    // The only finding on the indicator's row: its targets are not judged against a unit it does not have.
    const row = cell.replace(/^[A-Z]+/, "");
    const here = findings.filter((f) => f.sheet === "Chỉ tiêu" && f.cell.replace(/^[A-Z]+/, "") === row);
    expect(here.map((f) => f.code)).toEqual(["MISSING_MEASURE"]);
    expect(here[0].severity).toBe("error");
    expect(findingMessage(here[0], "vi")).toBe(
      `Chỉ tiêu ${name} (${code}) chưa có đơn vị tính (ô ${cell} trống) nên chưa được tính. ` +
        `Nhập đơn vị tính vào ô ${cell}, một trong: %; Số lượng; Có/Không; Triệu đồng.`,
    );
    expect(plan.indicators.map((i) => i.code)).not.toContain(code);
    // The figures' column: not "không khớp mã chỉ tiêu nào", but why it is not counted and where to fix it.
    const column = findings.filter((f) => f.sheet === "Số liệu" && f.params.header === code);
    expect(column.map((f) => f.code)).toEqual(["UNMEASURED_INDICATOR_COLUMN"]);
    const vi = findingMessage(column[0], "vi");
    expect(vi).not.toContain("không khớp");
    expect(vi).toContain(`chưa có đơn vị tính hợp lệ (ô ${cell} trên sheet Chỉ tiêu)`);
    expect(findingMessage(column[0], "en")).toContain(
      `Type the unit of measure of ${code} into cell ${cell} on sheet Chỉ tiêu`,
    );
  });

  it("a unit of measure that is no allowed value keeps its own finding; the column still points back", () => {
    const victim = rows.indicators[3];
    const at = headers.indexOf("Đơn vị tính");
    const indicators = rows.indicators.map((r) =>
      r === victim ? r.map((v, i) => (i === at ? "cái/người" : v)) : r,
    );
    const { findings } = checkWorkbook(planRowsToGrids({ ...rows, indicators }), "2015-Q2");
    const code = String(victim[0]);
    const column = findings.filter((f) => f.sheet === "Số liệu" && f.params.header === code);
    expect(column.map((f) => f.code)).toEqual(["UNMEASURED_INDICATOR_COLUMN"]);
    expect(findings.find((f) => f.sheet === "Chỉ tiêu" && f.code === "INVALID_ENUM")?.params.value).toBe(
      "cái/người",
    );
  });

  it("in an English workbook the values to type are English", () => {
    const { findings, cell } = blanked("Đơn vị tính", english, undefined, true);
    const f = findings.find((x) => x.cell === cell && x.code === "MISSING_MEASURE")!;
    expect(findingMessage(f, "en")).toContain(
      `Type the unit of measure into cell ${cell}, one of: %; Count; Yes/No; Million VND.`,
    );
  });

  it("a value that is not allowed lists the allowed values in the workbook's language", () => {
    const at = (h: string) => headers.indexOf(h);
    const victim = rows.indicators[0];
    const indicators = rows.indicators.map((r) =>
      r !== victim
        ? r
        : r.map((v, i) =>
            i === at("Đơn vị tính")
              ? "lượt"
              : i === at("Chiều")
                ? "ngang"
                : i === at("Áp dụng cho")
                  ? "Sở, ban, ngành; Bệnh viện"
                  : v,
          ),
    );
    const allowed = (wb: WorkbookGrids) =>
      checkWorkbook(wb, "2015-Q2")
        .findings.filter((f) => f.code === "INVALID_ENUM")
        .map((f) => `${f.params.value}: ${f.params.allowed}`)
        .sort();
    const grids = planRowsToGrids({ ...rows, indicators });
    expect(allowed(englishSheets(variant(grids, english)))).toEqual([
      "Bệnh viện: Provincial department; District / city",
      "lượt: %; Count; Yes/No; Million VND",
      "ngang: Higher is better; Lower is better",
    ]);
    expect(allowed(grids)).toEqual([
      "Bệnh viện: Sở, ban, ngành; UBND huyện, thành phố",
      "lượt: %; Số lượng; Có/Không; Triệu đồng",
      "ngang: Cao hơn tốt hơn; Thấp hơn tốt hơn",
    ]);
  });

  it("a missing pillar says which cell, the pillars to type, and where the indicator is counted meanwhile", () => {
    const { plan, findings, cell, code, name } = blanked("Trụ cột");
    const here = findings.filter((f) => f.sheet === "Chỉ tiêu" && f.cell === cell);
    expect(here.map((f) => f.code)).toEqual(["MISSING_PILLAR"]);
    expect(findingMessage(here[0], "vi")).toBe(
      `Chỉ tiêu ${name} (${code}) chưa có trụ cột (ô ${cell} trống) nên tạm được tính vào trụ cột “Hạ tầng kỹ thuật”. ` +
        `Nhập trụ cột vào ô ${cell}, một trong: Hạ tầng kỹ thuật; Nhân lực; Ứng dụng nội bộ; Dịch vụ công trực tuyến; ` +
        `Môi trường – chính sách; hoặc tên một trụ cột riêng.`,
    );
    expect(plan.indicators.find((i) => i.code === code)?.pillar).toBe("Hạ tầng kỹ thuật");
  });

  it("a blank direction is no finding (higher is better); a blank annual target is its own MISSING_TARGET", () => {
    const direction = blanked("Chiều");
    expect(direction.findings.filter((f) => f.sheet === "Chỉ tiêu" && f.cell === direction.cell)).toEqual([]);
    const target = blanked("Chỉ tiêu năm", (h) => h, "%");
    const here = target.findings.filter((f) => f.sheet === "Chỉ tiêu" && f.cell === target.cell);
    expect(here.map((f) => f.code)).toEqual(["MISSING_TARGET"]);
    // Both indicators stay in the plan, so their figures' columns are matched.
    for (const b of [direction, target])
      expect(b.findings.filter((f) => f.sheet === "Số liệu" && f.params.header === b.code)).toEqual([]);
  });
});
