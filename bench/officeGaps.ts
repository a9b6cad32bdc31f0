/**
 * The longest synchronous stretches of the pane's own JavaScript between two awaits (of `context.sync()` or of the
 * adapter's time-slice pauses) on the Office.js
 * path, at 1,000 units × 50 indicators × 8 quarters: *Tính toán & xếp hạng* on the strict fake host (read, then the
 * write of the outputs, then the same write again replacing them; the engine is left out: in the pane it runs in a
 * Web Worker). The host's own work inside a sync
 * (applying the queued operations) is not counted; the fake's work in setters (payload estimates) is, as a stand-in
 * for the real client's. CPU time of the process and wall time. `npx tsx bench/officeGaps.ts [units]`.
 */
import { FakeExcel, installExcelEnums } from "../tests/fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../src/workbook/office/officeWorkbook";
import { planRowsToGrids } from "../src/engine/planRows";
import { planSteps } from "../src/engine/pipeline";
import { generatePlanRows } from "./generate";

const WRITES = new Set(["results", "ranking", "findings"]);

/** The innermost frames of the project's own code at the current point. */
function where(): string {
  return (new Error().stack ?? "")
    .split("\n")
    .slice(3)
    .filter((f) => f.includes("/src/"))
    .slice(0, 2)
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
  installExcelEnums();
  const units = Number(process.argv[2] ?? 1000);
  const host = FakeExcel.withGrids(planRowsToGrids(generatePlanRows(units, 50, 8)));
  host.unevaluated = 0.12345678901234566;
  const gaps: { stage: string; cpuMs: number; wallMs: number; from: string; to: string }[] = [];
  let stage = "read";
  let from = "start";
  let last = { cpu: process.cpuUsage(), wall: performance.now() };
  const record = (to: string) => {
    const cpu = process.cpuUsage(last.cpu);
    gaps.push({
      stage,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - last.wall,
      from,
      to,
    });
  };
  const restart = (at: string) => {
    from = at;
    last = { cpu: process.cpuUsage(), wall: performance.now() };
  };
  const sync = host.sync.bind(host);
  host.sync = async () => {
    const at = where();
    record(at);
    await sync();
    restart(at);
  };
  const wb = new OfficeWorkbook(host.runner(), (s, v) => host.isSetSupported(s, v));
  // The adapter's own pauses end a stretch too (they yield a task, as a sync does).
  const pause = wb.slices;
  wb.slices = async () => {
    const at = where();
    record(at);
    await pause();
    restart(at);
  };
  restart("readGrids start");
  const grids = await wb.readGrids();
  record("readGrids end");
  const steps = planSteps(grids, { period: null, lang: "vi", robustness: true, summary: false });
  let next = steps.next();
  while (!next.done) next = steps.next();
  const sheets = next.value.sheets.filter((s) => WRITES.has(s.kind));
  stage = "write";
  restart("applySheets start");
  await wb.applySheets(sheets, {});
  record("applySheets end");
  // Again, replacing them: the old outputs are read back and their fingerprints compared first.
  stage = "rewrite";
  restart("applySheets start");
  await wb.applySheets(sheets, {});
  record("applySheets end");
  const top = (s: string) =>
    gaps
      .filter((g) => g.stage === s)
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, 6)
      .map((g) => ({ cpuMs: Math.round(g.cpuMs), wallMs: Math.round(g.wallMs), from: g.from, to: g.to }));
  console.log(
    JSON.stringify(
      {
        units,
        stretches: gaps.length,
        over200: gaps.filter((g) => g.cpuMs > 200).length,
        read: top("read"),
        write: top("write"),
        rewrite: top("rewrite"),
      },
      null,
      2,
    ),
  );
}

void main();
