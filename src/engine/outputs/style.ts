/** Shared look of the output sheets. */
import type { CellStyle, ConditionalFormatSpec } from "../sheetSpec";
import type { PlanShape, RankingGroup } from "../model";
import { enumName, PILLARS, RANKING_GROUPS } from "../format";
import { formatPeriod, periodFromKey } from "../periods";
import { gradeLabel, labels, statusLabel, type Lang } from "../i18n/labels";
import { fillTemplate, foldText } from "../text";
import { lines, textWidth } from "./lineBreaks";

export const TITLE_STYLE: CellStyle = { bold: true, fontSize: 14, fontColor: "1F4E79" };
export const NOTE_STYLE: CellStyle = { italic: true, fontColor: "595959" };
export const HEADER_STYLE: CellStyle = {
  bold: true,
  fontColor: "FFFFFF",
  fill: "1F4E79",
  wrap: true,
  border: true,
};
export const SECTION_STYLE: CellStyle = { bold: true, fontSize: 12, fontColor: "1F4E79" };

/** The data sheets' Calibri, measured with lines()'s Times New Roman metrics taken this much wider (Carlito, its
 *  metric twin in LibreOffice, sets Vietnamese text about 6 % wider than Times New Roman). */
const CALIBRI_WIDER = 1.1;
/** Excel's height of a row of one line of 11-pt Calibri, in points. */
const CALIBRI_LINE = 15;

/** Excel's tallest row, in points ("Excel specifications and limits": row height 409 points). */
export const MAX_ROW_HEIGHT = 409;

/**
 * Height in points of a row of wrapped 11-pt Calibri cells, each `width` characters wide: as many lines as its
 * longest text takes. A row left at the default height shows one line and clips (or, in LibreOffice, overprints) the rest.
 */
export function wrappedRowHeight(cells: readonly { text: string; width: number }[], bold = false): number {
  let most = 1;
  for (const c of cells) most = Math.max(most, lines(c.text, c.width / CALIBRI_WIDER, 11, bold));
  return Math.min(most * CALIBRI_LINE, MAX_ROW_HEIGHT);
}

/**
 * Width in characters of a column at least `least` wide and wide enough for the longest word of its bold 11-pt title
 * (a word wider than its column is broken inside: "infrastruc" / "ture").
 */
export function titleWidth(title: string, least: number): number {
  const widest = Math.max(...title.split(" ").map((word) => textWidth(word, true)));
  // Thousandths of an em at 11 pt, Calibri's wider letters, the cell's padding; a character of width is 5.25 pt.
  // At most 60: a pillar named by one very long word is broken inside rather than widening its column past Excel's
  // 255 and the printed page to nothing.
  return Math.max(least, Math.min(60, Math.ceil(((widest * 11 * CALIBRI_WIDER) / 1000 + 4) / 5.25)));
}

/** Margins in inches of a wide sheet printed one page wide: the less margin, the larger the print. */
export const NARROW_MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

/** The height of a header row of bold titles in columns of these widths, as a row-heights entry. */
export function headerRowHeight(row: number, titles: readonly string[], widths: readonly number[]) {
  return {
    row,
    height: wrappedRowHeight(
      titles.map((text, i) => ({ text, width: widths[i] })),
      true,
    ),
  };
}

/** A data sheet's print footer: its title, then the page and the pages ("… – Trang 2/5"; a literal "&" doubled). */
export function pageFooter(title: string, lang: Lang): string {
  return fillTemplate(labels(lang).pageFooter, { where: title.replace(/&/g, "&&") });
}

const GREEN = "C6EFCE";
const YELLOW = "FFEB9C";
const RED = "FFC7CE";
const GREY = "EDEDED";

/** Name of a ranking group in a language; null: all units of the province. */
export function groupName(g: RankingGroup | null, lang: Lang): string {
  if (g === null) return lang === "vi" ? "Toàn tỉnh" : "All units";
  const e = RANKING_GROUPS.find((x) => x.key === g);
  return e ? enumName(e, lang) : g;
}

/** "tỉnh Lào Cai" / "Lào Cai province" from the Tỉnh setting, whether or not the planner wrote "Tỉnh" already;
 *  a centrally-run city ("Thành phố Hà Nội", "TP. Huế") keeps its own word. */
export function provinceTitle(name: string, lang: Lang): string {
  const folded = foldText(name);
  if (/^(thanh pho|tp) /.test(folded)) return name.trim();
  const bare = /^(tinh|province) /.test(folded)
    ? name.trim().replace(/^\S+\s+/, "")
    : / province$/.test(folded)
      ? name.trim().replace(/\s+\S+$/, "")
      : name.trim();
  return lang === "vi" ? `tỉnh ${bare}` : `${bare} province`;
}

/** A pillar's name in a language: the known pillars are translated, others stay as the planner wrote them. */
export function pillarName(pillar: string, lang: Lang): string {
  const e = PILLARS.find((x) => x.vi === pillar);
  return e ? enumName(e, lang) : pillar;
}

/** "Quý II/2015 – tỉnh Lào Cai". */
export function periodTitle(plan: PlanShape, period: string, lang: Lang): string {
  const p = periodFromKey(period);
  const label = p ? formatPeriod(p, lang) : period;
  const prov = plan.settings.province;
  return prov ? `${label} – ${provinceTitle(prov, lang)}` : label;
}

/** Colours for status cells: Đạt green, Gần đạt yellow, Chưa đạt red, no data grey. */
export function statusFormats(range: string, lang: Lang): ConditionalFormatSpec[] {
  return [
    { type: "textEquals", range, text: statusLabel("met", lang), fill: GREEN, fontColor: "006100" },
    { type: "textEquals", range, text: statusLabel("near", lang), fill: YELLOW, fontColor: "9C5700" },
    { type: "textEquals", range, text: statusLabel("notMet", lang), fill: RED, fontColor: "9C0006" },
    { type: "textEquals", range, text: statusLabel("noData", lang), fill: GREY },
  ];
}

/** Colours for grade cells. */
export function gradeFormats(range: string, lang: Lang): ConditionalFormatSpec[] {
  return [
    { type: "textEquals", range, text: gradeLabel("good", lang), fill: GREEN, fontColor: "006100" },
    { type: "textEquals", range, text: gradeLabel("fair", lang), fill: "DDEBF7", fontColor: "1F4E79" },
    { type: "textEquals", range, text: gradeLabel("average", lang), fill: YELLOW, fontColor: "9C5700" },
    { type: "textEquals", range, text: gradeLabel("weak", lang), fill: RED, fontColor: "9C0006" },
  ];
}
