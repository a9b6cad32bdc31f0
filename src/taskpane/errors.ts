/** What to tell the planner when Excel refuses an operation: by Office.js error code, in the pane's language. */
import type { Lang } from "./i18n";

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
    vi: "Dữ liệu gửi tới Excel quá lớn cho một lần ghi. Hãy tách sổ kế hoạch thành các sổ nhỏ hơn.",
    en: "Too much data for one write to Excel. Split the plan workbook into smaller ones.",
  },
  ItemAlreadyExists: {
    vi: "Đã có một sheet trùng tên với sheet kết quả. Đổi tên sheet đó rồi chạy lại.",
    en: "A sheet already has the name of an output sheet. Rename it, then run again.",
  },
};

const GENERIC: Record<Lang, string> = {
  vi: "Excel báo lỗi khi ghi; các sheet kết quả cũ được giữ nguyên. Chi tiết: ",
  en: "Excel reported an error while writing; the previous output sheets are unchanged. Details: ",
};

/** A plain message for an error thrown by Excel.run, never a stack trace. */
export function describeOfficeError(e: unknown, lang: Lang): string {
  const code =
    typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (MESSAGES[code]) return MESSAGES[code][lang];
  const text = e instanceof Error ? e.message : String(e);
  const owned = /sheet "(.+)" exists and is not owned/.exec(text);
  if (owned) return MESSAGES.ItemAlreadyExists[lang].replace(/\.$/, ` ("${owned[1]}").`);
  return GENERIC[lang] + text;
}
