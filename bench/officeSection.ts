/**
 * The `npm run bench:office` section of bench/results.md: its table and what the script writes under it, with the
 * hand-written note that follows kept from one run to the next (pure, so tests/office/officeBench.test.ts runs it).
 */

/** One action measured on one plan. */
export interface OfficeRow {
  units: number;
  indicators: number;
  step: string;
  syncs: number;
  requests: number;
  maxRequest: number;
  totalRequest: number;
  maxResponse: number;
  /** Requests the host refused as too large (the adapter then retried smaller). */
  refused: number;
  seconds: number;
}

/** When and at what load the rows were measured. */
export interface Measured {
  /** "2026-11-27 18:41" (UTC). */
  readonly at: string;
  /** One-minute load average at the start and at the end. */
  readonly load: readonly [number, number];
  readonly cores: number;
}

export const HEADING =
  "## Office.js requests and responses as Excel on the web receives them (`npm run bench:office`)";
/** How the paragraph the script writes under the table begins: the note is what follows it. */
const MEASURED = "Measured by `npm run bench:office` on ";

const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
const plan = (r: OfficeRow) => `${r.units} units × ${r.indicators} indicators, ${r.step}`;

/** The section: heading, table, the paragraph on when it was measured and its largest figures, then `note`. */
export function officeSection(rows: readonly OfficeRow[], measured: Measured, note: string): string {
  const top = (key: "maxRequest" | "maxResponse") => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
  const request = top("maxRequest");
  const response = top("maxResponse");
  const refused = rows.reduce((s, r) => s + r.refused, 0);
  const words = (text: string) => text.match(/.{1,116}(\s|$)/g)!.map((l) => l.trimEnd());
  return [
    HEADING,
    "",
    "Plans of units × indicators × 8 quarters; the pane's actions (engine with robustness) on the strict fake host. Request bytes are",
    "the bodies Microsoft's client library (`@microsoft/office-js`, excel-web-16.00) builds for each sync; response bytes",
    "are the JSON of the values loaded (formula cells read back as a 17-character number). Limit: 5 MB (5.00 MB) each.",
    "",
    "| units | indicators | action | syncs | requests | largest request MB | all requests MB | largest response MB | refused as too large | s |",
    "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.units} | ${r.indicators} | ${r.step} | ${r.syncs} | ${r.requests} | ${mb(r.maxRequest)} | ${mb(r.totalRequest)} | ${mb(r.maxResponse)} | ${r.refused} | ${r.seconds.toFixed(1)} |`,
    ),
    "",
    ...words(
      `${MEASURED}${measured.at} UTC at a load of ${measured.load[0].toFixed(1)} → ${measured.load[1].toFixed(1)} ` +
        `(one-minute average, start → end) on ${measured.cores} cores: the seconds depend on it, bytes and syncs do ` +
        `not. Largest request ${mb(request.maxRequest)} MB (${plan(request)}), largest response ` +
        `${mb(response.maxResponse)} MB (${plan(response)}); ${refused === 0 ? "none" : refused} refused as too large.`,
    ),
    ...(note ? ["", note] : []),
    "",
  ].join("\n");
}

/** The hand-written note of a section (of results.md or office-results.md): what follows the measured paragraph. */
export function keptNote(text: string): string {
  const start = text.indexOf(HEADING);
  if (start < 0) return "";
  const next = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  // The paragraphs after the table; the script's own paragraph (or, before it wrote one, none) is left out.
  const paragraphs = section.split(/\n{2,}/).map((p) => p.trim());
  const table = paragraphs.findIndex((p) => p.startsWith("| units |"));
  if (table < 0) return "";
  return paragraphs
    .slice(table + 1)
    .filter((p) => p && !p.startsWith(MEASURED))
    .join("\n\n");
}

/** results.md with its section replaced by `section` (or put before the task-pane bundle's when it has none). */
export function spliceSection(results: string, section: string): string {
  const start = results.indexOf(HEADING);
  if (start < 0) return results.replace("## Task-pane bundle", `${section}\n## Task-pane bundle`);
  const next = results.indexOf("\n## ", start + 1);
  return results.slice(0, start) + section + (next < 0 ? "" : `\n${results.slice(next + 1)}`);
}
