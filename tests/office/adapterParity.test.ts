/**
 * The same run through the Office.js adapter (on the strict host) and the .xlsx adapter (saved and reopened), compared
 * feature by feature: values, formulas, number formats, tables, borders, fills, conditional-format rules and their
 * meaning, freeze panes, column widths, print setup, charts.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { FakeExcel, boxAddress, installExcelEnums, type SheetModel } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { a1, type Grid } from "../../src/engine/grid";
import { normalFormula } from "../../src/workbook/fingerprint";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { chartSize } from "../../src/workbook/xlsx/charts";

beforeAll(() => installExcelEnums());

interface Both {
  specs: readonly SheetSpec[];
  host: FakeExcel;
  /** The saved .xlsx as an independent reader (ExcelJS) sees its styles, tables and layout. */
  xlsx: ExcelJS.Workbook;
  grids: Map<string, Grid>;
  charts: string[];
  /** Each sheet's worksheet part (for what ExcelJS does not read back: manual page breaks). */
  sheetXml: Map<string, string>;
}

let both: Both;

beforeAll(async () => {
  const template = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  const run = runPlan(await template.readGrids(), {
    period: "2015-Q2",
    lang: "vi",
    robustness: false,
    summary: true,
  });
  await template.applySheets(run.sheets);
  const bytes = await template.save();
  const grids = new Map((await (await XlsxWorkbook.load(bytes)).readGrids()).sheets.map((g) => [g.sheet, g]));
  const xlsx = new ExcelJS.Workbook();
  await xlsx.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const zip = await JSZip.loadAsync(bytes);
  const chartFiles = Object.keys(zip.files)
    .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  const charts = await Promise.all(chartFiles.map((f) => zip.file(f)!.async("string")));
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheetXml = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)![1];
    sheetXml.set(m[1].replace(/&amp;/g, "&"), await zip.file(`xl/${target}`)!.async("string"));
  }
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
  await new OfficeWorkbook(host.runner()).applySheets(run.sheets);
  both = { specs: run.sheets, host, xlsx, grids, charts, sheetXml };
}, 120_000);

const sheetOf = (name: string): [SheetModel, ExcelJS.Worksheet] => [
  both.host.sheet(name)!,
  both.xlsx.getWorksheet(name)!,
];
const specCells = (spec: SheetSpec) =>
  spec.blocks.flatMap((b) =>
    b.cells.flatMap((row, i) => row.map((c, j) => ({ row: b.row + i, col: b.col + j, c }))),
  );
const fmt = (s: SheetModel, row: number, col: number) => s.formats.get(`${row - 1},${col - 1}`) ?? {};
const hex = (argb: string | undefined) => (argb ? `#${argb.slice(2)}` : undefined);

describe("Office.js and .xlsx adapters write the same workbook", () => {
  it("values and formulas", () => {
    let blankAsZero = 0;
    for (const spec of both.specs) {
      const grid = both.grids.get(spec.name)!;
      const diff: string[] = [];
      for (const { row, col } of specCells(spec)) {
        const i = row - grid.originRow;
        const j = col - grid.originCol;
        const xv = grid.values[i]?.[j] ?? null;
        const xf = grid.formulas?.[i]?.[j] ?? null;
        const ov = both.host.valueAt(spec.name, a1(row, col));
        const of = both.host.read(spec.name, a1(row, col));
        const oFormula = typeof of === "string" && of.startsWith("=") && of !== ov ? of : null;
        const sameValue =
          typeof xv === "number" && typeof ov === "number"
            ? Math.abs(xv - ov) <= 1e-9 * Math.max(1, Math.abs(xv))
            : (xv ?? "") === ov;
        // A formula whose result the engine leaves blank but Excel shows as 0 (a reference to an empty figure cell):
        // the .xlsx file carries the engine's blank as its cached value until Excel recalculates it to 0 as well.
        if (!sameValue && xv === null && xf && ov === 0) blankAsZero++;
        else if (!sameValue) diff.push(`${spec.name}!${a1(row, col)} value ${String(ov)} / ${String(xv)}`);
        if ((xf && normalFormula(xf)) !== (oFormula && normalFormula(oFormula)))
          diff.push(`${spec.name}!${a1(row, col)} formula ${oFormula} / ${xf}`);
      }
      expect(diff.slice(0, 5)).toEqual([]);
    }
    console.log(`formula cells the engine leaves blank and Excel evaluates to 0: ${blankAsZero}`);
  });

  it("number formats, fills, bold and borders, cell by cell", () => {
    let bordered = 0;
    for (const spec of both.specs) {
      const [o, x] = sheetOf(spec.name);
      const diff: string[] = [];
      for (const { row, col } of specCells(spec)) {
        const xc = x.getCell(row, col);
        const f = fmt(o, row, col);
        const at = `${spec.name}!${a1(row, col)}`;
        const onum = o.cells.get(`${row - 1},${col - 1}`)?.numberFormat ?? "General";
        if ((xc.numFmt || "General") !== onum) diff.push(`${at} numFmt ${onum} / ${xc.numFmt}`);
        const xfill = xc.fill?.type === "pattern" ? hex(xc.fill.fgColor?.argb) : undefined;
        if (xfill !== f["fill.color"]) diff.push(`${at} fill ${String(f["fill.color"])} / ${xfill}`);
        if (Boolean(xc.font?.bold) !== Boolean(f["font.bold"])) diff.push(`${at} bold`);
        const sides = ["top", "bottom", "left", "right"] as const;
        const xb = sides.every((s) => xc.border?.[s]?.style === "thin");
        const ob = sides.every(
          (s) => f[`border.${s}.style`] === "Continuous" && f[`border.${s}.weight`] === "Thin",
        );
        if (xb) bordered++;
        if (xb !== ob) diff.push(`${at} border ${ob} / ${xb}`);
      }
      expect(diff.slice(0, 5)).toEqual([]);
    }
    expect(bordered).toBeGreaterThan(20);
  });

  it("tables: names, ranges, styles", () => {
    for (const spec of both.specs) {
      const [, x] = sheetOf(spec.name);
      const xt = Object.values(
        (
          x as unknown as {
            tables: Record<string, { table: { name: string; tableRef: string; style?: { theme?: string } } }>;
          }
        ).tables,
      )
        .map((t) => [t.table.name, t.table.tableRef, t.table.style?.theme])
        .sort();
      const ot = both.host.tables
        .filter((t) => t.sheet.name === spec.name)
        .map((t) => [t.name, boxAddress(t.box), t.style])
        .sort();
      expect([spec.name, ot]).toEqual([spec.name, xt]);
      expect(ot.length).toBe(spec.tables?.length ?? 0);
    }
  });

  it("conditional formats: same ranges, same rules in the same priority, same colours", () => {
    const ops: Record<string, string> = {
      GreaterThanOrEqual: "greaterThanOrEqual",
      LessThan: "lessThan",
      Between: "between",
      EqualTo: "equal",
    };
    for (const spec of both.specs) {
      const [o, x] = sheetOf(spec.name);
      type XRule = {
        type: string;
        priority: number;
        formulae?: string[];
        operator?: string;
        style?: { fill?: { bgColor?: { argb?: string } } };
        color?: { argb?: string };
      };
      const xr = (
        (x as unknown as { conditionalFormattings: { ref: string; rules: XRule[] }[] })
          .conditionalFormattings ?? []
      )
        .flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, r })))
        .sort((a, b) => a.r.priority - b.r.priority)
        .map(({ ref, r }) => [
          ref,
          r.type,
          (r.formulae ?? []).map(normalFormula).join(";"),
          r.operator ?? "",
          hex(r.style?.fill?.bgColor?.argb ?? r.color?.argb),
        ]);
      const or = o.conditionalFormats.map((cf) => {
        const p = cf.props;
        if (cf.type === "Custom")
          return [
            boxAddress(cf.box),
            "expression",
            normalFormula(String(p["custom.rule.formula"]).replace(/^=/, "")),
            "",
            p["custom.format.fill.color"],
          ];
        if (cf.type === "CellValue") {
          const rule = p["cellValue.rule"] as { formula1: string; formula2?: string; operator: string };
          return [
            boxAddress(cf.box),
            "cellIs",
            [rule.formula1, rule.formula2]
              .filter(Boolean)
              .map((f) => normalFormula(f!))
              .join(";"),
            ops[rule.operator],
            p["cellValue.format.fill.color"],
          ];
        }
        if (cf.type === "DataBar")
          return [boxAddress(cf.box), "dataBar", "", "", p["dataBar.positiveFormat.fillColor"]];
        return [boxAddress(cf.box), cf.type, "", "", undefined];
      });
      expect([spec.name, or]).toEqual([spec.name, xr]);
    }
  });

  it("freeze panes, column widths and print setup", () => {
    for (const spec of both.specs) {
      const [o, x] = sheetOf(spec.name);
      const view = x.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
      const xfreeze = view?.state === "frozen" ? { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 } : null;
      expect([spec.name, o.freeze]).toEqual([spec.name, xfreeze]);
      for (const w of spec.columnWidths ?? []) {
        const points = o.columnWidths.get(w.col - 1)!;
        expect([spec.name, w.col, Math.round(((points / 0.75 - 5) / 7) * 100) / 100]).toEqual([
          spec.name,
          w.col,
          // ExcelJS reads a width equal to its default (9) back as undefined.
          x.getColumn(w.col).width ?? 9,
        ]);
      }
      const ps = x.pageSetup;
      const pl = o.pageLayout as {
        orientation?: string;
        paperSize?: string;
        zoom?: { horizontalFitToPages?: number };
        printTitleRows?: string;
      };
      expect([
        spec.name,
        pl.orientation?.toLowerCase(),
        pl.paperSize,
        pl.zoom?.horizontalFitToPages,
        pl.printTitleRows?.replace(/\$/g, ""),
      ]).toEqual([
        spec.name,
        ps.orientation,
        ps.paperSize === 9 ? "A4" : String(ps.paperSize),
        // A sheet printed at 100% (manual page breaks) has no fit-to-width in either.
        ps.fitToPage ? ps.fitToWidth : undefined,
        ps.printTitlesRow,
      ]);
    }
  });

  it("print layout: scale, print area, margins, footer, row heights and manual page breaks", () => {
    let breaks = 0;
    for (const spec of both.specs) {
      const [o, x] = sheetOf(spec.name);
      const ps = x.pageSetup;
      const pl = o.pageLayout as {
        zoom?: { horizontalFitToPages?: number; scale?: number };
        printArea?: string;
        margins?: Record<string, number>;
        centerFooter?: string;
        firstPageNumber?: number;
      };
      expect([
        spec.name,
        pl.zoom?.scale,
        pl.printArea,
        pl.margins,
        pl.centerFooter,
        pl.firstPageNumber,
      ]).toEqual([
        spec.name,
        spec.print && !ps.fitToPage ? ps.scale : undefined,
        ps.printArea,
        spec.print?.margins ? ps.margins : undefined,
        x.headerFooter?.oddFooter?.replace(/^&C/, ""),
        // ExcelJS reads an Auto first page as 1: the file's own attributes say which it is.
        ((m) => (m ? Number(m[1]) : undefined))(
          /<pageSetup\b[^>]*\bfirstPageNumber="(\d+)"[^>]*\buseFirstPageNumber="1"/.exec(
            both.sheetXml.get(spec.name)!,
          ),
        ),
      ]);
      const xml = both.sheetXml.get(spec.name)!;
      // A break after row r in the file is one before row r + 1 (0-based r) in Excel's collection.
      const xbreaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
      expect([spec.name, o.rowBreaks]).toEqual([spec.name, xbreaks]);
      breaks += xbreaks.length;
      const rows = new Set([...o.rowHeights.keys()].map((r) => r + 1));
      for (const m of xml.matchAll(/<row r="(\d+)"[^>]*customHeight="1"/g)) rows.add(Number(m[1]));
      const diff = [...rows]
        .filter((r) => o.rowHeights.get(r - 1) !== x.getRow(r).height)
        .map((r) => `${spec.name} row ${r}: ${o.rowHeights.get(r - 1)} / ${x.getRow(r).height}`);
      expect(diff.slice(0, 5)).toEqual([]);
    }
    const summary = both.specs.find((s) => s.kind === "summary")!;
    expect(breaks).toBeGreaterThan(0);
    expect(sheetOf(summary.name)[0].rowHeights.size).toBeGreaterThan(50);
    expect((sheetOf(summary.name)[0].pageLayout as { printArea?: string }).printArea).toMatch(/^A1:G\d+$/);
    // The summary numbers its own pages: 1 on its first, whatever prints before it.
    expect(sheetOf(summary.name)[0].pageLayout.firstPageNumber).toBe(1);
  });

  it("charts: series and bar colours, value axis, legend, data labels", () => {
    const axis = (xml: string, bound: string) => {
      const m = new RegExp(`<c:valAx>[\\s\\S]*?<c:${bound} val="([\\d.]+)"`).exec(xml);
      return m ? Number(m[1]) : undefined;
    };
    const format = (xml: string, where: "valAx" | "dLbls") =>
      new RegExp(`<c:${where}>[\\s\\S]*?<c:numFmt formatCode="([^"]*)"`)
        .exec(xml)?.[1]
        .replace(/&quot;/g, '"');
    // A label linked to its cells (Office's default) shows their format; so does an axis given none of its own.
    const cellFormat = (c: {
      series: { values: { sheet: SheetModel; box: { r0: number; c0: number } } | null }[];
    }) => {
      const v = c.series[0].values!;
      return v.sheet.cells.get(`${v.box.r0},${v.box.c0}`)?.numberFormat;
    };
    const office = both.specs.flatMap((s) => both.host.sheet(s.name)!.charts);
    let points = 0;
    office.forEach((c, i) => {
      const xml = both.charts[i];
      const sers = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1]);
      const color = (part: string) =>
        /^<c:idx[^>]*\/><c:order[^>]*\/><c:tx>[\s\S]*?<\/c:tx><c:spPr><a:solidFill><a:srgbClr val="(\w+)"/.exec(
          part,
        )?.[1];
      const xpoints = sers.map((ser) =>
        Object.fromEntries(
          [...ser.matchAll(/<c:dPt><c:idx val="(\d+)"\/>[\s\S]*?<a:srgbClr val="(\w+)"/g)].map((m) => [
            Number(m[1]),
            `#${m[2]}`,
          ]),
        ),
      );
      points += Object.keys(xpoints[0] ?? {}).length;
      expect({
        colors: c.series.map((s) => s.color),
        points: c.series.map((s) => s.pointColors ?? {}),
        labels: c.series.map((s) => Boolean(s.hasDataLabels)),
        min: c.valueMin,
        max: c.valueMax,
        unit: c.valueUnit,
        legend: c.legendVisible,
        axisFormat: c.valueFormat ?? cellFormat(c),
        labelFormat: c.series.some((s) => s.hasDataLabels) ? cellFormat(c) : undefined,
      }).toEqual({
        colors: sers.map((ser) => (color(ser) ? `#${color(ser)}` : undefined)),
        points: xpoints,
        labels: sers.map((ser) => ser.includes('<c:showVal val="1"/>')),
        min: axis(xml, "min"),
        max: axis(xml, "max"),
        unit: axis(xml, "majorUnit"),
        legend: xml.includes("<c:legend>"),
        axisFormat: format(xml, "valAx"),
        labelFormat: xml.includes("<c:dLbls>") ? format(xml, "dLbls") : undefined,
      });
    });
    // The grade colours reach the bars.
    expect(points).toBeGreaterThan(30);
  });

  it("charts: the plot area's place in points (Office.js) and as shares of the chart (.xlsx manual layout)", () => {
    const specs = both.specs.flatMap((s) => (s.charts ?? []).map((c) => ({ s, c })));
    const office = both.specs.flatMap((s) => both.host.sheet(s.name)!.charts);
    expect(office.length).toBe(specs.length);
    let placed = 0;
    office.forEach((c, i) => {
      const xml = both.charts[i];
      const size = chartSize(specs[i].s, specs[i].c);
      const share = (tag: string) =>
        Number(
          new RegExp(`<c:plotArea><c:layout><c:manualLayout>[\\s\\S]*?<c:${tag} val="([\\d.]+)"`).exec(
            xml,
          )?.[1],
        );
      // Both boxes hold the axes' labels: the .xlsx's layoutTarget is the default, outer.
      const manual = xml.includes("<c:plotArea><c:layout><c:manualLayout>");
      expect(xml).not.toContain('<c:layoutTarget val="inner"/>');
      expect(c.plotArea?.position ?? "Automatic").toBe(manual ? "Custom" : "Automatic");
      // Shares are written to 4 decimals: 0.025 pt on a 500 pt chart.
      const off = (["left", "top", "width", "height"] as const).flatMap((k, j) => {
        const x = manual ? share("xywh"[j]) * (j % 2 ? size.height : size.width) : undefined;
        const o = c.plotArea?.[k];
        return o === x || (o !== undefined && x !== undefined && Math.abs(o - x) < 0.1)
          ? []
          : [`${k}: ${o} / ${x}`];
      });
      expect([specs[i].c.title, off]).toEqual([specs[i].c.title, []]);
      if (manual) placed++;
    });
    // The summary's bar charts are placed.
    expect(placed).toBeGreaterThanOrEqual(3);
  });

  it("charts: type, title, series and category ranges, bar category order", () => {
    const office = both.specs.flatMap((s) =>
      both.host.sheet(s.name)!.charts.map((c) => ({ sheet: s.name, c })),
    );
    expect(office.length).toBe(both.charts.length);
    expect(office.length).toBeGreaterThan(0);
    office.forEach(({ sheet, c }, i) => {
      const xml = both.charts[i];
      const xtype = xml.includes("<c:pieChart>")
        ? "Pie"
        : /<c:barDir val="bar"\/>/.test(xml)
          ? "BarClustered"
          : "ColumnClustered";
      const title = [
        ...(/<c:title>[\s\S]*?<\/c:title>/.exec(xml)?.[0] ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g),
      ]
        .map((m) => m[1])
        .join("");
      const refs = (tag: string) =>
        [...xml.matchAll(new RegExp(`<c:${tag}>[\\s\\S]*?<c:f>([^<]*)<\\/c:f>`, "g"))].map((m) =>
          m[1].replace(/^.*!/, "").replace(/\$/g, ""),
        );
      const reversed = /<c:catAx>[\s\S]*?<c:orientation val="maxMin"\/>/.test(xml);
      expect({
        type: c.type,
        title: c.title,
        values: c.series.map((s) => boxAddress(s.values!.box)),
        categories: c.series.map((s) => boxAddress(s.xValues!.box)),
        sheets: c.series.map((s) => s.values!.sheet.name),
        reversed: c.categoryReversed,
      }).toEqual({
        type: xtype,
        title: title.replace(/&amp;/g, "&"),
        values: refs("val"),
        categories: refs("cat"),
        sheets: c.series.map(() => sheet),
        reversed,
      });
    });
  });
});
