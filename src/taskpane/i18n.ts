/** Task-pane strings in Vietnamese (default) and English, and number formatting per language. */
import { fillTemplate } from "../engine/text";
export type Lang = "vi" | "en";

const VI = {
  title: "Kế hoạch ứng dụng CNTT",
  language: "Ngôn ngữ",
  period: "Kỳ báo cáo",
  periodHint: "Ví dụ Quý II/2015 hoặc 2014; để trống là kỳ hiện tại",
  validate: "Kiểm tra",
  compute: "Tính toán & xếp hạng",
  summary: "Tạo báo cáo quý",
  working: "Đang xử lý…",
  done: "Xong: đã ghi {sheets}.",
  checked: "Đã kiểm tra: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
  edited: "Sheet {sheets} do ictplan tạo đã bị sửa tay. Ghi đè?",
  overwrite: "Ghi đè",
  needsExcel: "Hãy mở bảng điều khiển này trong Excel (Microsoft 365 hoặc Excel 2021 trở lên).",
  needsApi:
    "Excel này chưa hỗ trợ ExcelApi 1.7. Hãy cập nhật Office (Microsoft 365 hoặc Excel 2021 trở lên).",
  findings: "Phát hiện",
  noFindings: "Không có phát hiện nào.",
  ranking: "Xếp hạng",
  rank: "Hạng",
  unit: "Đơn vị",
  index: "Chỉ số",
  grade: "Xếp loại",
  interval: "Khoảng hạng",
  plan: "{province} – {units} đơn vị, {indicators} chỉ tiêu, kỳ {periods}",
  error: "Lỗi",
  warning: "Cảnh báo",
  info: "Thông tin",
};

const EN: typeof VI = {
  title: "IT-application plan",
  language: "Language",
  period: "Period",
  periodHint: "E.g. 2015-Q2 or 2014; blank means the current period",
  validate: "Validate",
  compute: "Compute & rank",
  summary: "Quarterly summary",
  working: "Working…",
  done: "Done: wrote {sheets}.",
  checked: "Checked: {error} errors, {warning} warnings, {info} info.",
  edited: "Sheet {sheets}, written by ictplan, was edited by hand. Overwrite it?",
  overwrite: "Overwrite",
  needsExcel: "Open this pane in Excel (Microsoft 365 or Excel 2021 or later).",
  needsApi:
    "This Excel does not support ExcelApi 1.7. Please update Office (Microsoft 365 or Excel 2021 or later).",
  findings: "Findings",
  noFindings: "No findings.",
  ranking: "Ranking",
  rank: "Rank",
  unit: "Unit",
  index: "Index",
  grade: "Grade",
  interval: "Rank interval",
  plan: "{province} – {units} units, {indicators} indicators, periods {periods}",
  error: "Error",
  warning: "Warning",
  info: "Info",
};

export type Key = keyof typeof VI;

/** A string of the catalog with {placeholders} filled in. */
export function t(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return fillTemplate((lang === "vi" ? VI : EN)[key], params);
}

/** A number as the language writes it (vi: 1.234,5). */
export function formatNumber(lang: Lang, x: number, decimals = 2): string {
  return x.toLocaleString(lang === "vi" ? "vi-VN" : "en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}
