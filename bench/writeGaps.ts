/**
 * The longest stretches between two pauses while the preview writes a compute action's sheets at 1,000 units: the
 * sliced .xlsx adapter (fflate, as in the browser) with a pause that records each stretch (bench/stretches.ts), then
 * the preview grid's re-read after the action. `npx tsx bench/writeGaps.ts [units]`. On a busy machine the wall time
 * stretches; the CPU time is the figure to compare.
 */
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../src/workbook/xlsx/template";
import { planSteps } from "../src/engine/pipeline";
import { generatePlanRows } from "./generate";
import { Stretches } from "./stretches";

const WRITES = new Set(["results", "ranking", "findings"]);

async function main(): Promise<void> {
  const units = Number(process.argv[2] ?? 1000);
  const bytes = await XlsxWorkbook.of(buildTemplate(generatePlanRows(units, 50, 8))).save();
  const wb = await XlsxWorkbook.load(bytes);
  const steps = planSteps(await wb.readGrids(), {
    period: null,
    lang: "vi",
    robustness: true,
    summary: false,
  });
  let next = steps.next();
  while (!next.done) next = steps.next();
  const sheets = next.value.sheets.filter((s) => WRITES.has(s.kind));

  const s = new Stretches();
  wb.slices = s.around(() => new Promise<void>((r) => setImmediate(r)));
  s.stage = "write";
  s.start("applySheets start");
  const t0 = performance.now();
  await wb.applySheets(sheets, { force: true });
  s.end("applySheets end");
  const writeMs = Math.round(performance.now() - t0);
  // The preview's grid then reads the workbook again (sliced too), after the action.
  s.stage = "read after";
  s.start("readGrids start");
  await wb.readGrids();
  s.end("readGrids end");
  const result = {
    units,
    writeMs,
    pauses: s.list.length,
    writeOver50: s.over("write", 50),
    writeOver100: s.over("write", 100),
    write: s.top("write"),
    readAfter: s.top("read after"),
  };
  console.log(JSON.stringify(result, null, 2));
}

void main();
