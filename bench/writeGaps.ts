/**
 * The longest stretches between two pauses while the preview writes a compute action's sheets at 1,000 units: the
 * sliced .xlsx adapter (fflate, as in the browser) with a pause that records the time since the previous one and
 * where each stretch began and ended. `npx tsx bench/writeGaps.ts [units]`. Each stretch is given in CPU time of the
 * process (user + system, all its threads) as well as wall time: on a busy machine the wall time stretches.
 */
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../src/workbook/xlsx/template";
import { planSteps, type RunResult } from "../src/engine/pipeline";
import { generatePlanRows } from "./generate";

const WRITES = new Set(["results", "ranking", "findings"]);

/** The innermost frames of the project's own code at the current point, for naming where a stretch ends. */
function where(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(3);
  return frames
    .filter((f) => f.includes("/src/"))
    .slice(0, 3)
    .map((f) =>
      f
        .trim()
        .replace(/^at (async )?/, "")
        .replace(/\(.*\/src\//, "(")
        .replace(/:\d+\)$/, ")"),
    )
    .join(" < ");
}

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
  const run: RunResult = next.value;
  const sheets = run.sheets.filter((s) => WRITES.has(s.kind));

  const gaps: { stage: string; ms: number; wallMs: number; from: string; to: string }[] = [];
  let stage = "write";
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let from = "applySheets start";
  const record = (to: string) => {
    const cpu = process.cpuUsage(lastCpu);
    gaps.push({ stage, ms: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - last, from, to });
  };
  const restart = (at: string) => {
    from = at;
    last = performance.now();
    lastCpu = process.cpuUsage();
  };
  const pause = async () => {
    const to = where();
    record(to);
    await new Promise((r) => setImmediate(r));
    restart(to);
  };
  wb.slices = pause;
  const t0 = performance.now();
  await wb.applySheets(sheets, { force: true });
  record("applySheets end");
  const writeMs = performance.now() - t0;
  // The preview's grid then reads the workbook again (sliced too), after the action.
  stage = "read after";
  restart("readGrids start");
  await wb.readGrids();
  record("readGrids end");
  const top = (st: string) =>
    gaps
      .filter((g) => g.stage === st)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 6)
      .map((g) => ({ cpuMs: Math.round(g.ms), wallMs: Math.round(g.wallMs), from: g.from, to: g.to }));
  const over = (st: string, ms: number) => gaps.filter((g) => g.stage === st && g.ms > ms).length;
  console.log(
    JSON.stringify(
      {
        units,
        writeMs: Math.round(writeMs),
        pauses: gaps.length,
        writeOver50: over("write", 50),
        writeOver100: over("write", 100),
        write: top("write"),
        readAfter: top("read after"),
      },
      null,
      2,
    ),
  );
}

void main();
