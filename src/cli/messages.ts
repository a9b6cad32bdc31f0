/** The CLI's own messages in Vietnamese and English. */
import { fillTemplate } from "../engine/text";
import { PROBLEM_TEXT } from "../workbook/problemText";
export type Lang = "vi" | "en";

const VI = {
  ...PROBLEM_TEXT.vi,
  usage: `ictplan — kế hoạch ứng dụng CNTT

Cách dùng:
  ictplan validate <plan.xlsx>                         kiểm tra sổ kế hoạch
  ictplan compute <plan.xlsx> [--period 2015-Q2] [-o out.xlsx] [--in-place] [--force]
                                                       tính kết quả, xếp hạng và tạo sheet tổng hợp
  ictplan report <plan.xlsx> [--period 2015-Q2] [-o bao-cao.docx]
                                                       viết báo cáo quý dạng Word (.docx)
  ictplan consolidate <a.xlsx|thư mục>… -o tinh.xlsx   gộp sổ của các đơn vị
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
  inputIsFolder: "{file} là một thư mục, không phải tệp. Hãy chỉ ra tệp .xlsx của sổ kế hoạch.",
  unreadableInputs:
    "{count} tệp không đọc được, nên chưa gộp gì; sửa hoặc bỏ từng tệp khỏi lệnh rồi chạy lại:\n{list}",
  unexpandedPattern:
    "Không có tệp nào tên {pattern}: ictplan không tự mở rộng ký tự * hoặc ? (cửa sổ lệnh Windows cũng không). Hãy chỉ ra thư mục: ictplan consolidate {folder} -o tinh.xlsx.",
  noWorkbooks:
    "Thư mục {folder} không có tệp .xlsx nào. Hãy chép sổ của các đơn vị vào thư mục đó, hoặc chỉ ra từng tệp.",
  readDenied:
    "Bạn không có quyền đọc tệp {file}. Hãy xin quyền đọc tệp, hoặc chép tệp vào thư mục của mình, rồi chạy lại.",
  readFailed:
    "Không đọc được tệp {file} (mã lỗi hệ thống {code}). Kiểm tra tệp không đang bị chương trình khác khóa và ổ đĩa còn truy cập được, rồi chạy lại.",
  tooBig:
    "Tệp {file} lớn {size} MB, vượt giới hạn {limit} MB. Hãy tách sổ hoặc xóa các sheet không cần thiết.",
  unexpected:
    "ictplan gặp lỗi không mong muốn khi xử lý {file}; không tệp nào bị thay đổi. Hãy báo lỗi kèm tệp (đặt ICTPLAN_DEBUG=1 để xem chi tiết kỹ thuật).",
  sameAsInput:
    "Tệp ra {file} chính là tệp vào (cùng một tệp, có thể qua liên kết hoặc khác chữ hoa/thường); dùng --in-place nếu muốn ghi vào chính nó.",
  outputIsInput:
    "Tệp ra {file} chính là tệp vào (cùng một tệp, có thể qua liên kết hoặc khác chữ hoa/thường); ictplan không ghi đè tệp vào. Hãy chọn tên khác bằng -o.",
  edited:
    "Sheet {sheets} không còn như ictplan đã ghi (đã bị sửa tay hoặc một sheet của bạn đã mang tên đó). Muốn giữ phần đã sửa thì đổi tên sheet đó (hoặc chép sang sheet khác) rồi chạy lại; nếu không sửa gì trong sheet đó thì chạy lại với --force để ghi lại.",
  plannersObjects:
    "Sheet {sheets} có {objects} bạn đặt vào; ictplan ghi lại sheet đó từ đầu nên chưa ghi gì, để không làm mất chúng. Hãy chuyển chúng sang một sheet của bạn (chọn, Cắt, rồi Dán vào sheet kia; biểu đồ chuyển đi vẫn lấy số liệu như trước), rồi chạy lại; hoặc chạy lại với --force để ghi lại sheet mà không giữ chúng.",
  objectPicture: "hình ảnh",
  objectChart: "biểu đồ",
  objectShape: "hình vẽ",
  objectSlicer: "slicer",
  objectNotes: "ghi chú",
  objectTable: "bảng",
  objectPivotTable: "PivotTable",
  objectLink: "liên kết",
  notOwned:
    "Sổ có sheet {sheet} của bạn, trùng tên với một sheet ictplan ghi ra; ictplan không ghi đè sheet đó. Hãy đổi tên sheet đó rồi chạy lại.",
  writeFailed:
    "Không ghi được {file} (mã lỗi hệ thống {code}). Kiểm tra thư mục có tồn tại và ghi được, đĩa còn chỗ, tệp không đang mở trong chương trình khác.",
  outputExists:
    "Tệp {file} đã có và không phải bản ictplan ghi ra còn nguyên (đã bị sửa, hoặc là tệp khác). ictplan không ghi đè để không mất dữ liệu: chọn tên khác bằng -o, hoặc thêm --force nếu chắc chắn muốn ghi đè.",
  laterSummary:
    "Lưu ý: sheet {sheet} đã lập trước đó là bản chụp, vẫn dùng số liệu {period} như lúc lập; nếu vừa sửa số liệu {period}, lập lại sheet đó: ictplan compute {file} --period {later} --in-place",
  unsigned:
    "Lưu ý: sổ vào có chữ ký số. Chữ ký chỉ đúng với sổ như lúc ký, nên ictplan ghi {file} không kèm chữ ký đó (giữ lại thì Excel sẽ báo chữ ký không hợp lệ). Nếu {file} cần chữ ký, hãy ký lại trong Excel: Tệp > Thông tin > Bảo vệ Sổ làm việc.",
  stalePivots:
    "Lưu ý: PivotTable của bạn lấy số liệu từ sheet {sheets} vừa được ghi lại, và vẫn hiện số liệu cũ cho đến khi được làm mới: mở {file} trong Excel, chọn Dữ liệu > Làm mới Tất cả.",
  outputOpen:
    "Tệp {file} đang mở trong {program} (có tệp khóa {lock} bên cạnh), nên ictplan chưa ghi gì. Đóng tệp đó trong {program} rồi chạy lại: ghi lúc này thì lần lưu sau của {program} sẽ ghi đè bản ictplan vừa ghi. Nếu không chương trình nào đang mở tệp (tệp khóa còn sót lại sau khi máy tắt đột ngột), xóa {lock} rồi chạy lại, hoặc thêm --force.",
  fileExists:
    "Tệp {file} đã có; ictplan {command} không ghi đè một tệp đã có (đó có thể là kế hoạch đã điền số liệu). Chọn tên khác bằng -o, hoặc thêm --force nếu chắc chắn muốn thay tệp đó.",
  outputNotFile: "{file} là một thư mục, không phải tệp. Hãy chọn tên tệp .xlsx.",
  noFolder:
    "Thư mục {folder} không tồn tại. ictplan không tự tạo thư mục (để một lỗi gõ đường dẫn không sinh ra thư mục lạ): hãy tạo thư mục đó trước, hoặc sửa đường dẫn sau -o.",
  macroOutput:
    "Sổ vào {file} có macro (.xlsm): tệp ra cũng phải là .xlsm để giữ macro và mở được trong Excel.",
  newWorkbookXlsm:
    "ictplan {command} ghi một sổ mới không có macro, nên tệp ra phải là .xlsx (Excel không mở tệp .xlsm không có macro): đổi tên {file} thành .xlsx.",
  reading: "Đang đọc {file}…",
  readingFiles: "Đang đọc {count} tệp…",
  computing: "Đang tính {period}…",
  computingCurrent: "Đang tính kỳ hiện tại của sổ…",
  writing: "Đang ghi {file}…",
  findingsSummary: "Kiểm tra: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
  noFindings: "Kiểm tra: không có lỗi, cảnh báo hay thông tin nào.",
  ranking: "Xếp hạng {period} – {group}",
  distribution: "Phân loại",
  written: "Đã ghi: {file}",
  consolidated: "Đã gộp {files} tệp: {units} đơn vị, {figures} số liệu.",
  moreFindings: "  … và {count} mục nữa ({codes}); --json liệt kê đầy đủ.",
  filesWithErrors: "Tệp có lỗi ({count}): {files}.",
  openWith: "Mở bằng Excel hoặc LibreOffice để xem công thức, biểu đồ và sheet tổng hợp.",
};

const EN: typeof VI = {
  ...PROBLEM_TEXT.en,
  usage: `ictplan — IT-application plans

Usage:
  ictplan validate <plan.xlsx>                         check a plan workbook
  ictplan compute <plan.xlsx> [--period 2015-Q2] [-o out.xlsx] [--in-place] [--force]
                                                       compute results and rankings, write the summary tab
  ictplan report <plan.xlsx> [--period 2015-Q2] [-o report.docx]
                                                       write the quarterly report as a Word document
  ictplan consolidate <a.xlsx|folder>… -o province.xlsx   merge units' workbooks
  ictplan template [-o plan.xlsx]                      write an empty plan template
  ictplan sample [-o sample.xlsx]                      write the Lao Cai sample
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
  inputIsFolder: "{file} is a folder, not a file. Give the plan workbook's .xlsx file.",
  unreadableInputs:
    "{count} files cannot be read, so nothing was merged; fix each or leave it out, and run again:\n{list}",
  unexpandedPattern:
    "No file is named {pattern}: ictplan does not expand * or ? (nor do Windows' command prompt and PowerShell). Give the folder: ictplan consolidate {folder} -o province.xlsx.",
  noWorkbooks: "Folder {folder} has no .xlsx files. Copy the units' workbooks into it, or name each file.",
  readDenied:
    "You have no permission to read {file}. Ask for read access to the file, or copy it into a folder of yours, and run again.",
  readFailed:
    "Could not read {file} (system error {code}). Check that no other program has the file locked and that the drive can be reached, and run again.",
  tooBig:
    "File {file} is {size} MB, over the {limit} MB limit. Split the workbook or remove sheets it does not need.",
  unexpected:
    "ictplan hit an unexpected error while processing {file}; no file was changed. Please report it with the file (set ICTPLAN_DEBUG=1 for technical details).",
  sameAsInput:
    "The output {file} is the input file (the same file, perhaps through a link or in other letter case); use --in-place to write into it.",
  outputIsInput:
    "The output {file} is the input file (the same file, perhaps through a link or in other letter case); ictplan does not overwrite its input. Choose another name with -o.",
  edited:
    "Sheet {sheets} is not as ictplan wrote it (it was edited by hand, or a sheet of yours now has its name). To keep it, rename it (or copy your edits to another sheet) and run again; if you changed nothing in it, run again with --force to write it anew.",
  plannersObjects:
    "Sheet {sheets} holds {objects} you put there; ictplan writes that sheet anew, so it wrote nothing, to lose none of them. Move them to a sheet of your own (select, Cut, then Paste on that sheet; a chart moved so still draws on the same figures) and run again, or run again with --force to write the sheet without them.",
  objectPicture: "pictures",
  objectChart: "charts",
  objectShape: "shapes",
  objectSlicer: "slicers",
  objectNotes: "notes",
  objectTable: "tables",
  objectPivotTable: "PivotTables",
  objectLink: "links",
  notOwned:
    "The workbook has a sheet {sheet} of yours with the name of a sheet ictplan writes; ictplan does not overwrite it. Rename that sheet and run again.",
  writeFailed:
    "Could not write {file} (system error {code}). Check that the folder exists and is writable, the disk has room, and the file is not open in another program.",
  outputExists:
    "File {file} exists and is not an unchanged ictplan output (it was edited, or it is another file). ictplan does not overwrite it, so nothing is lost: choose another name with -o, or add --force to overwrite it.",
  laterSummary:
    "Note: the sheet {sheet}, made earlier, is a snapshot and still uses the {period} figures as they were then; if you just corrected {period} figures, make it again: ictplan compute {file} --period {later} --in-place",
  unsigned:
    "Note: the input workbook is digitally signed. A signature holds only for the workbook as it was signed, so ictplan wrote {file} without it (kept, Excel would report it as invalid). If {file} must be signed, sign it again in Excel: File > Info > Protect Workbook.",
  stalePivots:
    "Note: a PivotTable of yours draws on {sheets}, just rewritten, and shows the earlier figures until refreshed: open {file} in Excel and choose Data > Refresh All.",
  outputOpen:
    "File {file} is open in {program} (its lock file {lock} is beside it), so ictplan wrote nothing. Close the file in {program} and run again: written now, it would be overwritten by {program}'s next save. If no program has it open (a lock file left behind after a crash), delete {lock} and run again, or add --force.",
  fileExists:
    "File {file} exists; ictplan {command} does not replace an existing file (it may be a plan with figures filled in). Choose another name with -o, or add --force to replace it.",
  outputNotFile: "{file} is a folder, not a file. Choose an .xlsx file name.",
  noFolder:
    "Folder {folder} does not exist. ictplan creates no folders (so that a mistyped path makes none): create it first, or correct the path after -o.",
  macroOutput:
    "The input {file} has macros (.xlsm): the output must be .xlsm too, to keep them and to open in Excel.",
  newWorkbookXlsm:
    "ictplan {command} writes a new workbook without macros, so its output must be .xlsx (Excel does not open an .xlsm without them): name {file} .xlsx.",
  reading: "Reading {file}…",
  readingFiles: "Reading {count} files…",
  computing: "Computing {period}…",
  computingCurrent: "Computing the workbook's current period…",
  writing: "Writing {file}…",
  findingsSummary: "Checks: {error} error{errorPlural}, {warning} warning{warningPlural}, {info} info.",
  noFindings: "Checks: no errors, warnings or notes.",
  ranking: "Ranking {period} – {group}",
  distribution: "Grades",
  written: "Written: {file}",
  consolidated: "Merged {files} files: {units} units, {figures} figures.",
  moreFindings: "  … and {count} more ({codes}); --json lists them all.",
  filesWithErrors: "Files with errors ({count}): {files}.",
  openWith: "Open it in Excel or LibreOffice to see the formulas, charts and the summary tab.",
};

export type MessageKey = keyof typeof VI;

/** The CLI's catalogue by language. */
export const CLI_MESSAGES: Readonly<Record<Lang, typeof VI>> = { vi: VI, en: EN };

/** A CLI message with {placeholders} filled in. */
export function msg(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const t = CLI_MESSAGES[lang][key];
  return fillTemplate(t, params);
}

/** The count line over the findings ("Checks: 1 error, 2 warnings, 0 info."; Vietnamese has no plural). */
export function findingsSummary(lang: Lang, c: { error: number; warning: number; info: number }): string {
  const plural = (n: number) => (n === 1 ? "" : "s");
  return msg(lang, "findingsSummary", {
    ...c,
    errorPlural: plural(c.error),
    warningPlural: plural(c.warning),
  });
}

/** The language from the environment's locale: English when it starts with "en", else Vietnamese. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const loc = env.ICTPLAN_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? "";
  return /^en/i.test(loc) ? "en" : "vi";
}
