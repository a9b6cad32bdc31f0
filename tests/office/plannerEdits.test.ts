/**
 * What a planner does in Excel between two runs of the add-in, which Excel allows: renaming, deleting, protecting
 * sheets, naming tables and ranges, typing into cells. The add-in either writes its outputs or says clearly, in the
 * pane's language, what stopped it and what to do; nothing the planner typed is lost.
 */
import fc from "fast-check";
import { FakeExcel, boxAddress, installExcelEnums, quoteName } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { OutputWriteError } from "../../src/workbook/office/writeError";
import {
  addInputSheet,
  inspectWorkbook,
  runAction,
  saveSettings,
  type Action,
} from "../../src/workbook/office/actions";
import { inputSheet } from "../../src/workbook/inputSheet";
import { INPUT_SHEETS } from "../../src/engine/format";
import { EditedOutputError, META_SHEET } from "../../src/workbook/ownership";
import { isSettingName } from "../../src/engine/outputs/liveSettings";
import { describeOfficeError, errorDetail } from "../../src/taskpane/errors";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { OPTIONAL, requirementGate } from "../../src/workbook/office/requirements";
import { t } from "../../src/taskpane/i18n";

beforeAll(() => installExcelEnums());

const sample = () => FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
const ctxOf = (host: FakeExcel) => host.context() as Excel.RequestContext;
const tablesOf = (host: FakeExcel) => host.tables.map((t) => [t.sheet.name, t.name]);

describe("a planner's table or defined name with an output table's name", () => {
  it("the output table takes the next free name (KetQua_2) and the write completes, run after run", async () => {
    const host = sample();
    const ctx = ctxOf(host);
    const units = ctx.workbook.worksheets.getItem("Đơn vị");
    units.tables.add(units.getRange("A1:B3"), true).name = "KetQua";
    ctx.workbook.names.add("XepHang", "='Đơn vị'!$A$1");
    await ctx.sync();
    const wb = new OfficeWorkbook(host.runner());
    for (const lang of ["vi", "en"] as const) {
      await runAction(wb, "compute", { lang, period: "2015-Q2", force: true });
      expect(
        host.sheets.map((s) => s.name).filter((n) => n.startsWith("ictplan_") && n !== "ictplan_meta"),
      ).toEqual([]);
      expect(tablesOf(host).sort()).toEqual(
        [
          ["Đơn vị", "KetQua"],
          [lang === "vi" ? "Kết quả" : "Results", "KetQua_2"],
          [lang === "vi" ? "Xếp hạng" : "Ranking", "XepHang_2"],
          [lang === "vi" ? "Kiểm tra" : "Checks", "KiemTra"],
        ].sort(),
      );
      // The swap finished: the calculation it requests ran.
      expect(host.calculations).toBeGreaterThan(0);
    }
    expect(host.names.find((n) => n.name === "XepHang")).toBeDefined();
  });
});

describe("adding a missing input sheet beside the planner's sheets", () => {
  it("a lists sheet the planner renamed in another case (DANH MỤC) is the lists sheet: only the input sheet is added", async () => {
    const host = sample();
    host.sheets = host.sheets.filter((s) => s.name !== "Đơn vị");
    host.addSheet("DANH MỤC", [["Nhóm xếp hạng"], ["Sở, ban, ngành"]]);
    const wb = new OfficeWorkbook(host.runner());
    expect(await addInputSheet(wb, "units", "vi")).toBe("Đơn vị");
    expect(host.sheets.map((s) => s.name)).toEqual(["Cấu hình", "Chỉ tiêu", "Số liệu", "DANH MỤC", "Đơn vị"]);
    expect(contents(host, "DANH MỤC")).toEqual({ "0,0": "Nhóm xếp hạng", "1,0": "Sở, ban, ngành" });
  });

  it("a sheet with the new sheet's name in another case or Unicode form: a message naming it, nothing added", async () => {
    const host = sample();
    host.sheets = host.sheets.filter((s) => s.name !== "Đơn vị");
    // Typed with a decomposed-Unicode keyboard setting (Unikey "tổ hợp"): the same name to Excel.
    const theirs = "ĐƠN VỊ".normalize("NFD");
    host.addSheet(theirs, [["của tôi"]]);
    const names = host.sheets.map((s) => s.name);
    const error = await new OfficeWorkbook(host.runner())
      .addSheets([inputSheet("units")])
      .catch((e: unknown) => e);
    expect(describeOfficeError(error, "vi")).toMatch(new RegExp(`Đổi tên.*"${theirs}"`));
    expect(describeOfficeError(error, "en")).toMatch(new RegExp(`Rename it.*"${theirs}"`));
    expect(host.sheets.map((s) => s.name)).toEqual(names);
  });
});

describe("going to a sheet the pane lists, after the planner renamed or deleted it", () => {
  it("a finding's cell or a written sheet's link: the message names the sheet and says to check again", async () => {
    const host = sample();
    const wb = new OfficeWorkbook(host.runner());
    await wb.selectCell("Số liệu", "C3");
    expect([host.active, host.selection]).toEqual(["Số liệu", "Số liệu!C3"]);
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Số liệu").name = "Số liệu 2015";
    ctx.workbook.worksheets.getItem("Chỉ tiêu").delete();
    await ctx.sync();
    for (const go of [() => wb.selectCell("Số liệu", "C3"), () => wb.activateSheet("Chỉ tiêu")]) {
      const error = await go().catch((e: unknown) => e);
      expect(describeOfficeError(error, "vi")).toMatch(/Không còn sheet "(Số liệu|Chỉ tiêu)".*Bấm Kiểm tra/);
      expect(describeOfficeError(error, "en")).toMatch(
        /no longer has a sheet "(Số liệu|Chỉ tiêu)".*Press Validate/,
      );
    }
  });
});

describe("going to a hidden sheet a finding names (a hidden copy of an input sheet)", () => {
  it("the sheet is not activated, and the message says it is hidden and how to show it", async () => {
    const host = sample();
    const wb = new OfficeWorkbook(host.runner());
    await wb.selectCell("Số liệu", "C3");
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Chỉ tiêu").visibility = Excel.SheetVisibility.hidden;
    await ctx.sync();
    for (const go of [() => wb.selectCell("Chỉ tiêu", "A1"), () => wb.activateSheet("Chỉ tiêu")]) {
      const error = await go().catch((e: unknown) => e);
      expect(describeOfficeError(error, "vi")).toBe(
        'Sheet "Chỉ tiêu" đang ẩn nên không mở được. Để hiện sheet: nhấp chuột phải vào tên một sheet bất kỳ, chọn Bỏ ẩn…, rồi chọn "Chỉ tiêu".',
      );
      expect(describeOfficeError(error, "en")).toMatch(/"Chỉ tiêu" is hidden.*Unhide…, then "Chỉ tiêu"/);
      expect(errorDetail(error)).toBeNull();
    }
    expect([host.active, host.selection]).toEqual(["Số liệu", "Số liệu!C3"]);
  });
});

describe("saving settings into a sheet the planner protected", () => {
  it("nothing is written, and the message names the sheet and how to unprotect it", async () => {
    const host = sample();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Cấu hình").protection.protect();
    await ctx.sync();
    const before = contents(host, "Cấu hình");
    const wb = new OfficeWorkbook(host.runner());
    const error = await saveSettings(wb, { gradeGood: 91, gradeFair: 71 }).catch((e: unknown) => e);
    expect(contents(host, "Cấu hình")).toEqual(before);
    expect(describeOfficeError(error, "vi")).toMatch(
      /Sheet "Cấu hình" đang được bảo vệ.*Bỏ bảo vệ trang tính/,
    );
    expect(describeOfficeError(error, "en")).toMatch(/Sheet "Cấu hình" is protected.*Unprotect Sheet/);
    const c2 = ctxOf(host);
    c2.workbook.worksheets.getItem("Cấu hình").protection.unprotect();
    await c2.sync();
    expect(await saveSettings(wb, { gradeGood: 91, gradeFair: 71 })).toBe(true);
    expect(contents(host, "Cấu hình")).not.toEqual(before);
  });
});

describe("a planner's formulas and defined names over output sheets", () => {
  /** The sum of a column's numbers over rows r0..r1 (1-based) of a sheet, as Excel computes it now. */
  const sum = (host: FakeExcel, sheet: string, col: string, r0: number, r1: number) => {
    let total = 0;
    for (let r = r0; r <= r1; r++) {
      const v = host.valueAt(sheet, `${col}${r}`);
      if (typeof v === "number") total += v;
    }
    return total;
  };
  /** The planner's sheets (one hidden) and names (workbook- and sheet-scoped) over Xếp hạng and Kết quả. */
  const FORMULAS: Record<string, Record<string, string>> = {
    "Của tôi": {
      A1: "=SUM('Xếp hạng'!J5:J35)",
      A2: "=VLOOKUP(\"VPUB\",'Xếp hạng'!A5:L35,10,0)",
      A3: "=SUM(TongDiem)",
      A4: "=SUM(ChiSo)",
    },
    "Ẩn của tôi": { B2: "=SUM('Kết quả'!K5:K345)" },
  };
  async function withPlannersFormulas(): Promise<{ host: FakeExcel; wb: OfficeWorkbook }> {
    const host = sample();
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.add("Của tôi");
    ctx.workbook.worksheets.add("Ẩn của tôi").visibility = Excel.SheetVisibility.hidden;
    ctx.workbook.names.add("TongDiem", "='Kết quả'!$K$5:$K$345");
    ctx.workbook.worksheets.getItem("Của tôi").names.add("ChiSo", "='Xếp hạng'!$J$5:$J$35");
    for (const [sheet, cells] of Object.entries(FORMULAS))
      for (const [at, f] of Object.entries(cells))
        ctx.workbook.worksheets.getItem(sheet).getRange(at).formulas = [[f]];
    await ctx.sync();
    return { host, wb };
  }
  /** Their formulas and names read as typed, and compute what the outputs hold now. */
  function expectReading(host: FakeExcel): void {
    for (const [sheet, cells] of Object.entries(FORMULAS))
      for (const [at, f] of Object.entries(cells))
        expect([sheet, at, host.read(sheet, at)]).toEqual([sheet, at, f]);
    expect(host.names.map((n) => [n.name, host.render(n.formula)])).toEqual(
      expect.arrayContaining([
        ["TongDiem", "='Kết quả'!$K$5:$K$345"],
        ["ChiSo", "='Xếp hạng'!$J$5:$J$35"],
      ]),
    );
    const index = sum(host, "Xếp hạng", "J", 5, 35);
    const points = sum(host, "Kết quả", "K", 5, 345);
    const vpub = host.sheet("Xếp hạng")!;
    const row = [...vpub.cells].find(([k, c]) => k.endsWith(",0") && c.value === "VPUB")![0].split(",")[0];
    const got = ["A1", "A2", "A3", "A4"]
      .map((a) => host.valueAt("Của tôi", a))
      .concat(host.valueAt("Ẩn của tôi", "B2"));
    const want = [index, host.valueAt("Xếp hạng", `J${Number(row) + 1}`), points, index, points];
    got.forEach((v, i) => expect([i, typeof v]).toEqual([i, "number"]));
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] as number, 6));
    expect(index).toBeGreaterThan(0);
  }

  it("keep their text and read the new outputs across computes, a period change and a summary", async () => {
    const { host, wb } = await withPlannersFormulas();
    expectReading(host);
    const values: unknown[] = [];
    for (const [action, period, edit] of [
      ["compute", "2015-Q2", 0],
      ["compute", "2015-Q1", 1],
      ["summary", "2015-Q1", 0.5],
      ["compute", "2015-Q2", 0.2],
    ] as const) {
      // An input the outputs read changes, so the outputs' values do.
      host.userEdit("Số liệu", "C157", edit);
      await runAction(wb, action, { lang: "vi", period });
      expect(host.sheets.map((s) => s.name).filter((n) => /^ictplan_(tmp|old)/.test(n))).toEqual([]);
      expectReading(host);
      values.push(host.valueAt("Của tôi", "A1"));
    }
    expect(new Set(values).size).toBeGreaterThan(1);
    expect(host.sheet("Ẩn của tôi")!.visibility).toBe("Hidden");
  });

  it("a protected sheet of theirs holding one: refused before anything changes, the message names it", async () => {
    const { host, wb } = await withPlannersFormulas();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Ẩn của tôi").protection.protect();
    await ctx.sync();
    const state = () => ({
      sheets: host.sheets.map((s) => [s.name, s.visibility, s.id, host.shown(s.name)]),
      names: host.names.map((n) => [n.name, host.render(n.formula)]),
      tables: tablesOf(host),
    });
    const before = state();
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(state()).toEqual(before);
    expect(describeOfficeError(error, "vi")).toBe(
      'Sheet "Ẩn của tôi" đang được bảo vệ và có công thức, biểu đồ, quy tắc xác thực dữ liệu (danh sách chọn) hoặc định dạng có điều kiện đọc sheet "Kết quả". Khi thay các sheet kết quả, ictplan phải nhập lại các công thức, quy tắc đó và trỏ lại các biểu đồ đó vào sheet mới (nếu không, Excel biến chúng thành #REF!), nhưng không được ghi vào sheet đang được bảo vệ. Bỏ bảo vệ (Xem lại → Bỏ bảo vệ trang tính) rồi chạy lại; sau đó có thể bảo vệ lại. Các sheet kết quả cũ không bị thay đổi.',
    );
    expect(describeOfficeError(error, "en")).toMatch(
      /^Sheet "Ẩn của tôi" is protected and has formulas, charts, data validation \(drop-down lists\) or conditional formats reading "Kết quả"\..*Unprotect it \(Review → Unprotect Sheet\).*were not changed\.$/,
    );
    expect(errorDetail(error)).toBeNull();
    // Unprotected, the write goes through and their formulas read the new outputs.
    ctx.workbook.worksheets.getItem("Ẩn của tôi").protection.unprotect();
    await ctx.sync();
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expectReading(host);
  });

  it("a sheet of theirs protected while the write runs: the swap is undone, their formulas and the outputs as they were", async () => {
    // Which sync of a compute is the swap: the one after which the temporary sheets are gone (a rehearsal).
    const rehearsal = (await withPlannersFormulas()).host;
    const started = rehearsal.syncs;
    const tempsAfter: boolean[] = [];
    const rehearse = rehearsal.sync.bind(rehearsal);
    rehearsal.sync = async (context) => {
      await rehearse(context);
      tempsAfter.push(rehearsal.sheets.some((x) => x.name.startsWith("ictplan_tmp_")));
    };
    await runAction(new OfficeWorkbook(rehearsal.runner()), "compute", { lang: "vi", period: "2015-Q2" });
    const swap = tempsAfter.findIndex((t, i) => i > 0 && tempsAfter[i - 1] && !t);
    expect(rehearsal.syncs - started).toBeGreaterThan(swap);

    const { host, wb } = await withPlannersFormulas();
    const shown = () => host.sheets.map((x) => [x.name, host.shown(x.name)]);
    const before = shown();
    const names = host.names.map((n) => [n.name, host.render(n.formula)]);
    let k = 0;
    const sync = host.sync.bind(host);
    host.sync = async (context) => {
      // After the adapter read the sheet and before its swap, the planner protects it.
      if (k++ === swap) host.sheet("Của tôi")!.protected = true;
      await sync(context);
    };
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputWriteError);
    expect((error as OutputWriteError).outcome).toBe("restored");
    expect(shown()).toEqual(before);
    expect(host.names.map((n) => [n.name, host.render(n.formula)])).toEqual(names);
    expectReading(host);
  });

  it("a protected sheet of theirs without one does not stop the write", async () => {
    const { host, wb } = await withPlannersFormulas();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Số liệu").protection.protect();
    await ctx.sync();
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expectReading(host);
  });
});

describe("a planner's charts over output sheets", () => {
  /** The ranges each series of each chart on a sheet reads, as the fake host's Excel shows them ("=#REF!" once gone). */
  const sources = (host: FakeExcel, sheet: string) =>
    host
      .sheet(sheet)!
      .charts.map((c) => [
        c.name,
        c.series.map((s) => [host.sourceText(s.xValues), host.sourceText(s.values)]),
      ]);
  /** After a first compute: "Biểu đồ" with a bar chart of Xếp hạng's index by unit, and a scatter chart over Kết quả. */
  async function withPlannersCharts(api = "1.17"): Promise<{ host: FakeExcel; wb: OfficeWorkbook }> {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: api });
    const wb = new OfficeWorkbook(host.runner(), (set, v) => host.isSetSupported(set, v));
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    host.addSheet("Biểu đồ", [["Chỉ số theo đơn vị"]]);
    host.userAddChart("Biểu đồ", "BarClustered", [
      { values: "'Xếp hạng'!J5:J35", xValues: "'Xếp hạng'!B5:B35" },
    ]);
    host.userAddChart(
      "Biểu đồ",
      "XYScatter",
      [
        { xValues: "'Kết quả'!J5:J40", values: "'Kết quả'!K5:K40" },
        { xValues: "'Biểu đồ'!A1:A3", values: "'Biểu đồ'!B1:B3" },
      ],
      "Điểm",
    );
    return { host, wb };
  }
  const READ = [
    ["Chart 1", [["='Xếp hạng'!$B$5:$B$35", "='Xếp hạng'!$J$5:$J$35"]]],
    [
      "Điểm",
      [
        ["='Kết quả'!$J$5:$J$40", "='Kết quả'!$K$5:$K$40"],
        ["='Biểu đồ'!$A$1:$A$3", "='Biểu đồ'!$B$1:$B$3"],
      ],
    ],
  ];

  it("keep their series across computes, a summary and a language change, read in one more request", async () => {
    const { host, wb } = await withPlannersCharts();
    expect(sources(host, "Biểu đồ")).toEqual(READ);
    for (const [action, lang] of [
      ["compute", "vi"],
      ["summary", "vi"],
      ["compute", "vi"],
    ] as const) {
      await runAction(wb, action, { lang, period: "2015-Q2" });
      expect(sources(host, "Biểu đồ")).toEqual(READ);
    }
    // In English the outputs are Results and Ranking: the series read them under their new names.
    await runAction(wb, "compute", { lang: "en", period: "2015-Q2", force: true });
    expect(JSON.stringify(sources(host, "Biểu đồ"))).toBe(
      JSON.stringify(READ)
        .replace(/'Xếp hạng'/g, "Ranking")
        .replace(/'Kết quả'/g, "Results"),
    );
    // The charts' series cost one request (their counts); their sources travel with the cells read.
    const syncs = async (h: FakeExcel, w: OfficeWorkbook) => {
      const s0 = w.syncs;
      await runAction(w, "compute", { lang: "en", period: "2015-Q2" });
      return w.syncs - s0;
    };
    const plain = sample();
    const plainWb = new OfficeWorkbook(plain.runner());
    await runAction(plainWb, "compute", { lang: "en", period: "2015-Q2" });
    expect(await syncs(host, wb)).toBe((await syncs(plain, plainWb)) + 1);
  });

  it("below ExcelApi 1.15 their sources cannot be read: the pane notes it, and a compute leaves #REF! as it says", async () => {
    expect(
      requirementGate((set, v) => new FakeExcel({ ExcelApi: "1.14" }).isSetSupported(set, v)).missing,
    ).toContain("chartSources");
    expect(t("vi", "missing_chartSources", { ...OPTIONAL.chartSources })).toMatch(
      /ExcelApi 1\.15: .*#REF!.*Chọn Dữ liệu/,
    );
    expect(t("en", "missing_chartSources", { ...OPTIONAL.chartSources })).toMatch(
      /ExcelApi 1\.15: .*#REF!.*Select Data/,
    );
    const { host, wb } = await withPlannersCharts("1.14");
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(sources(host, "Biểu đồ")[0]).toEqual(["Chart 1", [["=#REF!", "=#REF!"]]]);
  });

  it("one whose series reads an output in several areas: refused before anything changes, the message names it", async () => {
    const { host, wb } = await withPlannersCharts();
    host.userAddChart(
      "Biểu đồ",
      "ColumnClustered",
      [{ values: "'Xếp hạng'!J5:J10,'Xếp hạng'!J12:J35" }],
      "Hai vùng",
    );
    const before = host.sheets.map((s) => [s.name, s.id, host.shown(s.name)]);
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(host.sheets.map((s) => [s.name, s.id, host.shown(s.name)])).toEqual(before);
    expect(sources(host, "Biểu đồ")).toEqual([
      ...READ,
      ["Hai vùng", [["", "=('Xếp hạng'!$J$5:$J$10,'Xếp hạng'!$J$12:$J$35)"]]],
    ]);
    expect(describeOfficeError(error, "vi")).toMatch(
      /^Biểu đồ "Hai vùng" \(sheet "Biểu đồ"\) có chuỗi số liệu lấy từ nhiều vùng.*Chọn Dữ liệu.*không bị thay đổi\.$/,
    );
    expect(describeOfficeError(error, "en")).toMatch(
      /^Chart "Hai vùng" \(sheet "Biểu đồ"\) has a series drawn from several areas.*Select Data.*were not changed\.$/,
    );
    expect(errorDetail(error)).toBeNull();
  });

  it("one on an output sheet: refused before anything changes, the message names it and says to move it; moved, it is kept", async () => {
    const { host, wb } = await withPlannersCharts();
    const mine = host.userAddChart("Xếp hạng", "Pie", [{ values: "'Xếp hạng'!J5:J10" }], "Của tôi");
    const before = host.sheets.map((s) => [s.name, s.id, host.shown(s.name), s.charts.length]);
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(host.sheets.map((s) => [s.name, s.id, host.shown(s.name), s.charts.length])).toEqual(before);
    expect(describeOfficeError(error, "vi")).toMatch(
      /^Biểu đồ hoặc hình "Của tôi" \(sheet "Xếp hạng"\) của bạn nằm trên sheet kết quả.*Di chuyển Biểu đồ.*không bị thay đổi\.$/,
    );
    expect(describeOfficeError(error, "en")).toMatch(
      /^Your chart or drawing "Của tôi" \(sheet "Xếp hạng"\) is on an output sheet.*Move Chart.*were not changed\.$/,
    );
    // Moved to their sheet (Chart Design → Move Chart), it still draws Xếp hạng, and is kept.
    host.sheet("Xếp hạng")!.charts = host.sheet("Xếp hạng")!.charts.filter((c) => c !== mine);
    host.sheet("Biểu đồ")!.charts.push(mine);
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(sources(host, "Biểu đồ")).toEqual([...READ, ["Của tôi", [["", "='Xếp hạng'!$J$5:$J$10"]]]]);
  });

  it("a picture or shape of theirs on an output sheet: refused likewise from ExcelApi 1.9; below it not looked for", async () => {
    for (const api of ["1.9", "1.8"]) {
      const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: api });
      const wb = new OfficeWorkbook(host.runner(), (set, v) => host.isSetSupported(set, v));
      await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
      host.userAddShape("Kết quả", "Image", "Logo Sở");
      const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch(
        (e: unknown) => e,
      );
      if (api === "1.8") {
        expect(error).not.toBeInstanceOf(Error);
        expect(host.sheet("Kết quả")!.shapes).toEqual([]);
        continue;
      }
      expect(host.sheet("Kết quả")!.shapes).toEqual([{ name: "Logo Sở", type: "Image" }]);
      expect(describeOfficeError(error, "vi")).toMatch(
        /^Biểu đồ hoặc hình "Logo Sở" \(sheet "Kết quả"\) của bạn.*hình: Cắt rồi Dán.*không bị thay đổi\.$/,
      );
      expect(describeOfficeError(error, "en")).toMatch(
        /^Your chart or drawing "Logo Sở" \(sheet "Kết quả"\)/,
      );
    }
  });

  it("on a summary: the product's own charts go with it; one of theirs is refused; an earlier version's summary cannot tell", async () => {
    const { host, wb } = await withPlannersCharts();
    await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" });
    const summary = host.sheets.find((s) => s.name.startsWith("Tổng hợp"))!.name;
    const charts = () => host.sheet(summary)!.charts;
    expect(charts().length).toBeGreaterThan(0);
    expect(charts().every((c) => /^ictplan_chart_\d+$/.test(c.name))).toBe(true);
    await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" });
    host.userAddChart(summary, "Line", [{ values: "'Xếp hạng'!J5:J35" }], "Xu hướng");
    const error = await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(describeOfficeError(error, "en")).toMatch(
      /^Your chart or drawing "Xu hướng" \(sheet "Tổng hợp[^"]*"\)/,
    );
    // Written before the product named its charts: none has its name, so none can be told for the planner's.
    for (const c of charts()) c.name = c.name.replace("ictplan_chart_", "Chart ");
    await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" });
    expect(charts().map((c) => c.name)).not.toContain("Xu hướng");
  });

  it("a protected sheet of theirs holding one: refused before anything changes, the message names it", async () => {
    const { host, wb } = await withPlannersCharts();
    host.sheet("Biểu đồ")!.protected = true;
    const before = host.sheets.map((s) => [s.name, s.id, host.shown(s.name)]);
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(host.sheets.map((s) => [s.name, s.id, host.shown(s.name)])).toEqual(before);
    expect(sources(host, "Biểu đồ")).toEqual(READ);
    expect(describeOfficeError(error, "en")).toMatch(
      /^Sheet "Biểu đồ" is protected and has formulas, charts, data validation \(drop-down lists\) or conditional formats reading "Xếp hạng", "Kết quả"\..*were not changed\.$/,
    );
  });
});

describe("a planner's data validation over output sheets", () => {
  /** Each validation rule of a sheet as Excel shows it, with its range. */
  const rules = (host: FakeExcel, sheet: string) =>
    host
      .sheet(sheet)!
      .dataValidations.map((v) => [
        v.box,
        host.dvRule(v),
        // A new rule's prompt as Excel gives it (DataValidationPrompt): none shown.
        v.prompt ?? { showPrompt: false, title: "", message: "" },
      ])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  /** After a first compute: on "Chấm điểm", a drop-down of Xếp hạng's unit names and a whole-number rule capped by Kết quả. */
  async function withPlannersRules(api = "1.17"): Promise<{ host: FakeExcel; wb: OfficeWorkbook }> {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: api });
    const wb = new OfficeWorkbook(host.runner(), (set, v) => host.isSetSupported(set, v));
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    host.addSheet("Chấm điểm", [["Đơn vị", "Điểm", "Ghi chú"]]);
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Chấm điểm");
    const units = ws.getRange("A2:A20").dataValidation;
    units.rule = { list: { inCellDropDown: true, source: "='Xếp hạng'!$B$5:$B$35" } };
    units.prompt = { showPrompt: true, title: "Đơn vị", message: "Chọn từ Xếp hạng" };
    ws.getRange("B2:B20").dataValidation.rule = {
      wholeNumber: { operator: "Between", formula1: "0", formula2: "='Kết quả'!$K$5" },
    };
    ws.getRange("C2:C20").dataValidation.rule = { list: { inCellDropDown: true, source: "Có,Không" } };
    await ctx.sync();
    return { host, wb };
  }

  it("are entered again for the new sheets, with their prompt, across computes and a language change", async () => {
    const { host, wb } = await withPlannersRules();
    const typed = rules(host, "Chấm điểm");
    expect(JSON.stringify(typed)).toContain("='Xếp hạng'!$B$5:$B$35");
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(rules(host, "Chấm điểm")).toEqual(typed);
    await runAction(wb, "compute", { lang: "en", period: "2015-Q2", force: true });
    expect(JSON.stringify(rules(host, "Chấm điểm"))).toBe(
      JSON.stringify(typed)
        .replace(/'Xếp hạng'/g, "Ranking")
        .replace(/'Kết quả'/g, "Results"),
    );
  });

  it("rules that differ down one column (one area to Excel) are read cell by cell and each entered again", async () => {
    const { host, wb } = await withPlannersRules();
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Chấm điểm");
    ws.getRange("D2:D10").dataValidation.rule = {
      list: { inCellDropDown: true, source: "='Xếp hạng'!$B$5:$B$35" },
    };
    ws.getRange("D11:D12").dataValidation.rule = {
      list: { inCellDropDown: true, source: "='Kết quả'!$B$5:$B$35" },
    };
    ws.getRange("D13").dataValidation.rule = { custom: { formula: "=D13<='Kết quả'!$K$5" } };
    await ctx.sync();
    const typed = rules(host, "Chấm điểm");
    const before = wb.syncs;
    await runAction(wb, "compute", { lang: "en", period: "2015-Q2", force: true });
    expect(JSON.stringify(rules(host, "Chấm điểm"))).toBe(
      JSON.stringify(typed)
        .replace(/'Xếp hạng'/g, "Ranking")
        .replace(/'Kết quả'/g, "Results"),
    );
    // One more request than with the columns of one rule each: the cells of column D.
    const plain = await withPlannersRules();
    const s0 = plain.wb.syncs;
    await runAction(plain.wb, "compute", { lang: "en", period: "2015-Q2", force: true });
    expect(wb.syncs - before).toBe(plain.wb.syncs - s0 + 1);
  });

  it("a protected sheet of theirs holding one: refused before anything changes, the message names it", async () => {
    const { host, wb } = await withPlannersRules();
    host.sheet("Chấm điểm")!.protected = true;
    const before = host.sheets.map((s) => [s.name, s.id, host.shown(s.name)]);
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(host.sheets.map((s) => [s.name, s.id, host.shown(s.name)])).toEqual(before);
    expect(describeOfficeError(error, "en")).toMatch(
      /^Sheet "Chấm điểm" is protected and has formulas, charts, data validation \(drop-down lists\) or conditional formats reading "Xếp hạng", "Kết quả"\./,
    );
  });

  it("below ExcelApi 1.9 the validated cells cannot be found: a rule over an output shows #REF! (docs/limits.md)", async () => {
    const { host, wb } = await withPlannersRules("1.8");
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(JSON.stringify(rules(host, "Chấm điểm"))).toContain('"source":"=#REF!');
  });
});

describe("a planner's conditional formats over output sheets", () => {
  /** Each conditional format of a sheet as Excel shows it: its range, type and rule's formulas. */
  const formats = (host: FakeExcel, sheet: string) =>
    host
      .sheet(sheet)!
      .conditionalFormats.map((f) => [boxAddress(f.box), f.type, host.render(JSON.stringify(f.props))]);
  /** After a first compute: on "Tô màu", a formula rule against Xếp hạng and a cell value rule against Kết quả. */
  async function withPlannersFormats(): Promise<{ host: FakeExcel; wb: OfficeWorkbook }> {
    const host = sample();
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    host.addSheet("Tô màu", [["Chỉ số"], [50], [90]]);
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Tô màu");
    const low = ws.getRange("A2:A20").conditionalFormats.add(Excel.ConditionalFormatType.custom);
    low.custom.rule.formula = "=A2<AVERAGE('Xếp hạng'!$J$5:$J$35)";
    low.custom.format.fill.color = "#FFC7CE";
    const high = ws.getRange("B2:B20").conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
    high.cellValue.rule = { formula1: "='Kết quả'!$K$5", operator: "GreaterThan" };
    high.cellValue.format.fill.color = "#C6EFCE";
    await ctx.sync();
    return { host, wb };
  }

  it("have their formulas entered again for the new sheets, across computes and a language change", async () => {
    const { host, wb } = await withPlannersFormats();
    const typed = formats(host, "Tô màu");
    expect(JSON.stringify(typed)).toContain("AVERAGE('Xếp hạng'!$J$5:$J$35)");
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
    expect(formats(host, "Tô màu")).toEqual(typed);
    await runAction(wb, "compute", { lang: "en", period: "2015-Q2", force: true });
    expect(JSON.stringify(formats(host, "Tô màu"))).toBe(
      JSON.stringify(typed)
        .replace(/'Xếp hạng'/g, "Ranking")
        .replace(/'Kết quả'/g, "Results"),
    );
  });

  it("a protected sheet of theirs holding one: refused before anything changes", async () => {
    const { host, wb } = await withPlannersFormats();
    host.sheet("Tô màu")!.protected = true;
    const before = host.sheets.map((s) => [s.name, s.id, host.shown(s.name)]);
    const error = await runAction(wb, "compute", { lang: "vi", period: "2015-Q2" }).catch((e: unknown) => e);
    expect(host.sheets.map((s) => [s.name, s.id, host.shown(s.name)])).toEqual(before);
    expect(describeOfficeError(error, "en")).toMatch(
      /^Sheet "Tô màu" is protected and has .*conditional formats reading "Kết quả", "Xếp hạng"\./,
    );
  });
});

type Edit =
  | { kind: "action"; action: Action; force: boolean }
  | { kind: "settings"; gradeGood: number }
  | { kind: "addInput" }
  | { kind: "goTo"; sheet: string }
  | { kind: "rename"; pick: number; to: string }
  | { kind: "delete"; pick: number }
  | { kind: "protect"; pick: number }
  | { kind: "unprotect"; pick: number }
  | { kind: "addSheet"; name: string }
  | { kind: "renameOutput"; pick: number; to: string }
  | { kind: "table"; pick: number; name: string }
  | { kind: "name"; name: string }
  | { kind: "type"; pick: number; row: number; text: string }
  /** A formula over an output on a sheet of theirs, or a defined name over one (named). */
  | { kind: "formula"; pick: number; row: number; output: number; named: boolean };

// Names a planner might type: an output's in either case or language, an input's, an output table's, their own.
const SHEET_NAMES = [
  "Kết quả",
  "KẾT QUẢ",
  "Ranking",
  "Số liệu cũ",
  "Ghi chú",
  "Tổng hợp Quý II-2015",
  "Cấu hình",
  // The write's temporary names, and a catalogue of the planner's named as the product's lists sheet.
  "ictplan_tmp_0",
  "ICTPLAN_OLD_1",
  "ictplan_tmp_x",
  "Danh mục",
  "Lists",
];
const TABLE_NAMES = ["KetQua", "XepHang", "KiemTra", "BangCuaToi", "KETQUA_2"];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ action: fc.constantFrom<Action>("validate", "compute", "summary"), force: fc.boolean() })
      .map((r) => ({ kind: "action" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "addInput" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("Số liệu", "Kết quả", "Chỉ tiêu")
      .map((sheet) => ({ kind: "goTo" as const, sheet })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 60, max: 95 })
      .map((gradeGood) => ({ kind: "settings" as const, gradeGood })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(20), to: fc.constantFrom(...SHEET_NAMES) })
      .map((r) => ({ kind: "rename" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat(20).map((pick) => ({ kind: "delete" as const, pick })) },
  { weight: 2, arbitrary: fc.nat(20).map((pick) => ({ kind: "protect" as const, pick })) },
  { weight: 1, arbitrary: fc.nat(20).map((pick) => ({ kind: "unprotect" as const, pick })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...SHEET_NAMES).map((name) => ({ kind: "addSheet" as const, name })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        pick: fc.nat(20),
        to: fc.constantFrom("KQ của tôi", "ictplan_tmp_1", "Danh mục", "Kết quả cũ"),
      })
      .map((r) => ({ kind: "renameOutput" as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ pick: fc.nat(20), name: fc.constantFrom(...TABLE_NAMES) })
      .map((r) => ({ kind: "table" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...TABLE_NAMES).map((name) => ({ kind: "name" as const, name })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(20), row: fc.nat(30), text: fc.constantFrom("ghi chú", "=1+1", "-", "12%", "") })
      .map((r) => ({ kind: "type" as const, ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(20), row: fc.nat(5), output: fc.nat(5), named: fc.boolean() })
      .map((r) => ({ kind: "formula" as const, ...r })),
  },
);

/** The product's own names (a planner's sheet may carry one: it is theirs all the same). */
const OWN_CATALOGUE = [
  ["Mã hồ sơ", "Tên"],
  ["HS01", "Hồ sơ một cửa"],
];

/** A sheet's cells as the planner sees them in the formula bar. */
const contents = (host: FakeExcel, name: string) => host.shown(name);

/** Runs the planner's edit through the API, as Excel would take it; false when Excel refuses it (the planner could not). */
async function plannerEdit(host: FakeExcel, edit: Edit, owned: readonly string[]): Promise<boolean> {
  const visible = host.sheets.filter((s) => s.visibility === "Visible");
  const outputs = visible.filter((s) => owned.includes(s.name));
  if (edit.kind === "formula") {
    const theirs = host.sheets.filter((s) => !owned.includes(s.name) && s.name !== META_SHEET);
    const output = outputs[edit.output % Math.max(1, outputs.length)];
    if (!output || !theirs.length) return false;
    const range = `${quoteName(output.name)}!$A$1:$L$40`;
    const ctx = ctxOf(host);
    if (edit.named) ctx.workbook.names.add(`Cua_toi_${edit.row}`, `=${range}`);
    ctx.workbook.worksheets
      .getItem(theirs[edit.pick % theirs.length].name)
      .getRange(`Y${edit.row + 1}`).formulas = [[`=COUNT(${edit.named ? `Cua_toi_${edit.row}` : range})`]];
    return ctx.sync().then(
      () => true,
      () => false,
    );
  }
  const sheet =
    edit.kind === "renameOutput"
      ? (outputs[edit.pick % Math.max(1, outputs.length)]?.name ?? "")
      : "pick" in edit
        ? visible[edit.pick % visible.length].name
        : "";
  if (edit.kind === "renameOutput" && !sheet) return false;
  const ctx = ctxOf(host);
  const ws = () => ctx.workbook.worksheets.getItem(sheet);
  if (edit.kind === "rename" || edit.kind === "renameOutput") ws().name = edit.to;
  else if (edit.kind === "delete") ws().delete();
  else if (edit.kind === "protect") ws().protection.protect();
  else if (edit.kind === "unprotect") ws().protection.unprotect();
  else if (edit.kind === "addSheet")
    ctx.workbook.worksheets.add(edit.name).getRange("A1:B2").values = OWN_CATALOGUE;
  else if (edit.kind === "table") ws().tables.add(ws().getRange("AA1:AB2"), true).name = edit.name;
  else if (edit.kind === "name")
    ctx.workbook.names.add(edit.name, `='${host.sheets[0].name.replace(/'/g, "''")}'!$A$1`);
  else if (edit.kind === "type") ws().getRange(`Z${edit.row + 1}`).values = [[edit.text]];
  try {
    await ctx.sync();
    return true;
  } catch {
    return false;
  }
}

/** The planner's: sheets, tables and defined names that are not the product's. */
function plannersOwn(host: FakeExcel, owned: readonly string[]) {
  // Every sheet but the ownership sheet and the owned outputs, whatever its name (ictplan_tmp_0, Danh mục too).
  const theirs = host.sheets.map((s) => s.name).filter((n) => !owned.includes(n) && n !== META_SHEET);
  return {
    sheets: theirs.map((n) => [n, contents(host, n)] as const),
    tables: host.tables.filter((t) => theirs.includes(t.sheet.name)).map((t) => [t.sheet.name, t.name]),
    names: host.names.filter((n) => !isSettingName(n.name)).map((n) => [n.name, host.render(n.formula)]),
  };
}

type PaneStep = Extract<Edit, { kind: "action" | "settings" | "addInput" | "goTo" }>;
/** What the planner does through the pane or the ribbon, as opposed to in Excel itself. */
const isPaneStep = (e: Edit): e is PaneStep => ["action", "settings", "addInput", "goTo"].includes(e.kind);

/** A message the planner can act on: one of the pane's own, never the generic "Excel reported an error". */
function expectClearMessage(error: unknown): void {
  const en = describeOfficeError(error, "en");
  const vi = describeOfficeError(error, "vi");
  expect(en).not.toMatch(/^Excel reported an error/);
  expect(vi).not.toMatch(/^Excel báo lỗi/);
  expect(en).not.toMatch(/Undoing failed/);
  expect(vi).not.toEqual(en);
}

async function runEdits(edits: readonly Edit[]): Promise<void> {
  const host = sample();
  const wb = new OfficeWorkbook(host.runner());
  for (const edit of edits) {
    if (!isPaneStep(edit)) {
      await plannerEdit(host, edit, await wb.ownedSheets());
      continue;
    }
    const owned = await wb.ownedSheets();
    const before = plannersOwn(host, owned);
    let error: unknown = null;
    try {
      if (edit.kind === "settings") await saveSettings(wb, { gradeGood: edit.gradeGood });
      else if (edit.kind === "goTo") await wb.selectCell(edit.sheet, "B2");
      else if (edit.kind === "addInput") {
        // The pane's remedy for a missing input sheet, offered with its finding.
        const missing = (await inspectWorkbook(wb)).findings.find((f) => f.code === "MISSING_SHEET");
        const def = INPUT_SHEETS.find((d) => d.name === missing?.sheet);
        if (def) await addInputSheet(wb, def.key, "vi");
      } else await runAction(wb, edit.action, { lang: "vi", period: "2015-Q2", force: edit.force });
    } catch (e) {
      error = e;
    }
    console.log(
      "OUTCOME",
      edit.kind,
      error === null
        ? "ok"
        : error instanceof EditedOutputError
          ? "edited"
          : describeOfficeError(error, "en").slice(0, 140),
    );
    if (error instanceof EditedOutputError) expect(edit.kind === "action" && !edit.force).toBe(true);
    else if (error !== null) expectClearMessage(error);
    if (error instanceof OutputWriteError) expect(error.outcome).not.toBe("unknown");
    // Nothing of the planner's is lost: their sheets (the settings' cells aside when saving them), tables and names.
    const after = plannersOwn(host, owned);
    const settingsSaved = edit.kind === "settings" && error === null;
    const keep = (s: typeof before.sheets) =>
      s.filter(([n]) => !(settingsSaved && /^(Cấu hình|Settings)$/.test(n)));
    expect(keep(after.sheets.filter(([n]) => before.sheets.some(([m]) => m === n)))).toEqual(
      keep(before.sheets),
    );
    expect(after.tables).toEqual(expect.arrayContaining(before.tables));
    expect(after.names).toEqual(expect.arrayContaining(before.names));
    // Every drop-down the pane added reads the product's lists, never a catalogue of the planner's.
    for (const ws of host.sheets)
      for (const v of ws.dataValidations) {
        const source = String((host.dvRule(v).list as { source?: string } | undefined)?.source ?? "");
        const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(source);
        const named = m?.[1]?.replace(/''/g, "'") ?? m?.[2];
        if (named)
          expect([source, host.sheet(named)?.cells.get("0,0")?.value]).toEqual([source, "Nhóm xếp hạng"]);
      }
    // No temporary sheet is left but the planner's own of such a name.
    const scratch = host.sheets.map((s) => s.name).filter((n) => /^ictplan_(tmp|old)_/i.test(n));
    expect(scratch.filter((n) => !before.sheets.some(([m]) => m === n))).toEqual([]);
    const tableNames = host.tables.map((t) => t.name.toLowerCase());
    expect(new Set(tableNames).size).toBe(tableNames.length);
  }
}

describe("a planner's edits between runs (fast-check)", () => {
  it("renames (of outputs too), deletes, protection, colliding sheet, table and range names (ictplan_tmp_0, Danh mục), typing: outputs written or a clear message, nothing lost", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 12, maxLength: 24 }), (edits) => runEdits(edits)),
      { seed: Number(process.env.PLANNER_SEED ?? 2711), numRuns: Number(process.env.PLANNER_RUNS ?? 6) },
    );
  }, 600_000);
});
