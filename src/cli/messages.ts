/** The CLI's own messages in Vietnamese and English. */
import { fillTemplate } from "../engine/text";
export type Lang = "vi" | "en";

const VI = {
  usage: `ictplan — kế hoạch ứng dụng CNTT

Cách dùng:
  ictplan validate <plan.xlsx>                         kiểm tra sổ kế hoạch
  ictplan compute <plan.xlsx> [--period 2015-Q2] [-o out.xlsx] [--in-place] [--force]
                                                       tính kết quả, xếp hạng và tạo sheet tổng hợp
  ictplan report <plan.xlsx> [--period 2015-Q2] [-o bao-cao.docx]
                                                       viết báo cáo quý dạng Word (.docx)
  ictplan consolidate <a.xlsx> <b.xlsx>… -o tinh.xlsx  gộp sổ của các đơn vị
  ictplan template [-o plan.xlsx]                      tạo sổ mẫu trống
  ictplan sample [-o sample.xlsx]                      ghi sổ mẫu Lào Cai
  ictplan demo                                         chạy thử trên sổ mẫu, ghi vào out/

Tùy chọn: --lang vi|en, --json (kết quả dạng máy đọc), --no-robustness
Mã thoát: 0 không có lỗi; 1 dữ liệu có lỗi hoặc không đủ để lập báo cáo; 2 sai cú pháp hoặc không đọc được tệp.`,
  unknownCommand: "Lệnh không hợp lệ: {value}.",
  missingFile: "Thiếu tên tệp .xlsx.",
  missingOutput: "Cần -o <tệp ra>.",
  badOption: "Tùy chọn không hợp lệ: {value}.",
  badPeriod: 'Kỳ "{value}" không hợp lệ; viết 2015-Q2, "Quý II/2015" hoặc 2014.',
  notFound: "Không tìm thấy tệp {file}.",
  tooBig:
    "Tệp {file} lớn {size} MB, vượt giới hạn {limit} MB. Hãy tách sổ hoặc xóa các sheet không cần thiết.",
  oldXls:
    "Tệp {file} là định dạng .xls cũ (Excel 97–2003) hoặc được đặt mật khẩu. Hãy mở trong Excel, bỏ mật khẩu và lưu dạng .xlsx.",
  notXlsx: "Tệp {file} không phải là tệp .xlsx. Hãy lưu sổ dạng Excel Workbook (.xlsx).",
  corrupt: "Không đọc được tệp {file}: tệp bị hỏng hoặc không đúng định dạng .xlsx ({detail}).",
  empty: "Sổ {file} không có sheet nào.",
  sameAsInput: "Tệp ra trùng với tệp vào; dùng --in-place nếu muốn ghi đè.",
  edited:
    "Sheet {sheets} do ictplan tạo đã bị sửa tay. Chép phần đã sửa sang sheet khác, hoặc chạy lại với --force để ghi đè.",
  notOwned: "Không thể ghi: {detail}. Đổi tên sheet đó rồi chạy lại.",
  writeFailed: "Không ghi được {file}: {detail}.",
  reading: "Đang đọc {file}…",
  computing: "Đang tính {period}…",
  writing: "Đang ghi {file}…",
  findingsSummary: "Kiểm tra: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
  noFindings: "Kiểm tra: không có phát hiện nào.",
  ranking: "Xếp hạng {period} – {group}",
  distribution: "Phân loại",
  written: "Đã ghi: {file}",
  consolidated: "Đã gộp {files} tệp: {units} đơn vị, {figures} số liệu.",
  tableHeader: "Sheet | Ô | Mã | Nội dung",
  rankHeader: "Hạng | Đơn vị | Chỉ số | Xếp loại | Khoảng hạng",
  openWith: "Mở bằng Excel hoặc LibreOffice để xem công thức, biểu đồ và sheet tổng hợp.",
};

const EN: typeof VI = {
  usage: `ictplan — IT-application plans

Usage:
  ictplan validate <plan.xlsx>                         check a plan workbook
  ictplan compute <plan.xlsx> [--period 2015-Q2] [-o out.xlsx] [--in-place] [--force]
                                                       compute results and rankings, write the summary tab
  ictplan report <plan.xlsx> [--period 2015-Q2] [-o report.docx]
                                                       write the quarterly report as a Word document
  ictplan consolidate <a.xlsx> <b.xlsx>… -o province.xlsx  merge units' workbooks
  ictplan template [-o plan.xlsx]                      write an empty plan template
  ictplan sample [-o sample.xlsx]                      write the Lào Cai sample
  ictplan demo                                         run on the sample, write out/

Options: --lang vi|en, --json (machine-readable output), --no-robustness
Exit codes: 0 clean; 1 findings of severity error, or data a report cannot be made from; 2 usage error or unreadable file.`,
  unknownCommand: "Unknown command: {value}.",
  missingFile: "An .xlsx file name is missing.",
  missingOutput: "-o <output file> is required.",
  badOption: "Unknown option: {value}.",
  badPeriod: 'Period "{value}" is not valid; write 2015-Q2, "Quý II/2015" or 2014.',
  notFound: "File {file} not found.",
  tooBig:
    "File {file} is {size} MB, over the {limit} MB limit. Split the workbook or remove sheets it does not need.",
  oldXls:
    "File {file} is an old .xls (Excel 97–2003) file or is password-protected. Open it in Excel, remove the password and save it as .xlsx.",
  notXlsx: "File {file} is not an .xlsx file. Save the workbook as Excel Workbook (.xlsx).",
  corrupt: "Could not read {file}: the file is damaged or not a valid .xlsx ({detail}).",
  empty: "Workbook {file} has no sheets.",
  sameAsInput: "The output is the input file; use --in-place to overwrite it.",
  edited:
    "Sheet {sheets}, written by ictplan, was edited by hand. Copy your edits to another sheet, or run again with --force to overwrite.",
  notOwned: "Cannot write: {detail}. Rename that sheet and run again.",
  writeFailed: "Could not write {file}: {detail}.",
  reading: "Reading {file}…",
  computing: "Computing {period}…",
  writing: "Writing {file}…",
  findingsSummary: "Checks: {error} errors, {warning} warnings, {info} info.",
  noFindings: "Checks: no findings.",
  ranking: "Ranking {period} – {group}",
  distribution: "Grades",
  written: "Written: {file}",
  consolidated: "Merged {files} files: {units} units, {figures} figures.",
  tableHeader: "Sheet | Cell | Code | Message",
  rankHeader: "Rank | Unit | Index | Grade | Rank interval",
  openWith: "Open it in Excel or LibreOffice to see the formulas, charts and the summary tab.",
};

export type MessageKey = keyof typeof VI;

/** A CLI message with {placeholders} filled in. */
export function msg(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const t = (lang === "vi" ? VI : EN)[key];
  return fillTemplate(t, params);
}

/** The language from the environment's locale: English when it starts with "en", else Vietnamese. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const loc = env.ICTPLAN_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? "";
  return /^en/i.test(loc) ? "en" : "vi";
}
