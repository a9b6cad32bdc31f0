/** The plan template (and the sample, which is the template filled in), written from the one format definition. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ColumnDef, PlanRows, SheetDef } from "../../engine/format";
import { enumName as label } from "../../engine/format";
import { matchEnum } from "../../engine/parse/values";
import { findSetting } from "../../engine/parse/headers";
import { INPUT_SHEETS, MEASURES, RANKING_GROUPS, SETTINGS, YES_NO, sheetDef } from "../../engine/format";
import { columnLetter } from "../../engine/grid";
import { fontsInSchemaOrder } from "./styles";
import { xstring } from "./xml";
import { HEADER_FILL, HEADER_HEIGHT, TEMPLATE_ROWS, listFor, settingList, settingValue } from "../inputSheet";
import { templateHeaders } from "../../engine/planRows";
import { LISTS, LISTS_SHEETS } from "../../engine/language";
import { SAMPLE_INDICATOR_NAMES_EN, samplePlanRows } from "../../engine/sample";
import { pageFooter, wrappedRowHeight } from "../../engine/outputs/style";

type Lang = "vi" | "en";
const TABLE_NAMES: Record<SheetDef["key"], string> = {
  settings: "CauHinh",
  units: "DonVi",
  indicators: "ChiTieu",
  figures: "SoLieu",
};
/** Words of the template itself, in the language it is written in. */
const WORDS = {
  vi: {
    instructions: "Hướng dẫn",
    title: "Hướng dẫn nhập kế hoạch ứng dụng CNTT",
    intro:
      "Điền các sheet Cấu hình, Đơn vị, Chỉ tiêu và Số liệu. Có thể đổi thứ tự cột, viết tiêu đề có dấu hoặc không dấu, hoặc bằng tiếng Anh.",
    required: " (bắt buộc)",
    example: "Ví dụ",
    empty: "(trống)",
    settings: "Tham số (sheet Cấu hình)",
    byDefault: "Mặc định",
    periods: "Kỳ báo cáo",
    periodsText:
      'Viết "Quý II/2015" hoặc "2015-Q2". Tỷ lệ nhập dạng 60% (hoặc 0,6). Số viết kiểu Việt Nam: 1.100 là một nghìn một trăm.',
    starter:
      "Sheet Chỉ tiêu có sẵn danh mục chỉ tiêu mẫu (theo kế hoạch của tỉnh Lào Cai), mỗi chỉ tiêu một cột trên sheet Số liệu: sửa, xóa hoặc thêm chỉ tiêu, và giữ tiêu đề cột Số liệu là mã chỉ tiêu.",
    pick: (h: string) => `Chọn một giá trị trong danh sách (${h}).`,
  },
  en: {
    instructions: "Instructions",
    title: "Entering an IT-application plan",
    intro:
      "Fill in the Settings, Units, Indicators and Figures sheets. Columns may be in any order; headers may be Vietnamese (with or without accents) or English.",
    required: " (required)",
    example: "Example",
    empty: "(blank)",
    settings: "Settings (Settings sheet)",
    byDefault: "Default",
    periods: "Periods",
    periodsText:
      'Write "2015-Q2" or "Quý II/2015". Percentages as 60% (or 0.6). Vietnamese number style also works: 1.100 is one thousand one hundred.',
    starter:
      "The Indicators sheet starts with a sample indicator list (from Lao Cai's plan), each with its column on the Figures sheet: edit, delete or add indicators, and keep each Figures column headed by its indicator code.",
    pick: (h: string) => `Choose a value from the list (${h}).`,
  },
};

type DataValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

/** A cell value in the template's language: enum values (and each part of a list) and yes/no by their label. */
export function localised(
  v: string | number | null,
  c: ColumnDef | undefined,
  lang: Lang,
): string | number | null {
  if (lang === "vi" || v === null) return v;
  // "Có" in a yes/no column, or as a yes/no indicator's target.
  const yesNo = YES_NO.find((y) => y.vi === v);
  if (yesNo) return label(yesNo, lang);
  if (!c?.values) return v;
  const parts = String(v).split(/;\s*/);
  return parts
    .map((x) => {
      const e = matchEnum(x, c.values ?? []);
      return e ? label(e, lang) : x;
    })
    .join("; ");
}

function headerRow(ws: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = ws.getRow(1);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  row.height = HEADER_HEIGHT;
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
}

function inputSheet(
  wb: ExcelJS.Workbook,
  def: SheetDef,
  rows: readonly (readonly (string | number | null)[])[],
  extraHeaders: readonly string[],
  percentCols: ReadonlySet<number>,
  lang: Lang,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(lang === "vi" ? def.name : def.nameEn);
  // Text in ST_Xstring form: ExcelJS escapes XML but writes "_x0041_" as it is (read back as "A") and drops the
  // characters XML cannot carry, and consolidate writes the units' own names and codes through here.
  const headers = [...templateHeaders(def.key, [], lang), ...extraHeaders].map(xstring);
  const text = (v: string | number | null) => (typeof v === "string" ? xstring(v) : v);
  // The headers and data as an Excel table (an empty template gets one blank row, as Excel's own tables do).
  const tableRows = rows.length
    ? rows.map((r) => headers.map((_, j) => text(localised(r[j] ?? null, def.columns[j], lang))))
    : [headers.map(() => null)];
  ws.addTable({
    name: TABLE_NAMES[def.key],
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows: tableRows,
  });
  headerRow(ws, headers);
  const last = Math.max(rows.length + 1, TEMPLATE_ROWS);
  def.columns.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    col.width = c.width ?? 14;
    const letter = columnLetter(j + 1);
    const list = listFor(c, lang);
    const header = lang === "vi" ? c.header : c.headerEn;
    if (list)
      (ws as unknown as DataValidations).dataValidations.add(`${letter}2:${letter}${last}`, {
        type: "list",
        allowBlank: true,
        formulae: [list],
        showErrorMessage: c.type !== "enumList" && c.values !== RANKING_GROUPS,
        errorTitle: header,
        error: WORDS[lang].pick(header),
      });
    if (c.numberFormat) for (let r = 2; r <= last; r++) ws.getCell(`${letter}${r}`).numFmt = c.numberFormat;
  });
  for (const j of percentCols) {
    ws.getColumn(j).width = 11;
    // Down to the template's last row, so that what the planner types reads as Excel shows it (60 → 60%).
    for (let r = 2; r <= last; r++) ws.getCell(r, j).numFmt = "0%";
  }
  for (let j = def.columns.length + 1; j <= headers.length; j++)
    if (!percentCols.has(j)) ws.getColumn(j).width = 11;
  return ws;
}

/** Drop-downs for the Cấu hình settings that take one of a few values (Chuẩn hóa, Số liệu thiếu, Cách tổng hợp). */
function settingDropDowns(ws: ExcelJS.Worksheet, labels: readonly string[], lang: Lang): void {
  labels.forEach((l, i) => {
    const def = findSetting(l);
    const list = def && settingList(def, lang);
    if (!list) return;
    (ws as unknown as DataValidations).dataValidations.add(`B${i + 2}`, {
      type: "list",
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: lang === "vi" ? def.label : def.labelEn,
      error: WORDS[lang].pick(lang === "vi" ? def.label : def.labelEn),
    });
  });
}

/** Hướng dẫn's columns (sheet, column or setting, explanation): together one A4 portrait page wide at 100%. */
const GUIDE_WIDTHS = [20, 26, 46] as const;
/** Usable height of Hướng dẫn's A4 page with its margins (748 points in Excel and LibreOffice), less a margin. */
const GUIDE_PAGE = 720;

interface GuideRow {
  /** Texts of columns A, B and C ("" for none); a "text" row's A spans the three columns. */
  readonly cells: readonly [string, string, string];
  readonly kind: "title" | "text" | "section" | "item" | "gap";
}

/** Hướng dẫn's rows: the title and introduction, a section per input sheet with its columns, the settings, periods. */
function guideRows(lang: Lang, starter: boolean): GuideRow[] {
  const w = WORDS[lang];
  const rows: GuideRow[] = [
    { kind: "title", cells: [w.title, "", ""] },
    { kind: "text", cells: [w.intro, "", ""] },
  ];
  if (starter) rows.push({ kind: "text", cells: [w.starter, "", ""] });
  rows.push({ kind: "gap", cells: ["", "", ""] });
  for (const def of INPUT_SHEETS) {
    rows.push({
      kind: "section",
      cells: [lang === "vi" ? def.name : def.nameEn, "", lang === "vi" ? def.description : def.descriptionEn],
    });
    for (const c of def.columns) {
      const example = lang === "en" && c.exampleEn ? c.exampleEn : localised(c.example || null, c, lang);
      rows.push({
        kind: "item",
        cells: [
          "",
          (lang === "vi" ? c.header : c.headerEn) + (c.required ? w.required : ""),
          `${lang === "vi" ? c.description : c.descriptionEn} ${w.example}: ${example ?? w.empty}`,
        ],
      });
    }
    rows.push({ kind: "gap", cells: ["", "", ""] });
  }
  rows.push({ kind: "section", cells: [w.periods, "", ""] });
  rows.push({ kind: "item", cells: ["", "", w.periodsText] });
  rows.push({ kind: "gap", cells: ["", "", ""] });
  rows.push({ kind: "section", cells: [w.settings, "", ""] });
  for (const s of SETTINGS) {
    const allowed = s.values ? ` (${s.values.map((v) => label(v, lang)).join(" / ")})` : "";
    rows.push({
      kind: "item",
      cells: [
        "",
        lang === "vi" ? s.label : s.labelEn,
        `${lang === "vi" ? s.description : s.descriptionEn}${allowed} ${w.byDefault}: ${settingValue(s, lang) ?? w.empty}`,
      ],
    });
  }
  return rows;
}

/** A guide row's height in points: its wrapped texts at their columns' widths (an introduction spans all three). */
function guideRowHeight(r: GuideRow): number {
  if (r.kind === "title") return 22;
  if (r.kind === "gap") return 12;
  if (r.kind === "text")
    return wrappedRowHeight([{ text: r.cells[0], width: GUIDE_WIDTHS.reduce((a, b) => a + b, 0) }]);
  return wrappedRowHeight(
    r.cells.map((text, i) => ({ text, width: GUIDE_WIDTHS[i] })),
    r.kind === "section",
  );
}

/**
 * The Hướng dẫn sheet, printed one A4 page wide: every text wraps in its column in a row as tall as its lines (an
 * estimate never short of them: LibreOffice does not size the rows of an .xlsx it opens), and a page breaks before a
 * section that would not keep its heading with two of its rows.
 */
function instructions(wb: ExcelJS.Workbook, lang: Lang, starter: boolean): void {
  const w = WORDS[lang];
  const ws = wb.addWorksheet(w.instructions);
  GUIDE_WIDTHS.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  const rows = guideRows(lang, starter);
  const heights = rows.map(guideRowHeight);
  let used = 0;
  rows.forEach((r, i) => {
    const n = i + 1;
    const row = ws.getRow(n);
    row.height = heights[i];
    // A section keeps its heading with two of its rows, and the guide's last row is not alone on a page.
    const keep = heights
      .slice(i, r.kind === "section" ? i + 3 : i === rows.length - 2 ? i + 2 : i + 1)
      .reduce((a, b) => a + b, 0);
    if (used > 0 && used + keep > GUIDE_PAGE) {
      ws.getRow(n - 1).addPageBreak();
      used = 0;
    }
    used += heights[i];
    if (r.kind === "title") {
      row.getCell(1).value = r.cells[0];
      row.getCell(1).font = { bold: true, size: 14, color: { argb: HEADER_FILL } };
      return;
    }
    if (r.kind === "text") ws.mergeCells(n, 1, n, 3);
    r.cells.forEach((text, j) => {
      if (!text) return;
      const cell = row.getCell(j + 1);
      cell.value = text;
      cell.alignment = { vertical: "top", wrapText: true };
      if (r.kind === "section") cell.font = { bold: true };
    });
  });
  ws.pageSetup = {
    paperSize: 9,
    orientation: "portrait",
    scale: 100,
    fitToPage: false,
    margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter.oddFooter = `&"Calibri,Regular"&10${pageFooter(w.title, lang)}`;
}

function listsSheet(wb: ExcelJS.Workbook, lang: Lang): void {
  const ws = wb.addWorksheet(LISTS_SHEETS[lang], { state: "hidden" });
  LISTS.forEach((l, i) => {
    ws.getCell(1, i + 1).value = lang === "vi" ? l.title : l.titleEn;
    l.values.forEach((v, k) => (ws.getCell(k + 2, i + 1).value = label(v, lang)));
    ws.getColumn(i + 1).width = 28;
  });
}

// The starter list's Áp dụng cho column, and the district group it writes as the commune group.
const groupsAt = sheetDef("indicators").columns.findIndex((c) => c.key === "groups");
const DISTRICT = label(
  RANKING_GROUPS.find((g) => g.key === "district")!,
  "vi",
);
const COMMUNE = label(
  RANKING_GROUPS.find((g) => g.key === "commune")!,
  "vi",
);

/**
 * An empty plan workbook, or with rows the same layout filled in (that is how the sample is written), in Vietnamese
 * or English. The empty template starts with the sample's indicator list, one Số liệu column each, so that the
 * planner sees the layout and edits it rather than having to know it.
 */
export function buildTemplate(rows?: PlanRows, lang: Lang = "vi"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ictplan";
  const starter = rows === undefined;
  const sample = samplePlanRows();
  const data: PlanRows = rows ?? {
    settings: SETTINGS.map(
      (s) => [lang === "vi" ? s.label : s.labelEn, settingValue(s, lang) ?? ""] as const,
    ),
    units: [],
    // The starter list in the template's language (the indicators' names are the sample's, Vietnamese), for the
    // groups a province has since July 2025: what the 2015 sample applies to districts applies to communes.
    // Its names too: there are no towns (thị trấn) since then, but special zones (đặc khu).
    indicators: sample.indicators.map(([code, name, ...rest]) =>
      [
        code,
        (lang === "vi" ? String(name) : (SAMPLE_INDICATOR_NAMES_EN[String(code)] ?? String(name)))
          .replace("xã, phường, thị trấn", "xã, phường, đặc khu")
          .replace("communes, wards and towns", "communes, wards and special zones"),
        ...rest,
      ].map((v, j) => (j === groupsAt && typeof v === "string" ? v.replace(DISTRICT, COMMUNE) : v)),
    ),
    figureIndicators: sample.figureIndicators,
    figures: [],
  };
  instructions(wb, lang, starter);
  const [settings, units, indicators, figures] = INPUT_SHEETS;
  const settingsRows = data.settings.map(([k, v]) => [k, v === "" ? null : v]);
  const settingsSheet = inputSheet(wb, settings, settingsRows, [], new Set(), lang);
  settingDropDowns(
    settingsSheet,
    data.settings.map(([k]) => k),
    lang,
  );
  inputSheet(wb, units, data.units, [], new Set(), lang);
  const indSheet = inputSheet(wb, indicators, data.indicators, [], new Set(), lang);
  const measureIdx = indicators.columns.findIndex((c) => c.key === "measure");
  const isPct = (r: readonly (string | number | null)[]) =>
    matchEnum(r[measureIdx], MEASURES)?.key === "percent";
  const pct = new Set(data.indicators.filter(isPct).map((r) => String(r[0])));
  const pctCols = new Set<number>();
  data.figureIndicators.forEach((code, i) => pct.has(code) && pctCols.add(figures.columns.length + i + 1));
  inputSheet(wb, figures, data.figures, data.figureIndicators, pctCols, lang);
  // Percent targets and milestones show as percentages too.
  const pctKeys = ["annualTarget", "milestoneQ1", "milestoneQ2", "milestoneQ3", "milestoneQ4"];
  data.indicators.forEach((r, i) => {
    if (!isPct(r)) return;
    for (const k of pctKeys)
      indSheet.getCell(i + 2, indicators.columns.findIndex((c) => c.key === k) + 1).numFmt = "0%";
  });
  listsSheet(wb, lang);
  return wb;
}

/** The sample's fixed date: its documents and zip entries carry it, so that regenerating it changes no byte. */
const SAMPLE_DATE = new Date(Date.UTC(2015, 7, 5));

/** The bundled Lào Cai sample as .xlsx bytes, identical on every run. */
export async function sampleWorkbookBytes(): Promise<Uint8Array> {
  const wb = buildTemplate(samplePlanRows());
  wb.created = SAMPLE_DATE;
  wb.modified = SAMPLE_DATE;
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const out = new JSZip();
  for (const f of Object.values(zip.files)) {
    if (f.dir) continue;
    const content =
      f.name === "xl/styles.xml" ? fontsInSchemaOrder(await f.async("string")) : await f.async("uint8array");
    out.file(f.name, content, { date: SAMPLE_DATE, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
