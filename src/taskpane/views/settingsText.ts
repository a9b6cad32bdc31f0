/** A setting's value as text to edit in the pane, and typed text read back as the Cấu hình sheet reads it. */
import { SETTINGS, type SettingDef, type SettingsValues } from "../../engine/format";
import { readSetting } from "../../engine/parse/plan";
import { formatNumber, parseNumber, periodLabel, type Lang } from "../i18n";

/** The fewest decimals (up to 10) that write x exactly: a value shown for editing is saved back as it reads. */
function decimalsOf(x: number): number {
  let d = 0;
  while (d < 10 && Number(x.toFixed(d)) !== x) d++;
  return d;
}

/** A setting's value as the pane shows it for editing (percentages as 0–100, enums by key), never rounded: every
 *  value shown is saved back with a change to another. */
export function shownValue(def: SettingDef, value: string | number, lang: Lang): string {
  if (typeof value === "string") return def.type === "period" && value ? periodLabel(lang, value) : value;
  if (def.type === "percent") {
    const pct = Math.round(value * 1e10) / 1e8; // 0.8 * 100 is 80.00000000000001
    return formatNumber(lang, pct, decimalsOf(pct));
  }
  // Thousands grouped the language's way (10.000 draws), as typed numbers are read; a year is not a quantity (2015).
  return def.key === "year" ? String(value) : formatNumber(lang, value, decimalsOf(value));
}

/** The typed text read as the Cấu hình sheet would read it; null when it is not an allowed value. */
export function typedValue(def: SettingDef, text: string, lang: Lang): string | number | null {
  if (def.type === "text" || def.type === "enum") return text.trim();
  if (def.type === "period") return text.trim() === "" ? "" : readSetting(def, text.trim(), false);
  const n = parseNumber(lang, text.replace(/%\s*$/, ""));
  if (n === null) return null;
  // A percentage is typed 0–100 here; the sheet holds the fraction (given as a number: "12.345%" as text would be
  // read the Vietnamese way, as twelve thousand).
  return def.type === "percent" ? readSetting(def, n / 100, true) : readSetting(def, n, false);
}

/** A text per setting, as shown or typed. */
export type Texts = Record<keyof SettingsValues, string>;

/** What the planner has typed and not saved yet, by setting, in the language it was typed in. Kept by the pane, not
 *  by this view, so that it survives a visit to another view, a new reading of the workbook and a change of
 *  language. */
export interface SettingsDraft {
  readonly lang: Lang;
  readonly texts: Partial<Texts>;
}

export const emptyDraft = (lang: Lang): SettingsDraft => ({ lang, texts: {} });

/** The draft in another language: each typed value that reads as an allowed one is written the new language's way
 *  ("1.000" stays one thousand: "1,000"); anything else is kept as typed, to be corrected. */
export function redraft(draft: SettingsDraft, lang: Lang): SettingsDraft {
  if (draft.lang === lang) return draft;
  const texts: Partial<Texts> = {};
  for (const def of SETTINGS) {
    const text = draft.texts[def.key];
    if (text === undefined) continue;
    const value = def.type === "text" || def.type === "enum" ? null : typedValue(def, text, draft.lang);
    texts[def.key] = value === null ? text : shownValue(def, value, lang);
  }
  return { lang, texts };
}
