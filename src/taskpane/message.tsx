/** The pane's last message, kept as catalog keys and values (not text) so it is rendered again in the language
 *  chosen after it, with what an action means: grades per group and a link to each sheet it wrote. */
import { forwardRef } from "react";
import { Button, Link, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { GradeDistribution } from "../engine/results";
import type { Action } from "../workbook/office/actions";
import type { SheetDef } from "../engine/format";
import { gradeLabel } from "../engine/i18n/labels";
import { groupName } from "../engine/outputs/style";
import { describeOfficeError, errorDetail } from "./errors";
import { refusalMessage, type Refusal } from "../engine/gate";
import { formatNumber, formatPercent, inputSheetName, periodLabel, t, type Key, type Lang } from "./i18n";

const GRADES = ["good", "fair", "average", "weak"] as const;

export type Message =
  | {
      readonly intent: "success" | "warning" | "info" | "error";
      readonly key: Key;
      readonly params?: Readonly<Record<string, string | number>>;
      /** The action to run again with force (an owned sheet was edited by hand). */
      readonly retry?: Action;
      /** Sheets the action wrote, each offered as a link that activates it. */
      readonly sheets?: readonly string[];
      readonly distribution?: readonly GradeDistribution[];
      /** Summary tabs of later periods still showing the period just made as it was (its key, e.g. 2015-Q1). */
      readonly later?: { readonly sheets: readonly string[]; readonly period: string };
      /** The input sheet whose absence the message reports, offered as a button that adds it from the template. */
      readonly addSheet?: SheetDef["key"];
    }
  | { readonly intent: "error"; readonly error: unknown }
  /** No report was written, and why. */
  | { readonly intent: "error"; readonly refused: Refusal };

/** "Toàn tỉnh: 19/31 Tốt (61%), 8 Khá (26%), 4 Trung bình (13%), 0 Yếu (0%)". */
export function distributionLine(d: GradeDistribution, lang: Lang): string {
  const n = (x: number) => formatNumber(lang, x, 0);
  const parts = GRADES.map(
    (g, i) =>
      `${n(d.counts[g])}${i === 0 ? `/${n(d.total)}` : ""} ${gradeLabel(g, lang)} (${formatPercent(lang, d.shares[g], 0)})`,
  );
  return `${groupName(d.group, lang)}: ${parts.join(", ")}`;
}

/** The text of a message in a language: numbers written the language's way. */
export function messageText(m: Message, lang: Lang): string {
  if ("error" in m) return describeOfficeError(m.error, lang);
  if ("refused" in m) return refusalMessage(m.refused, lang);
  const params = Object.fromEntries(
    Object.entries(m.params ?? {}).map(([k, v]) => [k, typeof v === "number" ? formatNumber(lang, v, 0) : v]),
  );
  return t(lang, m.key, params);
}

export interface MessageViewProps {
  message: Message;
  lang: Lang;
  onRetry: (a: Action) => void;
  onOpenSheet: (sheet: string) => void;
  onAddSheet?: (key: SheetDef["key"]) => void;
  /** An action is under way: the add-sheet button waits. */
  busy?: boolean;
  /** The language of the workbook's sheets, in which a sheet is added (default: the pane's). */
  sheetLang?: Lang;
}

/** The message bar; focusable (tabIndex −1) so the pane can move focus to it when an action ends. */
export const MessageView = forwardRef<HTMLDivElement, MessageViewProps>(function MessageView(
  { message, lang, onRetry, onOpenSheet, onAddSheet, busy, sheetLang = lang },
  ref,
) {
  const m = "error" in message || "refused" in message ? null : message;
  // Excel's or the browser's own words (English) stay out of the message, in a part the planner may open for support.
  const detail = "error" in message ? errorDetail(message.error) : null;
  return (
    <div ref={ref} tabIndex={-1} className="pane-message">
      <MessageBar intent={message.intent} layout="multiline">
        <MessageBarBody>
          <div>{messageText(message, lang)}</div>
          {detail && (
            <details className="detail">
              <summary>{t(lang, "technicalDetails")}</summary>
              <code lang="en">{detail}</code>
            </details>
          )}
          {m?.distribution && (
            <ul className="outcome">
              {m.distribution.map((d, i) => (
                <li key={i}>{distributionLine(d, lang)}</li>
              ))}
            </ul>
          )}
          {m?.later && m.later.sheets.length > 0 && (
            <div className="later">
              {t(lang, "laterSummary", {
                sheets: m.later.sheets.join(", "),
                period: periodLabel(lang, m.later.period),
              })}
            </div>
          )}
          {m?.sheets && m.sheets.length > 0 && (
            <div className="sheet-links">
              {t(lang, "openSheets")}{" "}
              {m.sheets.map((s, i) => (
                <span key={s}>
                  {i > 0 && " · "}
                  <Link
                    as="button"
                    onClick={() => onOpenSheet(s)}
                    aria-label={t(lang, "openSheet", { sheet: s })}
                  >
                    {s}
                  </Link>
                </span>
              ))}
            </div>
          )}
          {m?.addSheet && onAddSheet && (
            <Button
              size="small"
              appearance="primary"
              className="remedy"
              disabled={busy}
              onClick={() => onAddSheet(m.addSheet as SheetDef["key"])}
            >
              {t(lang, "addSheet", { sheet: inputSheetName(m.addSheet, sheetLang) })}
            </Button>
          )}
          {m?.retry && (
            <Button size="small" onClick={() => onRetry(m.retry as Action)}>
              {t(lang, "overwrite")}
            </Button>
          )}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
});
