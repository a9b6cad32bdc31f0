/**
 * The longest synchronous stretches of the pane's own JavaScript between two awaits (of `context.sync()` or of the
 * adapter's time-slice pauses) on the Office.js path, at 1,000 units × 50 indicators × 8 quarters: *Tính toán & xếp
 * hạng* on the strict fake host (read, then the write of the outputs, then the same write again replacing them; the
 * engine is left out: in the pane it runs in a Web Worker). The host's own work inside a sync (applying the queued
 * operations) is not counted; the fake's work in setters (payload estimates) is, as a stand-in for the real client's.
 * CPU time of the process and wall time (bench/stretches.ts). `npx tsx bench/officeGaps.ts [units]`.
 */
import { FakeExcel, installExcelEnums } from "../tests/fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../src/workbook/office/officeWorkbook";
import { planRowsToGrids } from "../src/engine/planRows";
import { planSteps } from "../src/engine/pipeline";
import { generatePlanRows } from "./generate";
import { Stretches } from "./stretches";

const WRITES = new Set(["results", "ranking", "findings"]);

async function main(): Promise<void> {
  installExcelEnums();
  const units = Number(process.argv[2] ?? 1000);
  const host = FakeExcel.withGrids(planRowsToGrids(generatePlanRows(units, 50, 8)));
  host.unevaluated = 0.12345678901234566;
  const s = new Stretches();
  host.sync = s.around(host.sync.bind(host));
  const wb = new OfficeWorkbook(host.runner(), (set, v) => host.isSetSupported(set, v));
  // The adapter's own pauses end a stretch too (they yield a task, as a sync does).
  wb.slices = s.around(wb.slices);
  s.stage = "read";
  s.start("readGrids start");
  const grids = await wb.readGrids();
  s.end("readGrids end");
  const steps = planSteps(grids, { period: null, lang: "vi", robustness: true, summary: false });
  let next = steps.next();
  while (!next.done) next = steps.next();
  const sheets = next.value.sheets.filter((x) => WRITES.has(x.kind));
  s.stage = "write";
  s.start("applySheets start");
  await wb.applySheets(sheets, {});
  s.end("applySheets end");
  // Again, replacing them: the old outputs are read back and their fingerprints compared first.
  s.stage = "rewrite";
  s.start("applySheets start");
  await wb.applySheets(sheets, {});
  s.end("applySheets end");
  const result = {
    units,
    stretches: s.list.length,
    over200: s.list.filter((x) => x.cpuMs > 200).length,
    read: s.top("read"),
    write: s.top("write"),
    rewrite: s.top("rewrite"),
  };
  console.log(JSON.stringify(result, null, 2));
}

void main();
