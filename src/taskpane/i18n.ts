/** Task-pane strings in Vietnamese (default) and English, and number formatting per language. */
import { fillTemplate } from "../engine/text";
import { formatPeriod, periodFromKey } from "../engine/periods";
import { sheetDef, type SheetDef } from "../engine/format";
import { readNumber } from "../engine/numbers";
import { formatNumber as engineNumber, formatPercent as enginePercent } from "../engine/i18n/numbers";
export type Lang = "vi" | "en";

const VI = {
  title: "Kế hoạch ứng dụng CNTT",
  language: "Ngôn ngữ",
  period: "Kỳ báo cáo",
  currentPeriod: "Kỳ hiện tại ({period})",
  currentPeriodNone: "Kỳ hiện tại",
  validate: "Kiểm tra",
  compute: "Tính toán & xếp hạng",
  summary: "Tạo báo cáo quý",
  laterSummary:
    "{sheets} đã lập trước đó là bản chụp, vẫn dùng số liệu {period} như lúc lập: nếu vừa sửa số liệu {period}, chọn kỳ của sheet đó rồi bấm Tạo báo cáo quý để lập lại.",
  actions: "Thao tác",
  cancel: "Hủy",
  cancelled: "Đã hủy; sổ không bị thay đổi.",
  stage_read: "Đang đọc sổ…",
  stage_check: "Đang kiểm tra…",
  stage_compute: "Đang tính toán và xếp hạng…",
  stage_summary: "Đang tổng hợp…",
  stage_sheets: "Đang lập các sheet kết quả…",
  stage_write: "Đang ghi vào sổ (không thể hủy)…",
  stage_document: "Đang lập văn bản Word…",
  stage_save: "Đã lập xong báo cáo; đang chờ bạn lưu tệp…",
  report: "Tải báo cáo Word",
  reportSaved: "Đã lập báo cáo {file}.",
  reportSavedWithNotes:
    "Đã lập báo cáo {file}. Dữ liệu còn {error} lỗi, {warning} cảnh báo: báo cáo có ghi chú, hãy xem Kết quả kiểm tra trước khi gửi.",
  reportNotSaved: "Đã đóng hộp thoại mà chưa lưu báo cáo; bấm Tải báo cáo Word để lưu lại.",
  saveTitle: "Lưu báo cáo",
  saveReceiving: "Đang nhận báo cáo…",
  saveButton: "Lưu {file}",
  saveDone: "Đã lưu {file} vào thư mục Tải về của trình duyệt. Có thể đóng hộp thoại.",
  close: "Đóng",
  progress: "Tiến độ",
  progress_compute: "{done}/{total} lượt mô phỏng",
  progress_write: "{done}/{total} dòng",
  done: "Xong: đã ghi {sheets}.",
  doneWithNotes:
    "Xong: đã ghi {sheets}. Dữ liệu còn {error} lỗi, {warning} cảnh báo: báo cáo có ghi chú, hãy xem Kết quả kiểm tra trước khi gửi.",
  checked: "Đã kiểm tra: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
  edited:
    "Sheet {sheets} không còn như ictplan đã ghi (đã bị sửa tay hoặc một sheet của bạn đã mang tên đó). Muốn giữ thì đổi tên sheet đó. Ghi đè?",
  plannersObjects:
    "Sheet {sheets} có hình ảnh, biểu đồ, hình vẽ, slicer, ghi chú, bảng, PivotTable hoặc liên kết bạn đặt vào; ictplan ghi lại sheet đó từ đầu nên chưa ghi gì, để không làm mất chúng. Muốn giữ thì chuyển chúng sang một sheet của bạn (chọn, Cắt, rồi Dán vào sheet kia; biểu đồ chuyển đi vẫn lấy số liệu như trước). Ghi đè mà không giữ chúng?",
  ribbonEdited:
    "Sheet {sheets} không còn như ictplan đã ghi (đã bị sửa tay hoặc một sheet của bạn đã mang tên đó) nên chưa ghi đè. Muốn giữ thì đổi tên sheet đó; muốn ghi đè thì mở ngăn ictplan (Trang đầu → ictplan) và chọn Ghi đè.",
  overwrite: "Ghi đè",
  openSheets: "Mở sheet:",
  openSheet: "Mở sheet {sheet}",
  needsExcel: "Hãy mở bảng điều khiển này trong Excel (Microsoft 365, Excel 2019 trở lên, Excel trên web).",
  needsApi:
    "Excel này chưa hỗ trợ {set} {version}. Hãy cập nhật Office (Microsoft 365, Excel 2019 trở lên, Excel trên web).",
  missing_printLayout:
    "Excel này chưa hỗ trợ {set} {version}: báo cáo quý được tạo nhưng chưa đặt trang in (A4, tỷ lệ, lề, vùng in, chân trang có số trang, ngắt trang, lặp dòng tiêu đề). Hãy đặt trong tab Bố trí Trang trước khi in.",
  missing_chartSources:
    "Excel này chưa hỗ trợ {set} {version}: ictplan không đọc được vùng dữ liệu của biểu đồ, nên biểu đồ của bạn vẽ từ các sheet kết quả (Kết quả, Xếp hạng, Kiểm tra, Tổng hợp) sẽ hiện #REF! sau mỗi lần Tính toán. Sau khi tính, chọn lại dữ liệu cho biểu đồ (Thiết kế Biểu đồ → Chọn Dữ liệu), hoặc dùng Excel cho Microsoft 365 hay Excel trên web.",
  views: "Các mục",
  overview: "Tổng quan",
  findings: "Kết quả kiểm tra",
  rankings: "Xếp hạng",
  attainment: "Chỉ tiêu",
  moreViews: "Các mục khác ({n})",
  settings: "Cấu hình",
  loading: "Đang đọc sổ kế hoạch…",
  province: "Tỉnh",
  year: "Năm kế hoạch",
  units: "Đơn vị",
  indicators: "Chỉ tiêu",
  periods: "Kỳ có số liệu",
  none: "(chưa có)",
  noPlan:
    "Sổ này chưa có dữ liệu kế hoạch. Trong Kết quả kiểm tra, mỗi sheet còn thiếu (Đơn vị, Chỉ tiêu, Số liệu) có nút thêm sheet đó theo mẫu; sau đó nhập dữ liệu vào các sheet.",
  showFindings: "Xem Kết quả kiểm tra",
  noFindings: "Không có lỗi, cảnh báo hay thông tin nào.",
  filter: "Lọc",
  search: "Tìm trong kết quả kiểm tra",
  showing: "Hiển thị {shown}/{total}",
  goToCell: "Đến ô {cell}",
  noSuchSheet: "Sổ chưa có sheet “{sheet}”",
  wholeSheet: "cả sheet",
  addSheet: "Thêm sheet “{sheet}” theo mẫu",
  sheetAdded:
    "Đã thêm sheet “{sheet}” theo mẫu (dòng tiêu đề, định dạng, danh sách chọn); các sheet khác giữ nguyên. Kiểm tra lại: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
  noResults: "Chưa có kết quả. Bấm “Tính toán & xếp hạng”.",
  group: "Nhóm xếp hạng",
  rank: "Hạng",
  unit: "Đơn vị",
  index: "Chỉ số",
  grade: "Xếp loại",
  change: "Thay đổi",
  interval: "Khoảng hạng",
  intervalNote:
    "Khoảng hạng: từ phân vị 5% đến 95% của thứ hạng khi các trọng số dao động ±{spread} ({draws} lần mô phỏng).",
  rankUp: "lên {n} bậc",
  rankDown: "xuống {n} bậc",
  rankSame: "giữ hạng",
  newUnit: "mới",
  missingFigures: "Số liệu thiếu",
  withData: "Số có số liệu",
  rankingCaption: "Xếp hạng {group}, {period}",
  attainmentCaption: "Mức đạt chỉ tiêu toàn tỉnh, {period}",
  save: "Lưu vào sheet {sheet}",
  saved: "Đã lưu cấu hình vào sổ. Bấm “Tính toán & xếp hạng” để tính lại.",
  noSettingsSheet:
    "Sổ không có sheet {sheet} nên chưa lưu được. Bấm nút dưới đây để thêm sheet theo mẫu và lưu.",
  settingsSheetAdded:
    "Đã thêm sheet “{sheet}” theo mẫu và lưu cấu hình vào đó; các sheet khác giữ nguyên. Bấm “Tính toán & xếp hạng” để tính lại.",
  thresholdOrder: "Các ngưỡng phải giảm dần: Tốt > Khá > Trung bình.",
  notAllowed: "Giá trị này không được phép; xem các giá trị cho phép ở trên.",
  notAPeriod: "Hãy nhập một kỳ, ví dụ Quý II/2015, hoặc để trống.",
  allowedValues: "Cho phép: {values}.",
  allowed_text: "chữ bất kỳ",
  allowed_integer: "số nguyên từ 0",
  allowed_number: "số từ 0",
  allowed_percent: "0–100%",
  allowed_period: "một quý (Quý II/2015), một năm (2015) hoặc để trống",
  allowedScale: "1, 100 hoặc 1.000",
  allowedDecimals: "số nguyên 0–6",
  allowedDraws: "số nguyên 1–100.000",
  allowedCap: "số từ 1 (1 = 100%)",
  allowedNear: "trên 0 đến 100%",
  allowedThresholds: "số từ 0, Tốt > Khá > Trung bình",
  stale:
    "Cấu hình đã đổi sau lần tính này: các kết quả dưới đây là của cấu hình cũ. Bấm “Tính toán & xếp hạng” để tính lại.",
  error: "Lỗi",
  warning: "Cảnh báo",
  info: "Thông tin",
  previewTitle: "Xem trước bảng điều khiển (ngoài Excel)",
  openFile: "Mở tệp .xlsx",
  useSample: "Dùng tệp mẫu Lào Cai",
  download: "Tải kết quả (.xlsx)",
  downloadUnsigned:
    "Lưu ý: sổ {input} có chữ ký số. Chữ ký chỉ đúng với sổ như lúc ký, nên bản tải về {file} không kèm chữ ký đó (giữ lại thì Excel sẽ báo chữ ký không hợp lệ). Nếu {file} cần chữ ký, hãy ký lại trong Excel: Tệp > Thông tin > Bảo vệ Sổ làm việc.",
  darkTheme: "Giao diện tối",
  paneWidth: "Độ rộng bảng điều khiển",
  widthOption: "{width} px – {where}",
  widthMac: "Excel trên Mac",
  widthWindows: "Excel trên Windows",
  widthWeb: "Excel trên web",
  widthWide: "kéo rộng",
  dropHint: "Mở hoặc kéo thả một tệp .xlsx vào đây, hoặc dùng tệp mẫu.",
  readOnly: "Sổ {file} (chỉ xem)",
  sheets: "Các sheet",
  rowsShown: "Dòng {first}–{last} trên {total}",
  loadError:
    "Không đọc được tệp {file}: đây không phải tệp .xlsx hợp lệ. Hãy lưu lại bằng Excel dưới dạng Sổ làm việc Excel (.xlsx) rồi mở lại.",
  openingFile: "Đang mở {file}…",
  technicalDetails: "Chi tiết kỹ thuật (cho người hỗ trợ)",
  help: "Trợ giúp",
  helpTitle: "Mở trang trợ giúp: các mục và nút của ngăn này",
};

const EN: typeof VI = {
  title: "IT-application plan",
  language: "Language",
  period: "Period",
  currentPeriod: "Current period ({period})",
  currentPeriodNone: "Current period",
  validate: "Validate",
  compute: "Compute & rank",
  summary: "Quarterly summary",
  laterSummary:
    "{sheets}, made earlier, is a snapshot that still uses the {period} figures as they were: if you just corrected {period} figures, choose that sheet's period and click Quarterly summary to make it again.",
  actions: "Actions",
  cancel: "Cancel",
  cancelled: "Cancelled; the workbook was not changed.",
  stage_read: "Reading the workbook…",
  stage_check: "Checking…",
  stage_compute: "Computing and ranking…",
  stage_summary: "Summarising…",
  stage_sheets: "Building the output sheets…",
  stage_write: "Writing to the workbook (cannot be cancelled)…",
  stage_document: "Writing the Word document…",
  stage_save: "The report is ready; waiting for you to save the file…",
  report: "Download Word report",
  reportSaved: "The report {file} is ready.",
  reportSavedWithNotes:
    "The report {file} is ready. The data still has {error} {error:error|errors} and {warning} {warning:warning|warnings}: the report carries a note; check the Findings before sending it.",
  reportNotSaved: "The dialog was closed before the report was saved; press Download Word report to save it.",
  saveTitle: "Save the report",
  saveReceiving: "Receiving the report…",
  saveButton: "Save {file}",
  saveDone: "{file} was saved to the browser's Downloads folder. You can close this dialog.",
  close: "Close",
  progress: "Progress",
  progress_compute: "{done}/{total} simulation draws",
  progress_write: "{done}/{total} rows",
  done: "Done: wrote {sheets}.",
  doneWithNotes:
    "Done: wrote {sheets}. The data have {error} {error:error|errors} and {warning} {warning:warning|warnings}: the report carries a note; review the findings before sending it.",
  checked: "Checked: {error} {error:error|errors}, {warning} {warning:warning|warnings}, {info} info.",
  edited:
    "Sheet {sheets} is not as ictplan wrote it (it was edited by hand, or a sheet of yours now has its name). To keep it, rename it. Overwrite it?",
  plannersObjects:
    "Sheet {sheets} holds pictures, charts, shapes, slicers, notes, tables, PivotTables or links you put there; ictplan writes that sheet anew, so it wrote nothing, to lose none of them. To keep them, move them to a sheet of your own (select, Cut, then Paste on that sheet; a chart moved so still draws on the same figures). Overwrite without them?",
  ribbonEdited:
    "Sheet {sheets} is not as ictplan wrote it (it was edited by hand, or a sheet of yours now has its name), so it was not overwritten. To keep it, rename it; to overwrite it, open the ictplan pane (Home → ictplan) and choose Overwrite.",
  overwrite: "Overwrite",
  openSheets: "Open sheet:",
  openSheet: "Open sheet {sheet}",
  needsExcel: "Open this pane in Excel (Microsoft 365, Excel 2019 or later, Excel on the web).",
  needsApi:
    "This Excel does not support {set} {version}. Please update Office (Microsoft 365, Excel 2019 or later, Excel on the web).",
  missing_printLayout:
    "This Excel does not support {set} {version}: the quarterly summary is written without its page setup (A4, scale, margins, print area, footer with page numbers, page breaks, repeated title rows). Set it on the Page Layout tab before printing.",
  missing_chartSources:
    "This Excel does not support {set} {version}: ictplan cannot read a chart's data ranges, so your charts drawn from the output sheets (Results, Ranking, Checks, the summaries) show #REF! after each Compute. After computing, select their data again (Chart Design → Select Data), or use Excel for Microsoft 365 or Excel on the web.",
  views: "Views",
  overview: "Overview",
  findings: "Findings",
  rankings: "Rankings",
  attainment: "Targets",
  moreViews: "More views ({n})",
  settings: "Settings",
  loading: "Reading the plan workbook…",
  province: "Province",
  year: "Plan year",
  units: "Units",
  indicators: "Indicators",
  periods: "Periods with figures",
  none: "(none)",
  noPlan:
    "This workbook holds no plan yet. Under Findings, each missing sheet (Units, Indicators, Figures) has a button that adds it from the template; then fill the sheets in.",
  showFindings: "See the Findings",
  noFindings: "No findings.",
  filter: "Filter",
  search: "Search findings",
  showing: "Showing {shown} of {total}",
  goToCell: "Go to cell {cell}",
  noSuchSheet: "The workbook has no sheet “{sheet}”",
  wholeSheet: "whole sheet",
  addSheet: "Add sheet “{sheet}” from the template",
  sheetAdded:
    "Added sheet “{sheet}” from the template (header row, formats, drop-downs); no other sheet was changed. Checked again: {error} errors, {warning} warnings, {info} notes.",
  noResults: "No results yet. Click “Compute & rank”.",
  group: "Ranking group",
  rank: "Rank",
  unit: "Unit",
  index: "Index",
  grade: "Grade",
  change: "Change",
  interval: "Rank range",
  intervalNote:
    "Rank range: the 5th to 95th percentile of the rank when the weights vary by ±{spread} ({draws} draws).",
  rankUp: "up {n}",
  rankDown: "down {n}",
  rankSame: "unchanged",
  newUnit: "new",
  missingFigures: "Missing figures",
  withData: "With figures",
  rankingCaption: "{group} ranking, {period}",
  attainmentCaption: "Province attainment, {period}",
  save: "Save to the {sheet} sheet",
  saved: "Settings saved to the workbook. Click “Compute & rank” to recompute.",
  noSettingsSheet:
    "The workbook has no {sheet} sheet, so nothing was saved. Use the button below to add it from the template and save.",
  settingsSheetAdded:
    "Added the sheet “{sheet}” from the template and saved the settings in it; no other sheet changed. Choose “Compute & rank” to recompute.",
  thresholdOrder: "Thresholds must decrease: Good > Fair > Average.",
  notAllowed: "This value is not allowed; see the allowed values above.",
  notAPeriod: "Enter a period, e.g. 2015-Q2, or leave it blank.",
  allowedValues: "Allowed: {values}.",
  allowed_text: "any text",
  allowed_integer: "a whole number from 0",
  allowed_number: "a number from 0",
  allowed_percent: "0–100%",
  allowed_period: "a quarter (2015-Q2), a year (2015) or blank",
  allowedScale: "1, 100 or 1,000",
  allowedDecimals: "a whole number 0–6",
  allowedDraws: "a whole number 1–100,000",
  allowedCap: "a number from 1 (1 = 100%)",
  allowedNear: "above 0 up to 100%",
  allowedThresholds: "numbers from 0, Good > Fair > Average",
  stale:
    "The settings changed after this computation: the results below are for the old settings. Click “Compute & rank” to recompute.",
  error: "Error",
  warning: "Warning",
  info: "Info",
  previewTitle: "Task pane preview (outside Excel)",
  openFile: "Open .xlsx file",
  useSample: "Use the Lao Cai sample",
  download: "Download results (.xlsx)",
  downloadUnsigned:
    "Note: the workbook {input} is digitally signed. A signature holds only for the workbook as it was signed, so the download {file} is without it (kept, Excel would report it as invalid). If {file} must be signed, sign it again in Excel: File > Info > Protect Workbook.",
  darkTheme: "Dark theme",
  paneWidth: "Task pane width",
  widthOption: "{width} px – {where}",
  widthMac: "Excel on Mac",
  widthWindows: "Excel on Windows",
  widthWeb: "Excel on the web",
  widthWide: "widened",
  dropHint: "Open or drop an .xlsx file here, or use the sample.",
  readOnly: "Workbook {file} (read-only)",
  sheets: "Sheets",
  rowsShown: "Rows {first}–{last} of {total}",
  loadError:
    "Could not read {file}: it is not a valid .xlsx file. Save it from Excel as an Excel Workbook (.xlsx) and open it again.",
  openingFile: "Opening {file}…",
  technicalDetails: "Technical details (for support)",
  help: "Help",
  helpTitle: "Open the help page: this pane's views and buttons",
};

export type Key = keyof typeof VI;
/** Every key of the catalogs (the tests read each string in both languages). */
export const KEYS = Object.keys(VI) as readonly Key[];

const CHOSEN = "ictplan.lang";

/** The language the user last chose in the pane, else the given default (Office's display language). */
export function chosenLang(fallback: Lang): Lang {
  try {
    const v = window.localStorage.getItem(CHOSEN);
    return v === "vi" || v === "en" ? v : fallback;
  } catch {
    return fallback; // storage can be disabled; the default is then used every time
  }
}

/** Remembers the user's choice of language for the next time the pane opens. */
export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(CHOSEN, lang);
  } catch {
    // Not remembered where storage is disabled.
  }
}

/** A string of the catalog with {placeholders} filled in. */
export function t(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return fillTemplate((lang === "vi" ? VI : EN)[key], params);
}

/** A number as the language writes it (vi: 1.234,5 and 10.000; en: 1,234.5 and 10,000): the engine's formatter, the
 *  one the output sheets' messages and the report use, so every number the pane shows is written one way. */
export function formatNumber(lang: Lang, x: number, decimals = 2): string {
  return engineNumber(x, decimals, lang);
}

/** A share as the language writes it (vi: 83,3%). */
export function formatPercent(lang: Lang, x: number, decimals = 1): string {
  return enginePercent(x, lang, decimals);
}

/** A number typed in the language's way, or null. Vietnamese is read as the Cấu hình sheet reads a number typed as
 *  text ("1.234,5", "0,8", "1.000" is one thousand, "1.2" and "0.600" are decimals); English takes commas only as
 *  thousands ("1,234.5"), so "0,6" is refused rather than read as 6. */
export function parseNumber(lang: Lang, text: string): number | null {
  const s = text.trim();
  if (lang === "vi") return /^[-+]?[\d.,]+$/.test(s) ? (readNumber(s)?.value ?? null) : null;
  if (s.includes(",") && !/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return null;
  const plain = s.split(",").join("");
  return /^[-+]?\d+(\.\d+)?$/.test(plain) ? Number(plain) : null;
}

/** An input sheet's name as the template of a language writes it ("Cấu hình", "Settings"). */
export function inputSheetName(key: SheetDef["key"], lang: Lang): string {
  const d = sheetDef(key);
  return lang === "vi" ? d.name : d.nameEn;
}

/** A period key as the language writes it ("2015-Q2" → "Quý II/2015"). */
export function periodLabel(lang: Lang, key: string): string {
  const p = periodFromKey(key);
  return p ? formatPeriod(p, lang) : key;
}
