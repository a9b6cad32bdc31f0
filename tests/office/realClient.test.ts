/**
 * The adapter's Office.js calls as Microsoft's client (excel-web-16.00.debug.js) builds them: the workbook change
 * handlers added and removed, the summary chart's value-axis number format and plot area, the merged areas read with the sheets'
 * bounds. The fake host executes; every call is mirrored on the real client (tests/fakeExcel/realClient.ts), which fails
 * on a member it does not have and records each request it would send to Excel.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import {
  deliverRealEvent,
  measuredRunner,
  realRun,
  realWorkbookHandlers,
  RequestLog,
  type RequestAction,
  type RequestBody,
} from "../fakeExcel/realClient";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

const LIMIT = 5 * 1024 * 1024;
const EVENTS = ["changed", "added", "deleted", "nameChanged"] as const;

/** The sample plan on a host of this ExcelApi version; the adapter asks the host which sets it has. */
function setup(version: string) {
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: version });
  const log = new RequestLog(true);
  const runner = measuredRunner(host, log);
  const wb = new OfficeWorkbook(runner, (set, v) => host.isSetSupported(set, v));
  return { host, log, runner, wb };
}

/** The object path an action acts on, from the root: "Worksheets/GetItem/GetRange/GetMergedAreasOrNullObject". */
function pathOf(body: RequestBody, id: number): string {
  const names: string[] = [];
  for (let p = body.ObjectPaths[String(id)]; p; p = body.ObjectPaths[String(p.ParentObjectPathId)])
    if (p.Name) names.unshift(p.Name);
  return names.join("/");
}

/** Every method call (ActionType 3) and property write (4) of the requests, as "path.Name". */
const calls = (bodies: RequestBody[], type: 3 | 4): string[] =>
  bodies.flatMap((b) =>
    b.Actions.filter((a) => a.ActionType === type).map((a) => `${pathOf(b, a.ObjectPathId)}.${a.Name}`),
  );

const actionsOn = (bodies: RequestBody[], pattern: RegExp): { body: RequestBody; action: RequestAction }[] =>
  bodies.flatMap((body) =>
    body.Actions.filter((a) => pattern.test(`${pathOf(body, a.ObjectPathId)}.${a.Name}`)).map((action) => ({
      body,
      action,
    })),
  );

const registered = () => EVENTS.map((e) => realWorkbookHandlers(e));

describe("workbook change handlers (EventHandlerResult.remove) with Microsoft's client", () => {
  it("registers the four events in one request and removes them in the context they were added in", async () => {
    const { host, log, wb } = setup("1.17");
    const before = registered();
    const stop = await wb.watchChanges(() => undefined);
    expect(calls(log.bodies, 3)).toEqual([
      "Worksheets._RegisterDataChangedEvent",
      "Worksheets._RegisterAddedEvent",
      "Worksheets._RegisterDeletedEvent",
      "Worksheets._RegisterEventNameChanged",
    ]);
    expect(log.bodies).toHaveLength(1);
    // Excel would call the add-in for each event now.
    expect(registered()).toEqual(before.map((n) => n + 1));
    log.bodies = [];
    await stop!();
    // One request, in the same context: the client finds the handlers it registered and unregisters each event.
    expect(calls(log.bodies, 3)).toEqual([
      "Worksheets._UnregisterDataChangedEvent",
      "Worksheets._UnregisterAddedEvent",
      "Worksheets._UnregisterDeletedEvent",
      "Worksheets._UnregisterEventNameChanged",
    ]);
    expect(log.bodies).toHaveLength(1);
    expect(registered()).toEqual(before);
    expect(EVENTS.map((e) => host.handlers[e].length)).toEqual([0, 0, 0, 0]);
  });

  it("below ExcelApi 1.17 registers no rename event, and removes the three it added", async () => {
    const { log, wb } = setup("1.16");
    const before = registered();
    const stop = await wb.watchChanges(() => undefined);
    expect(calls(log.bodies, 3)).toEqual([
      "Worksheets._RegisterDataChangedEvent",
      "Worksheets._RegisterAddedEvent",
      "Worksheets._RegisterDeletedEvent",
    ]);
    await stop!();
    expect(calls(log.bodies, 3).slice(3)).toEqual([
      "Worksheets._UnregisterDataChangedEvent",
      "Worksheets._UnregisterAddedEvent",
      "Worksheets._UnregisterDeletedEvent",
    ]);
    expect(registered()).toEqual(before);
  });

  it("watching again removes the last registration before adding the next: Excel holds one handler per event", async () => {
    const { wb } = setup("1.17");
    const before = registered();
    await wb.watchChanges(() => undefined);
    await wb.watchChanges(() => undefined);
    const stop = await wb.watchChanges(() => undefined);
    expect(registered()).toEqual(before.map((n) => n + 1));
    await stop!();
    expect(registered()).toEqual(before);
  });

  it("a handler removed in another context stays registered, as with the client (EventHandlers.remove queues on its own context)", async () => {
    const { host, log, runner } = setup("1.17");
    const before = registered();
    const handler = async () => undefined;
    const added = await runner(async (ctx) => {
      const r = ctx.workbook.worksheets.onChanged.add(handler);
      await ctx.sync();
      return r;
    });
    log.bodies = [];
    await runner(async (ctx) => {
      added.remove();
      await ctx.sync();
    });
    // Nothing reached Excel: the removal waits in the first context, which nothing syncs.
    expect(calls(log.bodies, 3)).toEqual([]);
    expect(realWorkbookHandlers("changed")).toBe(before[0] + 1);
    expect(host.handlers.changed).toHaveLength(1);
    // Synced in that context (RunOptions.previousObjects), it is removed from both.
    await runner(async (ctx) => {
      await ctx.sync();
    }, added.context);
    expect(calls(log.bodies, 3)).toEqual(["Worksheets._UnregisterDataChangedEvent"]);
    expect(realWorkbookHandlers("changed")).toBe(before[0]);
    expect(host.handlers.changed).toHaveLength(0);
  });

  it("a context passed back that is none of the host's is refused, as the client refuses it (InvalidArgument)", async () => {
    const { host, runner } = setup("1.17");
    let ran = false;
    const batch = async () => {
      ran = true;
    };
    for (const previous of [{}, { context: {} }]) {
      // The fake host alone, the two mirrored, and the client alone.
      for (const run of [host.runner(), runner])
        await expect(run(batch, previous as OfficeExtension.ClientRequestContext)).rejects.toMatchObject({
          code: "InvalidArgument",
        });
      const options = { previousObjects: previous as Excel.RequestContext };
      await expect(realRun(new RequestLog(), options, batch)).rejects.toMatchObject({
        code: "InvalidArgument",
      });
    }
    expect(ran).toBe(false);
  });

  it("the client calls the adapter's handler with Excel's event, until the handlers are removed", async () => {
    const { wb } = setup("1.17");
    let told = 0;
    const stop = await wb.watchChanges(() => told++);
    const edit = { worksheetId: "{1}", address: "C2", changeType: "RangeEdited", source: "Local" };
    deliverRealEvent("changed", { ...edit, triggerSource: "Unknown" });
    await new Promise((r) => setTimeout(r, 5));
    // The fake host raises nothing here: this call came through the real client alone.
    expect(told).toBe(1);
    deliverRealEvent("changed", { ...edit, triggerSource: "ThisLocalAddin" });
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);
    await stop!();
    deliverRealEvent("changed", { ...edit, triggerSource: "Unknown" });
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);
  });
});

describe("sheet events as Microsoft's client gives them", () => {
  it("mark no sheet added as the add-in's: the adapter tells its own from the planner's by the sheet's id", async () => {
    const { host, wb } = setup("1.17");
    let told = 0;
    const stop = await wb.watchChanges(() => told++);
    await runAction(wb, "compute", { lang: "vi" });
    const own = host.sheets.find((s) => s.name === "Kết quả")!.id;
    // Even sent with triggerSource, the client passes only type, source and worksheetId (onAdded's transform).
    const added = (worksheetId: string) =>
      deliverRealEvent("added", { worksheetId, source: "Local", triggerSource: "ThisLocalAddin" });
    added("{planner}");
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);
    added(own);
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toBe(1);
    await stop!();
  });
});

describe("the summary chart's value axis and plot area, and the merged areas, with Microsoft's client", () => {
  it("sets ChartAxis.numberFormat on each bar chart's value axis from ExcelApi 1.8, in requests under 5 MB", async () => {
    const { log, wb } = setup("1.17");
    await runAction(wb, "summary", { lang: "vi" });
    const axis = actionsOn(log.bodies, /Charts\/Add\/Axes\/ValueAxis\.NumberFormat$/);
    expect(axis.length).toBeGreaterThan(0);
    for (const { action } of axis) {
      expect(action.ActionType).toBe(4); // SetProperty, as `numberFormat: string` is a property in the d.ts
      expect(action.ArgumentInfo?.Arguments).toEqual([expect.any(String)]);
    }
    expect(Math.max(...log.requests)).toBeLessThan(LIMIT);

    const older = setup("1.7");
    await runAction(older.wb, "summary", { lang: "vi" });
    expect(actionsOn(older.log.bodies, /Axes\/ValueAxis\.NumberFormat$/)).toEqual([]);
    expect(actionsOn(older.log.bodies, /Axes\/ValueAxis\.Maximum$/).length).toBe(axis.length);
  });

  it("places each bar chart's plot area, position Custom and its box in points, from ExcelApi 1.8", async () => {
    const { log, wb } = setup("1.17");
    await runAction(wb, "summary", { lang: "vi" });
    const charts = actionsOn(log.bodies, /Axes\/ValueAxis\.Maximum$/).length;
    expect(charts).toBeGreaterThan(0);
    for (const prop of ["Position", "Left", "Top", "Width", "Height"]) {
      const set = actionsOn(log.bodies, new RegExp(`Charts/Add/PlotArea\\.${prop}$`));
      expect([prop, set.length]).toEqual([prop, charts]);
      for (const { action } of set) {
        expect(action.ActionType).toBe(4);
        expect(action.ArgumentInfo?.Arguments).toEqual([prop === "Position" ? "Custom" : expect.any(Number)]);
      }
    }

    const older = setup("1.7");
    await runAction(older.wb, "summary", { lang: "vi" });
    expect(actionsOn(older.log.bodies, /PlotArea\./)).toEqual([]);
  });

  it("reads the lists' merged areas with the sheets' bounds from ExcelApi 1.13, as Range.getMergedAreasOrNullObject()", async () => {
    const { log, wb } = setup("1.17");
    await wb.readGrids();
    const merged = actionsOn(log.bodies, /GetRange\/GetMergedAreasOrNullObject\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    // A Query of `address` on Đơn vị, Chỉ tiêu and Số liệu, in one request with the used ranges' bounds.
    expect(merged).toHaveLength(3);
    const body = merged[0].body;
    expect(merged.every((m) => m.body === body)).toBe(true);
    const method = (a: RequestAction) => body.ObjectPaths[String(a.ObjectPathId)];
    for (const { action } of merged) {
      expect(method(action)).toMatchObject({ ObjectPathType: 3, Name: "GetMergedAreasOrNullObject" });
      expect(method(action).ArgumentInfo?.Arguments ?? []).toEqual([]);
      expect(action.QueryInfo).toEqual({ Select: ["address"] });
      const range = body.ObjectPaths[String(method(action).ParentObjectPathId)];
      // getRange() with no address: the whole sheet.
      expect(range).toMatchObject({ ObjectPathType: 3, Name: "GetRange" });
    }
    expect(actionsOn([body], /GetUsedRangeOrNullObject\.$/).length).toBeGreaterThan(0);
    expect(Math.max(...log.requests)).toBeLessThan(LIMIT);

    const older = setup("1.12");
    await older.wb.readGrids();
    expect(actionsOn(older.log.bodies, /GetMergedAreasOrNullObject/)).toEqual([]);
  });
});

describe("the mirror on Microsoft's client", () => {
  it("fails on a member the real client does not have: a method, a property read, a property write", async () => {
    const { runner } = setup("1.17");
    type Loose = Record<string, unknown>;
    await expect(
      runner(async (ctx) => {
        (
          ctx.workbook.worksheets.getItem("Đơn vị").getRange("A1") as unknown as { resolve: () => void }
        ).resolve();
      }),
    ).rejects.toThrow("The real Office.js client has no member Range.resolve");
    await expect(runner(async (ctx) => (ctx.workbook.worksheets as unknown as Loose).host)).rejects.toThrow(
      "no member WorksheetCollection.host",
    );
    await expect(
      runner(async (ctx) => {
        (ctx.workbook.worksheets.getItem("Đơn vị").getRange("A1").format as unknown as Loose).fontColour =
          "red";
      }),
    ).rejects.toThrow("no member RangeFormat.fontColour");
  });
});

describe("the planner's formulas and names over outputs, with Microsoft's client", () => {
  it("reads the names and protection with the write's last request and enters them again in the swap", async () => {
    const { host, log, wb } = setup("1.7");
    await runAction(wb, "compute", { lang: "vi" });
    host.addSheet("Của tôi", [["=SUM('Xếp hạng'!J5:J35)", "=SUM(ChiSo)", "=SUM(TongDiem)"]]);
    host.names.push({ name: "TongDiem", formula: host.bind("='Kết quả'!$K$5:$K$345") });
    host.names.push({
      name: "ChiSo",
      formula: host.bind("='Xếp hạng'!$J$5:$J$35"),
      scope: host.sheet("Của tôi")!.id,
    });
    const first = log.bodies.length;
    await runAction(wb, "compute", { lang: "vi" });
    const bodies = log.bodies.slice(first);
    // Queried (ActionType 2) as Worksheet.names and WorksheetProtection, members the client has at ExcelApi 1.7, in
    // the write's last request (it sets properties too). Paths leave out the indexers (getItem).
    const queries = (b: RequestBody, path: string) =>
      b.Actions.filter((a) => a.ActionType === 2 && pathOf(b, a.ObjectPathId) === path).map(
        (a) => a.QueryInfo?.Select,
      );
    const last = bodies.find((b) => queries(b, "Worksheets/Protection").length);
    expect(queries(last!, "Worksheets/Protection")).toContainEqual(["protected"]);
    expect(queries(last!, "Worksheets/Names")).toContainEqual(["name", "formula"]);
    expect(queries(last!, "Names")).toContainEqual(["name", "formula"]);
    expect(calls([last!], 4).length).toBeGreaterThan(0);
    // The swap (it renames sheets) writes the cells (a range) and the names (a sheet's own, the workbook's).
    const swap = bodies.find((b) => calls([b], 4).includes("Worksheets.Name"));
    expect(calls([swap!], 4)).toEqual(
      expect.arrayContaining([
        "Worksheets/GetRangeByIndexes.Formulas",
        "Worksheets/Names.Formula",
        "Names.Formula",
      ]),
    );
    expect(host.shown("Của tôi")).toEqual({
      "0,0": "=SUM('Xếp hạng'!J5:J35)",
      "0,1": "=SUM(ChiSo)",
      "0,2": "=SUM(TongDiem)",
    });
    expect(host.valueAt("Của tôi", "A1")).toBeGreaterThan(0);
  });
});

describe("the planner's charts over outputs, with Microsoft's client", () => {
  it("reads the charts with the write's last request, their series counts in one more, their sources with the cells, and points them in the swap", async () => {
    const { host, log, wb } = setup("1.15");
    await runAction(wb, "compute", { lang: "vi" });
    host.addSheet("Biểu đồ", [["Chỉ số"]]);
    host.userAddChart("Biểu đồ", "BarClustered", [
      { xValues: "'Xếp hạng'!B5:B35", values: "'Xếp hạng'!J5:J35" },
    ]);
    const first = log.bodies.length;
    await runAction(wb, "compute", { lang: "vi" });
    const bodies = log.bodies.slice(first);
    const at = (pattern: RegExp) => bodies.findIndex((b) => actionsOn([b], pattern).length > 0);
    // Queried as Worksheet.charts with Chart.name and Chart.chartType (ExcelApi 1.7), in the request that writes.
    const charts = actionsOn(bodies, /^Worksheets\/Charts\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    expect(charts.map(({ action }) => action.QueryInfo?.Select)).toContainEqual(["name", "chartType"]);
    const write = bodies.indexOf(charts[0].body);
    expect(calls([bodies[write]], 4).length).toBeGreaterThan(0);
    // The series' count, alone in the next request; the sources (ExcelApi 1.15) in the one after, with cells read.
    const counts = at(/Charts\/GetItemAt\/Series\.$/);
    expect(counts).toBe(write + 1);
    const sources = actionsOn(bodies, /GetItemAt\/Series\/GetItemAt\.GetDimensionDataSourceString$/);
    expect(sources.map(({ action }) => action.ArgumentInfo?.Arguments)).toEqual([["Categories"], ["Values"]]);
    expect(bodies.indexOf(sources[0].body)).toBe(counts + 1);
    expect(actionsOn([sources[0].body], /GetRangeByIndexes\.$/).length).toBeGreaterThan(0);
    // The swap points the series at ranges of the new sheets: methods whose argument is a Range's object path.
    const swap = bodies.find((b) => calls([b], 4).includes("Worksheets.Name"))!;
    const points = actionsOn([swap], /Series\/GetItemAt\.Set(XAxisValues|Values)$/);
    expect(points.map(({ action }) => action.Name)).toEqual(["SetXAxisValues", "SetValues"]);
    for (const { action } of points) {
      const [arg] = action.ArgumentInfo?.Arguments ?? [];
      expect(typeof arg).toBe("number");
      expect(swap.ObjectPaths[String(arg)]).toMatchObject({ ObjectPathType: 3, Name: "GetRange" });
    }
    const series = host.sheet("Biểu đồ")!.charts[0].series[0];
    expect([host.sourceText(series.xValues), host.sourceText(series.values)]).toEqual([
      "='Xếp hạng'!$B$5:$B$35",
      "='Xếp hạng'!$J$5:$J$35",
    ]);

    // The output sheets' charts are queried by name in the same request (one of the planner's there is refused).
    expect(charts.map(({ action }) => action.QueryInfo?.Select)).toContainEqual(["name"]);
    expect(new Set(charts.map(({ body }) => body))).toEqual(new Set([bodies[write]]));
    // So are their pictures and shapes (Worksheet.shapes, ExcelApi 1.9), with Shape.name and Shape.type.
    const shapes = actionsOn([bodies[write]], /^Worksheets\/Shapes\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    expect(shapes.map(({ action }) => action.QueryInfo?.Select)).toEqual([
      ["name", "type"],
      ["name", "type"],
      ["name", "type"],
    ]);

    // Below ExcelApi 1.15 the planner's charts are not read: only the output sheets' names of charts.
    const older = setup("1.14");
    await runAction(older.wb, "compute", { lang: "vi" });
    older.host.addSheet("Biểu đồ");
    older.host.userAddChart("Biểu đồ", "Line", [{ values: "'Xếp hạng'!J5:J35" }]);
    const from = older.log.bodies.length;
    await runAction(older.wb, "compute", { lang: "vi" });
    // Instantiations (ActionType 1) aside: queries of the three outputs' charts' names, nothing else.
    const read = actionsOn(older.log.bodies.slice(from), /Charts/).filter(
      ({ action }) => action.ActionType !== 1,
    );
    expect(read.map(({ action }) => [action.ActionType, action.QueryInfo?.Select ?? null])).toEqual(
      read.map(() => [2, ["name"]]),
    );
    expect(read).toHaveLength(3);
  });
});

describe("the planner's data validation over outputs, with Microsoft's client", () => {
  it("finds the validated cells with the write's last request, reads their rules with the cells, and enters them again in the swap", async () => {
    const { host, log, runner, wb } = setup("1.9");
    await runAction(wb, "compute", { lang: "vi" });
    host.addSheet("Chấm điểm", [["Đơn vị"]]);
    await runner(async (ctx) => {
      ctx.workbook.worksheets.getItem("Chấm điểm").getRange("A2:A9").dataValidation.rule = {
        list: { inCellDropDown: true, source: "='Xếp hạng'!$B$5:$B$35" },
      };
      await ctx.sync();
    });
    const first = log.bodies.length;
    await runAction(wb, "compute", { lang: "vi" });
    const bodies = log.bodies.slice(first);
    // Range.getSpecialCellsOrNullObject("DataValidations") (ExcelApi 1.9), its address, in the request that writes.
    const special = actionsOn(bodies, /GetSpecialCellsOrNullObject\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    // One per sheet of the planner's: the four input sheets and theirs.
    expect(special.map(({ action }) => action.QueryInfo?.Select)).toEqual(Array(5).fill(["address"]));
    const path = special[0].body.ObjectPaths[String(special[0].action.ObjectPathId)];
    expect(path.ArgumentInfo?.Arguments).toEqual(["DataValidations", null]); // no cellValueType
    expect(calls([special[0].body], 4).length).toBeGreaterThan(0);
    // Range.dataValidation's type, rule, ignoreBlanks, prompt and errorAlert, with the cells' first read.
    const read = actionsOn(bodies, /GetRange\/DataValidation\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    expect(read.map(({ action }) => action.QueryInfo?.Select)).toEqual([
      ["type", "rule", "ignoreBlanks", "prompt", "errorAlert"],
    ]);
    expect(actionsOn([read[0].body], /GetRangeByIndexes\.$/).length).toBeGreaterThan(0);
    // The swap clears the range's validation and sets it again.
    const swap = bodies.find((b) => calls([b], 4).includes("Worksheets.Name"))!;
    expect(calls([swap], 3)).toContain("Worksheets/GetRange/DataValidation.Clear");
    expect(calls([swap], 4)).toEqual(
      expect.arrayContaining([
        "Worksheets/GetRange/DataValidation.Rule",
        "Worksheets/GetRange/DataValidation.IgnoreBlanks",
        "Worksheets/GetRange/DataValidation.Prompt",
        "Worksheets/GetRange/DataValidation.ErrorAlert",
      ]),
    );
    const rule = actionsOn([swap], /DataValidation\.Rule$/)[0].action.ArgumentInfo?.Arguments;
    expect(rule).toEqual([{ list: { inCellDropDown: true, source: "='Xếp hạng'!$B$5:$B$35" } }]);
  });
});

describe("the planner's conditional formats over outputs, with Microsoft's client", () => {
  it("lists them with the write's last request, reads their formulas with the cells, and enters them again in the swap", async () => {
    const { host, log, runner, wb } = setup("1.7");
    await runAction(wb, "compute", { lang: "vi" });
    host.addSheet("Tô màu", [[1]]);
    await runner(async (ctx) => {
      const f = ctx.workbook.worksheets
        .getItem("Tô màu")
        .getRange("A1:A9")
        .conditionalFormats.add(Excel.ConditionalFormatType.custom);
      f.custom.rule.formula = "=A1<'Xếp hạng'!$J$5";
      await ctx.sync();
    });
    const first = log.bodies.length;
    await runAction(wb, "compute", { lang: "vi" });
    const bodies = log.bodies.slice(first);
    // Range.conditionalFormats of each sheet of the planner's, with ConditionalFormat.id and type (ExcelApi 1.6).
    const listed = actionsOn(bodies, /^Worksheets\/GetRange\/ConditionalFormats\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    expect(listed.map(({ action }) => action.QueryInfo?.Select)).toEqual(Array(5).fill(["id", "type"]));
    // The formula rule's formula, by the format's id (getItem: paths leave out indexers), with the cells' first read.
    const read = actionsOn(bodies, /ConditionalFormats\/Custom\/Rule\.$/).filter(
      ({ action }) => action.ActionType === 2,
    );
    expect(read.map(({ action }) => action.QueryInfo?.Select)).toEqual([["formula"]]);
    expect(actionsOn([read[0].body], /GetRangeByIndexes\.$/).length).toBeGreaterThan(0);
    const swap = bodies.find((b) => calls([b], 4).includes("Worksheets.Name"))!;
    const set = actionsOn([swap], /ConditionalFormats\/Custom\/Rule\.Formula$/);
    expect(set.map(({ action }) => action.ArgumentInfo?.Arguments)).toEqual([["=A1<'Xếp hạng'!$J$5"]]);
  });
});
