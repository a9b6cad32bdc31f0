/** What to tell the planner when Excel refuses an operation: by Office.js error code, in the pane's language. */
import type { Lang } from "./i18n";
import { OutputWriteError, type WriteOutcome } from "../workbook/office/writeError";
import { DialogError } from "./saveFile";
import {
  OutputChartsError,
  ProtectedReferrersError,
  ProtectedSheetError,
  SheetGoneError,
  SheetHiddenError,
} from "../workbook/office/sheetErrors";
import { WorkbookProblem } from "../workbook/xlsx/problems";
import { problemMessage } from "../workbook/problemText";
import { UserSheetClashError } from "../workbook/ownership";

const MESSAGES: Record<string, Record<Lang, string>> = {
  AccessDenied: {
    vi: "Excel không cho ghi: sổ hoặc sheet đang được bảo vệ, hoặc sổ chỉ được mở để đọc. Bỏ bảo vệ (Xem lại → Bảo vệ sổ làm việc) hoặc lưu một bản sao rồi chạy lại.",
    en: "Excel refused to write: the workbook or a sheet is protected, or the workbook is read-only. Unprotect it (Review → Protect Workbook) or save a copy, then run again.",
  },
  InvalidOperationInCellEditMode: {
    vi: "Excel đang ở chế độ sửa ô. Nhấn Enter hoặc Esc rồi chạy lại.",
    en: "Excel is editing a cell. Press Enter or Esc, then run again.",
  },
  RequestPayloadSizeLimitExceeded: {
    vi: "Dữ liệu gửi tới Excel vượt giới hạn 5 MB của một lần ghi (Excel trên web). Hãy mở sổ bằng Excel trên máy tính, hoặc dùng dòng lệnh ictplan cho sổ lớn như vậy.",
    en: "The data sent to Excel is over the 5 MB a single write may carry (Excel on the web). Open the workbook in desktop Excel, or use the ictplan command line for a workbook this large.",
  },
  ResponsePayloadSizeLimitExceeded: {
    vi: "Dữ liệu Excel trả về vượt giới hạn 5 MB của một lần đọc (Excel trên web), kể cả khi đọc từng phần. Hãy mở sổ bằng Excel trên máy tính, hoặc dùng dòng lệnh ictplan.",
    en: "The data Excel returned is over the 5 MB a single read may carry (Excel on the web), even read in parts. Open the workbook in desktop Excel, or use the ictplan command line.",
  },
  RangeExceedsLimit: {
    vi: "Một sheet có hơn 5.000.000 ô đã dùng, quá giới hạn Excel cho một lần đọc. Xoá các hàng, cột trống thừa ở cuối sheet rồi chạy lại.",
    en: "A sheet uses more than 5,000,000 cells, over Excel's limit for one read. Delete the spare rows and columns at the end of the sheet, then run again.",
  },
  ItemAlreadyExists: {
    vi: "Đã có một sheet trùng tên với sheet ictplan cần ghi. Đổi tên sheet đó rồi chạy lại.",
    en: "A sheet already has the name of a sheet ictplan writes. Rename it, then run again.",
  },
};

/** Office dialog errors by code (Handle errors and events in the Office dialog box). */
const DIALOG: Record<string, Record<Lang, string>> = {
  "12007": {
    vi: "Một hộp thoại của ictplan đang mở. Đóng hộp thoại đó rồi bấm lại.",
    en: "An ictplan dialog is already open. Close it, then press the button again.",
  },
  "12009": {
    vi: "Hộp thoại lưu báo cáo đã bị bỏ qua. Bấm lại và chọn Cho phép khi Office hỏi.",
    en: "The dialog to save the report was ignored. Press the button again and choose Allow when Office asks.",
  },
};

const DIALOG_GENERIC: Record<Lang, string> = {
  vi: "Không mở được hộp thoại lưu báo cáo nên chưa có tệp nào được lưu. Bấm lại Tải báo cáo Word; nếu vẫn không được, đóng ngăn ictplan rồi mở lại.",
  en: "The dialog to save the report could not be opened, so no file was saved. Press Download Word report again; if it fails again, close the ictplan pane and open it again.",
};

const SHEET_HIDDEN: Record<Lang, string> = {
  vi: 'Sheet "{sheet}" đang ẩn nên không mở được. Để hiện sheet: nhấp chuột phải vào tên một sheet bất kỳ, chọn Bỏ ẩn…, rồi chọn "{sheet}".',
  en: 'Sheet "{sheet}" is hidden, so it cannot be opened. To show it: right-click any sheet tab, choose Unhide…, then "{sheet}".',
};

const SHEET_GONE: Record<Lang, string> = {
  vi: 'Không còn sheet "{sheet}" trong sổ: sheet đã được đổi tên hoặc xoá. Bấm Kiểm tra để cập nhật danh sách.',
  en: 'The workbook no longer has a sheet "{sheet}": it was renamed or deleted. Press Validate to update the list.',
};

const PROTECTED_SHEET: Record<Lang, string> = {
  vi: 'Sheet "{sheet}" đang được bảo vệ nên Excel không cho ghi; chưa có gì được ghi. Bỏ bảo vệ (Xem lại → Bỏ bảo vệ trang tính) rồi bấm lưu lại: các giá trị bạn đã nhập vẫn còn trong ngăn này.',
  en: 'Sheet "{sheet}" is protected, so Excel refused to write; nothing was written. Unprotect it (Review → Unprotect Sheet), then save again: the values you typed are still in this pane.',
};

/** Sheets of the planner's, protected, with formulas over outputs a write replaces (ProtectedReferrersError). */
const PROTECTED_REFERRERS: Record<Lang, string> = {
  vi: "Sheet {sheets} đang được bảo vệ và có công thức, biểu đồ, quy tắc xác thực dữ liệu (danh sách chọn) hoặc định dạng có điều kiện đọc sheet {outputs}. Khi thay các sheet kết quả, ictplan phải nhập lại các công thức, quy tắc đó và trỏ lại các biểu đồ đó vào sheet mới (nếu không, Excel biến chúng thành #REF!), nhưng không được ghi vào sheet đang được bảo vệ. Bỏ bảo vệ (Xem lại → Bỏ bảo vệ trang tính) rồi chạy lại; sau đó có thể bảo vệ lại.",
  en: "Sheet {sheets} is protected and has formulas, charts, data validation (drop-down lists) or conditional formats reading {outputs}. Replacing the output sheets, ictplan must enter those formulas and rules again and point those charts at the new sheets (else Excel turns them into #REF!), and it cannot write to a protected sheet. Unprotect it (Review → Unprotect Sheet), then run again; you can protect it again afterwards.",
};

/** Charts (and drawings) of the planner's a write would break, by why (OutputChartsError). */
const OUTPUT_CHARTS: Record<OutputChartsError["reason"], Record<Lang, string>> = {
  onOutput: {
    vi: "Biểu đồ hoặc hình {charts} của bạn nằm trên sheet kết quả mà ictplan thay bằng sheet mới mỗi lần tính, nên sẽ bị xoá cùng sheet cũ. Hãy chuyển sang một sheet của bạn (biểu đồ: chọn biểu đồ → Thiết kế Biểu đồ → Di chuyển Biểu đồ → Đối tượng trong; hình: Cắt rồi Dán) rồi chạy lại: biểu đồ vẫn vẽ từ sheet kết quả và được giữ qua các lần tính.",
    en: "Your chart or drawing {charts} is on an output sheet that ictplan replaces with a new one at each compute, so it would be deleted with the old sheet. Move it to a sheet of yours (a chart: select it → Chart Design → Move Chart → Object in; a picture or shape: Cut, then Paste), then run again: a chart still draws from the output and is kept across computes.",
  },
  source: {
    vi: "Biểu đồ {charts} có chuỗi số liệu lấy từ nhiều vùng của một sheet kết quả. ictplan chỉ trỏ lại vào sheet mới được chuỗi lấy từ một vùng liền, nên nếu thay sheet thì biểu đồ sẽ hiện #REF!. Hãy sửa chuỗi đó thành một vùng liền (Thiết kế Biểu đồ → Chọn Dữ liệu) rồi chạy lại.",
    en: "Chart {charts} has a series drawn from several areas of an output sheet. ictplan can point only a series drawn from one range at the new sheet, so replacing the sheet would leave #REF! in the chart. Make that series one range (Chart Design → Select Data), then run again.",
  },
};

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");
const outputCharts = (e: OutputChartsError, lang: Lang) =>
  OUTPUT_CHARTS[e.reason][lang].replace(
    "{charts}",
    e.charts.map((c) => `"${c.chart}" (sheet "${c.sheet}")`).join(", "),
  );
const protectedReferrers = (e: ProtectedReferrersError, lang: Lang) =>
  PROTECTED_REFERRERS[lang].replace("{sheets}", quoted(e.sheets)).replace("{outputs}", quoted(e.outputs));

/** An error Excel reports with no explanation of ours: while reading, selecting, or writing the output. */
const GENERIC: Record<Lang, string> = {
  vi: "Excel báo lỗi nên thao tác chưa xong.",
  en: "Excel reported an error, so the action did not finish.",
};
/** An error that is not Excel's (the add-in's own, a browser's): no Office code. */
const UNEXPECTED: Record<Lang, string> = {
  vi: "ictplan gặp lỗi ngoài dự kiến nên thao tác chưa xong.",
  en: "ictplan ran into an unexpected error, so the action did not finish.",
};
const GENERIC_WRITE: Record<Lang, string> = {
  vi: "Excel báo lỗi khi ghi kết quả.",
  en: "Excel reported an error while writing the output.",
};

/** What to do after an error that left the workbook as it was. */
const AGAIN: Record<Lang, string> = {
  vi: "Hãy chạy lại; nếu vẫn lỗi, lưu sổ, đóng Excel rồi mở lại.",
  en: "Run it again; if it fails again, save the workbook, close Excel and open it again.",
};

/** What the failed write left, said as it is. */
const OUTCOME: Record<WriteOutcome, Record<Lang, string>> = {
  unchanged: {
    vi: "Các sheet kết quả cũ không bị thay đổi.",
    en: "The previous output sheets were not changed.",
  },
  restored: {
    vi: "Việc thay sheet đã bắt đầu và đã được hoàn tác: các sheet kết quả cũ đã được khôi phục.",
    en: "Replacing the sheets had begun and was undone: the previous output sheets are restored.",
  },
  unknown: {
    vi: "Không hoàn tác được: có thể còn các sheet tạm {sheets}; các sheet kết quả có thể thiếu. Chạy lại để tạo lại kết quả: lần chạy sau xoá các sheet tạm còn nguyên như ictplan đã ghi; sheet tạm nào còn lại sau đó (đã bị sửa hoặc ghi dở) thì bạn tự xoá.",
    en: "Undoing failed too: temporary sheets {sheets} may remain and output sheets may be missing. Run again to rebuild the output: the next run removes the temporary sheets still as ictplan wrote them; delete any that remain after it (edited or half-written) yourself.",
  },
};

const codeOf = (e: unknown) =>
  typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";

/**
 * What the error itself says (its code and message: Excel's, or the browser's, in English), for whoever helps the
 * planner; null where the plain message says it all. Shown only in a closed "technical details" part of the pane.
 */
export function errorDetail(e: unknown): string | null {
  const cause = e instanceof OutputWriteError ? e.cause : e;
  const ours = [
    SheetGoneError,
    SheetHiddenError,
    ProtectedSheetError,
    ProtectedReferrersError,
    OutputChartsError,
    WorkbookProblem,
    UserSheetClashError,
  ];
  if (ours.some((kind) => cause instanceof kind)) return null;
  const code = codeOf(cause);
  if (e instanceof DialogError ? DIALOG[code] : MESSAGES[code]) return null;
  const text = cause instanceof Error ? cause.message : String(cause);
  return [code, text].filter(Boolean).join(": ") || null;
}

/** A plain message for an error thrown by Excel.run, never a stack trace: what happened, what it left, what to do.
 *  In the pane's language only: Excel's own words, in English, are left to `errorDetail`. */
export function describeOfficeError(e: unknown, lang: Lang): string {
  if (e instanceof OutputWriteError) {
    const cause = describeCause(e.cause, lang, GENERIC_WRITE);
    const outcome = OUTCOME[e.outcome][lang].replace("{sheets}", e.leftovers.join(", "));
    // The "unknown" outcome says itself what to do; our own explanations say it too.
    const again = e.outcome === "unknown" || cause.ours ? "" : ` ${AGAIN[lang]}`;
    return `${cause.text} ${outcome}${again}`;
  }
  if (e instanceof SheetGoneError) return SHEET_GONE[lang].replace("{sheet}", e.sheet);
  if (e instanceof SheetHiddenError) return SHEET_HIDDEN[lang].replaceAll("{sheet}", e.sheet);
  if (e instanceof ProtectedSheetError) return PROTECTED_SHEET[lang].replace("{sheet}", e.sheet);
  // Refused before the swap, the temporary sheets removed again.
  if (e instanceof ProtectedReferrersError)
    return `${protectedReferrers(e, lang)} ${OUTCOME.unchanged[lang]}`;
  if (e instanceof OutputChartsError) return `${outputCharts(e, lang)} ${OUTCOME.unchanged[lang]}`;
  if (e instanceof WorkbookProblem) return problemMessage(e, String(e.params.file ?? ""), lang);
  const code = codeOf(e);
  if (e instanceof DialogError) return DIALOG[code]?.[lang] ?? DIALOG_GENERIC[lang];
  const cause = describeCause(e, lang, GENERIC);
  return cause.ours ? cause.text : `${cause.text} ${AGAIN[lang]}`;
}

/** Excel's refusal in words: ours for the codes we know, else the generic sentence (Excel's, or an unexpected error's
 *  where there is no Office code). */
function describeCause(
  e: unknown,
  lang: Lang,
  generic: Record<Lang, string>,
): { text: string; ours: boolean } {
  if (e instanceof ProtectedReferrersError) return { text: protectedReferrers(e, lang), ours: true };
  if (e instanceof OutputChartsError) return { text: outputCharts(e, lang), ours: true };
  const code = codeOf(e);
  if (MESSAGES[code]) return { text: MESSAGES[code][lang], ours: true };
  const text = e instanceof Error ? e.message : String(e);
  const owned = /sheet "(.+)" exists and is not owned/.exec(text);
  if (owned)
    return { text: MESSAGES.ItemAlreadyExists[lang].replace(/\.$/, ` ("${owned[1]}").`), ours: true };
  return { text: (code ? generic : UNEXPECTED)[lang], ours: false };
}
