/** Findings: constructing them and rendering their messages. */
import type { CellRef } from "./grid";
import { refAddress } from "./grid";
import type { Finding, Severity } from "./model";
import { FINDING_TEXTS, type FindingCode } from "./i18n/findings";
import { fillTemplate } from "./text";
import { formatPeriod, periodFromKey } from "./periods";

export type { FindingCode };

/** A finding with the catalogue's severity for its code. */
export function finding(
  code: FindingCode,
  where: CellRef | { sheet: string; cell?: string },
  params: Record<string, string | number> = {},
): Finding {
  const cell = "row" in where ? refAddress(where) : (where.cell ?? "");
  return { code, severity: FINDING_TEXTS[code].severity, sheet: where.sheet, cell, params };
}

/** The finding's message in a language, without the location. */
export function findingMessage(f: Finding, lang: "vi" | "en"): string {
  const t = (FINDING_TEXTS as Record<string, (typeof FINDING_TEXTS)[FindingCode]>)[f.code];
  if (!t) return f.code;
  const p = typeof f.params.period === "string" ? periodFromKey(f.params.period) : null;
  const params = p ? { ...f.params, period: formatPeriod(p, lang) } : f.params;
  return `${fillTemplate(lang === "vi" ? t.vi : t.en, params)} ${fillTemplate(lang === "vi" ? t.fixVi : t.fixEn, params)}`;
}

/** "Số liệu!E12: message" — where, then what and what to do. */
export function formatFinding(f: Finding, lang: "vi" | "en"): string {
  const where = f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
  return `${where}: ${findingMessage(f, lang)}`;
}

/** Counts findings by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
