/**
 * Why a workbook file cannot be read, in the planner's words (Vietnamese and English): one catalog for the CLI and
 * the pane, so a password, an .xls or a damaged zip is named the same way wherever the file was opened.
 */
import { fillTemplate } from "../engine/text";
import type { ProblemReason, WorkbookProblem } from "./xlsx/problems";

const VI = {
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
  wordDocument:
    "Tệp {file} là văn bản Word (.docx), không phải sổ Excel. Hãy chỉ ra tệp sổ kế hoạch (.xlsx); báo cáo .docx do ictplan viết chỉ để đọc và in.",
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
  empty: "Sổ {file} không có trang tính (worksheet) nào.",
};

const EN: typeof VI = {
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
  wordDocument:
    "File {file} is a Word document (.docx), not an Excel workbook. Give the plan workbook (.xlsx); the .docx report ictplan writes is for reading and printing only.",
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
  empty: "Workbook {file} has no worksheets.",
};

/** The texts by language; the CLI's catalog includes them under the same keys. */
export const PROBLEM_TEXT = { vi: VI, en: EN };

export type ProblemKey = keyof typeof VI;

/** The text for each reason a workbook cannot be read (several reasons share one). */
export const PROBLEM_MESSAGES: Record<ProblemReason, ProblemKey> = {
  password: "password",
  xls: "oldXls",
  ods: "ods",
  notXlsx: "notXlsx",
  emptyFile: "emptyFile",
  webPage: "webPage",
  xml2003: "xml2003",
  xlsb: "xlsb",
  numbers: "numbers",
  wordDocument: "wordDocument",
  strict: "strict",
  damagedZip: "corrupt",
  noWorkbook: "notXlsx",
  damagedPart: "corrupt",
  tooLarge: "tooLargeUnpacked",
  tooManyCells: "tooManyCells",
  tooManyRows: "tooManyRows",
  textTooLong: "textTooLong",
  tooWide: "tooWide",
  noSheets: "empty",
};

/** What is wrong with the file and what to do, naming the file. */
export function problemMessage(problem: WorkbookProblem, file: string, lang: "vi" | "en"): string {
  return fillTemplate((lang === "vi" ? VI : EN)[PROBLEM_MESSAGES[problem.reason]], {
    ...problem.params,
    file,
  });
}
