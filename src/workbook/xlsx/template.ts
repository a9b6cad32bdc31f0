/** The plan template (and the sample, which is the template filled in), written from the one format definition. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { PlanRows, SheetDef } from "../../engine/format";
import { INPUT_SHEETS, SETTINGS } from "../../engine/format";
import { columnLetter } from "../../engine/grid";
import { HEADER_FILL, HEADER_HEIGHT, LISTS, LISTS_SHEET, TEMPLATE_ROWS, listFor } from "../inputSheet";
import { templateHeaders } from "../../engine/planRows";
import { samplePlanRows } from "../../engine/sample";

const TABLE_NAMES: Record<SheetDef["key"], string> = {
  settings: "CauHinh",
  units: "DonVi",
  indicators: "ChiTieu",
  figures: "SoLieu",
};

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
): void {
  const ws = wb.addWorksheet(def.name);
  const headers = [...templateHeaders(def.key), ...extraHeaders];
  // The headers and data as an Excel table (an empty template gets one blank row, as Excel's own tables do).
  const tableRows = rows.length
    ? rows.map((r) => headers.map((_, j) => r[j] ?? null))
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
    const list = listFor(c);
    if (list)
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${letter}2:${letter}${last}`, {
        type: "list",
        allowBlank: true,
        formulae: [list],
        showErrorMessage: c.type !== "enumList",
        errorTitle: c.header,
        error: `Chọn một giá trị trong danh sách (${c.header}).`,
      });
    if (c.numberFormat) for (let r = 2; r <= last; r++) ws.getCell(`${letter}${r}`).numFmt = c.numberFormat;
  });
  for (const j of percentCols) {
    ws.getColumn(j).width = 11;
    for (let r = 2; r <= rows.length + 1; r++) ws.getCell(r, j).numFmt = "0%";
  }
  for (let j = def.columns.length + 1; j <= headers.length; j++)
    if (!percentCols.has(j)) ws.getColumn(j).width = 11;
}

function instructions(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Hướng dẫn");
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 34;
  ws.getColumn(3).width = 90;
  const title = ws.getCell("A1");
  title.value = "Hướng dẫn nhập kế hoạch ứng dụng CNTT";
  title.font = { bold: true, size: 14, color: { argb: HEADER_FILL } };
  ws.getCell("A2").value =
    "Điền các sheet Cấu hình, Đơn vị, Chỉ tiêu và Số liệu. Có thể đổi thứ tự cột, viết tiêu đề có dấu hoặc không dấu, hoặc bằng tiếng Anh.";
  let r = 4;
  for (const def of INPUT_SHEETS) {
    const h = ws.getRow(r++);
    h.getCell(1).value = def.name;
    h.getCell(3).value = def.description;
    h.font = { bold: true };
    for (const c of def.columns) {
      const row = ws.getRow(r++);
      row.getCell(2).value = c.header + (c.required ? " (bắt buộc)" : "");
      row.getCell(3).value = `${c.description} Ví dụ: ${c.example || "(trống)"}`;
      row.getCell(3).alignment = { wrapText: true };
    }
    r++;
  }
  ws.getRow(r++).getCell(1).value = "Tham số (sheet Cấu hình)";
  for (const s of SETTINGS) {
    const row = ws.getRow(r++);
    row.getCell(2).value = s.label;
    row.getCell(3).value = `${s.description} Mặc định: ${s.default === "" ? "(trống)" : String(s.default)}`;
  }
  r++;
  ws.getRow(r++).getCell(1).value = "Kỳ báo cáo";
  ws.getRow(r++).getCell(3).value =
    'Viết "Quý II/2015" hoặc "2015-Q2". Tỷ lệ nhập dạng 60% (hoặc 0,6). Số viết kiểu Việt Nam: 1.100 là một nghìn một trăm.';
}

function listsSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(LISTS_SHEET, { state: "hidden" });
  LISTS.forEach((l, i) => {
    ws.getCell(1, i + 1).value = l.title;
    l.values.forEach((v, k) => (ws.getCell(k + 2, i + 1).value = v.vi));
    ws.getColumn(i + 1).width = 28;
  });
}

/** An empty plan workbook, or with rows the same layout filled in (that is how the sample is written). */
export function buildTemplate(rows?: PlanRows): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ictplan";
  instructions(wb);
  const [settings, units, indicators, figures] = INPUT_SHEETS;
  const settingsRows: (string | number | null)[][] = rows
    ? rows.settings.map(([k, v]) => [k, v])
    : SETTINGS.map((s) => [s.label, s.default === "" ? null : s.default]);
  inputSheet(wb, settings, settingsRows, [], new Set());
  inputSheet(wb, units, rows?.units ?? [], [], new Set());
  inputSheet(wb, indicators, rows?.indicators ?? [], [], new Set());
  const pctCols = new Set<number>();
  if (rows) {
    const measureIdx = indicators.columns.findIndex((c) => c.key === "measure");
    const pct = new Set(rows.indicators.filter((r) => r[measureIdx] === "%").map((r) => String(r[0])));
    rows.figureIndicators.forEach((code, i) => pct.has(code) && pctCols.add(figures.columns.length + i + 1));
    // Percent targets and milestones show as percentages too.
  }
  inputSheet(wb, figures, rows?.figures ?? [], rows?.figureIndicators ?? [], pctCols);
  if (rows) {
    const ws = wb.getWorksheet(indicators.name);
    const measureIdx = indicators.columns.findIndex((c) => c.key === "measure");
    const pctKeys = ["annualTarget", "milestoneQ1", "milestoneQ2", "milestoneQ3", "milestoneQ4"];
    rows.indicators.forEach((r, i) => {
      if (r[measureIdx] !== "%" || !ws) return;
      for (const k of pctKeys)
        ws.getCell(i + 2, indicators.columns.findIndex((c) => c.key === k) + 1).numFmt = "0%";
    });
  }
  listsSheet(wb);
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
  for (const f of Object.values(zip.files))
    if (!f.dir) out.file(f.name, await f.async("uint8array"), { date: SAMPLE_DATE, createFolders: false });
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
