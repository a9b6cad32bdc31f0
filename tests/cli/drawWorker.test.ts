/**
 * compute draws the robustness intervals on a worker thread (src/cli/drawWorker.ts): the same figures as drawn on the
 * main thread, from the sources (tsx) and from the bundle; the main thread draws itself whenever the thread cannot;
 * no thread outlives a run, and none keeps the process alive.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";
import { DrawWorker, runningThreads } from "../../src/cli/drawWorker";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { computeCore } from "../../src/engine/compute";
import { drawRanks, robustnessTaskAt, type RobustnessTask } from "../../src/engine/robustness";
import { factLayout } from "../../src/engine/factLayout";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { WORKER, buildCli } from "../../scripts/build-cli";
import { generatePlanRows } from "../../bench/generate";
import { runPlan } from "../../src/engine/pipeline";
import { rankingOfJob, resultsOfJob, type RankingJob } from "../../src/engine/outputs";
import { pieceCount, specFingerprint } from "../../src/workbook/fingerprint";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { sheetXml, sheetXmlSteps, writeRows, type WrittenRows } from "../../src/workbook/xlsx/write";
import { MINIMAL_STYLES, StyleBook } from "../../src/workbook/xlsx/styles";
import { drain } from "../../src/workbook/slices";

const repo = path.join(__dirname, "..", "..");
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-draws-"));
  await fs.writeFile(
    path.join(dir, "plan.xlsx"),
    await XlsxWorkbook.of(buildTemplate(generatePlanRows(60, 12, 4))).save(),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
afterEach(() => jest.restoreAllMocks());
const original = DrawWorker.start.bind(DrawWorker);

function sampleTask(): RobustnessTask {
  const { plan } = checkWorkbook(planRowsToGrids(samplePlanRows()), "2015-Q2");
  const core = computeCore(plan, "2015-Q2");
  return robustnessTaskAt(plan, factLayout(plan), core.factScores);
}

/** Resolves once no draw thread is left (terminate and exit are asynchronous), or fails after a while. */
async function noThreadLeft(): Promise<void> {
  for (let i = 0; i < 200 && runningThreads() > 0; i++) await new Promise((r) => setTimeout(r, 25));
  expect(runningThreads()).toBe(0);
}

/** A thread running the given code instead of the draws. */
const thread = (code: string) => () => new Worker(code, { eval: true });

describe("DrawWorker", () => {
  const task = sampleTask();
  const expected = drawRanks(task);

  it("draws on a thread started from the sources: drawRanks' answer, and the thread ends", async () => {
    const w = DrawWorker.start();
    expect(runningThreads()).toBe(1);
    w.post(task);
    // As plain arrays: the answer's Int32Array is Node's own, not the one of the test's sandbox.
    expect([...(await w.drawn())]).toEqual([...expected]);
    expect(w.report).toEqual(expect.objectContaining({ where: "worker" }));
    await noThreadLeft();
  });

  it.each([
    [
      "no thread can start",
      () => {
        throw new Error("no threads here");
      },
      /not started: no threads here/,
    ],
    ["the thread fails to load", thread("throw new Error('broken')"), /failed: broken/],
    ["the thread exits without answering", thread("process.exit(3)"), /exited \(3\)/],
    [
      "the thread answers something else",
      thread(
        "const { parentPort } = require('node:worker_threads');" +
          "parentPort.once('message', () => parentPort.postMessage({ drawn: new Int32Array(2), ms: 1 }));",
      ),
      /wrong shape/,
    ],
  ])("draws on the main thread when %s: the same figures", async (_, spawn, why) => {
    const w = DrawWorker.start(spawn);
    w.post(task);
    expect(await w.drawn()).toEqual(expected);
    expect(w.report).toEqual(expect.objectContaining({ where: "main", why: expect.stringMatching(why) }));
    await noThreadLeft();
  });

  /** The task and Xếp hạng's job of a run of the sample, and Kết quả there with its fingerprint. */
  function sampleJob(): { task: RobustnessTask; job: RankingJob; sheet: SheetSpec; results: string } {
    const tasks: RobustnessTask[] = [];
    const jobs: RankingJob[] = [];
    const run = runPlan(planRowsToGrids(samplePlanRows()), {
      period: "2015-Q2",
      lang: "vi",
      asOf: "2015-07-05",
      drawElsewhere: (t) => tasks.push(t),
      rankingElsewhere: (j) => jobs.push(j),
    });
    const sheet = run.sheets.find((s) => s.kind === "results")!;
    return { task: tasks[0], job: jobs[0], sheet, results: specFingerprint(sheet) };
  }

  /** A DrawWorker started with `spawn` (the real thread by default), given the task and then the job. */
  function posted(task: RobustnessTask, job: RankingJob, spawn?: () => Worker): DrawWorker {
    const w = DrawWorker.start(spawn);
    w.post(task);
    w.postRanking(job);
    return w;
  }

  it("builds Xếp hạng on the thread after the draws, then digests Kết quả: the main thread's sheet and fingerprints", async () => {
    const { task, job, sheet, results } = sampleJob();
    const w = posted(task, job);
    // As the CLI does before it waits for Xếp hạng: pieces of Kết quả digested here until the thread has sent it.
    w.digestWhileWaiting(sheet);
    const drawn = await w.drawn();
    expect(runningThreads()).toBe(1);
    const built = await w.ranking();
    // As JSON: the thread's objects come from another realm than the test's.
    const here = rankingOfJob(job, drawn);
    // Its cells come as rows written there: the spec without them, and the sheet they make the main thread's.
    expect(JSON.parse(JSON.stringify(built?.spec))).toEqual(
      JSON.parse(JSON.stringify({ ...here, blocks: [] })),
    );
    expect(built?.fingerprint).toBe(specFingerprint(here));
    const rows = built?.rows as WrittenRows;
    expect(rows.rows).toBe(writeRows(here).rows);
    const links = { tables: ["rId1"] };
    const written = drain(
      sheetXmlSteps(built?.spec as SheetSpec, new StyleBook(MINIMAL_STYLES), links, rows),
    );
    expect(Buffer.concat(written)).toEqual(Buffer.from(sheetXml(here, new StyleBook(MINIMAL_STYLES), links)));
    expect(w.rankingReport).toEqual(expect.objectContaining({ where: "worker" }));
    // Kết quả's fingerprint comes last, its pieces shared out however the threads got to them; the thread ends.
    expect(runningThreads()).toBe(1);
    expect(specFingerprint(resultsOfJob(job))).toBe(results);
    expect(await w.resultsFingerprint(sheet)).toBe(results);
    const report = w.resultsReport;
    expect(report?.where).toBe("shared");
    if (report?.where === "shared") expect(report.pieces[0] + report.pieces[1]).toBe(pieceCount(sheet));
    await noThreadLeft();
  });

  /** A thread that answers the draws with nothing drawn, then runs `onJob` with the job posted (m). */
  const jobThread = (onJob: string) =>
    thread(
      "const { parentPort } = require('node:worker_threads');" +
        `parentPort.once('message', () => { parentPort.postMessage({ drawn: new Int32Array(${expected.length}), ms: 1 });` +
        `parentPort.once('message', (m) => { ${onJob}; }); });`,
    );

  /** A thread that draws nothing, sends a Xếp hạng of its own, and does `then` with the job posted (m). */
  const fakeJobThread = (then: string) =>
    jobThread(
      `${then}; parentPort.postMessage({ spec: { kind: 'ranking', blocks: [] }, fingerprint: 'f', ms: 1 })`,
    );

  it("digests Kết quả on the main thread when the thread fails holding a piece of it", async () => {
    const { task, job, sheet } = sampleJob();
    // Claims the first piece, then exits without its part.
    const w = DrawWorker.start(
      fakeJobThread(
        "const c = new Int32Array(m.claims); Atomics.store(c, 1, 1); Atomics.add(c, 0, 1); setTimeout(() => process.exit(5), 50)",
      ),
    );
    w.post(task);
    w.postRanking(job);
    await w.drawn();
    expect((await w.ranking())?.fingerprint).toBe("f");
    expect(await w.resultsFingerprint(sheet)).toBeNull();
    expect(w.resultsReport).toEqual({ where: "main", why: "exited (5) without an answer" });
    await noThreadLeft();
  });

  it("digests no piece while waiting once the thread has sent Xếp hạng", async () => {
    const { task, job, sheet, results } = sampleJob();
    // Says it sent Xếp hạng as soon as it has the job, and claims nothing.
    const w = posted(task, job, fakeJobThread("Atomics.store(new Int32Array(m.claims), 3, 1)"));
    await w.drawn();
    await w.ranking();
    expect(w.digestWhileWaiting(sheet)).toBe(0);
    expect(await w.resultsFingerprint(sheet)).toBe(results);
    await noThreadLeft();
  });

  it("digests Kết quả alone when the thread claimed no piece of it, and needs no answer from it", async () => {
    const { task, job, sheet, results } = sampleJob();
    // Never claims, never answers for Kết quả.
    const w = posted(task, job, fakeJobThread(""));
    await w.drawn();
    await w.ranking();
    expect(await w.resultsFingerprint(sheet)).toBe(results);
    expect(w.resultsReport).toEqual(
      expect.objectContaining({ where: "shared", pieces: [pieceCount(sheet), 0] }),
    );
    await noThreadLeft();
  });

  it("digests Kết quả while it waits for Xếp hạng, until the thread has sent it", async () => {
    const { task, job, sheet, results } = sampleJob();
    // Sends Xếp hạng without saying so in the counter: every piece is digested while waiting.
    const w = posted(task, job, fakeJobThread(""));
    expect(w.digestWhileWaiting(sheet)).toBe(pieceCount(sheet));
    await w.ranking();
    expect(await w.resultsFingerprint(sheet)).toBe(results);
    expect(w.resultsReport).toEqual(
      expect.objectContaining({ where: "shared", pieces: [pieceCount(sheet), 0] }),
    );
    await noThreadLeft();
  });

  it("leaves Xếp hạng to the main thread when the thread fails after the draws, sends rows that are not bytes, or no job was posted", async () => {
    const { task, job } = sampleJob();
    const w = DrawWorker.start(jobThread("process.exit(4)"));
    w.post(task);
    w.postRanking(job);
    expect(await w.drawn()).toHaveLength(expected.length);
    expect(await w.ranking()).toBeNull();
    expect(w.rankingReport).toEqual({ where: "main", why: "exited (4) without an answer" });
    await noThreadLeft();
    // Rows that are not bytes: the sheet is built here.
    const odd = DrawWorker.start(
      jobThread(
        "parentPort.postMessage({ spec: { kind: 'ranking', blocks: [] }, fingerprint: 'f', ms: 1," +
          " rows: { pieces: ['<row/>'], styles: [], rows: 1, tableColumns: [] } })",
      ),
    );
    odd.post(task);
    odd.postRanking(job);
    await odd.drawn();
    expect(await odd.ranking()).toBeNull();
    expect(odd.rankingReport).toEqual({ where: "main", why: "an answer of the wrong shape" });
    await noThreadLeft();
    const alone = DrawWorker.start();
    alone.post(task);
    await alone.drawn();
    expect(await alone.ranking()).toBeNull();
    expect(alone.rankingReport).toEqual({ where: "main", why: "no job posted" });
    await noThreadLeft();
  });

  it("draws on the main thread when the task cannot be posted", async () => {
    const w = DrawWorker.start();
    // Not cloneable: a function among the task's fields (the engine's tasks never have one).
    w.post({ ...task, draw: () => 0 } as RobustnessTask);
    expect(await w.drawn()).toEqual(expected);
    expect(w.report).toEqual(
      expect.objectContaining({ where: "main", why: expect.stringMatching(/not posted/) }),
    );
    await noThreadLeft();
  });

  it("draws on the main thread when stopped before it answered", async () => {
    // A thread that takes the task and never answers.
    const w = DrawWorker.start(thread("require('node:worker_threads').parentPort.on('message', () => {})"));
    w.post(task);
    w.stop();
    expect(await w.drawn()).toEqual(expected);
    expect(w.report).toEqual(expect.objectContaining({ where: "main", why: "stopped" }));
    await noThreadLeft();
  });

  const child = (code: string) =>
    spawnSync(process.execPath, ["-r", require.resolve("tsx/cjs"), "-e", code], {
      cwd: repo,
      encoding: "utf8",
      timeout: 60_000,
    });

  it("holds the process open while its answer is awaited, and never otherwise", () => {
    const waits = child(`
      const { DrawWorker } = require("./src/cli/drawWorker.ts");
      const { planRowsToGrids } = require("./src/engine/planRows.ts");
      const { samplePlanRows } = require("./src/engine/sample.ts");
      const { checkWorkbook } = require("./src/engine/validate.ts");
      const { computeCore } = require("./src/engine/compute.ts");
      const { robustnessTaskAt } = require("./src/engine/robustness.ts");
      const { factLayout } = require("./src/engine/factLayout.ts");
      const w = DrawWorker.start();
      const { plan } = checkWorkbook(planRowsToGrids(samplePlanRows()), "2015-Q2");
      const core = computeCore(plan, "2015-Q2");
      w.post(robustnessTaskAt(plan, factLayout(plan), core.factScores));
      w.drawn().then((d) => console.log(w.report.where, d.length));
    `);
    expect(waits.stderr).toBe("");
    expect(waits.stdout.trim()).toBe(`worker ${expected.length}`);
    // Started and never given a task: the thread waits for one, the process ends anyway.
    const idle = child(`require("./src/cli/drawWorker.ts").DrawWorker.start(); console.log("started");`);
    expect(idle.signal).toBeNull();
    expect(idle.status).toBe(0);
    expect(idle.stdout.trim()).toBe("started");
  }, 120_000);
});

const cli = (...argv: string[]) => runCli(dir, { LANG: "en_US.UTF-8", ICTPLAN_DEBUG: "1" }, argv);

/** The parts of an .xlsx file, by name. */
async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const out = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files))
    if (!entry.dir) out.set(name, await entry.async("nodebuffer"));
  return out;
}

const interval = /robustness: \{"where":"(worker|main)"/;

describe("compute with the draws on a thread", () => {
  it("writes the workbook, the JSON and the text a run drawing on the main thread writes", async () => {
    const start = jest.spyOn(DrawWorker, "start");
    const args = ["plan.xlsx", "--period", "2014-Q4"];
    const threaded = await cli("compute", ...args, "-o", "threaded.xlsx", "--json");
    expect(threaded.err).toMatch(interval);
    expect(interval.exec(threaded.err)![1]).toBe("worker");
    const text = await cli("compute", ...args, "-o", "threaded-text.xlsx");
    expect(interval.exec(text.err)![1]).toBe("worker");
    expect(start).toHaveBeenCalledTimes(2);

    // The same runs with a thread that cannot start.
    start.mockImplementation(() =>
      original(() => {
        throw new Error("no threads");
      }),
    );
    const main = await cli("compute", ...args, "-o", "main.xlsx", "--json");
    expect(interval.exec(main.err)![1]).toBe("main");
    const mainText = await cli("compute", ...args, "-o", "main-text.xlsx");

    const json = (s: string) => ({ ...JSON.parse(s), output: null });
    expect(json(threaded.out)).toEqual(json(main.out));
    const ranking = json(threaded.out).ranking as { rankInterval: unknown }[];
    expect(ranking.every((r) => r.rankInterval !== null)).toBe(true);
    const lines = (s: string) => s.split("\n").filter((l) => !l.includes(".xlsx"));
    expect(lines(text.out)).toEqual(lines(mainText.out));
    // The ranking table shows the intervals: 5th–95th percentile rank.
    expect(text.out).toMatch(/ \d+–\d+\n/);
    const a = await parts(path.join(dir, "threaded.xlsx"));
    const b = await parts(path.join(dir, "main.xlsx"));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a) expect([name, bytes.equals(b.get(name)!)]).toEqual([name, true]);
    await noThreadLeft();
  }, 120_000);

  it("starts no thread with --no-robustness, and ends it after a refused run or an error", async () => {
    const start = jest.spyOn(DrawWorker, "start");
    const off = await cli("compute", "plan.xlsx", "--period", "2014-Q4", "-o", "off.xlsx", "--json");
    expect(start).toHaveBeenCalledTimes(1);
    await noThreadLeft();
    const none = await cli(
      "compute",
      "plan.xlsx",
      "--period",
      "2014-Q4",
      "-o",
      "none.xlsx",
      "--json",
      "--no-robustness",
    );
    expect(start).toHaveBeenCalledTimes(1);
    expect(JSON.parse(none.out).ranking[0].rankInterval).toBeNull();
    expect(JSON.parse(off.out).ranking[0].rankInterval).not.toBeNull();

    // Refused: no figures for the period. The thread was started, and is gone.
    const refused = await cli("compute", "plan.xlsx", "--period", "2016-Q1", "-o", "refused.xlsx");
    expect(refused.code).toBe(1);
    expect(start).toHaveBeenCalledTimes(2);
    await noThreadLeft();
    // An error: the output is the input.
    const same = await cli("compute", "plan.xlsx", "--period", "2014-Q4", "-o", "plan.xlsx");
    expect(same.code).toBe(2);
    expect(start).toHaveBeenCalledTimes(3);
    await noThreadLeft();
    // An error: the input is no workbook.
    await fs.writeFile(path.join(dir, "text.xlsx"), "not a workbook");
    const broken = await cli("compute", "text.xlsx", "-o", "broken-out.xlsx");
    expect(broken.code).toBe(2);
    expect(start).toHaveBeenCalledTimes(4);
    await noThreadLeft();
  }, 120_000);

  it("draws in line on a machine with one core", async () => {
    const start = jest.spyOn(DrawWorker, "start");
    const cores = jest.spyOn(os, "availableParallelism").mockReturnValue(1);
    const r = await cli("compute", "plan.xlsx", "--period", "2014-Q4", "-o", "one-core.xlsx", "--json");
    expect(r.code).toBe(0);
    expect(start).not.toHaveBeenCalled();
    expect(r.err).not.toMatch(interval);
    cores.mockRestore();
    const threaded = await cli(
      "compute",
      "plan.xlsx",
      "--period",
      "2014-Q4",
      "-o",
      "one-core-t.xlsx",
      "--json",
    );
    expect(threaded.err).toMatch(interval);
    const json = (s: string) => ({ ...JSON.parse(s), output: null });
    expect(json(r.out)).toEqual(json(threaded.out));
  }, 120_000);

  it("demo draws on a thread too", async () => {
    const start = jest.spyOn(DrawWorker, "start");
    const r = await cli("demo", "-o", "demo", "--json");
    expect(r.code).toBe(0);
    expect(start).toHaveBeenCalledTimes(1);
    expect(interval.exec(r.err)![1]).toBe("worker");
    expect(JSON.parse(r.out).ranking.every((u: { rankInterval: unknown }) => u.rankInterval !== null)).toBe(
      true,
    );
    await noThreadLeft();
  }, 120_000);

  it("draws on a thread from the CLI bundle too, with the same figures", async () => {
    // A project folder whose sources and packages are the repository's: the bundle is built there as npm ci does.
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-bundle-draws-"));
    try {
      for (const f of ["scripts/build-cli.ts", "tsconfig.json", "package.json"]) {
        await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
        await fs.copyFile(path.join(repo, f), path.join(root, f));
      }
      for (const d of ["src", "node_modules"]) await fs.symlink(path.join(repo, d), path.join(root, d));
      await buildCli(root);
      // The thread loads its own bundle (the draws, Xếp hạng's builder and the fingerprint), not the whole CLI's.
      expect((await fs.stat(path.join(root, WORKER))).size).toBeLessThan(150_000);
      const runner = path.join(root, "run.js");
      await fs.writeFile(
        runner,
        `require(${JSON.stringify(path.join(root, "build/cli/main.js"))}).main();\n`,
      );
      const r = spawnSync(
        process.execPath,
        [runner, "compute", "plan.xlsx", "--period", "2014-Q4", "-o", "bundled.xlsx", "--json"],
        {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, ICTPLAN_DEBUG: "1", LANG: "en_US.UTF-8" },
          timeout: 60_000,
        },
      );
      expect(r.status).toBe(0);
      expect(interval.exec(r.stderr)![1]).toBe("worker");
      const here = await cli("compute", "plan.xlsx", "--period", "2014-Q4", "-o", "here.xlsx", "--json");
      const json = (s: string) => ({ ...JSON.parse(s), output: null });
      expect(json(r.stdout)).toEqual(json(here.out));
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
