/**
 * The language a workbook is in, from its sheets' names, else from its input sheets' header cells: the one decision
 * behind the parser's names for a missing sheet, the pane's and the CLI's sheet names in messages, setting labels, and
 * the language of a sheet added to it.
 */
import type { Grid } from "./grid";
import {
  DIRECTIONS,
  INPUT_SHEETS,
  MEASURES,
  PILLARS,
  RANKING_GROUPS,
  YES_NO,
  type EnumValue,
} from "./format";
import type { Lang } from "./i18n/labels";
import { foldText } from "./text";

/** The hidden sheet the drop-downs take their values from, by the template's language. */
export const LISTS_SHEETS: Record<Lang, string> = { vi: "Danh mục", en: "Lists" };

/** The drop-down lists, one column each of the lists sheet (title in row 1). */
export const LISTS: readonly { key: string; title: string; titleEn: string; values: readonly EnumValue[] }[] =
  [
    { key: "group", title: "Nhóm xếp hạng", titleEn: "Ranking group", values: RANKING_GROUPS },
    { key: "yesno", title: "Có/Không", titleEn: "Yes/No", values: YES_NO },
    { key: "measure", title: "Đơn vị tính", titleEn: "Unit of measure", values: MEASURES },
    { key: "direction", title: "Chiều", titleEn: "Direction", values: DIRECTIONS },
    { key: "pillar", title: "Trụ cột", titleEn: "Pillar", values: PILLARS },
  ];

/** A sheet name or title as Excel compares names: Unicode form and case ignored. */
export const foldName = (s: unknown): string =>
  String(s ?? "")
    .normalize("NFC")
    .toLowerCase()
    .trim();

/**
 * Whether a sheet holds the product's lists in a language, told by its content, not its name (a planner's own
 * "Danh mục" is any catalogue of theirs): from A1, the lists' titles of that language and nothing else in the first
 * row.
 */
export function isListsSheet(grid: Grid, lang: Lang): boolean {
  const first = grid.originRow === 1 && grid.originCol === 1 ? grid.values[0] : undefined;
  if (!first?.length) return false;
  const titles = LISTS.map((l) => foldName(lang === "vi" ? l.title : l.titleEn));
  return first.every((v, j) => (j === 0 || foldName(v) !== "" ? foldName(v) === titles[j] : true));
}

// The template's input sheet names of each language, folded as the parser finds sheets (case, Unicode form and accents
// ignored: "số liệu", an NFD "Số liệu" from a Mac and "So lieu" are all the Vietnamese figures sheet).
const NAMES: Record<Lang, ReadonlySet<string>> = {
  vi: new Set(INPUT_SHEETS.map((d) => foldText(d.name))),
  en: new Set(INPUT_SHEETS.map((d) => foldText(d.nameEn))),
};

/**
 * The template language a workbook's sheets are named in ("Số liệu": vi, "Figures": en), null when they show none or
 * both. The lists sheet counts by its content, whatever its name ("Danh mục (ictplan)" beside a planner's own); a
 * planner's "Danh mục" or "Lists" that does not hold the product's lists says nothing.
 */
export function workbookLanguage(sheets: readonly Grid[]): Lang | null {
  let vi = false;
  let en = false;
  for (const g of sheets) {
    const n = foldText(g.sheet);
    if (isListsSheet(g, "vi") || NAMES.vi.has(n)) vi = true;
    else if (isListsSheet(g, "en") || NAMES.en.has(n)) en = true;
  }
  return vi === en ? null : vi ? "vi" : "en";
}

/** A letter English never writes: an accented Latin letter, đ included ("Mã", "Kỳ"). */
const VIETNAMESE_LETTER = /(?=\p{L})[\u00c0-\u024f\u1e00-\u1eff]/u;

let headerNames: Map<string, Lang | null> | null = null;

/**
 * The language each folded column name is written in: the template's header of each language, a Vietnamese alias
 * (one with a Vietnamese letter), an English alias (the others, but those with a digit, as "Q1", which both languages
 * write); null for a name of both.
 */
function columnNameLanguages(): Map<string, Lang | null> {
  if (headerNames) return headerNames;
  const out = new Map<string, Lang | null>();
  const add = (name: string, lang: Lang) => {
    const k = foldText(name);
    out.set(k, out.has(k) && out.get(k) !== lang ? null : lang);
  };
  for (const def of INPUT_SHEETS)
    for (const c of def.columns) {
      add(c.header, "vi");
      add(c.headerEn, "en");
      for (const a of c.aliases) {
        if (VIETNAMESE_LETTER.test(a)) add(a, "vi");
        else if (!/\d/.test(a) && !out.has(foldText(a))) add(a, "en");
      }
    }
  headerNames = out;
  return out;
}

/**
 * The language header cells are written in, by the most of them ("Mã đơn vị", "Ma don vi": vi; "Unit code", "Code":
 * en); null on a tie or when none tells. For a workbook whose sheets are named by aliases only ("Data", "Config").
 */
export function headersLanguage(headers: readonly string[]): Lang | null {
  let vi = 0;
  let en = 0;
  const names = columnNameLanguages();
  for (const h of headers) {
    const lang = VIETNAMESE_LETTER.test(h) ? "vi" : names.get(foldText(h));
    if (lang === "vi") vi++;
    else if (lang === "en") en++;
  }
  return vi === en ? null : vi > en ? "vi" : "en";
}
