/** One benchmark measurement in its own process, so that peak memory (maxRSS) belongs to it alone. Prints JSON. */
import ExcelJS from "exceljs";
import { execFileSync, spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatePlanRows } from "./generate";
import { planFile } from "./planFile";
import JSZip from "jszip";
import zlib from "node:zlib";
import { planRowsToGrids } from "../src/engine/planRows";
import { checkWorkbook } from "../src/engine/validate";
import { computePeriod } from "../src/engine/compute";
import { buildQuarterlySummary } from "../src/engine/summary";
import { runPlan } from "../src/engine/pipeline";
import { buildTemplate } from "../src/workbook/xlsx/template";
import { sheetXml } from "../src/workbook/xlsx/write";
import { MINIMAL_STYLES, StyleBook } from "../src/workbook/xlsx/styles";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";
import { useZipCodec } from "../src/workbook/xlsx/zipPackage";
import { NODE_CODEC } from "../src/workbook/xlsx/nodeCodec";
import { evaluateSpecs } from "../tests/helpers/hyperformula";
import { FakeExcel, installExcelEnums } from "../tests/fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../src/workbook/office/officeWorkbook";

const [kind, unitsArg, indArg, qArg] = process.argv.slice(2);
const units = Number(unitsArg);
const indicators = Number(indArg);
const quarters = Number(qArg);
const period = `${2014 + Math.floor((quarters - 1) / 4)}-Q${((quarters - 1) % 4) + 1}`;
const now = () => Number(process.hrtime.bigint()) / 1e6;
// Node's zlib, as the CLI uses: the floor is read with the same codec.
useZipCodec(NODE_CODEC);

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function repeat<T>(n: number, f: () => T): T[] {
  return Array.from({ length: n }, f);
}

/** One `ictplan compute` in its own process under /usr/bin/time: wall and CPU (user + system) time, peak RSS. */
function cliRun(
  bin: string,
  input: string,
  output: string,
): { wallMs: number; cpuMs: number; peakMB: number } {
  const w0 = now();
  // /usr/bin/time reports on stderr, which execFileSync does not return: spawnSync keeps it.
  const timed = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "TIME %e %U %S %M",
      process.execPath,
      bin,
      "compute",
      input,
      "-o",
      output,
      "--period",
      period,
      "--json",
    ],
    { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30 },
  ).stderr;
  const wallMs = now() - w0;
  const [, , user, sys, rssKB] = (/TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(timed) ?? []).map(Number);
  return { wallMs, cpuMs: (user + sys) * 1000, peakMB: rssKB / 1024 };
}

interface Floor {
  readMs: number;
  serialiseMs: number;
  writeMs: number;
}

/**
 * The floor of one run: unzip and parse the input; the output's sheets (the run's own sheet specs, made beforehand
 * and not timed) serialised as SpreadsheetML by the product's writer, the fastest we have for these cells; every
 * part of the CLI's output deflated and written.
 */
async function floorOf(input: string, output: string): Promise<Floor> {
  const f0 = now();
  const wb = await XlsxWorkbook.load(await fs.readFile(input));
  const grids = await wb.readGrids();
  const f1 = now();
  const run = runPlan(grids, { period, lang: "vi", robustness: true });
  const styles = new StyleBook(MINIMAL_STYLES);
  const s0 = now();
  for (const spec of run.sheets) sheetXml(spec, styles, { tables: [] });
  const s1 = now();
  const zip = await JSZip.loadAsync(await fs.readFile(output));
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async("uint8array")));
  const f2 = now();
  await fs.writeFile(
    `${output}.floor`,
    Buffer.concat(parts.map((b) => zlib.deflateRawSync(b, { level: 1 }))),
  );
  const f3 = now();
  return { readMs: f1 - f0, serialiseMs: s1 - s0, writeMs: f3 - f2 };
}

async function main(): Promise<void> {
  const rows = generatePlanRows(units, indicators, quarters);
  const grids = planRowsToGrids(rows);
  const out: Record<string, number | string> = { units, indicators, quarters };
  if (kind === "engine") {
    const t0 = now();
    const { plan, findings } = checkWorkbook(grids, period);
    const t1 = now();
    const results = computePeriod(plan, period);
    const t2 = now();
    buildQuarterlySummary(plan, results, findings, new Date().toISOString());
    const t3 = now();
    Object.assign(out, { ms: t3 - t0, parseValidateMs: t1 - t0, computeMs: t2 - t1, summaryMs: t3 - t2 });
  } else if (kind === "formulas") {
    const t0 = now();
    const run = runPlan(grids, { period, lang: "vi", robustness: false });
    const t1 = now();
    const { checked, mismatches } = evaluateSpecs(grids, run.sheets);
    const t2 = now();
    Object.assign(out, { engineMs: t1 - t0, ms: t2 - t1, formulas: checked, mismatches: mismatches.length });
  } else if (kind === "ranking") {
    // The cross-unit formulas (pillars, index, ranks, grades, summary) over Kết quả given as values: the part whose
    // cost could grow faster than the rows (each rank counts over its group).
    const run = runPlan(grids, { period, lang: "vi", robustness: false });
    const specs = run.sheets.map((s) =>
      s.kind !== "results"
        ? s
        : {
            ...s,
            blocks: s.blocks.map((b) => ({
              ...b,
              cells: b.cells.map((r) => r.map((c) => ({ value: c.value }))),
            })),
          },
    );
    const t0 = now();
    const { checked, mismatches } = evaluateSpecs(grids, specs);
    Object.assign(out, { ms: now() - t0, formulas: checked, mismatches: mismatches.length });
  } else if (kind === "libreoffice") {
    // Every output formula recalculated by LibreOffice Calc, a native spreadsheet engine (the closest to Excel here).
    const wb = XlsxWorkbook.of(buildTemplate(rows));
    const run = runPlan(await wb.readGrids(), { period, lang: "vi", robustness: false });
    await wb.applySheets(run.sheets);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-lo-"));
    try {
      const file = path.join(dir, "out.xlsx");
      const expected = path.join(dir, "expected.json");
      await fs.writeFile(file, await wb.save());
      await fs.writeFile(expected, JSON.stringify(run.results?.ranking ?? []));
      const script = path.join(__dirname, "libreoffice.py");
      const lo = JSON.parse(execFileSync("/usr/bin/python3", [script, file, expected], { encoding: "utf8" }));
      Object.assign(out, { ms: lo.calcMs, loadMs: lo.loadMs, compared: lo.units, mismatches: lo.mismatches });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  } else if (kind === "office") {
    installExcelEnums();
    const host = FakeExcel.withGrids(grids);
    const wb = new OfficeWorkbook(host.runner());
    const t0 = now();
    const read = await wb.readGrids();
    const readSyncs = wb.syncs;
    const readBytes = host.payloadBytes;
    const run = runPlan(read, { period, lang: "vi", robustness: false });
    await wb.applySheets(run.sheets);
    Object.assign(out, {
      ms: now() - t0,
      readSyncs,
      readBytes,
      writeSyncs: wb.syncs - readSyncs,
      chunkSyncs: wb.chunkSyncs,
      writeBytes: host.payloadBytes - readBytes,
    });
  } else if (kind === "cli") {
    // One run of the command line as a planner starts it (compute with the summary and robustness), timed with
    // /usr/bin/time in its own process; then, in this process, the floor for the same files: unzip and parse the
    // input, serialise the output's sheets, and write the output's bytes (every part deflated by Node's native zlib
    // at level 1). Sizes up to 3,500 units are run three times, each figure the median (one run swings by 20 %).
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-cli-bench-"));
    try {
      const input = path.join(dir, "plan.xlsx");
      const output = path.join(dir, "out.xlsx");
      await fs.writeFile(input, await planFile(rows));
      const bin = path.join(__dirname, "..", "bin", "ictplan.js");
      const runs = units <= 3500 ? 3 : 1;
      const cli = repeat(runs, () => cliRun(bin, input, output));
      // The same file through `ictplan validate` (start, read and checks only): what every run costs before it
      // computes or writes anything.
      const validateMs = median(
        repeat(runs, () => {
          const v0 = now();
          spawnSync(process.execPath, [bin, "validate", input, "--period", period, "--json"], {
            stdio: ["ignore", "ignore", "ignore"],
          });
          return now() - v0;
        }),
      );
      const floor: Floor[] = [];
      for (let i = 0; i < runs; i++) floor.push(await floorOf(input, output));
      const pick = (k: keyof Floor) => median(floor.map((f) => f[k]));
      Object.assign(out, {
        fileMB: (await fs.stat(input)).size / 1048576,
        outMB: (await fs.stat(output)).size / 1048576,
        runs,
        ms: median(cli.map((c) => c.wallMs)),
        cpuMs: median(cli.map((c) => c.cpuMs)),
        cliPeakMB: Math.max(...cli.map((c) => c.peakMB)),
        validateMs,
        floorReadMs: pick("readMs"),
        floorWriteMs: pick("writeMs"),
        floorMs: pick("readMs") + pick("writeMs"),
        serialiseMs: pick("serialiseMs"),
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  } else if (kind === "xlsx") {
    const file = await XlsxWorkbook.of(buildTemplate(rows)).save();
    const b0 = now();
    const bare = new ExcelJS.Workbook();
    await bare.xlsx.load(file as unknown as ExcelJS.Buffer);
    await bare.xlsx.writeBuffer();
    const b1 = now();
    const wb = await XlsxWorkbook.load(file);
    const read = await wb.readGrids();
    const p0 = now();
    const run = runPlan(read, { period, lang: "vi", robustness: false });
    const p1 = now();
    await wb.applySheets(run.sheets);
    const bytes = await wb.save();
    const p2 = now();
    // ExcelJS's own cost of writing the same output: load it, then time only the save.
    const same = new ExcelJS.Workbook();
    await same.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const s0 = now();
    await same.xlsx.writeBuffer();
    const bareSaveOutMs = now() - s0;
    const bareLoad = new ExcelJS.Workbook();
    const l0 = now();
    await bareLoad.xlsx.load(file as unknown as ExcelJS.Buffer);
    const bareLoadInMs = now() - l0;
    Object.assign(out, {
      fileMB: file.length / 1048576,
      outMB: bytes.length / 1048576,
      bareMs: b1 - b0,
      bareLoadInMs,
      bareSaveOutMs,
      productIoMs: p0 - b1 + (p2 - p1),
      engineMs: p1 - p0,
    });
  }
  out.peakMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out));
}

void main();
