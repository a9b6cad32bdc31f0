/** The gate on the data: problems that make a report meaningless refuse it; everything else is a note on it. */
import type { Finding, Plan } from "./model";
import type { Lang } from "./i18n/labels";
import { formatPeriod, periodFromKey } from "./periods";
import { quartersOf } from "./figureIndex";
import { fillTemplate } from "./text";
import { planSheetNames, settingLabel, sheetParams, templateSheetNames, type SheetNames } from "./findings";
import { MAX_PILLARS, pillarsOf } from "./readiness";

export type RefusalReason =
  | "unreadable"
  | "renamedSheet"
  | "renamedHiddenSheet"
  | "missingSheet"
  | "missingColumn"
  | "noUnits"
  | "noIndicators"
  | "noPeriod"
  | "noFigures"
  | "tooManyPillars";

/** Why no report (and no results) was written, with what the message names. */
export interface Refusal {
  readonly reason: RefusalReason;
  /** The sheet or period the message names. */
  readonly subject: string;
  /** The input sheets as the workbook names them (planSheetNames); the message language's template names if absent. */
  readonly sheets?: SheetNames;
  /** The setting the message names, as the workbook labels it (settingLabel). */
  readonly setting?: string;
  /** The sheets holding a missing sheet's header row under another name, quoted (renamedSheet, renamedHiddenSheet). */
  readonly others?: string;
  /** The column the message names, as the template of the workbook's language heads it (missingColumn). */
  readonly column?: string;
  /** The periods that have figures, as the message writes them (noFigures); empty when none has. */
  readonly known?: readonly string[];
}

const TEXTS: Record<Lang, { lead: string } & Record<RefusalReason, string>> = {
  vi: {
    lead: "Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: ",
    unreadable: "không đọc được sổ tính.",
    renamedSheet:
      "không có sheet “{subject}”, nhưng dòng tiêu đề của nó nằm trên sheet {others}: đổi tên sheet đó thành “{subject}” nếu đúng là sheet này.",
    renamedHiddenSheet:
      "không có sheet “{subject}”, nhưng dòng tiêu đề của nó nằm trên sheet ẩn {others}: hiện sheet đó ra rồi đổi tên thành “{subject}” nếu đúng là sheet này.",
    missingSheet: "thiếu sheet “{subject}” (hoặc sheet không có dòng tiêu đề).",
    missingColumn: "thiếu cột “{column}” trên sheet “{subject}”, nên chưa đọc được sheet này.",
    noUnits: "sheet “{subject}” không có đơn vị nào đang hoạt động.",
    noIndicators: "sheet “{subject}” không có chỉ tiêu nào.",
    noPeriod:
      "chưa có kỳ báo cáo: sheet {settingsSheet} không ghi “{setting}” và sheet {figuresSheet} không có kỳ nào.",
    noFigures:
      "sheet {figuresSheet} không có số liệu nào cho {subject}{known}. Nhập số liệu của kỳ này trên sheet {figuresSheet}, hoặc chọn một kỳ đã có số liệu.",
    tooManyPillars: "kế hoạch có {subject} trụ cột, quá số trụ cột tối đa tính được (xem sheet Kiểm tra).",
  },
  en: {
    lead: "No report was made and nothing was written to the workbook: ",
    unreadable: "the workbook could not be read.",
    renamedSheet:
      "there is no sheet “{subject}”, but its header row is on the sheet {others}: rename that sheet “{subject}” if it is the one.",
    renamedHiddenSheet:
      "there is no sheet “{subject}”, but its header row is on the hidden sheet {others}: unhide that sheet and rename it “{subject}” if it is the one.",
    missingSheet: "sheet “{subject}” is missing (or has no header row).",
    missingColumn: "column “{column}” is missing on sheet “{subject}”, so the sheet cannot be read.",
    noUnits: "sheet “{subject}” has no active unit.",
    noIndicators: "sheet “{subject}” has no indicator.",
    noPeriod:
      "there is no period: the {settingsSheet} sheet gives no “{setting}” and the {figuresSheet} sheet has none.",
    noFigures:
      "the {figuresSheet} sheet has no figures for {subject}{known}. Enter that period's figures on the {figuresSheet} sheet, or choose a period that has figures.",
    tooManyPillars: "the plan has {subject} pillars, more than can be computed (see the Checks sheet).",
  },
};

// The periods that have figures, after the one asked for that has none.
const KNOWN: Record<Lang, string> = {
  vi: " (các kỳ đã có số liệu: {list})",
  en: " (periods with figures: {list})",
};

/** The first problem that makes a report for the period meaningless, or null when one can be made. */
export function refusal(
  plan: Plan,
  findings: readonly Finding[],
  period: string | null,
  lang: Lang,
): Refusal | null {
  if (findings.some((f) => f.code === "UNREADABLE")) return { reason: "unreadable", subject: "" };
  // Sheets as the planner's workbook names them (a missing one in the workbook's language).
  const sheets = planSheetNames(plan, lang);
  // A renamed sheet first, the settings sheet's too: the planner's settings would silently be the defaults.
  const renamed = findings.find((f) => f.code.startsWith("RENAMED_"));
  if (renamed) {
    const others =
      renamed.code === "RENAMED_SHEETS" ? String(renamed.params.others) : `“${renamed.params.other}”`;
    const reason = renamed.code === "RENAMED_HIDDEN_SHEET" ? "renamedHiddenSheet" : "renamedSheet";
    return { reason, subject: String(renamed.params.sheet), sheets, others };
  }
  for (const key of ["units", "indicators", "figures"] as const)
    if (!plan.layout[key]) return { reason: "missingSheet", subject: sheets[key], sheets };
  // A list none of whose rows could be read is not empty: the column its rows need is what is missing.
  const column = findings.find((f) => f.code === "MISSING_KEY_COLUMN");
  if (column)
    return { reason: "missingColumn", subject: column.sheet, sheets, column: String(column.params.column) };
  if (!plan.units.some((u) => u.active)) return { reason: "noUnits", subject: sheets.units, sheets };
  if (plan.indicators.length === 0) return { reason: "noIndicators", subject: sheets.indicators, sheets };
  const pillars = pillarsOf(plan).length;
  if (pillars > MAX_PILLARS) return { reason: "tooManyPillars", subject: String(pillars), sheets };
  if (!period)
    return { reason: "noPeriod", subject: "", sheets, setting: settingLabel(plan, "currentPeriod", lang) };
  const p = periodFromKey(period);
  if (!quartersOf(period).some((q) => plan.periods.includes(q))) {
    const known = [...plan.periods].sort().flatMap((k) => {
      const q = periodFromKey(k);
      return q ? [formatPeriod(q, lang)] : [];
    });
    return { reason: "noFigures", subject: p ? formatPeriod(p, lang) : period, sheets, known };
  }
  return null;
}

/** The refusal as the user reads it: that nothing was written, and why. */
export function refusalMessage(r: Refusal, lang: Lang): string {
  const names = sheetParams(r.sheets ?? templateSheetNames(lang));
  return (
    TEXTS[lang].lead +
    fillTemplate(TEXTS[lang][r.reason], {
      ...names,
      subject: r.subject,
      setting: r.setting ?? "",
      others: r.others ?? "",
      column: r.column ?? "",
      known: r.known?.length ? fillTemplate(KNOWN[lang], { list: r.known.join(", ") }) : "",
    })
  );
}
