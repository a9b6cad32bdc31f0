/**
 * The plan's lists as planners' own tables lay them out: heading, totals and note rows (read as such, one info
 * finding each, and left out, while a unit or an indicator typed without its code is still an error), and a group or
 * a period merged down over its rows (read on every row it covers).
 */
import type { PlanRows } from "../../src/engine/format";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { findingMessage } from "../../src/engine/findings";
import { evaluateSpecs } from "../helpers/hyperformula";
import type { Grid, WorkbookGrids } from "../../src/engine/grid";

type Row = readonly (string | number | null)[];
const blank = (n: number): (string | number | null)[] => Array.from({ length: n }, () => null);
/** A row with one text at column j (0-based) of n columns. */
const only = (n: number, j: number, text: string): Row => blank(n).map((v, k) => (k === j ? text : v));

const sample = samplePlanRows();
const unitCols = sample.units[0].length;
const indCols = sample.indicators[0].length;
const figCols = sample.figures[0].length;

/** The sample as a planner's own tables lay it out: Roman-numeral group headings, a totals row, notes below. */
function withNoteRows(rows: PlanRows): PlanRows {
  const departments = rows.units.filter((u) => u[2] === "Sở, ban, ngành");
  const districts = rows.units.filter((u) => u[2] !== "Sở, ban, ngành");
  const half = Math.ceil(rows.indicators.length / 2);
  // Totals of Số liệu's figure columns, as a SUM row would show them.
  const sums = rows.figures[0].map((_, j) =>
    j < 2 ? null : rows.figures.reduce((t, f) => t + (typeof f[j] === "number" ? (f[j] as number) : 0), 0),
  );
  return {
    ...rows,
    units: [
      only(unitCols, 0, "I. KHỐI SỞ, BAN, NGÀNH"),
      ...departments,
      only(unitCols, 1, "II. Khối UBND huyện, thành phố"),
      ...districts,
      only(unitCols, 1, "Tổng cộng: 31 đơn vị"),
    ],
    indicators: [
      only(indCols, 0, "A. HẠ TẦNG VÀ ỨNG DỤNG"),
      ...rows.indicators.slice(0, half),
      only(indCols, 1, "B. Dịch vụ công và nguồn lực"),
      ...rows.indicators.slice(half),
    ],
    figures: [
      ...rows.figures,
      ["Tổng cộng", null, ...sums.slice(2)],
      ["Cộng", null, ...sums.slice(2)],
      only(figCols, 0, "Ghi chú: số liệu do các đơn vị tự báo cáo, Sở TT&TT tổng hợp."),
    ],
  };
}

type Run = ReturnType<typeof runPlan>;

/** The same findings as the plain plan's besides the headings (NOTE_ROW), the same ranks, and every formula right. */
function expectAsPlain(run: Run, plain: Run, grids: WorkbookGrids): void {
  const others = (r: Run) => r.findings.filter((f) => f.code !== "NOTE_ROW").map((f) => [f.code, f.params]);
  expect(others(run)).toEqual(others(plain));
  const ranks = (r: Run) => r.results?.ranking.map((u) => [u.unit, u.indexRounded, u.rankInGroup]);
  expect(ranks(run)).toEqual(ranks(plain));
  const { checked, mismatches } = evaluateSpecs(grids, run.sheets);
  expect(checked).toBeGreaterThan(2000);
  expect(mismatches).toEqual([]);
}
describe("heading, totals and note rows in the plan's lists", () => {
  it("are left out with one info finding each, and the plan computes as without them, formulas included", () => {
    const plain = runPlan(planRowsToGrids(sample), { period: "2015-Q2", lang: "vi", robustness: false });
    const grids = planRowsToGrids(withNoteRows(sample));
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    const notes = run.findings.filter((f) => f.code === "NOTE_ROW");
    expect(notes.map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      "Đơn vị!A2",
      "Đơn vị!A25",
      "Đơn vị!A35",
      "Chỉ tiêu!A2",
      `Chỉ tiêu!A${2 + Math.ceil(sample.indicators.length / 2) + 1}`,
      `Số liệu!A${sample.figures.length + 2}`,
      `Số liệu!A${sample.figures.length + 3}`,
      `Số liệu!A${sample.figures.length + 4}`,
    ]);
    for (const f of notes) expect(f.severity).toBe("info");
    expect(findingMessage(notes[0], "vi", "cli")).toMatch(
      /^Dòng “I\. KHỐI SỞ, BAN, NGÀNH” được coi là dòng tiêu đề/,
    );
    expect(findingMessage(notes[0], "en", "cli")).toMatch(
      /^The row “I\. KHỐI SỞ, BAN, NGÀNH” is read as a heading/,
    );
    // Nothing else changes: the same findings besides these, the same units, indexes and ranks; the live formulas
    // point at the right rows of Số liệu and Chỉ tiêu, heading rows between them.
    expectAsPlain(run, plain, grids);
  });

  it("a unit or an indicator without its code stays an error, whatever its name", () => {
    const unit = (name: string): Row => [null, name, "Sở, ban, ngành", "Có"];
    const rows: PlanRows = {
      ...sample,
      units: [...sample.units, unit("Công an tỉnh"), unit("Tổng cục Thống kê")],
      // A code column typed with a name, and a group beside it: a wrong code, not a heading.
      indicators: [...sample.indicators, ["Tỷ lệ hồ sơ trực tuyến", ...sample.indicators[0].slice(1)]],
    };
    const run = runPlan(planRowsToGrids(rows), { period: "2015-Q2", lang: "vi", robustness: false });
    const at = (code: string) =>
      run.findings.filter((f) => f.code === code).map((f) => `${f.sheet}!${f.cell}`);
    expect(at("NOTE_ROW")).toEqual([]);
    const n = sample.units.length;
    expect(at("MISSING_VALUE")).toEqual([`Đơn vị!A${n + 2}`, `Đơn vị!A${n + 3}`]);
    expect(at("INVALID_CODE")).toEqual([`Chỉ tiêu!A${sample.indicators.length + 2}`]);
  });
});

/** The grids with each run of equal values in a column (below the header) merged: the value kept in its first cell. */
function mergedDown(wb: WorkbookGrids, sheet: string, col: number): WorkbookGrids {
  return {
    sheets: wb.sheets.map((g): Grid => {
      if (g.sheet !== sheet) return g;
      const values = g.values.map((r) => [...r]);
      const merges = [...(g.merges ?? [])];
      const letter = String.fromCharCode(64 + col);
      for (let i = 1; i < values.length;) {
        let k = i + 1;
        while (k < values.length && values[k][col - 1] === values[i][col - 1]) k++;
        if (k - i > 1) {
          merges.push(`${letter}${i + 1}:${letter}${k}`);
          for (let x = i + 1; x < k; x++) values[x][col - 1] = null;
        }
        i = k;
      }
      return { ...g, values, merges };
    }),
  };
}

describe("a group or a period merged down over its rows", () => {
  it("is read on every row it covers, and the plan computes as with the value on each row, formulas included", () => {
    const plain = runPlan(planRowsToGrids(sample), { period: "2015-Q2", lang: "vi", robustness: false });
    // Đơn vị's Nhóm xếp hạng (column C) and Số liệu's Kỳ báo cáo (column B), as Excel keeps merged cells.
    const grids = mergedDown(mergedDown(planRowsToGrids(sample), "Đơn vị", 3), "Số liệu", 2);
    const units = grids.sheets.find((g) => g.sheet === "Đơn vị") as Grid;
    expect(units.merges).toEqual(["C2:C23", "C24:C32"]);
    expect((grids.sheets.find((g) => g.sheet === "Số liệu") as Grid).merges?.length).toBeGreaterThan(4);
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    const codes = (r: typeof run) => r.findings.map((f) => [f.code, f.params]);
    expect(codes(run)).toEqual(codes(plain));
    const ranks = (r: typeof run) =>
      r.results?.ranking.map((u) => [u.unit, u.group, u.indexRounded, u.rankInGroup]);
    expect(ranks(run)).toEqual(ranks(plain));
    const { checked, mismatches } = evaluateSpecs(grids, run.sheets);
    expect(checked).toBeGreaterThan(2000);
    expect(mismatches).toEqual([]);
  });

  it("a heading merged across a row stays a heading, not a value spread over the row", () => {
    const rows = withNoteRows(sample);
    const grids = planRowsToGrids(rows);
    const merged: WorkbookGrids = {
      sheets: grids.sheets.map((g) => (g.sheet === "Đơn vị" ? { ...g, merges: ["A2:D2"] } : g)),
    };
    const run = runPlan(merged, { period: "2015-Q2", lang: "vi", robustness: false });
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(run.findings.filter((f) => f.code === "NOTE_ROW")[0]).toMatchObject({
      sheet: "Đơn vị",
      cell: "A2",
    });
  });
});

/** The grids with a row inserted under the header of each named sheet, its cells made by the column's header. */
function underHeader(
  wb: WorkbookGrids,
  rowOf: (sheet: string, headers: readonly (string | number | null)[]) => (string | number | null)[] | null,
): WorkbookGrids {
  return {
    sheets: wb.sheets.map((g): Grid => {
      const extra = rowOf(g.sheet, g.values[0] as (string | number | null)[]);
      return extra ? { ...g, values: [g.values[0], extra, ...g.values.slice(1)] } : g;
    }),
  };
}

const LISTS = ["Đơn vị", "Chỉ tiêu", "Số liệu"];
const measureOf = new Map(sample.indicators.map((r) => [r[0], r[3]]));

describe("a row under the header that numbers or labels the columns", () => {
  it.each([
    ["column numbers", (h: readonly unknown[]) => h.map((_, j) => j + 1)],
    ["column numbers in brackets", (h: readonly unknown[]) => h.map((_, j) => `(${j + 1})`)],
    ["letters then numbers", (h: readonly unknown[]) => h.map((_, j) => (j < 2 ? "AB"[j] : j - 1))],
  ])(
    "(%s) is a heading: one info finding per sheet, the plan computes as without it, formulas included",
    (_, make) => {
      const plain = runPlan(planRowsToGrids(sample), { period: "2015-Q2", lang: "vi", robustness: false });
      const grids = underHeader(planRowsToGrids(sample), (s, h) => (LISTS.includes(s) ? make(h) : null));
      const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
      const notes = run.findings.filter((f) => f.code === "NOTE_ROW");
      expect(notes.map((f) => `${f.sheet}!${f.cell} ${f.severity}`)).toEqual(
        LISTS.map((s) => `${s}!A2 info`),
      );
      expect(findingMessage(notes[2], "vi", "cli")).toMatch(
        /^Dòng “\S+ \S+ \S+ .*” được coi là dòng tiêu đề/,
      );
      expectAsPlain(run, plain, grids);
    },
  );

  it("(each indicator's unit of measure on Số liệu, ĐVT under the code) is a heading too", () => {
    const plain = runPlan(planRowsToGrids(sample), { period: "2015-Q2", lang: "vi", robustness: false });
    const grids = underHeader(planRowsToGrids(sample), (s, h) =>
      s === "Số liệu"
        ? h.map((c, j) => (j === 0 ? "(ĐVT)" : ((measureOf.get(String(c)) as string) ?? null)))
        : null,
    );
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    expect(run.findings.filter((f) => f.code === "NOTE_ROW").map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      "Số liệu!A2",
    ]);
    const codes = (r: typeof run) =>
      r.findings.filter((f) => f.code !== "NOTE_ROW").map((f) => [f.code, f.params]);
    expect(codes(run)).toEqual(codes(plain));
  });

  it("is a heading only above the data: the same row among the units stays data, with its errors", () => {
    const units = planRowsToGrids({ ...sample, units: [...sample.units, [1, 2, 3, 4]] });
    const run = runPlan(units, { period: "2015-Q2", lang: "vi", robustness: false });
    expect(run.findings.filter((f) => f.code === "NOTE_ROW")).toEqual([]);
    expect(run.findings.filter((f) => f.severity === "error").length).toBeGreaterThan(0);
  });
});

describe("weights written as percentages", () => {
  const WEIGHT = 5; // Chỉ tiêu's Trọng số column (0-based)
  const plain = runPlan(planRowsToGrids(sample), { period: "2015-Q2", lang: "vi", robustness: false });
  const ranks = (r: typeof plain) => r.results?.ranking.map((u) => [u.unit, u.indexRounded, u.rankInGroup]);
  const weights = (r: typeof plain) => r.plan.indicators.map((i) => [i.code, i.weight]);

  it("are read as their percent points: 10% typed is a weight of 10, as the weights add up to 100", () => {
    const rows: PlanRows = {
      ...sample,
      indicators: sample.indicators.map((r) => r.map((v, j) => (j === WEIGHT ? `${v}%` : v))),
    };
    const grids = planRowsToGrids(rows);
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    expect(weights(run)).toEqual(weights(plain));
    expect(run.findings.filter((f) => f.code === "WEIGHTS_DO_NOT_ADD_UP")).toEqual([]);
    const asText = run.findings.find((f) => f.code === "NUMBER_AS_TEXT" && f.sheet === "Chỉ tiêu");
    expect(findingMessage(asText!, "vi", "cli")).toMatch(/^Số “\d+%” được lưu dạng văn bản; đã đọc là \d+\./);
    expect(ranks(run)).toEqual(ranks(plain));
    expect(evaluateSpecs(grids, run.sheets).mismatches).toEqual([]);
  });

  it("in a cell formatted as a percentage (0.1 shown as 10%) too, and one such weight among numbers is not lost", () => {
    const rows: PlanRows = {
      ...sample,
      indicators: sample.indicators.map((r, i) =>
        r.map((v, j) => (j === WEIGHT && i === 0 ? (v as number) / 100 : v)),
      ),
    };
    const base = planRowsToGrids(rows);
    const grids: WorkbookGrids = {
      sheets: base.sheets.map((g) =>
        g.sheet === "Chỉ tiêu"
          ? {
              ...g,
              formats: g.values.map((r, i) => r.map((_, j) => (i === 1 && j === WEIGHT ? "0%" : null))),
            }
          : g,
      ),
    };
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    expect(weights(run)).toEqual(weights(plain));
    expect(run.findings.filter((f) => f.code === "WEIGHTS_DO_NOT_ADD_UP")).toEqual([]);
    expect(ranks(run)).toEqual(ranks(plain));
    expect(evaluateSpecs(grids, run.sheets).mismatches).toEqual([]);
  });
});

describe("a date typed where a period goes (Excel turns 30/6/2015 or 6/2015 into one)", () => {
  const june30 = new Date(Date.UTC(2015, 5, 30));
  const withDates = (): WorkbookGrids => {
    const grids = planRowsToGrids(sample);
    return {
      sheets: grids.sheets.map((g): Grid => {
        if (g.sheet === "Số liệu") {
          const row = g.values.findIndex((r) => r[0] === "STTTT" && r[1] === "Quý II/2015");
          return { ...g, values: g.values.map((r, i) => (i === row ? [r[0], june30, ...r.slice(2)] : r)) };
        }
        if (g.sheet === "Cấu hình")
          return { ...g, values: g.values.map((r) => (r[0] === "Kỳ hiện tại" ? [r[0], june30] : r)) };
        return g;
      }),
    };
  };

  it("is named as the date the planner sees, with the period to write instead: never the program's date text", () => {
    const run = runPlan(withDates(), { period: "2015-Q2", lang: "vi", robustness: false });
    const row = sample.figures.findIndex((r) => r[0] === "STTTT" && r[1] === "Quý II/2015") + 2;
    const period = run.findings.find((f) => f.sheet === "Số liệu" && f.cell === `B${row}`);
    expect(period?.severity).toBe("error");
    expect(findingMessage(period!, "vi", "cli")).toBe(
      "Ô chứa ngày 30/06/2015, không phải kỳ báo cáo. Viết kỳ dạng văn bản, ví dụ “Quý II/2015” (quý của ngày này).",
    );
    expect(findingMessage(period!, "en", "cli")).toBe(
      "The cell holds the date 30/06/2015, not a period. Write the period as text, e.g. “Q2 2015” (that date's quarter).",
    );
    const setting = run.findings.find((f) => f.sheet === "Cấu hình")!;
    expect(findingMessage(setting, "vi", "cli")).toBe(
      "Ô chứa ngày 30/06/2015, không phải kỳ báo cáo. Viết kỳ dạng văn bản, ví dụ “Quý II/2015” (quý của ngày này).",
    );
    for (const f of run.findings)
      for (const lang of ["vi", "en"] as const)
        expect(findingMessage(f, lang, "cli")).not.toMatch(/GMT|Coordinated/);
  });

  it("typed as text (30/6/2015, 2015-06-30) is named the same way; a month and year alone (2/2015) is no date", () => {
    const typed = (figure: string, setting: string): WorkbookGrids =>
      planRowsToGrids({
        ...sample,
        settings: sample.settings.map(([k, v]) => [k, k === "Kỳ hiện tại" ? setting : v]),
        figures: sample.figures.map((r) =>
          r[0] === "STTTT" && r[1] === "Quý II/2015" ? [r[0], figure, ...r.slice(2)] : r,
        ),
      });
    const row = sample.figures.findIndex((r) => r[0] === "STTTT" && r[1] === "Quý II/2015") + 2;
    const run = runPlan(typed("30/6/2015", "2015-06-30"), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
    });
    const asDate = run.findings.filter((f) => f.code === "PERIOD_AS_DATE");
    expect(
      asDate.map((f) => (f.sheet === "Số liệu" ? f.cell === `B${row}` : f.sheet === "Cấu hình")),
    ).toEqual([true, true]);
    for (const f of asDate)
      expect(findingMessage(f, "vi", "cli")).toBe(
        "Ô chứa ngày 30/06/2015, không phải kỳ báo cáo. Viết kỳ dạng văn bản, ví dụ “Quý II/2015” (quý của ngày này).",
      );
    const monthYear = runPlan(typed("2/2015", "Quý II/2015"), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
    });
    expect(monthYear.findings.find((f) => f.sheet === "Số liệu" && f.cell === `B${row}`)?.code).toBe(
      "UNKNOWN_PERIOD",
    );
  });

  it("(a period setting that is not one says what blank, its default, is)", () => {
    const grids = planRowsToGrids({
      ...sample,
      settings: sample.settings.map(([k, v]) => [k, k === "Kỳ hiện tại" ? "Quý V/2015" : v]),
    });
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    const f = run.findings.find((x) => x.code === "INVALID_SETTING")!;
    expect(findingMessage(f, "vi", "cli")).toBe(
      "Giá trị “Quý V/2015” của tham số “Kỳ hiện tại” không hợp lệ; dùng mặc định (để trống). Sửa giá trị.",
    );
    expect(findingMessage(f, "en", "cli")).toBe(
      "Value “Quý V/2015” of setting “Kỳ hiện tại” is not valid; the default (blank) is used. Fix the value.",
    );
  });
});

describe("last year's workbook copied to start this year, Kỳ hiện tại left as it was", () => {
  const nextYear: PlanRows = {
    ...sample,
    settings: sample.settings.map(([k, v]) => [k, k === "Năm kế hoạch" ? 2016 : v]),
    figures: [
      ...sample.figures,
      ...sample.figures.filter((f) => f[1] === "Quý II/2015").map((f) => [f[0], "Quý I/2016", ...f.slice(2)]),
    ],
  };

  it("is said at the setting: the figures go on past it, and how to report the new period", () => {
    const run = runPlan(planRowsToGrids(nextYear), { period: null, lang: "vi", robustness: false });
    expect(run.period).toBe("2015-Q2");
    const f = run.findings.find((x) => x.code === "CURRENT_PERIOD_BEHIND");
    expect(f && [f.severity, `${f.sheet}!${f.cell}`]).toEqual(["warning", "Cấu hình!B4"]);
    expect(findingMessage(f!, "vi", "cli")).toBe(
      "“Kỳ hiện tại” là Quý II/2015 nhưng đã có số liệu của Quý I/2016; kết quả được tính cho Quý II/2015. Nếu đang báo cáo kỳ mới, sửa thành Quý I/2016 hoặc để trống (kỳ mới nhất có số liệu).",
    );
    expect(findingMessage(f!, "en", "cli")).toBe(
      "“Kỳ hiện tại” is Q2 2015 but there are figures for Q1 2016; the results are for Q2 2015. If you are reporting the new period, change it to Q1 2016 or leave it blank (the latest period with figures).",
    );
  });

  it("is not said when the setting names the latest period with figures, as in the sample", () => {
    const run = runPlan(planRowsToGrids(sample), { period: null, lang: "vi", robustness: false });
    expect(run.findings.filter((x) => x.code === "CURRENT_PERIOD_BEHIND")).toEqual([]);
  });

  const behind = (rows: PlanRows, ...tabs: string[]) => {
    const grids = planRowsToGrids(rows);
    const extra = tabs.map((sheet) => ({ sheet, originRow: 1, originCol: 1, values: [["Báo cáo"]] }));
    const run = runPlan(
      { sheets: [...grids.sheets, ...extra] },
      { period: null, lang: "vi", robustness: false },
    );
    return run.findings.filter((x) => x.code === "CURRENT_PERIOD_BEHIND").map((f) => f.params.later);
  };
  const setTo = (rows: PlanRows, period: string): PlanRows => ({
    ...rows,
    settings: rows.settings.map(([k, v]) => [k, k === "Kỳ hiện tại" ? period : v]),
  });

  it("is not said when an earlier quarter of the figures' year is remade on purpose", () => {
    // Quý I/2015's summary remade once Quý II/2015's figures are in, with or without its tab there already.
    expect(behind(setTo(sample, "Quý I/2015"))).toEqual([]);
    expect(behind(setTo(sample, "Quý I/2015"), "Tổng hợp Quý I-2015")).toEqual([]);
  });

  it("counts the quarters figures are typed for, not rows laid out for the quarters to come", () => {
    const laidOut: PlanRows = {
      ...sample,
      figures: [
        ...sample.figures,
        ...sample.figures
          .filter((f) => f[1] === "Quý II/2015")
          .map((f) => [f[0], "Quý I/2016", ...f.slice(2).map(() => null)]),
      ],
    };
    expect(behind(laidOut)).toEqual([]);
  });

  it("with Kỳ hiện tại blank, computes the latest quarter figures are typed for, not one laid out blank", () => {
    const laidOut: PlanRows = {
      ...setTo(sample, ""),
      figures: [
        ...sample.figures,
        ...sample.figures
          .filter((f) => f[1] === "Quý II/2015")
          .map((f) => [f[0], "Quý III/2015", ...f.slice(2).map(() => null)]),
      ],
    };
    const run = runPlan(planRowsToGrids(laidOut), { period: null, lang: "vi", robustness: false });
    // It was Quý III/2015, with one MISSING_FIGURE per unit and indicator (302 warnings for the sample).
    expect(run.period).toBe("2015-Q2");
    const plain = runPlan(planRowsToGrids(sample), { period: null, lang: "vi", robustness: false });
    const where = (fs: typeof run.findings) => fs.map((f) => `${f.code} ${f.sheet}!${f.cell}`);
    expect(where(run.findings)).toEqual(where(plain.findings));
  });

  it("is said with last year's summary tab copied along, not once the later period is reported", () => {
    // The copied workbook carries the tab of the quarter it was left at: no sign the planner went back on purpose.
    expect(behind(nextYear, "Tổng hợp Quý II-2015")).toEqual(["2016-Q1"]);
    // Quý I/2016 already reported (its tab, in either language): setting Quý II/2015 again is on purpose.
    expect(behind(nextYear, "Tổng hợp Quý I-2016")).toEqual([]);
    expect(behind(nextYear, "Summary Q1 2016")).toEqual([]);
  });
});

describe("targets written as the plan words them (≥ 80%, Trên 90%, Tối thiểu 5, ≤ 3 ngày)", () => {
  const TARGET = 6; // Chỉ tiêu's Chỉ tiêu năm column (0-based)
  const withTargets = (targets: Record<string, string>): PlanRows => ({
    ...sample,
    indicators: sample.indicators.map((r) =>
      r.map((v, j) => (j === TARGET && String(r[0]) in targets ? targets[String(r[0])] : v)),
    ),
  });

  it("are read as their number, with a note at the cell; the plan computes as with the numbers, formulas included", () => {
    const numbers = withTargets({ MAYTINH: "80%", EMAIL_TK: "90%", KINHPHI: "150", XULYVB: "3" });
    const bounds = withTargets({
      MAYTINH: "≥ 80%",
      EMAIL_TK: "Trên 90%",
      KINHPHI: "Tối thiểu 150",
      XULYVB: "≤ 3 ngày",
    });
    const plain = runPlan(planRowsToGrids(numbers), { period: "2015-Q2", lang: "vi", robustness: false });
    const grids = planRowsToGrids(bounds);
    const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    const targets = (r: typeof run) => r.plan.indicators.map((i) => [i.code, i.annualTarget]);
    expect(targets(run)).toEqual(targets(plain));
    const notes = run.findings.filter((f) => f.code === "TARGET_AS_BOUND");
    expect(notes.map((f) => `${f.severity} ${f.sheet}!${f.cell}`)).toHaveLength(4);
    expect(findingMessage(notes[0], "vi", "cli")).toBe(
      "Chỉ tiêu “≥ 80%” được đọc là 80%. Không cần làm gì; muốn rõ hơn thì chỉ nhập số.",
    );
    expect(findingMessage(notes[0], "en", "cli")).toBe(
      "Target “≥ 80%” is read as 80%. Nothing to do; to be plain, enter only the number.",
    );
    const ranks = (r: typeof run) => r.results?.ranking.map((u) => [u.unit, u.indexRounded, u.rankInGroup]);
    expect(ranks(run)).toEqual(ranks(plain));
    expect(evaluateSpecs(grids, run.sheets).mismatches).toEqual([]);
  });

  it("stay errors when the rest is not a number", () => {
    const run = runPlan(planRowsToGrids(withTargets({ MAYTINH: "≥ tám mươi" })), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
    });
    expect(run.findings.filter((f) => f.code === "NOT_A_NUMBER").map((f) => f.params.value)).toEqual([
      "≥ tám mươi",
    ]);
  });
});

describe("grade thresholds written as percentages (Ngưỡng Tốt 80%)", () => {
  const thresholds = (good: string | number, fair: string | number, average: string | number, scale = 100) =>
    planRowsToGrids({
      ...sample,
      settings: [
        ...sample.settings.filter(
          ([k]) => !["Ngưỡng Tốt", "Ngưỡng Khá", "Ngưỡng Trung bình", "Thang điểm"].includes(k),
        ),
        ["Ngưỡng Tốt", good],
        ["Ngưỡng Khá", fair],
        ["Ngưỡng Trung bình", average],
        ["Thang điểm", scale],
      ],
    });
  const grades = (g: WorkbookGrids) => {
    const run = runPlan(g, { period: "2015-Q2", lang: "vi", robustness: false });
    return { run, grades: run.results?.ranking.map((u) => [u.unit, u.grade]) };
  };

  it("are shares of the index scale: 80% is 80 on the scale of 100, 0,8 on the scale of 1; formulas included", () => {
    const plain = grades(thresholds(80, 65, 50));
    expect(new Set(plain.grades?.map((g) => g[1])).size).toBe(4);
    const pct = thresholds("80%", "65%", "50%");
    const asPercent = grades(pct);
    expect(asPercent.grades).toEqual(plain.grades);
    expect(asPercent.run.plan.settings.gradeGood).toBe(80);
    expect(evaluateSpecs(pct, asPercent.run.sheets).mismatches).toEqual([]);
    const ictIndex = grades(thresholds("80%", "65%", "50%", 1));
    const onOne = grades(thresholds(0.8, 0.65, 0.5, 1));
    expect([ictIndex.run.plan.settings.gradeGood, ictIndex.grades]).toEqual([0.8, onOne.grades]);
  });

  it("in a cell formatted as a percentage too (0.8 shown as 80%), while 85 there, as the pane writes it, stays 85", () => {
    const shownAsPercent = (good: number): WorkbookGrids => {
      const g = thresholds(good, 65, 50);
      return {
        sheets: g.sheets.map((s) =>
          s.sheet === "Cấu hình"
            ? {
                ...s,
                formats: s.values.map((r) =>
                  r.map((_, j) => (r[0] === "Ngưỡng Tốt" && j === 1 ? "0%" : null)),
                ),
              }
            : s,
        ),
      };
    };
    expect(grades(shownAsPercent(0.8)).run.plan.settings.gradeGood).toBe(80);
    expect(grades(shownAsPercent(85)).run.plan.settings.gradeGood).toBe(85);
  });
});
