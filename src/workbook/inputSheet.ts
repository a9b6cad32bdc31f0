/**
 * An input sheet as the template writes it (header row, column widths and formats, drop-downs), as data both
 * adapters write: the template (ExcelJS), and the pane's "add the missing sheet" in Excel and in the preview.
 */
import type { ColumnDef, EnumValue, SheetDef } from "../engine/format";
import { DIRECTIONS, MEASURES, PILLARS, RANKING_GROUPS, SETTINGS, YES_NO, sheetDef } from "../engine/format";
import { columnLetter } from "../engine/grid";
import { templateHeaders } from "../engine/planRows";
import type { SheetSpec, SpecCell } from "../engine/sheetSpec";

type Lang = "vi" | "en";
/** The hidden sheet the drop-downs take their values from, by the template's language. */
export const LISTS_SHEETS: Record<Lang, string> = { vi: "Danh mục", en: "Lists" };
/** The lists sheet of a Vietnamese template (the one "add the missing sheet" adds). */
export const LISTS_SHEET = LISTS_SHEETS.vi;
/** Header fill, dark blue (ARGB as ExcelJS takes it). */
export const HEADER_FILL = "FF1F4E79";
/** Rows the drop-downs and formats cover in an empty template. */
export const TEMPLATE_ROWS = 500;
/** Height of the header row, in points. */
export const HEADER_HEIGHT = 30;

/** The drop-down lists, one column each of the lists sheet (title in row 1). */
export const LISTS: readonly { key: string; title: string; titleEn: string; values: readonly EnumValue[] }[] =
  [
    { key: "group", title: "Nhóm xếp hạng", titleEn: "Ranking group", values: RANKING_GROUPS },
    { key: "yesno", title: "Có/Không", titleEn: "Yes/No", values: YES_NO },
    { key: "measure", title: "Đơn vị tính", titleEn: "Unit of measure", values: MEASURES },
    { key: "direction", title: "Chiều", titleEn: "Direction", values: DIRECTIONS },
    { key: "pillar", title: "Trụ cột", titleEn: "Pillar", values: PILLARS },
  ];

function listRange(key: string, lang: Lang): string {
  const i = LISTS.findIndex((l) => l.key === key);
  const col = columnLetter(i + 1);
  return `'${LISTS_SHEETS[lang]}'!$${col}$2:$${col}$${LISTS[i].values.length + 1}`;
}

/** The lists-sheet range a column's drop-down offers, or null for a free column. */
export function listFor(c: ColumnDef, lang: Lang = "vi"): string | null {
  if (c.type === "yesno") return listRange("yesno", lang);
  if (c.values === RANKING_GROUPS && c.type === "enum") return listRange("group", lang);
  if (c.values === MEASURES) return listRange("measure", lang);
  if (c.values === DIRECTIONS) return listRange("direction", lang);
  if (c.values === PILLARS) return listRange("pillar", lang);
  return null;
}

/** A sheet to add: what it holds, whether it is hidden, and its drop-downs (cells, source range). */
export interface NewSheet {
  readonly spec: SheetSpec;
  readonly hidden?: boolean;
  readonly lists?: readonly { readonly range: string; readonly source: string }[];
}

const header = (value: string): SpecCell => ({
  value,
  style: { bold: true, fontColor: "FFFFFF", fill: HEADER_FILL.slice(2), wrap: true },
});

/**
 * An input sheet as the empty template has it: the header row (white bold on dark blue, frozen), the settings with
 * their defaults on Cấu hình, widths, number formats and drop-downs down to row TEMPLATE_ROWS; Số liệu gets a
 * column per indicator code given.
 */
export function inputSheet(
  key: SheetDef["key"],
  indicators: readonly { readonly code: string; readonly percent: boolean }[] = [],
): NewSheet {
  const def = sheetDef(key);
  const codes = key === "figures" ? indicators.map((i) => i.code) : [];
  const headers = templateHeaders(key, codes);
  // A percent indicator's column reads as Excel shows it (60 → 60%), as in the template.
  const percentFrom = headers.length - codes.length;
  const rows: (string | number | null)[][] =
    key === "settings" ? SETTINGS.map((s) => [s.label, s.default === "" ? null : s.default]) : [];
  const body: SpecCell[][] = [];
  for (let r = 2; r <= TEMPLATE_ROWS; r++)
    body.push(
      headers.map((_, j) => {
        const value = rows[r - 2]?.[j] ?? null;
        const numberFormat =
          j >= percentFrom && indicators[j - percentFrom]?.percent ? "0%" : def.columns[j]?.numberFormat;
        return numberFormat ? { value, numberFormat } : { value };
      }),
    );
  const widths = headers.map((_, j) => ({
    col: j + 1,
    width: def.columns[j]?.width ?? (j < def.columns.length ? 14 : 11),
  }));
  const lists = def.columns.flatMap((c, j) => {
    const source = listFor(c);
    const letter = columnLetter(j + 1);
    return source ? [{ range: `${letter}2:${letter}${TEMPLATE_ROWS}`, source }] : [];
  });
  return {
    spec: {
      name: def.name,
      kind: "results",
      blocks: [{ row: 1, col: 1, cells: [headers.map(header), ...body] }],
      columnWidths: widths,
      rowHeights: [{ row: 1, height: HEADER_HEIGHT }],
      freeze: { rows: 1, cols: 0 },
    },
    lists,
  };
}

/** The hidden lists sheet the drop-downs read, as the template writes it. */
export function listsSheet(): NewSheet {
  const height = Math.max(...LISTS.map((l) => l.values.length)) + 1;
  const cells: SpecCell[][] = Array.from({ length: height }, (_, r) =>
    LISTS.map((l) => ({ value: r === 0 ? l.title : (l.values[r - 1]?.vi ?? null) })),
  );
  return {
    spec: {
      name: LISTS_SHEET,
      kind: "results",
      blocks: [{ row: 1, col: 1, cells }],
      columnWidths: LISTS.map((_, i) => ({ col: i + 1, width: 28 })),
    },
    hidden: true,
  };
}
