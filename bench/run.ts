/**
 * `npm run bench`: measures the engine, the generated formulas in an independent formula engine, and the .xlsx
 * path on generated plans; prints one table and writes bench/results.md and bench/results.json.
 * Each measurement runs in its own process so that its peak memory is its own.
 */
import { measurePane } from "./browser";
import { buildCli } from "../scripts/build-cli";
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

type Row = Record<string, number | string>;

const tsx = path.join(__dirname, "..", "node_modules", "tsx", "dist", "cli.mjs");
const child = path.join(__dirname, "child.ts");

function measure(kind: string, units: number, indicators: number, quarters: number, timeoutS: number): Row {
  try {
    const out = execFileSync(
      process.execPath,
      [tsx, child, kind, String(units), String(indicators), String(quarters)],
      {
        // tsx starts its own node process: the heap limit must travel in NODE_OPTIONS to reach it.
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=8192" },
        encoding: "utf8",
        timeout: timeoutS * 1000,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return JSON.parse(out.trim().split("\n").pop() as string) as Row;
  } catch (e) {
    const why =
      e instanceof Error && /ETIMEDOUT|timed out/.test(e.message)
        ? `over ${timeoutS} s`
        : (((e as { stderr?: string }).stderr ?? String(e)).split("\n").find((l) => /Error/.test(l)) ??
          "failed");
    return { units, indicators, quarters, error: why.slice(0, 120) };
  }
}

/** LibreOffice Calc and its Python bridge, from Debian's packages. */
function haveLibreOffice(): boolean {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import uno"], { stdio: "ignore" });
    return existsSync("/usr/bin/soffice");
  } catch {
    return false;
  }
}

const fmt = (x: number | string | undefined, d = 0) => (typeof x === "number" ? x.toFixed(d) : (x ?? ""));

/**
 * One CLI run per size (compute, summary, robustness) with the floor measured beside it. The CLI's bundle is built
 * first, as `npm ci` builds it for a planner (bin/ictplan.js would otherwise run the sources through tsx after any edit).
 */
async function cliRows(): Promise<Row[]> {
  await buildCli(path.join(__dirname, ".."));
  return [1000, 3500, 10000].map((n) => measure("cli", n, 50, 8, 900));
}

const LIMITS: Record<number, { s: number; mb: number }> = {
  1000: { s: 3, mb: 1024 },
  3500: { s: 10, mb: 2048 },
  10000: { s: 60, mb: 4096 },
};

function cliSection(rows: readonly Row[]): string[] {
  const num = (x: unknown) => (typeof x === "number" ? x : NaN);
  return [
    "## One CLI run: `ictplan compute` with the summary and robustness, against the floor",
    "",
    "The input is written directly as SpreadsheetML (bench/planFile.ts); the CLI runs in its own process under `/usr/bin/time` (wall time, CPU time = user + system, peak RSS); sizes up to 3,500 units run three times and each figure is the median. The floor, measured in the same run: unzip and parse the input (`XlsxWorkbook.load` + `readGrids`) plus writing the output's bytes (every part deflated by Node's native zlib, level 1, and written). That floor leaves out making the output's SpreadsheetML, which no program writing this output can skip: `serialise` is the product's writer (`sheetXml`, the fastest writer we have for these cells; a plain string-building writer took 1.4–4 s at 1,000 units) run over the run's sheet specs, made beforehand and not timed. `validate` is the same file through `ictplan validate` in its own process (start, read and checks, nothing computed or written): what every run spends before its first result. Target: the time and memory limits of issue #15 and at most 1.5 × the floor.",
    "",
    "| units | input MB | output MB | CLI wall ms | CLI CPU ms | peak MB | floor ms (read + write) | CLI / floor | serialise ms | CLI / (floor + serialise) | validate ms (÷ floor) | target |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows.map((r) => {
      const ratio = (d: number) => (Number.isFinite(num(r.ms) / d) ? (num(r.ms) / d).toFixed(1) : "");
      const t = LIMITS[num(r.units)];
      return `| ${r.units} | ${fmt(r.fileMB, 1)} | ${fmt(r.outMB, 1)} | ${r.error ?? fmt(r.ms)} | ${fmt(r.cpuMs)} | ${fmt(r.cliPeakMB)} | ${fmt(r.floorMs)} (${fmt(r.floorReadMs)} + ${fmt(r.floorWriteMs)}) | ${ratio(num(r.floorMs))} | ${fmt(r.serialiseMs)} | ${ratio(num(r.floorMs) + num(r.serialiseMs))} | ${fmt(r.validateMs)} (${(num(r.validateMs) / num(r.floorMs)).toFixed(1)}) | ${t ? `${t.s} s, ${t.mb} MB, 1.5×` : ""} |`;
    }),
    "",
  ];
}

/** `npm run bench -- --cli`: only the CLI runs, spliced into the existing results. */
async function cliOnly(): Promise<void> {
  const rows = await cliRows();
  const mdPath = path.join(__dirname, "results.md");
  const md = await fs.readFile(mdPath, "utf8").catch(() => "# Benchmark results\n");
  const section = cliSection(rows).join("\n");
  const re = /## One CLI run:[\s\S]*?(?=\n## |$)/;
  const next = re.test(md) ? md.replace(re, section) : md.replace(/\n## /, `\n${section}\n## `);
  await fs.writeFile(mdPath, next);
  const jsonPath = path.join(__dirname, "results.json");
  const json = JSON.parse(await fs.readFile(jsonPath, "utf8").catch(() => "{}")) as Record<string, unknown>;
  await fs.writeFile(jsonPath, JSON.stringify({ ...json, cli: rows }, null, 2) + "\n");
  process.stdout.write(section);
}

async function main(): Promise<void> {
  if (process.argv.includes("--cli")) return cliOnly();
  const sizes = [31, 1000, 10000];
  const started = Date.now();
  const engine = sizes.map((n) => measure("engine", n, 50, 8, 300));
  const formulaEngine = [31, 1000].map((n) => measure("formulas", n, 50, 8, 300));
  const crossUnit = [1000, 3000].map((n) => measure("ranking", n, 50, 8, 300));
  const libreOffice = haveLibreOffice() ? [1000, 3000].map((n) => measure("libreoffice", n, 50, 8, 300)) : [];
  const cli = await cliRows();
  const xlsx = [31, 1000].map((n) => measure("xlsx", n, 50, 8, 300));
  const office = sizes.map((n) => measure("office", n, 50, 8, 300));
  const pane = await measurePane().catch((e: unknown) => {
    console.error(`task pane not measured: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  const ms = (x: number | null | undefined) =>
    x === null || x === undefined ? "not measured (no Chromium)" : `${x.toFixed(0)} ms`;
  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Plans are generated (bench/generate.ts): units × 50 indicators × 8 quarters; times in ms, peak memory = the measuring process's max RSS in MB.`,
    "",
    "## Engine: parse + validate + attainment + index + ranks + summary (no robustness)",
    "",
    "| units | ms | parse+validate | compute | summary | peak MB |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...engine.map(
      (r) =>
        `| ${r.units} | ${r.error ?? fmt(r.ms)} | ${fmt(r.parseValidateMs)} | ${fmt(r.computeMs)} | ${fmt(r.summaryMs)} | ${fmt(r.peakMB)} |`,
    ),
    "",
    "## Formula engine: the generated live formulas evaluated by HyperFormula",
    "",
    "| units | formulas | HyperFormula ms | engine ms (with sheet specs) | ratio engine / formula engine | mismatches | peak MB |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...formulaEngine.map((r) => {
      const ratio =
        typeof r.ms === "number" && typeof r.engineMs === "number" ? r.engineMs / r.ms : undefined;
      if (ratio !== undefined) r.ratio = ratio;
      return `| ${r.units} | ${fmt(r.formulas)} | ${r.error ?? fmt(r.ms)} | ${fmt(r.engineMs)} | ${fmt(ratio, 3)} | ${fmt(r.mismatches)} | ${fmt(r.peakMB)} |`;
    }),
    "",
    "The 10,000-unit plan (about 3 million formulas) is not evaluated whole in HyperFormula: it had not finished after 8 minutes and 13.6 GB (2026-11-25).",
    "",
    "Cross-unit formulas only (pillars, index, ranks, grades, summary; Kết quả given as values), the part whose cost grows faster than the rows: each rank counts over its group.",
    "",
    "| units | formulas | HyperFormula ms | mismatches | peak MB |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...crossUnit.map(
      (r) =>
        `| ${r.units} | ${fmt(r.formulas)} | ${r.error ?? fmt(r.ms)} | ${fmt(r.mismatches)} | ${fmt(r.peakMB)} |`,
    ),
    "",
    "## LibreOffice Calc: every output formula recalculated by a native spreadsheet engine",
    "",
    ...(libreOffice.length
      ? [
          "The output workbook opened in LibreOffice Calc (headless, over UNO, bench/libreoffice.py), `calculateAll()` timed, then the rounded index and both ranks of every unit compared with the engine.",
          "",
          "| units | load ms | recalculate all ms | units compared | mismatches |",
          "| ---: | ---: | ---: | ---: | ---: |",
          ...libreOffice.map(
            (r) =>
              `| ${r.units} | ${fmt(r.loadMs)} | ${r.error ?? fmt(r.ms)} | ${fmt(r.compared)} | ${fmt(r.mismatches)} |`,
          ),
        ]
      : [
          "Not measured: LibreOffice is not installed (`apt-get install libreoffice-calc-nogui python3-uno` enables it).",
        ]),
    "",
    ...cliSection(cli),
    "## .xlsx: the product's read + write against ExcelJS's bare load + save of the same file",
    "",
    "| units | file MB | output MB | bare ExcelJS load + save of the input, ms | product I/O ms | ratio | ExcelJS in+out ms | overhead | engine ms | peak MB |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...xlsx.map((r) => {
      const num = (x: unknown) => (typeof x === "number" ? x : NaN);
      const ratio = num(r.productIoMs) / num(r.bareMs);
      const intrinsic = num(r.bareLoadInMs) + num(r.bareSaveOutMs);
      const overhead = num(r.productIoMs) / intrinsic;
      if (Number.isFinite(ratio)) Object.assign(r, { ratio, overheadRatio: overhead });
      return `| ${r.units} | ${fmt(r.fileMB, 2)} | ${fmt(r.outMB, 2)} | ${r.error ?? fmt(r.bareMs)} | ${fmt(r.productIoMs)} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : ""} | ${Number.isFinite(intrinsic) ? intrinsic.toFixed(0) : ""} | ${Number.isFinite(overhead) ? overhead.toFixed(2) : ""} | ${fmt(r.engineMs)} | ${fmt(r.peakMB)} |`;
    }),
    "",
    "The output holds four times the input (one row of formulas per unit × indicator), so the fair yardstick is ExcelJS's own cost for the same work: load the input and save the output (`ExcelJS in+out`); `overhead` = product I/O / that.",
    "",
    "## Office.js path on the strict fake host (tests/fakeExcel): syncs and request bytes",
    "",
    "| units | read syncs | read bytes | compute-and-write syncs | of which payload chunks | write bytes | ms |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...office.map(
      (r) =>
        `| ${r.units} | ${r.error ?? fmt(r.readSyncs)} | ${fmt(r.readBytes)} | ${fmt(r.writeSyncs)} | ${fmt(r.chunkSyncs)} | ${fmt(r.writeBytes)} | ${fmt(r.ms)} |`,
    ),
    "",
    "Only the number of payload chunks grows with size; the other syncs are fixed (3 to read, 3 to write on a first run).",
    "",
    // Written by `npm run bench:office` (real-client request sizes); kept when the whole bench runs.
    ...(existsSync(path.join(__dirname, "office-results.md"))
      ? [readFileSync(path.join(__dirname, "office-results.md"), "utf8")]
      : []),
    // Measured by `PANE_DIST=dir npx tsx bench/browser.ts` (long tasks on the pane's thread); kept likewise.
    ...(existsSync(path.join(__dirname, "stall-results.md"))
      ? [readFileSync(path.join(__dirname, "stall-results.md"), "utf8")]
      : []),
    "## Task-pane bundle",
    "",
    ...(pane === null
      ? ["Not measured: the production build failed."]
      : [
          `A fresh production build (webpack), gzipped at level 9; render times in Debian's headless Chromium, from navigation start (Office.js served from @microsoft/office-js).`,
          "",
          "| figure | value | budget |",
          "| --- | ---: | ---: |",
          `| task pane first-load JavaScript (taskpane.*.js) | ${pane.bundleGzipKB.toFixed(1)} KB | 350 KB |`,
          `| preview first-load JavaScript (ExcelJS loads on the first file) | ${pane.previewGzipKB.toFixed(1)} KB | |`,
          `| taskpane.html first render | ${ms(pane.taskpaneFirstRenderMs)} | 1000 ms |`,
          `| preview.html first render | ${ms(pane.previewFirstRenderMs)} | 1000 ms |`,
          `| preview: sample opened and checked, pane showing the plan | ${ms(pane.sampleLoadedMs)} | |`,
        ]),
    "",
    `Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    "",
  ];
  const md = lines.join("\n");
  process.stdout.write(md);
  await fs.writeFile(path.join(__dirname, "results.md"), md);
  const syncs = office.flatMap((r) =>
    r.error
      ? []
      : [
          { units: r.units, operation: "read", syncs: r.readSyncs, bytes: r.readBytes },
          { units: r.units, operation: "compute-and-write", syncs: r.writeSyncs, bytes: r.writeBytes },
        ],
  );
  const json = {
    machine,
    engine,
    formulaEngine,
    crossUnitFormulas: crossUnit,
    libreOffice,
    cli,
    xlsx,
    syncs,
    bundleGzipKB: pane?.bundleGzipKB ?? null,
    pane,
  };
  await fs.writeFile(path.join(__dirname, "results.json"), JSON.stringify(json, null, 2) + "\n");
}

void main();
