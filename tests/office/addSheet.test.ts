/** "Add the missing sheet": the pane's remedy for MISSING_SHEET, on the strict fake host and on the .xlsx adapter. */
import ExcelJS from "exceljs";
import { FakeExcel, installExcelEnums, type SheetModel } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { addInputSheet, saveSettings } from "../../src/workbook/office/actions";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { PreviewWorkbook } from "../../src/preview/previewWorkbook";
import { buildTemplate, localised } from "../../src/workbook/xlsx/template";
import { planRowsToGrids, templateHeaders } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { INPUT_SHEETS, SETTINGS, sheetDef, type SheetDef } from "../../src/engine/format";
import { defaultSettings } from "../../src/engine/parse/plan";
import type { WorkbookGrids } from "../../src/engine/grid";
import { LISTS_SHEET, TEMPLATE_ROWS } from "../../src/workbook/inputSheet";
import { LISTS_SHEETS } from "../../src/engine/language";
import { columnLetter } from "../../src/engine/grid";
import type { Finding } from "../../src/engine/model";
import { UserSheetClashError } from "../../src/workbook/ownership";
import { describeOfficeError } from "../../src/taskpane/errors";
import { FEATURES } from "../helpers/plannerFeatures";
import { editPackage } from "../helpers/packages";

beforeAll(() => installExcelEnums());

const MISSABLE: SheetDef["key"][] = ["units", "indicators", "figures"];
const ALL: SheetDef["key"][] = ["settings", ...MISSABLE];
/** Findings that say a sheet or its header row could not be read as the format has it. */
const LAYOUT = new Set(["MISSING_SHEET", "MISSING_HEADER_ROW", "MISSING_COLUMN", "UNKNOWN_COLUMN"]);
const SETTING = new Set(["UNKNOWN_SETTING", "INVALID_SETTING"]);
const codes = (fs: readonly Finding[], set: Set<string>) =>
  fs.filter((f) => set.has(f.code)).map((f) => f.code);
const nameOf = (key: SheetDef["key"]) => INPUT_SHEETS.find((d) => d.key === key)?.name as string;

/** The sample's grids without one input sheet (and without the lists sheet, as a hand-made workbook has none). */
function without(key: SheetDef["key"]): WorkbookGrids {
  const grids = planRowsToGrids(samplePlanRows());
  return { sheets: grids.sheets.filter((g) => g.sheet !== nameOf(key)) };
}

/** The sample as the template of a language writes it, without one input sheet and without the lists sheet. */
async function workbookWithout(key: SheetDef["key"], lang: "vi" | "en" = "vi"): Promise<XlsxWorkbook> {
  const template = buildTemplate(samplePlanRows(), lang);
  const def = sheetDef(key);
  template.removeWorksheet(
    (template.getWorksheet(lang === "vi" ? def.name : def.nameEn) as ExcelJS.Worksheet).id,
  );
  template.removeWorksheet((template.getWorksheet(LISTS_SHEETS[lang]) as ExcelJS.Worksheet).id);
  return XlsxWorkbook.load(new Uint8Array(await template.xlsx.writeBuffer()));
}

/** The English sample's grids without one input sheet and without Lists (a workbook made from the English template). */
async function englishWithout(key: SheetDef["key"]): Promise<WorkbookGrids> {
  return (await workbookWithout(key, "en")).readGrids();
}

/** The distinct drop-down sources of a sheet read back with ExcelJS. */
function validationFormulae(ws: ExcelJS.Worksheet): string[] {
  const model = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } })
    .dataValidations.model;
  return [...new Set(Object.values(model).map((v) => v.formulae[0]))].sort();
}

const snapshot = (s: SheetModel) => JSON.stringify([...s.cells].sort(), null, 0);

describe("adding a missing input sheet in Excel (fake host)", () => {
  it.each(MISSABLE)("adds %s as the template has it and touches no other sheet", async (key) => {
    const host = FakeExcel.withGrids(without(key));
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    const before = new Map(host.sheets.map((s) => [s.name, snapshot(s)]));
    expect(checkWorkbook(await wb.readGrids(), null).findings.map((f) => f.code)).toContain("MISSING_SHEET");

    const name = await addInputSheet(wb, key);
    expect(name).toBe(nameOf(key));
    for (const [sheet, cells] of before) expect(snapshot(host.sheet(sheet) as SheetModel)).toBe(cells);
    // Số liệu has no drop-downs, so no lists sheet comes with it.
    const lists = key === "figures" ? [] : [LISTS_SHEET];
    expect(host.sheets.map((s) => s.name)).toEqual([...before.keys(), ...lists, name]);

    const added = host.sheet(name) as SheetModel;
    const codes = samplePlanRows().indicators.map((r) => String(r[0]));
    const headers = templateHeaders(key, key === "figures" ? codes : []);
    expect(headers.map((_, j) => added.cells.get(`0,${j}`)?.value)).toEqual(headers);
    expect(added.formats.get("0,0")).toMatchObject({ "font.bold": true, "fill.color": "#1F4E79" });
    expect(added.freeze).toEqual({ rows: 1, cols: 0 });
    expect(added.rowHeights.get(0)).toBe(30);
    expect(added.columnWidths.size).toBeGreaterThan(0);
    // Drop-downs read the hidden lists sheet, down to the template's last row.
    expect(added.dataValidations.length > 0).toBe(key !== "figures");
    for (const v of added.dataValidations) {
      expect(v.box.r0).toBe(1);
      expect(v.box.r1).toBe(TEMPLATE_ROWS - 1);
      expect(String((host.dvRule(v).list as { source: string }).source)).toMatch(
        /^='Danh mục'!\$[A-E]\$2:\$[A-E]\$\d+$/,
      );
    }
    if (key !== "figures") expect(host.sheet(LISTS_SHEET)?.visibility).toBe("Hidden");

    // Checked again: the sheet is no longer missing, and nothing else was lost.
    const after = checkWorkbook(await wb.readGrids(), null);
    expect(after.findings.filter((f) => f.code === "MISSING_SHEET")).toEqual([]);
  });

  it("without ExcelApi 1.8 adds the sheet without drop-downs, and keeps an existing lists sheet", async () => {
    const host = FakeExcel.withGrids(without("units"));
    host.supported.ExcelApi = "1.7";
    host.sheets.splice(host.sheets.indexOf(host.sheet(nameOf("indicators")) as SheetModel), 1);
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    await addInputSheet(wb, "units");
    expect(host.sheet(nameOf("units"))?.dataValidations).toEqual([]);
    // The lists sheet is there now: adding another sheet does not add a second one.
    await addInputSheet(wb, "indicators");
    expect(host.sheets.filter((s) => s.name === LISTS_SHEET)).toHaveLength(1);
  });

  it("refuses to add a sheet whose name is taken", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const wb = new OfficeWorkbook(host.runner());
    const before = host.sheets.map(snapshot);
    await expect(addInputSheet(wb, "units")).rejects.toThrow(/exists/);
    expect(host.sheets.map(snapshot)).toEqual(before);
  });
});

describe("adding a missing input sheet in the .xlsx adapter (the preview)", () => {
  it.each(MISSABLE)("adds %s with the template's headers, formats and drop-downs", async (key) => {
    const wb = await workbookWithout(key);
    const before = (await wb.readGrids()).sheets;
    await addInputSheet(wb, key);
    const after = (await wb.readGrids()).sheets;
    for (const g of before) expect(after.find((a) => a.sheet === g.sheet)).toEqual(g);
    expect(checkWorkbook({ sheets: after }, null).findings.some((f) => f.code === "MISSING_SHEET")).toBe(
      false,
    );

    // Read back as Excel would: compare with the template's own sheet (ExcelJS).
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load(Buffer.from(await wb.save()) as unknown as ArrayBuffer);
    const mine = saved.getWorksheet(nameOf(key)) as ExcelJS.Worksheet;
    const theirs = buildTemplate().getWorksheet(nameOf(key)) as ExcelJS.Worksheet;
    const row = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
    if (key !== "figures") expect(row(mine)).toEqual(row(theirs));
    expect(mine.getCell("A1").font?.bold).toBe(true);
    expect(mine.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(validationFormulae(mine)).toEqual(validationFormulae(theirs));
    if (key !== "figures") expect(saved.getWorksheet(LISTS_SHEET)?.state).toBe("hidden");
    for (let j = 1; j <= theirs.columnCount; j++)
      if (theirs.getCell(2, j).numFmt) expect(mine.getCell(2, j).numFmt).toBe(theirs.getCell(2, j).numFmt);
  });
});

describe("a chart sheet named as the lists sheet (Danh mục), which no grid shows", () => {
  it(".xlsx: adding Đơn vị is refused, naming the chart sheet and saying to rename it; nothing is added", async () => {
    const f = FEATURES["a chart sheet"];
    const bytes = await editPackage(
      await (await workbookWithout("units")).save(),
      {
        ...f.edits,
        "xl/workbook.xml": (x) =>
          x.replace("</sheets>", `<sheet name="${LISTS_SHEET}" sheetId="99" r:id="rIdCs"/></sheets>`),
      },
      f.add,
    );
    const wb = await XlsxWorkbook.load(bytes);
    const names = await wb.sheetNames();
    expect(names).toContain(LISTS_SHEET);
    const error = await addInputSheet(wb, "units").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserSheetClashError);
    expect(describeOfficeError(error, "vi")).toMatch(new RegExp(`Đổi tên.*"${LISTS_SHEET}"`));
    expect(describeOfficeError(error, "en")).toMatch(new RegExp(`Rename it.*"${LISTS_SHEET}"`));
    expect(await wb.sheetNames()).toEqual(names);
  });
});

describe("a missing settings sheet (Cấu hình), added so that the pane's settings can be saved", () => {
  it("adds Cấu hình with every setting at its default, labelled values and drop-downs, then saves the change", async () => {
    const host = FakeExcel.withGrids(without("settings"));
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    const change = { normalisation: "minmax", gradeGood: 85 } as const;
    // Nothing to write into: the pane offers the button instead.
    expect(await saveSettings(wb, change)).toBe(false);
    const before = new Map(host.sheets.map((s) => [s.name, snapshot(s)]));

    const name = await addInputSheet(wb, "settings");
    expect(name).toBe("Cấu hình");
    for (const [sheet, cells] of before) expect(snapshot(host.sheet(sheet) as SheetModel)).toBe(cells);
    // Its drop-downs are lists in the cells: no lists sheet comes with it.
    expect(host.sheets.map((s) => s.name)).toEqual([...before.keys(), name]);
    const added = host.sheet(name) as SheetModel;
    const value = (r: number, c: number) => added.cells.get(`${r},${c}`)?.value;
    expect([value(0, 0), value(0, 1)]).toEqual(templateHeaders("settings"));
    SETTINGS.forEach((d, i) => expect(value(i + 1, 0)).toBe(d.label));
    // Values as the planner reads them, never the internal keys (target, zero, arithmetic).
    expect(value(1 + SETTINGS.findIndex((d) => d.key === "normalisation"), 1)).toBe("Theo chỉ tiêu");
    const enums = SETTINGS.flatMap((d, i) => (d.values ? [{ d, row: i + 1 }] : []));
    expect(added.dataValidations.map((v) => v.box.r0).sort()).toEqual(enums.map((e) => e.row).sort());
    for (const { d, row } of enums) {
      const v = added.dataValidations.find((x) => x.box.r0 === row);
      expect(v?.box).toMatchObject({ r1: row, c0: 1, c1: 1 });
      expect((v?.rule.list as { source: string }).source).toBe(d.values?.map((e) => e.vi).join(","));
    }
    const checked = checkWorkbook(await wb.readGrids(), null);
    expect(codes(checked.findings, SETTING)).toEqual([]);
    expect(checked.plan.settings).toMatchObject(defaultSettings());

    // The save goes through now, into the added sheet.
    expect(await saveSettings(wb, change)).toBe(true);
    const saved = checkWorkbook(await wb.readGrids(), null);
    expect(saved.plan.settings).toMatchObject({ ...defaultSettings(), ...change });
    expect(codes(saved.findings, SETTING)).toEqual([]);
  });
});

describe("adding a sheet from the English template (the pane in English)", () => {
  const englishCodes = samplePlanRows().indicators.map((r) => String(r[0]));

  it.each(ALL)(
    "adds %s under its English name, with English headers and lists, and it parses",
    async (key) => {
      const host = FakeExcel.withGrids(await englishWithout(key));
      const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
      const before = new Map(host.sheets.map((s) => [s.name, snapshot(s)]));
      const name = await addInputSheet(wb, key, "en");
      expect(name).toBe(sheetDef(key).nameEn);
      for (const [sheet, cells] of before) expect(snapshot(host.sheet(sheet) as SheetModel)).toBe(cells);
      const added = host.sheet(name) as SheetModel;
      const headers = templateHeaders(key, key === "figures" ? englishCodes : [], "en");
      expect(headers.map((_, j) => added.cells.get(`0,${j}`)?.value)).toEqual(headers);
      const lists = key === "units" || key === "indicators";
      expect(host.sheets.map((s) => s.name)).toEqual([...before.keys(), ...(lists ? ["Lists"] : []), name]);
      for (const v of added.dataValidations) {
        const source = (host.dvRule(v).list as { source: string }).source;
        if (key === "settings") expect(source).not.toMatch(/^=/);
        // As Excel shows a formula: the sheet's name quoted only where it needs it.
        else expect(source).toMatch(/^=Lists!\$[A-E]\$2:\$[A-E]\$\d+$/);
      }
      if (lists) {
        const sheet = host.sheet("Lists") as SheetModel;
        expect(sheet.visibility).toBe("Hidden");
        expect(sheet.cells.get("0,0")?.value).toBe("Ranking group");
        expect(sheet.cells.get("1,1")?.value).toBe("Yes");
      }
      if (key === "settings") expect(added.cells.get("1,0")?.value).toBe(SETTINGS[0].labelEn);

      // Read as the format has it: the English headers name every column, and nothing is missing.
      const checked = checkWorkbook(await wb.readGrids(), null);
      expect(codes(checked.findings, LAYOUT)).toEqual([]);
      expect(codes(checked.findings, SETTING)).toEqual([]);
      expect(checked.plan.layout[key]?.sheet).toBe(name);
      expect(Object.keys(checked.plan.layout[key]?.columns ?? {})).toEqual(
        expect.arrayContaining(
          sheetDef(key)
            .columns.filter((c) => c.required)
            .map((c) => c.key),
        ),
      );
    },
  );

  it("keeps one workbook in one language: with the pane in English, a Vietnamese workbook gets Vietnamese sheets", async () => {
    for (const key of ALL) {
      const host = FakeExcel.withGrids(without(key));
      const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
      const name = await addInputSheet(wb, key, "en");
      expect(name).toBe(sheetDef(key).name);
      expect(host.sheets.map((s) => s.name)).not.toContain("Lists");
      const lists = key === "units" || key === "indicators";
      expect(host.sheets.some((s) => s.name === LISTS_SHEETS.vi)).toBe(lists);
      expect(codes(checkWorkbook(await wb.readGrids(), null).findings, LAYOUT)).toEqual([]);
    }
    // A workbook without any input sheet shows no language: the pane's is taken.
    const empty = FakeExcel.withGrids({
      sheets: [{ sheet: "Ghi chú", originRow: 1, originCol: 1, values: [["x"]] }],
    });
    const wb = new OfficeWorkbook(empty.runner(), (s, v) => empty.isSetSupported(s, v));
    expect(await addInputSheet(wb, "settings", "en")).toBe("Settings");
  });

  it("reads the sample's units typed into the English sheet as the same units", async () => {
    const host = FakeExcel.withGrids(await englishWithout("units"));
    const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
    await addInputSheet(wb, "units", "en");
    const def = sheetDef("units");
    const rows = samplePlanRows().units;
    await wb.writeCells(
      rows.flatMap((r, i) =>
        r.flatMap((v, j) => {
          const value = localised(v, def.columns[j], "en");
          return value === null ? [] : [{ sheet: "Units", cell: `${columnLetter(j + 1)}${i + 2}`, value }];
        }),
      ),
    );
    // The English group names ("Departments…") read as the same groups.
    expect(host.sheet("Units")?.cells.get("1,2")?.value).not.toBe(rows[0][2]);
    const strip = (us: readonly { code: string; name: string; group: string; active: boolean }[]) =>
      us.map(({ code, name, group, active }) => ({ code, name, group, active }));
    const mine = checkWorkbook(await wb.readGrids(), null);
    const theirs = checkWorkbook(planRowsToGrids(samplePlanRows()), null);
    expect(strip(mine.plan.units)).toEqual(strip(theirs.plan.units));
    expect(mine.findings.map((f) => f.code).sort()).toEqual(theirs.findings.map((f) => f.code).sort());
  });

  it("saves settings into an English Settings sheet in English words", async () => {
    const xlsx = await workbookWithout("settings", "en");
    // Through the preview's workbook, as the pane saves.
    const wb = new PreviewWorkbook(xlsx, "plan.xlsx");
    await addInputSheet(wb, "settings", "en");
    expect(await saveSettings(wb, { normalisation: "percentile", missingPolicy: "exclude" })).toBe(true);
    const grids = await wb.readGrids();
    const sheet = grids.sheets.find((g) => g.sheet === "Settings");
    const written = (key: string) => {
      const def = SETTINGS.find((d) => d.key === key);
      return sheet?.values.find((r) => r[0] === def?.labelEn)?.[1];
    };
    expect([written("normalisation"), written("missingPolicy")]).toEqual(["Percentile rank", "Exclude"]);
    expect(checkWorkbook(grids, null).plan.settings).toMatchObject({
      normalisation: "percentile",
      missingPolicy: "exclude",
    });
    // As the English template writes it: the same headers and drop-down lists.
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load(Buffer.from(await xlsx.save()) as unknown as ArrayBuffer);
    const mine = saved.getWorksheet("Settings") as ExcelJS.Worksheet;
    const theirs = buildTemplate(undefined, "en").getWorksheet("Settings") as ExcelJS.Worksheet;
    expect((mine.getRow(1).values as unknown[]).slice(1)).toEqual(
      (theirs.getRow(1).values as unknown[]).slice(1),
    );
    expect(validationFormulae(mine)).toEqual(validationFormulae(theirs));
    expect(saved.getWorksheet(LISTS_SHEETS.en)).toBeUndefined();
  });
});

describe("a planner's own sheet called Danh mục (or Lists): a catalogue of theirs, not the product's lists", () => {
  const CATALOGUE = [
    ["Mã hồ sơ", "Tên hồ sơ"],
    ["HS01", "Hồ sơ dịch vụ công"],
    ["HS02", "Hồ sơ một cửa"],
  ];
  const sources = (host: FakeExcel, s: SheetModel) =>
    s.dataValidations.map((v) => String((host.dvRule(v).list as { source: string }).source));

  it.each([
    ["vi", "Danh mục", nameOf("units")],
    ["en", "Danh mục", "Units"],
    ["en", "Lists", "Units"],
  ] as const)(
    "%s workbook with the planner's %s: the added sheet's drop-downs read the product's lists, theirs is untouched",
    async (lang, theirs, added) => {
      const grids = lang === "vi" ? without("units") : { sheets: (await englishWithout("units")).sheets };
      const host = FakeExcel.withGrids(grids);
      host.addSheet(theirs, CATALOGUE);
      const before = snapshot(host.sheet(theirs)!);
      const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
      // The pane is in Vietnamese: the workbook's own language still decides.
      expect(await addInputSheet(wb, "units", "vi")).toBe(added);
      expect(snapshot(host.sheet(theirs)!)).toBe(before);
      expect(host.sheet(theirs)!.visibility).toBe("Visible");
      const lists = sources(host, host.sheet(added)!);
      expect(lists.length).toBeGreaterThan(0);
      for (const src of lists) expect(src).not.toMatch(new RegExp(`^='${theirs}'!`));
      // Each drop-down reads a sheet holding the product's lists in the workbook's language.
      const sheetOf = (src: string) => {
        const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(src)!;
        return m[1]?.replace(/''/g, "'") ?? m[2];
      };
      for (const src of lists) {
        const lists = host.sheet(sheetOf(src))!;
        expect(lists.visibility).toBe("Hidden");
        expect(lists.cells.get("0,0")?.value).toBe(lang === "vi" ? "Nhóm xếp hạng" : "Ranking group");
      }
      // Adding another sheet uses that lists sheet again: no second copy.
      host.sheets.splice(
        host.sheets.indexOf(host.sheet(lang === "vi" ? nameOf("indicators") : "Indicators")!),
        1,
      );
      await addInputSheet(wb, "indicators", "vi");
      const listSheets = host.sheets.filter(
        (s) => s.cells.get("0,0")?.value === (lang === "vi" ? "Nhóm xếp hạng" : "Ranking group"),
      );
      expect(listSheets).toHaveLength(1);
      expect(snapshot(host.sheet(theirs)!)).toBe(before);
    },
  );
});
