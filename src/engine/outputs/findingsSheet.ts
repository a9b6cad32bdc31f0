/** "Kiểm tra": every finding with its severity, sheet, cell, code and message. */
import type { Finding } from "../model";
import type { SheetSpec, SpecCell } from "../sheetSpec";
import { findingMessage, sheetParams, templateSheetNames, type SheetNames } from "../findings";
import { fillTemplate } from "../text";
import { labels, severityLabel, type Lang } from "../i18n/labels";
import { refusalMessage, type Refusal } from "../gate";
import { HEADER_STYLE, NOTE_STYLE, TITLE_STYLE, pageFooter, wrappedRowHeight } from "./style";
import { OUTPUT_TABLES } from "./refs";

const WIDTHS = [12, 14, 8, 26, 100] as const;
// A finding's cells align to the top, where its message's first line is, not to the foot of a tall row.
const TOP = { vertical: "top" } as const;
const WRAP = { wrap: true, vertical: "top" } as const;

/** Builds the Kiểm tra sheet; a refused run says on it that no report was made, and why. */
export function buildFindingsSheet(
  findings: readonly Finding[],
  lang: Lang,
  subtitle: string,
  refused: Refusal | null = null,
  names: SheetNames = templateSheetNames(lang),
): SheetSpec {
  const L = labels(lang);
  const header = [L.severity, L.sheet, L.cell, L.code, L.message];
  const title = subtitle ? `${L.titleFindings} – ${subtitle}` : L.titleFindings;
  const messages = findings.map((f) => findingMessage(f, lang, "excel", names));
  const rows: SpecCell[][] = findings.map((f, i) => [
    { value: severityLabel(f.severity, lang), style: TOP },
    { value: f.sheet, style: TOP },
    { value: f.cell, style: TOP },
    { value: f.code, style: TOP },
    { value: messages[i], style: WRAP },
  ]);
  // A message of more than one line gets a row as tall as its lines (the default row shows one and overprints the next).
  const rowHeights = messages.flatMap((text, i) => {
    const height = wrappedRowHeight([{ text, width: WIDTHS[4] }]);
    return height > wrappedRowHeight([]) ? [{ row: 5 + i, height }] : [];
  });
  const last = 4 + rows.length;
  const sevRange = `A5:A${Math.max(last, 5)}`;
  return {
    name: L.sheetFindings,
    kind: "findings",
    blocks: [
      {
        row: 1,
        col: 1,
        cells: [[{ value: title, style: TITLE_STYLE }]],
      },
      {
        row: 2,
        col: 1,
        cells: [
          [
            {
              value: rows.length ? fillTemplate(L.generated, sheetParams(names)) : L.noFindings,
              style: NOTE_STYLE,
            },
          ],
        ],
      },
      ...(refused
        ? [
            {
              row: 3,
              col: 1,
              cells: [[{ value: refusalMessage(refused, lang), style: { bold: true, fontColor: "9C0006" } }]],
            },
          ]
        : []),
      { row: 4, col: 1, cells: [header.map((h) => ({ value: h, style: HEADER_STYLE }))] },
      ...(rows.length ? [{ row: 5, col: 1, cells: rows }] : []),
    ],
    columnWidths: WIDTHS.map((width, i) => ({ col: i + 1, width })),
    rowHeights,
    freeze: { rows: 4, cols: 0 },
    tables: rows.length ? [{ name: OUTPUT_TABLES.findings, range: `A4:E${last}` }] : [],
    conditionalFormats: [
      {
        type: "textEquals",
        range: sevRange,
        text: severityLabel("error", lang),
        fill: "FFC7CE",
        fontColor: "9C0006",
      },
      {
        type: "textEquals",
        range: sevRange,
        text: severityLabel("warning", lang),
        fill: "FFEB9C",
        fontColor: "9C5700",
      },
    ],
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      titleRows: "4:4",
      footer: pageFooter(title, lang),
    },
    tabColor: "C00000",
  };
}
