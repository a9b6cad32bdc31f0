/** The fake host refuses what Excel refuses: one test per documented rule (see tests/fakeExcel/fakeExcel.ts for the pages). */
import { FakeExcel, OfficeError, boxAddress, installExcelEnums } from "../fakeExcel/fakeExcel";

beforeAll(() => installExcelEnums());

type Ctx = Excel.RequestContext;
const ctxOf = (host: FakeExcel) => host.context() as Ctx;
const code = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  return e instanceof OfficeError ? e.code : e === null ? "ok" : String(e);
};

function twoSheets(): FakeExcel {
  const host = new FakeExcel();
  host.addSheet("Data", [[1, 2]]);
  host.addSheet("Other", [["x"]]);
  return host;
}

describe("sheets", () => {
  it("a VeryHidden sheet cannot be deleted (InvalidOperation); a Hidden one can", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Other").visibility = Excel.SheetVisibility.veryHidden;
    await ctx.sync();
    ctx.workbook.worksheets.getItem("Other").delete();
    expect(await code(ctx.sync())).toBe("InvalidOperation");
    expect(host.sheet("Other")).toBeDefined();
    ctx.workbook.worksheets.getItem("Other").visibility = Excel.SheetVisibility.hidden;
    ctx.workbook.worksheets.getItem("Other").delete();
    await ctx.sync();
    expect(host.sheet("Other")).toBeUndefined();
  });

  it("the last visible sheet cannot be hidden or deleted", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Other").visibility = "Hidden" as Excel.SheetVisibility;
    await ctx.sync();
    ctx.workbook.worksheets.getItem("Data").visibility = "Hidden" as Excel.SheetVisibility;
    expect(await code(ctx.sync())).toBe("InvalidOperation");
    ctx.workbook.worksheets.getItem("Data").delete();
    expect(await code(ctx.sync())).toBe("InvalidOperation");
  });

  it("sheet names: 31 characters, no : \\ / ? * [ ], no edge apostrophe, not History, unique ignoring case", async () => {
    const host = twoSheets();
    for (const bad of ["a".repeat(32), "a/b", "a[b]", "'ab", "ab'", "History", ""]) {
      const ctx = ctxOf(host);
      ctx.workbook.worksheets.add(bad);
      expect([bad, await code(ctx.sync())]).toEqual([bad, "InvalidArgument"]);
    }
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.add("DATA");
    expect(await code(ctx.sync())).toBe("ItemAlreadyExists");
    ctx.workbook.worksheets.getItem("Nope").load("name");
    expect(await code(ctx.sync())).toBe("ItemNotFound");
  });

  it("Worksheet.id: unique, the same through a rename and a move, new for a new sheet, never one a deleted sheet had", async () => {
    const host = twoSheets();
    const ids = async () => {
      const c = ctxOf(host);
      c.workbook.worksheets.load("items/name, items/id");
      await c.sync();
      return Object.fromEntries(c.workbook.worksheets.items.map((w) => [w.name, w.id]));
    };
    const before = await ids();
    expect(new Set(Object.values(before)).size).toBe(2);
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Data").name = "Dữ liệu";
    ctx.workbook.worksheets.getItem("Other").position = 0;
    ctx.workbook.worksheets.getItem("Dữ liệu").delete();
    ctx.workbook.worksheets.add("Data");
    await ctx.sync();
    const after = await ids();
    expect(after.Other).toBe(before.Other);
    expect([before.Other, before.Data]).not.toContain(after.Data);
    const c2 = ctxOf(host);
    c2.workbook.worksheets.getItem("Other").name = "Khác";
    await c2.sync();
    expect((await ids()).Khác).toBe(before.Other);
  });

  it("the object worksheets.add() returns is only valid in the sync that carries the add (InvalidObjectPath)", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const added = ctx.workbook.worksheets.add("New");
    added.getRange("A1").values = [[1]];
    await ctx.sync();
    added.getRange("A2").values = [[2]];
    expect(await code(ctx.sync())).toBe("InvalidObjectPath");
    ctx.workbook.worksheets.getItem("New").getRange("A2").values = [[2]];
    await ctx.sync();
    expect(host.valueAt("New", "A2")).toBe(2);
  });

  it("a batch is not a transaction: operations before the failing one stay applied", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.add("New");
    ctx.workbook.worksheets.add("new");
    expect(await code(ctx.sync())).toBe("ItemAlreadyExists");
    expect(host.sheet("New")).toBeDefined();
  });

  it("Excel.run sends what a resolved batch left queued in a closing sync, and drops what a rejected one queued", async () => {
    const host = twoSheets();
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A2").values = [["queued"]];
    });
    expect([host.valueAt("Data", "A2"), host.syncs]).toEqual(["queued", 1]);
    // Nothing queued: no request.
    await host.run(async () => undefined);
    expect(host.syncs).toBe(1);
    const failed = host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A3").values = [["lost"]];
      throw new Error("batch failed");
    });
    await expect(failed).rejects.toThrow("batch failed");
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A4").values = [["next"]];
      await ctx.sync();
    });
    expect([host.valueAt("Data", "A3"), host.valueAt("Data", "A4"), host.syncs]).toEqual(["", "next", 2]);
  });
});

describe("formulas", () => {
  it("are bound to sheets: a rename rewrites them, a delete turns them into #REF!", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Other").getRange("B1").formulas = [["=Data!A1+Data!B1"]];
    await ctx.sync();
    expect(host.valueAt("Other", "B1")).toBe(3);
    ctx.workbook.worksheets.getItem("Data").name = "Số liệu";
    await ctx.sync();
    expect(host.read("Other", "B1")).toBe("='Số liệu'!A1+'Số liệu'!B1");
    expect(host.valueAt("Other", "B1")).toBe(3);
    ctx.workbook.worksheets.getItem("Số liệu").delete();
    await ctx.sync();
    expect(host.read("Other", "B1")).toBe("=#REF!A1+#REF!B1");
    const r = ctx.workbook.worksheets.getItem("Other").getRange("B1").load("values");
    await ctx.sync();
    expect(r.values).toEqual([["#REF!"]]);
  });

  it("defined names are bound too, workbook- and sheet-scoped: a rename carries them, a delete leaves #REF!", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const other = ctx.workbook.worksheets.getItem("Other");
    ctx.workbook.names.add("Both", "=Data!$A$1:$B$1");
    other.names.add("First", "=Data!$A$1");
    other.getRange("B1:C1").formulas = [["=SUM(Both)", "=First*10"]];
    await ctx.sync();
    expect([host.valueAt("Other", "B1"), host.valueAt("Other", "C1")]).toEqual([3, 10]);
    // Workbook.names lists the workbook's names only, Worksheet.names its sheet's.
    const loaded = () => {
      const wbNames = ctx.workbook.names.load("items/name, items/formula");
      const sheetNames = other.names.load("items/name, items/formula");
      return async () => {
        await ctx.sync();
        return [...wbNames.items, ...sheetNames.items].map((n) => [n.name, n.formula as string]);
      };
    };
    ctx.workbook.worksheets.getItem("Data").name = "Số liệu";
    let read = loaded();
    expect(await read()).toEqual([
      ["Both", "='Số liệu'!$A$1:$B$1"],
      ["First", "='Số liệu'!$A$1"],
    ]);
    expect(host.valueAt("Other", "C1")).toBe(10);
    ctx.workbook.worksheets.getItem("Số liệu").delete();
    read = loaded();
    expect(await read()).toEqual([
      ["Both", "=#REF!$A$1:$B$1"],
      ["First", "=#REF!$A$1"],
    ]);
    expect([host.valueAt("Other", "B1"), host.valueAt("Other", "C1")]).toEqual(["#REF!", "#REF!"]);
    // Entered again, a name binds to the sheet that now has the name it names.
    ctx.workbook.worksheets.add("Số liệu");
    ctx.workbook.worksheets.getItem("Số liệu").getRange("A1").values = [[7]];
    other.names.getItem("First").formula = "='Số liệu'!$A$1";
    await ctx.sync();
    expect(host.valueAt("Other", "C1")).toBe(70);
    // A sheet's own names go with it.
    ctx.workbook.worksheets.getItem("Other").delete();
    await ctx.sync();
    expect(host.names.map((n) => n.name)).toEqual(["Both"]);
  });

  it("a formula naming a sheet that does not exist is refused, never bound to a sheet added later", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Other").getRange("C1").formulas = [["='Later'!A1"]];
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    expect(host.read("Other", "C1")).toBeNull();
  });

  it("are evaluated: values read back are results, not text", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const r = ctx.workbook.worksheets.getItem("Data").getRange("C1:D1");
    r.formulas = [["=A1*10", '=IF(C1>5,"Đạt","Chưa đạt")']];
    r.load("values, formulas");
    await ctx.sync();
    expect(r.values).toEqual([[10, "Đạt"]]);
    expect(r.formulas).toEqual([["=A1*10", '=IF(C1>5,"Đạt","Chưa đạt")']]);
  });

  it("written under suspended calculation, they stay uncalculated until application.calculate", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    ctx.workbook.worksheets.getItem("Data").getRange("C1").formulas = [["=A1+B1"]];
    await ctx.sync();
    const r = ctx.workbook.worksheets.getItem("Data").getRange("C1").load("values");
    await ctx.sync();
    expect(r.values).toEqual([[0]]);
    ctx.workbook.application.calculate("Soon" as Excel.CalculationType);
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ctx.workbook.application.calculate(Excel.CalculationType.recalculate);
    r.load("values");
    await ctx.sync();
    expect(r.values).toEqual([[3]]);
  });

  it("strings are coerced as Excel coerces them; an apostrophe or the Text format keeps text", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Other");
    const inputs = [
      "2015-06-30",
      "1/2/2015",
      "TRUE",
      "1e3",
      "50%",
      "1,234",
      "'=1+1",
      "-A1",
      "#N/A",
      "Đạt",
      "'007",
    ];
    ws.getRange("A2:K2").values = [inputs];
    ws.getRange("A3").numberFormat = [["@"]];
    ws.getRange("A3").values = [["=1+1"]];
    const r = ws.getRange("A2:K3").load("values");
    await ctx.sync();
    expect(r.values[0]).toEqual([
      42185,
      42006,
      true,
      1000,
      0.5,
      1234,
      "=1+1",
      "#VALUE!",
      "#N/A",
      "Đạt",
      "007",
    ]);
    expect(host.read("Other", "H2")).toBe("=-A1");
    expect(r.values[1][0]).toBe("=1+1");
  });
});

describe("sizes and time", () => {
  it("a request over 5 MB fails (RequestPayloadSizeLimitExceeded) and applies nothing", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const big = Array.from({ length: 600 }, () => ["x".repeat(9000)]);
    ctx.workbook.worksheets.getItem("Data").getRange("A1:A600").values = big;
    expect(await code(ctx.sync())).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.read("Data", "A1")).toBe(1);
  });

  it("a response over 5 MB fails (ResponsePayloadSizeLimitExceeded)", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Data");
    for (let i = 0; i < 2; i++) {
      ws.getRange(`A${i * 300 + 1}:A${i * 300 + 300}`).values = Array.from({ length: 300 }, () => [
        "y".repeat(9000),
      ]);
      await ctx.sync();
    }
    ws.getRange("A1:A600").load("values");
    expect(await code(ctx.sync())).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("a range read over 5,000,000 cells fails", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Data").getRange("A1:F1000000").load("values");
    expect(await code(ctx.sync())).toBe("RangeExceedsLimit");
  });

  it("while a cell is edited, Excel.run fails at once unless delayForCellEdit is set; then it waits", async () => {
    const host = twoSheets();
    host.startCellEdit();
    const plain = host.run(async (ctx) => ctx.sync());
    expect(await code(plain)).toBe("InvalidOperationInCellEditMode");
    let ran = false;
    const delayed = host.runner()(async (ctx) => {
      ran = true;
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toBe(false);
    host.endCellEdit();
    await delayed;
    expect(ran).toBe(true);
  });
});

describe("formatting, conditional formats, tables, charts, freeze panes, page layout", () => {
  it("conditional formats are added at the top priority", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
    r.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
    r.conditionalFormats.add(Excel.ConditionalFormatType.dataBar);
    await ctx.sync();
    expect(host.sheet("Data")!.conditionalFormats.map((c) => c.type)).toEqual(["DataBar", "CellValue"]);
  });

  it("text comparison has no 'equals' operator, and a rule member must match the format's type", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
    const f = r.conditionalFormats.add(Excel.ConditionalFormatType.containsText);
    f.textComparison.rule = { operator: "EqualTo" as Excel.ConditionalTextOperator, text: "Đạt" };
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    const g = r.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
    g.dataBar.positiveFormat.fillColor = "#00FF00";
    expect(await code(ctx.sync())).toBe("InvalidOperation");
  });

  it("format properties check types and enum values", async () => {
    const host = twoSheets();
    const ws = () => ctxOf(host).workbook.worksheets.getItem("Data");
    const cases: [string, (ctx: Ctx) => void][] = [
      [
        "alignment",
        (ctx) =>
          (ctx.workbook.worksheets.getItem("Data").getRange("A1").format.horizontalAlignment =
            "Centre" as Excel.HorizontalAlignment),
      ],
      [
        "bold",
        (ctx) =>
          (ctx.workbook.worksheets.getItem("Data").getRange("A1").format.font.bold =
            "yes" as unknown as boolean),
      ],
      [
        "colour",
        (ctx) => (ctx.workbook.worksheets.getItem("Data").getRange("A1").format.fill.color = "#12345"),
      ],
      [
        "border",
        (ctx) =>
          (ctx.workbook.worksheets.getItem("Data").getRange("A1").format.borders.getItem("EdgeTop").style =
            "Thin" as Excel.BorderLineStyle),
      ],
      [
        "inside edge of one row",
        (ctx) =>
          (ctx.workbook.worksheets
            .getItem("Data")
            .getRange("A1:B1")
            .format.borders.getItem("InsideHorizontal").style = "Continuous"),
      ],
    ];
    expect(ws()).toBeDefined();
    for (const [what, act] of cases) {
      const ctx = ctxOf(host);
      act(ctx);
      expect([what, await code(ctx.sync())]).toEqual([what, "InvalidArgument"]);
    }
  });

  it("tables: unique names in the workbook, no overlap, headers become text", async () => {
    const host = twoSheets();
    host.addSheet("T", [
      ["=1+1", "Name", "Name"],
      [1, 2, 3],
    ]);
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("T");
    const t = ws.tables.add(ws.getRange("A1:C2"), true);
    t.name = "KetQua";
    t.style = "TableStyleLight9";
    await ctx.sync();
    expect(host.read("T", "A1")).toBe("2");
    expect(host.read("T", "C1")).toBe("Name2");
    ctx.workbook.worksheets.getItem("T").tables.add("T!B2:C3", true);
    expect(await code(ctx.sync())).toBe("InvalidOperation");
    // A string address without a sheet name is the active sheet's (TableCollection.add), whichever collection is called.
    ctx.workbook.worksheets.getItem("Other").activate();
    ctx.workbook.worksheets.getItem("T").tables.add("E1:E2", true);
    await ctx.sync();
    expect(host.tables.map((x) => x.sheet.name)).toEqual(["T", "Other"]);
    host.tables.pop();
    const other = ctx.workbook.worksheets.getItem("Data").tables.add("A1:B1", true);
    other.name = "ketqua";
    expect(await code(ctx.sync())).toBe("ItemAlreadyExists");
    other.style = "TableStyleLight99";
    expect(await code(ctx.sync())).toBe("InvalidArgument");
  });

  it("charts: type and seriesBy enums; series.add needs ExcelApi 1.7", async () => {
    const host = new FakeExcel({ ExcelApi: "1.6" });
    host.addSheet("Data", [[1], [2]]);
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Data");
    ws.charts.add("Bars" as Excel.ChartType, ws.getRange("A1:A2"), Excel.ChartSeriesBy.auto);
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    const chart = ws.charts.add(Excel.ChartType.barClustered, ws.getRange("A1:A2"), Excel.ChartSeriesBy.auto);
    chart.series.add("more");
    expect(await code(ctx.sync())).toBe("ApiNotFound");
  });

  it("freeze panes and page layout check their arguments; page layout needs ExcelApi 1.9", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Data").freezePanes.freezeRows(-1);
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ctx.workbook.worksheets.getItem("Data").pageLayout.orientation = "landscape" as Excel.PageOrientation;
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ctx.workbook.worksheets.getItem("Data").pageLayout.setPrintTitleRows("4:4x");
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    const old = new FakeExcel({ ExcelApi: "1.8" });
    old.addSheet("Data");
    const c2 = ctxOf(old);
    c2.workbook.worksheets.getItem("Data").pageLayout.orientation = Excel.PageOrientation.landscape;
    expect(await code(c2.sync())).toBe("ApiNotFound");
  });

  it("print area, margins, footer and page breaks need ExcelApi 1.9 and check their arguments", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Data");
    ws.pageLayout.setPrintMargins("Miles" as Excel.PrintMarginUnit, { left: 1 });
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ws.pageLayout.setPrintMargins(Excel.PrintMarginUnit.points, { left: -1 });
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    // "Adds a page break before the top-left cell": none can go before row 1.
    ws.horizontalPageBreaks.add("A1");
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ws.horizontalPageBreaks.add("B12:C14");
    ws.pageLayout.setPrintMargins(Excel.PrintMarginUnit.points, { left: 36, top: 72 });
    ws.pageLayout.setPrintArea("A1:G40");
    ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = "Trang &P/&N";
    expect(await code(ctx.sync())).toBe("ok");
    const data = host.sheet("Data")!;
    expect(data.rowBreaks).toEqual([11]);
    expect(data.pageLayout).toMatchObject({
      margins: { left: 0.5, top: 1 },
      printArea: "A1:G40",
      centerFooter: "Trang &P/&N",
    });
    const old = new FakeExcel({ ExcelApi: "1.8" });
    old.addSheet("Data");
    for (const op of [
      (w: Excel.Worksheet) => w.horizontalPageBreaks.add("A5"),
      (w: Excel.Worksheet) => w.pageLayout.setPrintArea("A1:B2"),
      (w: Excel.Worksheet) => w.pageLayout.setPrintMargins(Excel.PrintMarginUnit.inches, { left: 1 }),
      (w: Excel.Worksheet) => (w.pageLayout.headersFooters.defaultForAllPages.centerFooter = "x"),
    ]) {
      const c = ctxOf(old);
      op(c.workbook.worksheets.getItem("Data"));
      expect(await code(c.sync())).toBe("ApiNotFound");
    }
  });

  it("row heights are at most 409 points; a chart point exists only within its series", async () => {
    const host = new FakeExcel();
    host.addSheet("Data", [[1], [2]]);
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Data");
    ws.getRange("1:2").format.rowHeight = 410;
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ws.getRange("1:2").format.rowHeight = 18;
    const chart = ws.charts.add(
      Excel.ChartType.barClustered,
      ws.getRange("A1:A2"),
      Excel.ChartSeriesBy.columns,
    );
    chart.series.getItemAt(0).points.getItemAt(1).format.fill.setSolidColor("#2E7D32");
    chart.series.getItemAt(0).format.fill.setSolidColor("#1F4E79");
    chart.axes.valueAxis.maximum = 100;
    chart.axes.valueAxis.minimum = 0;
    chart.legend.visible = false;
    expect(await code(ctx.sync())).toBe("ok");
    expect([...host.sheet("Data")!.rowHeights]).toEqual([
      [0, 18],
      [1, 18],
    ]);
    const model = host.sheet("Data")!.charts[0];
    expect(model).toMatchObject({ valueMin: 0, valueMax: 100, legendVisible: false });
    expect(model.series[0]).toMatchObject({ color: "#1F4E79", pointColors: { 1: "#2E7D32" } });
    chart.series.getItemAt(0).points.getItemAt(2).format.fill.setSolidColor("#2E7D32");
    expect(await code(ctx.sync())).toBe("ItemNotFound");
    chart.series.getItemAt(0).format.fill.setSolidColor("#12345");
    expect(await code(ctx.sync())).toBe("InvalidArgument");
  });
});

describe("a chart's data sources", () => {
  it("are bound to sheets: a rename carries them, a deleted sheet leaves #REF!; read with ExcelApi 1.15, after the sync", async () => {
    const host = new FakeExcel();
    host.addSheet("Xếp hạng", [[1], [2], [3]]);
    host.addSheet("Biểu đồ");
    host.addSheet("Spare");
    host.userAddChart("Biểu đồ", "BarClustered", [{ values: "'Xếp hạng'!A1:A3", xValues: "Spare!A1:A3" }]);
    const ctx = ctxOf(host);
    const series = ctx.workbook.worksheets.getItem("Biểu đồ").charts.getItemAt(0).series.getItemAt(0);
    const values = series.getDimensionDataSourceString("Values");
    const categories = series.getDimensionDataSourceString("Categories");
    expect(() => values.value).toThrow(OfficeError);
    await ctx.sync();
    expect([values.value, categories.value]).toEqual(["='Xếp hạng'!$A$1:$A$3", "=Spare!$A$1:$A$3"]);
    // A bar chart's series has no x values (undocumented: refused).
    series.getDimensionDataSourceString("XValues");
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    ctx.workbook.worksheets.getItem("Xếp hạng").name = "Ranks";
    const renamed = series.getDimensionDataSourceString("Values");
    await ctx.sync();
    expect(renamed.value).toBe("=Ranks!$A$1:$A$3");
    ctx.workbook.worksheets.getItem("Ranks").delete();
    const gone = series.getDimensionDataSourceString("Values");
    await ctx.sync();
    expect(gone.value).toBe("=#REF!");
    // Re-pointed at a range of a sheet that exists, it reads it; on a protected sheet the chart cannot be edited.
    series.setValues(ctx.workbook.worksheets.getItem("Spare").getRange("A1:A3"));
    const back = series.getDimensionDataSourceString("Values");
    await ctx.sync();
    expect(back.value).toBe("=Spare!$A$1:$A$3");
    host.sheet("Biểu đồ")!.protected = true;
    series.setValues(ctx.workbook.worksheets.getItem("Spare").getRange("A1:A2"));
    expect(await code(ctx.sync())).toBe("AccessDenied");
    // setBubbleSizes only on a bubble chart.
    host.sheet("Biểu đồ")!.protected = false;
    series.setBubbleSizes(ctx.workbook.worksheets.getItem("Spare").getRange("A1:A3"));
    expect(await code(ctx.sync())).toBe("InvalidOperation");
    // The collection's items with their names and types; below ExcelApi 1.15 no source can be read.
    const charts = ctx.workbook.worksheets.getItem("Biểu đồ").charts.load("items/name, items/chartType");
    await ctx.sync();
    expect(charts.items.map((c) => [c.name, c.chartType])).toEqual([["Chart 1", "BarClustered"]]);
    const old = new FakeExcel({ ExcelApi: "1.14" });
    old.addSheet("A", [[1]]);
    old.userAddChart("A", "Line", [{ values: "A!A1" }]);
    const octx = ctxOf(old);
    expect(() =>
      octx.workbook.worksheets
        .getItem("A")
        .charts.getItemAt(0)
        .series.getItemAt(0)
        .getDimensionDataSourceString("Values"),
    ).toThrow(OfficeError);
  });
});

describe("data validation", () => {
  it("binds its formulas to sheets (#REF! once deleted); cells found from ExcelApi 1.9; rules read whole, set on cleared ranges", async () => {
    const host = new FakeExcel();
    host.addSheet("Xếp hạng", [["a"], ["b"]]);
    host.addSheet("Của tôi");
    const ctx = ctxOf(host);
    const ws = ctx.workbook.worksheets.getItem("Của tôi");
    ws.getRange("A1:A3").dataValidation.rule = {
      list: { inCellDropDown: true, source: "='Xếp hạng'!$A$1:$A$2" },
    };
    ws.getRange("A4").dataValidation.rule = { custom: { formula: "=A4>0" } };
    await ctx.sync();
    // Set over a rule without clearing it first: refused (undocumented: the stricter reading).
    ws.getRange("A2").dataValidation.rule = { list: { inCellDropDown: true, source: "x,y" } };
    expect(await code(ctx.sync())).toBe("InvalidOperation");
    const areas = ws
      .getRange()
      .getSpecialCellsOrNullObject(Excel.SpecialCellType.dataValidations)
      .load("address");
    const one = ws.getRange("A1:A3").dataValidation.load("type, rule, prompt");
    const two = ws.getRange("A1:A4").dataValidation.load("type");
    const some = ws.getRange("A3:A5").dataValidation.load("type");
    await ctx.sync();
    // Neighbours one under the other are one area, whatever their rules.
    expect(areas.address).toBe("'Của tôi'!A1:A4");
    expect([one.type, one.rule, one.prompt.showPrompt]).toEqual([
      "List",
      { list: { inCellDropDown: true, source: "='Xếp hạng'!$A$1:$A$2" } },
      false,
    ]);
    expect([two.type, some.type]).toEqual(["Inconsistent", "MixedCriteria"]);
    ws.getRange("A2").dataValidation.clear();
    ctx.workbook.worksheets.getItem("Xếp hạng").delete();
    await ctx.sync();
    expect(host.sheet("Của tôi")!.dataValidations.map((v) => [boxAddress(v.box), host.dvRule(v)])).toEqual([
      ["A1", { list: { inCellDropDown: true, source: "=#REF!$A$1:$A$2" } }],
      ["A3", { list: { inCellDropDown: true, source: "=#REF!$A$1:$A$2" } }],
      ["A4", { custom: { formula: "=A4>0" } }],
    ]);
    const old = new FakeExcel({ ExcelApi: "1.8" });
    old.addSheet("A");
    expect(() =>
      ctxOf(old).workbook.worksheets.getItem("A").getRange().getSpecialCellsOrNullObject("DataValidations"),
    ).toThrow(OfficeError);
  });
});

describe("a sheet's shapes", () => {
  it("are listed by name and type from ExcelApi 1.9, after the sync; charts are not among them", async () => {
    const host = new FakeExcel();
    host.addSheet("A", [[1]]);
    host.userAddShape("A", "Image", "Logo");
    host.userAddChart("A", "Line", [{ values: "A!A1" }]);
    const ctx = ctxOf(host);
    const shapes = ctx.workbook.worksheets.getItem("A").shapes.load("items/name, items/type");
    expect(() => shapes.items).toThrow(OfficeError);
    await ctx.sync();
    expect(shapes.items.map((x) => [x.name, x.type])).toEqual([["Logo", "Image"]]);
    expect(() => host.userAddShape("A", "Picture", "x")).toThrow(OfficeError);
    const old = new FakeExcel({ ExcelApi: "1.8" });
    old.addSheet("A");
    expect(() => ctxOf(old).workbook.worksheets.getItem("A").shapes).toThrow(OfficeError);
  });
});

describe("sheet order", () => {
  it("Worksheet.position moves a sheet (hidden ones count); out of range or under structure protection it fails", async () => {
    const host = twoSheets();
    host.addSheet("Third");
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Third").position = 0;
    expect(await code(ctx.sync())).toBe("ok");
    expect(host.sheets.map((s) => s.name)).toEqual(["Third", "Data", "Other"]);
    ctx.workbook.worksheets.getItem("Third").position = 3;
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    host.structureProtected = true;
    ctx.workbook.worksheets.getItem("Third").position = 2;
    expect(await code(ctx.sync())).toBe("AccessDenied");
  });
});

describe("writing arrays, protection, names, requirement sets", () => {
  it("null in a written array leaves its cell as it is; '' clears it, and a number format '' is General", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
    r.numberFormat = [["0.00%", "0.0"]];
    await ctx.sync();
    r.values = [[null, ""]];
    r.numberFormat = [[null, ""]];
    await ctx.sync();
    expect([host.valueAt("Data", "A1"), host.valueAt("Data", "B1")]).toEqual([1, ""]);
    expect(
      ["A1", "B1"].map((a) => host.sheet("Data")!.cells.get(a === "A1" ? "0,0" : "0,1")?.numberFormat),
    ).toEqual(["0.00%", "General"]);
    r.values = null as unknown as unknown[][];
    expect(await code(ctx.sync())).toBe("InvalidArgument");
  });

  it("a protected sheet refuses cells, formats, clearing, merges, rules, tables and charts; rename stays allowed", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Data").protection.protect();
    await ctx.sync();
    ctx.workbook.worksheets.getItem("Data").protection.protect();
    expect(await code(ctx.sync())).toBe("InvalidOperation");
    const edits: [string, (w: Excel.Worksheet) => void][] = [
      ["values", (w) => (w.getRange("A1").values = [[5]])],
      ["formulas", (w) => (w.getRange("A1").formulas = [["=1"]])],
      ["numberFormat", (w) => (w.getRange("A1").numberFormat = [["0%"]])],
      ["fill", (w) => (w.getRange("A1").format.fill.color = "#FF0000")],
      ["width", (w) => (w.getRange("A:A").format.columnWidth = 40)],
      ["clear", (w) => w.getRange("A1:B1").clear()],
      ["merge", (w) => w.getRange("A1:B1").merge(false)],
      ["rule", (w) => w.getRange("A1").conditionalFormats.add(Excel.ConditionalFormatType.dataBar)],
      ["table", (w) => w.tables.add("A1:B1", true)],
      ["chart", (w) => w.charts.add(Excel.ChartType.pie, w.getRange("A1:B1"))],
    ];
    for (const [what, edit] of edits) {
      const c = ctxOf(host);
      edit(c.workbook.worksheets.getItem("Data"));
      expect([what, await code(c.sync())]).toEqual([what, "AccessDenied"]);
    }
    expect(host.valueAt("Data", "A1")).toBe(1);
    const c2 = ctxOf(host);
    c2.workbook.worksheets.getItem("Data").name = "Data2";
    await c2.sync();
    c2.workbook.worksheets.getItem("Data2").protection.unprotect();
    c2.workbook.worksheets.getItem("Data2").getRange("A1").values = [[5]];
    await c2.sync();
    expect(host.valueAt("Data2", "A1")).toBe(5);
  });

  it("merging keeps only the upper-left value of each merged area", async () => {
    const host = new FakeExcel();
    host.addSheet("S", [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("S").getRange("A1:B1").merge(false);
    ctx.workbook.worksheets.getItem("S").getRange("A2:B3").merge(true);
    await ctx.sync();
    const cells = ["A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3"];
    expect(cells.map((a) => host.valueAt("S", a))).toEqual([1, "", 3, 4, "", 6, 7, "", 9]);
    expect(host.sheet("S")!.merges.length).toBe(3);
  });

  it("tables and defined names share one namespace; names may use every script's letters", async () => {
    const host = twoSheets();
    const ctx = ctxOf(host);
    ctx.workbook.names.add("KetQua", "=Data!$A$1");
    ctx.workbook.names.add("Ngưỡng_Tốt", "=Data!$B$1");
    await ctx.sync();
    const t = ctx.workbook.worksheets.getItem("Other").tables.add("A1:A1", true);
    t.name = "ketqua";
    expect(await code(ctx.sync())).toBe("ItemAlreadyExists");
    t.name = "XepHang";
    await ctx.sync();
    ctx.workbook.names.add("XEPHANG", "=Data!$A$1");
    expect(await code(ctx.sync())).toBe("ItemAlreadyExists");
    ctx.workbook.names.add("A1", "=Data!$A$1");
    expect(await code(ctx.sync())).toBe("InvalidArgument");
    expect(host.names.map((n) => n.name)).toEqual(["KetQua", "Ngưỡng_Tốt"]);
  });

  it("every member checks its requirement set; an address over 8,192 characters is refused", async () => {
    const host = new FakeExcel({ ExcelApi: "1.6" });
    host.addSheet("Data", [[1]]);
    host.addSheet("Other");
    const ws = () => ctxOf(host).workbook.worksheets.getItem("Data");
    expect(() => ws().getRangeByIndexes(0, 0, 1, 1)).toThrow(/ExcelApi 1.7/);
    const ctx = ctxOf(host);
    ctx.workbook.worksheets.getItem("Data").tabColor = "#FF0000";
    expect(await code(ctx.sync())).toBe("ApiNotFound");
    const old = new FakeExcel({ ExcelApi: "1.3" });
    old.addSheet("Data", [[1]]);
    expect(() => ctxOf(old).workbook.worksheets.getItemOrNullObject("Data")).toThrow(/ExcelApi 1.4/);
    const c = ctxOf(old);
    c.workbook.worksheets
      .getItem("Data")
      .getRange("A1")
      .conditionalFormats.add(Excel.ConditionalFormatType.dataBar);
    expect(await code(c.sync())).toBe("ApiNotFound");
    expect(() => ws().getRange(`A1:${"A".repeat(8200)}`)).toThrow(/8,192/);
  });
});
