/**
 * `npm run bench:office`: Office.js requests and responses of the pane's actions at 31, 200 and 1,000 units × 50
 * indicators and wide plans of 300 units × 200 and 400 indicators, × 8 quarters (OFFICE_UNITS="31,300x200": each plan
 * as units, or units x indicators; 50 indicators when not given). Requests are measured as Microsoft's client library serialises them (tests/fakeExcel/realClient.ts);
 * responses are the JSON of what the host returns. Writes the section (bench/officeSection.ts) into
 * bench/office-results.md and bench/results.md, keeping the hand-written note under its table.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeExcel, installExcelEnums } from "../tests/fakeExcel/fakeExcel";
import { measuredRunner, RequestLog } from "../tests/fakeExcel/realClient";
import { OfficeWorkbook } from "../src/workbook/office/officeWorkbook";
import { runAction, type Action } from "../src/workbook/office/actions";
import { planRowsToGrids } from "../src/engine/planRows";
import { generatePlanRows } from "./generate";
import { keptNote, officeSection, spliceSection, type OfficeRow } from "./officeSection";

const LIMIT = 5 * 1024 * 1024;
/** Plans measured: units × indicators. */
const SIZES = (process.env.OFFICE_UNITS ?? "31,200,1000,300x200,300x400").split(",").map((s) => {
  const [units, indicators = 50] = s.split("x").map(Number);
  return { units, indicators };
});

async function measure(units: number, indicators: number): Promise<OfficeRow[]> {
  installExcelEnums();
  const host = FakeExcel.withGrids(planRowsToGrids(generatePlanRows(units, indicators, 8)));
  // Formulas read back as a 17-character number: HyperFormula is too slow at 1,000 units, and this bounds the response.
  host.unevaluated = 0.12345678901234566;
  const rows: OfficeRow[] = [];
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
  const at = new Date().toISOString().slice(0, 16).replace("T", " ");
  const load = os.loadavg()[0];
  const rows: OfficeRow[] = [];
  for (const { units, indicators } of SIZES) rows.push(...(await measure(units, indicators)));
  const file = path.join(__dirname, "results.md");
  const results = await fs.readFile(file, "utf8");
  // The note under the table is written by hand: kept from results.md (or, failing that, office-results.md).
  const note =
    keptNote(results) ||
    keptNote(await fs.readFile(path.join(__dirname, "office-results.md"), "utf8").catch(() => ""));
  const section = officeSection(rows, { at, load: [load, os.loadavg()[0]], cores: os.cpus().length }, note);
  console.log(section);
  await fs.writeFile(path.join(__dirname, "office-results.md"), section);
  await fs.writeFile(file, spliceSection(results, section));
}

void main();
