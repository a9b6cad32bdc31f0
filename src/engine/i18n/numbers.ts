/** Numbers written the language's way: vi 99,45 and 1.100; en 99.45 and 1,100. */
import type { Lang } from "./labels";

/** A number with a fixed count of decimals and the language's separators. */
export function formatNumber(x: number, decimals: number, lang: Lang): string {
  // Cut at the point without split's array and its destructuring (a report formats thousands of numbers, most of
  // them before the optimising compiler has run).
  const fixed = Math.abs(x).toFixed(decimals);
  const point = fixed.indexOf(".");
  const int = point < 0 ? fixed : fixed.slice(0, point);
  const frac = point < 0 ? undefined : fixed.slice(point + 1);
  const group = lang === "vi" ? "." : ",";
  // Three characters or fewer hold no place for a separator: the pattern is not run.
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, group) : int;
  const sign = x < 0 && Number(`${int}.${frac ?? 0}`) !== 0 ? "-" : "";
  return `${sign}${grouped}${frac ? (lang === "vi" ? "," : ".") + frac : ""}`;
}

/**
 * A change with its sign, "+12,59", "-2,73" or "0,00": the hyphen-minus Excel and Word write before a negative number
 * and Vietnamese official documents print, the same in the report's text, its tables and the tab's number cells.
 */
export function formatSigned(x: number, decimals: number, lang: Lang): string {
  const text = formatNumber(x, decimals, lang);
  return x > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** A number with as many decimals as it has (up to 6), the language's way: vi 1.234,5 and 10.000; en 1,234.5. */
export function formatShortest(x: number, lang: Lang): string {
  let d = 0;
  while (d < 6 && Number(x.toFixed(d)) !== x) d++;
  return formatNumber(x, d, lang);
}

/** A share (0.61) as a whole percent ("61%"), or with decimals ("61,3%"). */
export function formatPercent(share: number, lang: Lang, decimals = 0): string {
  return `${formatNumber(share * 100, decimals, lang)}%`;
}

/** English month names, for dates written out ("November 26, 2026"). */
export const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A date the language's way: vi dd/mm/yyyy; en with the month's name, as the report's place and date line. */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return lang === "vi" ? `${d}/${m}/${y}` : `${MONTHS_EN[Number(m) - 1]} ${Number(d)}, ${y}`;
}
