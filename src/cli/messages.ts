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
  tooManyFiles: "Lệnh {command} nhận một tệp .xlsx, không phải nhiều tệp ({files}).",
  missingValue: "Tùy chọn {option} cần một giá trị, ví dụ {option} {example}.",
  missingOutput: "Cần -o <tệp ra>.",
  badOption: "Tùy chọn không hợp lệ: {value}.",
  badPeriod: 'Kỳ "{value}" không hợp lệ; viết 2015-Q2, "Quý II/2015" hoặc 2014.',
  notFound: "Không tìm thấy tệp {file}.",
  tooBig:
    "Tệp {file} lớn {size} MB, vượt giới hạn {limit} MB. Hãy tách sổ hoặc xóa các sheet không cần thiết.",
  oldXls:
    'Tệp {file} là định dạng .xls cũ (Excel 97–2003), ictplan chỉ đọc .xlsx. Hãy mở tệp trong Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx); hoặc chuyển bằng LibreOffice: soffice --headless --convert-to xlsx "{file}".',
  password:
    "Tệp {file} được đặt mật khẩu để mở nên ictplan không đọc được. Hãy mở trong Excel, vào Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi chạy lại (hoặc làm trên một bản sao).",
  ods: 'Tệp {file} là bảng tính OpenDocument (.ods), ictplan chỉ đọc .xlsx. Trong LibreOffice chọn Tệp → Lưu thành → Excel 2007-365 (.xlsx); hoặc chạy soffice --headless --convert-to xlsx "{file}".',
  notXlsx: "Tệp {file} không phải là tệp .xlsx. Hãy lưu sổ dạng Sổ làm việc Excel (.xlsx).",
  emptyFile:
    "Tệp {file} rỗng (0 byte): có thể việc sao chép hoặc tải về chưa xong. Hãy lấy lại tệp từ nơi gốc rồi chạy lại.",
  webPage:
    'Tệp {file} thực ra là trang web (HTML) được đặt tên .xls, như nhiều phần mềm báo cáo xuất ra, không phải sổ Excel. Hãy mở tệp trong Excel và chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx); hoặc chuyển bằng LibreOffice: soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx "{file}".',
  xml2003:
    'Tệp {file} là Bảng tính XML 2003 (định dạng XML của Excel 2003), ictplan chỉ đọc .xlsx. Hãy mở tệp trong Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx); hoặc chuyển bằng LibreOffice: soffice --headless --convert-to xlsx "{file}".',
  xlsb: 'Tệp {file} là Sổ làm việc nhị phân Excel (.xlsb), ictplan chỉ đọc .xlsx. Hãy mở tệp trong Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx); hoặc chuyển bằng LibreOffice: soffice --headless --convert-to xlsx "{file}".',
  strict:
    "Tệp {file} được lưu dạng Bảng tính Open XML Nghiêm ngặt, ictplan chưa ghi được vào dạng này. Hãy mở tệp trong Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx) rồi chạy lại với tệp đó.",
  numbers:
    "Tệp {file} là bảng tính Apple Numbers, ictplan chỉ đọc .xlsx. Trong Numbers chọn Tệp → Xuất sang → Excel, chọn .xlsx, rồi chạy lại với tệp đó.",
  corrupt:
    "Tệp {file} bị hỏng: không giải nén được hoặc nội dung không đúng định dạng .xlsx. Hãy mở tệp trong Excel hoặc LibreOffice (chúng có thể sửa tệp), lưu lại dạng .xlsx rồi chạy lại.",
  tooLargeUnpacked:
    "Tệp {file} khi giải nén vượt {limitMB} MB, giới hạn của ictplan (tệp nén rất mạnh hoặc có sheet quá lớn). Hãy tách sổ hoặc xóa các sheet không cần thiết.",
  tooManyCells:
    "Sổ {file} có hơn {limit} ô có dữ liệu (giới hạn của ictplan, đến sheet {sheet}). Hãy tách sổ.",
  tooManyRows:
    "Sheet {sheet} của tệp {file} có dữ liệu quá dòng {limit}, giới hạn của Excel: tệp không do Excel ghi hoặc bị hỏng. Hãy mở và lưu lại trong Excel hoặc LibreOffice.",
  textTooLong:
    "Ô {cell} của sheet {sheet} trong tệp {file} có văn bản dài {length} ký tự, vượt giới hạn {limit} ký tự của Excel. Hãy rút ngắn nội dung ô đó.",
  tooWide:
    "Sheet {sheet} của tệp {file} có dữ liệu xa tới ô {right} (bên phải) và ô {down} (bên dưới): vùng dữ liệu vượt giới hạn {limit} ô của ictplan. Thường là một giá trị gõ nhầm ở xa bảng: hãy xóa nó (hoặc chuyển lại gần bảng) rồi chạy lại.",
  unexpected:
    "ictplan gặp lỗi không mong muốn khi xử lý {file}; không tệp nào bị thay đổi. Hãy báo lỗi kèm tệp (đặt ICTPLAN_DEBUG=1 để xem chi tiết kỹ thuật).",
  empty: "Sổ {file} không có trang tính (worksheet) nào.",
  sameAsInput:
    "Tệp ra {file} chính là tệp vào (cùng một tệp, có thể qua liên kết hoặc khác chữ hoa/thường); dùng --in-place nếu muốn ghi vào chính nó.",
  edited:
    "Sheet {sheets} do ictplan tạo đã bị sửa tay. Chép phần đã sửa sang sheet khác, hoặc chạy lại với --force để ghi đè.",
  notOwned: "Không thể ghi: {detail}. Đổi tên sheet đó rồi chạy lại.",
  writeFailed:
    "Không ghi được {file} (mã lỗi hệ thống {code}). Kiểm tra thư mục có tồn tại và ghi được, đĩa còn chỗ, tệp không đang mở trong chương trình khác.",
  outputExists:
    "Tệp {file} đã có và không phải bản ictplan ghi ra còn nguyên (đã bị sửa, hoặc là tệp khác). ictplan không ghi đè để không mất dữ liệu: chọn tên khác bằng -o, hoặc thêm --force nếu chắc chắn muốn ghi đè.",
  outputNotFile: "{file} là một thư mục, không phải tệp. Hãy chọn tên tệp .xlsx.",
  macroOutput:
    "Sổ vào {file} có macro (.xlsm): tệp ra cũng phải là .xlsm để giữ macro và mở được trong Excel.",
  reading: "Đang đọc {file}…",
  computing: "Đang tính {period}…",
  computingCurrent: "Đang tính kỳ hiện tại của sổ…",
  writing: "Đang ghi {file}…",
  findingsSummary: "Kiểm tra: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
  noFindings: "Kiểm tra: không có lỗi, cảnh báo hay thông tin nào.",
  ranking: "Xếp hạng {period} – {group}",
  distribution: "Phân loại",
  written: "Đã ghi: {file}",
  consolidated: "Đã gộp {files} tệp: {units} đơn vị, {figures} số liệu.",
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
  tooManyFiles: "Command {command} takes one .xlsx file, not several ({files}).",
  missingValue: "Option {option} needs a value, e.g. {option} {example}.",
  missingOutput: "-o <output file> is required.",
  badOption: "Unknown option: {value}.",
  badPeriod: 'Period "{value}" is not valid; write 2015-Q2, "Quý II/2015" or 2014.',
  notFound: "File {file} not found.",
  tooBig:
    "File {file} is {size} MB, over the {limit} MB limit. Split the workbook or remove sheets it does not need.",
  oldXls:
    'File {file} is an old .xls workbook (Excel 97–2003); ictplan reads .xlsx only. Open it in Excel and choose File → Save As → Excel Workbook (.xlsx), or convert it with LibreOffice: soffice --headless --convert-to xlsx "{file}".',
  password:
    "File {file} is protected with a password to open, so ictplan cannot read it. Open it in Excel, go to File → Info → Protect Workbook → Encrypt with Password, clear the password, save, and run again (or do this on a copy).",
  ods: 'File {file} is an OpenDocument spreadsheet (.ods); ictplan reads .xlsx only. In LibreOffice choose File → Save As → Excel 2007-365 (.xlsx), or run soffice --headless --convert-to xlsx "{file}".',
  notXlsx: "File {file} is not an .xlsx file. Save the workbook as Excel Workbook (.xlsx).",
  emptyFile:
    "File {file} is empty (0 bytes): a copy or download may not have finished. Get the file again from where it came from and run again.",
  webPage:
    'File {file} is really a web page (HTML) named .xls, as many reporting programs export, not an Excel workbook. Open it in Excel and choose File → Save As → Excel Workbook (.xlsx), or convert it with LibreOffice: soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx "{file}".',
  xml2003:
    'File {file} is an XML Spreadsheet 2003 (Excel 2003\'s XML format); ictplan reads .xlsx only. Open it in Excel and choose File → Save As → Excel Workbook (.xlsx), or convert it with LibreOffice: soffice --headless --convert-to xlsx "{file}".',
  xlsb: 'File {file} is an Excel Binary Workbook (.xlsb); ictplan reads .xlsx only. Open it in Excel and choose File → Save As → Excel Workbook (.xlsx), or convert it with LibreOffice: soffice --headless --convert-to xlsx "{file}".',
  strict:
    "File {file} was saved as Strict Open XML Spreadsheet, which ictplan cannot write into yet. Open it in Excel, choose File → Save As → Excel Workbook (.xlsx), and run again on that file.",
  numbers:
    "File {file} is an Apple Numbers spreadsheet; ictplan reads .xlsx only. In Numbers choose File → Export To → Excel, pick .xlsx, and run again on that file.",
  corrupt:
    "File {file} is damaged: it cannot be unpacked, or its content is not a valid .xlsx. Open it in Excel or LibreOffice (they can often repair it), save it as .xlsx and run again.",
  tooLargeUnpacked:
    "File {file} unpacks to more than {limitMB} MB, ictplan's limit (it is very highly compressed or has a huge sheet). Split the workbook or remove sheets it does not need.",
  tooManyCells:
    "Workbook {file} has more than {limit} cells with data (ictplan's limit, reached on sheet {sheet}). Split the workbook.",
  tooManyRows:
    "Sheet {sheet} of {file} has data beyond row {limit}, Excel's limit: the file was not written by Excel or is damaged. Open it and save it again in Excel or LibreOffice.",
  textTooLong:
    "Cell {cell} of sheet {sheet} in {file} holds text of {length} characters, over Excel's limit of {limit}. Shorten that cell.",
  tooWide:
    "Sheet {sheet} of {file} has data as far right as cell {right} and as far down as cell {down}: the area spans more than ictplan's limit of {limit} cells. This is usually a value typed far from the table: delete it (or move it next to the table) and run again.",
  unexpected:
    "ictplan hit an unexpected error while processing {file}; no file was changed. Please report it with the file (set ICTPLAN_DEBUG=1 for technical details).",
  empty: "Workbook {file} has no worksheets.",
  sameAsInput:
    "The output {file} is the input file (the same file, perhaps through a link or in other letter case); use --in-place to write into it.",
  edited:
    "Sheet {sheets}, written by ictplan, was edited by hand. Copy your edits to another sheet, or run again with --force to overwrite.",
  notOwned: "Cannot write: {detail}. Rename that sheet and run again.",
  writeFailed:
    "Could not write {file} (system error {code}). Check that the folder exists and is writable, the disk has room, and the file is not open in another program.",
  outputExists:
    "File {file} exists and is not an unchanged ictplan output (it was edited, or it is another file). ictplan does not overwrite it, so nothing is lost: choose another name with -o, or add --force to overwrite it.",
  outputNotFile: "{file} is a folder, not a file. Choose an .xlsx file name.",
  macroOutput:
    "The input {file} has macros (.xlsm): the output must be .xlsm too, to keep them and to open in Excel.",
  reading: "Reading {file}…",
  computing: "Computing {period}…",
  computingCurrent: "Computing the workbook's current period…",
  writing: "Writing {file}…",
  findingsSummary: "Checks: {error} errors, {warning} warnings, {info} info.",
  noFindings: "Checks: no errors, warnings or notes.",
  ranking: "Ranking {period} – {group}",
  distribution: "Grades",
  written: "Written: {file}",
  consolidated: "Merged {files} files: {units} units, {figures} figures.",
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
