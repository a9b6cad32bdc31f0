/**
 * `npm run bench:office`: Office.js requests and responses of the pane's actions at 31, 200 and 1,000 units × 50
 * indicators and wide plans of 300 units × 200 and 400 indicators, × 8 quarters (OFFICE_UNITS="31,300x200": each plan
 * as units, or units x indicators; 50 indicators when not given). Requests are measured as Microsoft's client library serialises them (tests/fakeExcel/realClient.ts);
 * responses are the JSON of what the host returns. Writes the section into bench/office-results.md and bench/results.md.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FakeExcel, installExcelEnums } from "../tests/fakeExcel/fakeExcel";
import { measuredRunner, RequestLog } from "../tests/fakeExcel/realClient";
import { OfficeWorkbook } from "../src/workbook/office/officeWorkbook";
import { runAction, type Action } from "../src/workbook/office/actions";
import { planRowsToGrids } from "../src/engine/planRows";
import { generatePlanRows } from "./generate";

const LIMIT = 5 * 1024 * 1024;
/** Plans measured: units × indicators. */
const SIZES = (process.env.OFFICE_UNITS ?? "31,200,1000,300x200,300x400").split(",").map((s) => {
  const [units, indicators = 50] = s.split("x").map(Number);
  return { units, indicators };
});
const mb = (n: number) => (n / 1024 / 1024).toFixed(2);

interface Row {
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

async function measure(units: number, indicators: number): Promise<Row[]> {
  installExcelEnums();
  const host = FakeExcel.withGrids(planRowsToGrids(generatePlanRows(units, indicators, 8)));
  // Formulas read back as a 17-character number: HyperFormula is too slow at 1,000 units, and this bounds the response.
  host.unevaluated = 0.12345678901234566;
  const rows: Row[] = [];
  for (const [step, action] of [
    ["compute, first run", "compute"],
    ["summary, replacing the outputs", "summary"],
  ] as [string, Action][]) {
    const log = new RequestLog();
    const wb = new OfficeWorkbook(measuredRunner(host, log));
    const from = host.log.length;
    const t0 = Date.now();
    await runAction(wb, action, { lang: "vi" });
    const syncs = host.log.slice(from);
    rows.push({
      units,
      indicators,
      step,
      syncs: syncs.length,
      requests: log.requests.length,
      maxRequest: Math.max(...log.requests),
      totalRequest: log.requests.reduce((a, b) => a + b, 0),
      maxResponse: Math.max(...syncs.map((s) => s.response).filter((r) => r <= LIMIT)),
      refused: syncs.filter((s) => s.response > LIMIT || s.request > LIMIT).length,
      seconds: (Date.now() - t0) / 1000,
    });
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  return rows;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const { units, indicators } of SIZES) rows.push(...(await measure(units, indicators)));
  const section = [
    "## Office.js requests and responses as Excel on the web receives them (`npm run bench:office`)",
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
  ].join("\n");
  console.log(section);
  await fs.writeFile(path.join(__dirname, "office-results.md"), section);
  const file = path.join(__dirname, "results.md");
  const text = await fs.readFile(file, "utf8");
  const start = text.indexOf("## Office.js requests and responses");
  const next = start < 0 ? -1 : text.indexOf("\n## ", start + 1);
  const updated =
    start < 0
      ? text.replace("## Task-pane bundle", `${section}\n## Task-pane bundle`)
      : text.slice(0, start) + section + (next < 0 ? "" : `\n${text.slice(next + 1)}`);
  await fs.writeFile(file, updated);
}

void main();
