/**
 * The robustness draws on a second thread (node:worker_threads). compute starts the thread before it reads the input,
 * hands it the task as soon as the scores are known (the engine's drawElsewhere), and writes Kết quả meanwhile; the
 * answer is awaited when Xếp hạng's turn comes. Xếp hạng is built there too, after the draws, with its fingerprint
 * (rankingElsewhere): the main thread, busy with Kết quả, only writes it. Then the thread builds Kết quả as well, from
 * the same job, for its fingerprint (0.3-0.5 s of the main thread at 1,000 units). The thread runs this file: bundled
 * as build/cli/drawWorker.js beside the CLI bundle, or the sources through tsx. Whatever goes wrong with the thread,
 * the draws are run on the main thread from the same task, and Xếp hạng built and Kết quả digested there: the same
 * figures, only later.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { drawRanks, type RobustnessTask } from "../engine/robustness";
import { rankingOfJob, resultsOfJob, type RankingJob } from "../engine/outputs";
import type { SheetSpec } from "../engine/sheetSpec";
import { writeRows, type WrittenRows } from "../workbook/xlsx/write";
import {
  pieceCount,
  pieceDigest,
  specFingerprint,
  specFingerprintOf,
  type DigestPart,
} from "../workbook/fingerprint";

/** Marks a thread started for the draws (workerData), so that loading the bundle elsewhere serves nothing. */
const ROLE = "ictplan-draws";

/** What the thread sends back: drawRanks' answer and how long the draws took there. */
interface Answer {
  readonly drawn: Int32Array;
  readonly ms: number;
}

/**
 * What the thread sends back for a job: Xếp hạng, its fingerprint, and how long it took there; with its rows written
 * there too (`rows`), the spec comes without its cells (blocks empty): taking a 10,000-unit Xếp hạng's cells in held the
 * main thread 1.7 s, writing their XML as long again.
 */
export interface BuiltRanking {
  readonly spec: SheetSpec;
  readonly rows?: WrittenRows;
  readonly fingerprint: string;
  readonly ms: number;
}

/**
 * What the thread sends back last: the digest of the pieces of Kết quả it claimed (null: it claimed none, the main
 * thread having taken every piece before it got to them), and how many pieces and how long that took there.
 */
export interface ResultsPart {
  readonly resultsPart: DigestPart | null;
  readonly pieces: number;
  readonly ms: number;
}

/** The job as posted: Xếp hạng's and Kết quả's, and the counter the two threads claim Kết quả's pieces from. */
interface PostedJob {
  readonly job: RankingJob;
  readonly claims: SharedArrayBuffer;
}

// The slots of the claims counter: the next piece of Kết quả to digest; 1 once the thread claims; 1 once the main
// thread found none left; 1 once the thread has sent Xếp hạng; how many pieces there are (0 until the main thread says).
const NEXT = 0;
const THREAD_CLAIMS = 1;
const MAIN_DONE = 2;
const RANKING_SENT = 3;
const PIECES = 4;
const SLOTS = 5;

/** Threads started and not yet exited. */
const live = new Set<Worker>();

/** How many draw threads are running (a run that ends leaves none). */
export function runningThreads(): number {
  return live.size;
}

/** Starts a thread that serves one task; throws when none can start. */
export function startThread(): Worker {
  const workerData = { role: ROLE };
  // From a bundle: the draw thread's own (build/cli/drawWorker.js, about 150 KB, built beside main.js), else the bundle itself.
  if (!__filename.endsWith(".ts")) {
    const own = path.join(__dirname, "drawWorker.js");
    return new Worker(existsSync(own) ? own : __filename, { workerData });
  }
  // From the sources: tsx registered in the new thread first.
  const code = `require(${JSON.stringify(require.resolve("tsx/cjs"))});\nrequire(${JSON.stringify(__filename)});`;
  return new Worker(code, { eval: true, workerData });
}

/** How the draws went, for ICTPLAN_DEBUG. */
export type DrawReport =
  | { readonly where: "worker"; readonly ms: number; readonly waited: number }
  | { readonly where: "main"; readonly ms: number; readonly why: string };

/** How Xếp hạng's build went, for ICTPLAN_DEBUG: on the thread, or left to the main thread and why. */
export type RankingReport =
  | { readonly where: "worker"; readonly ms: number; readonly waited: number }
  | { readonly where: "main"; readonly why: string };

/**
 * How Kết quả's digest went, for ICTPLAN_DEBUG: shared (pieces digested here and on the thread, the main thread's time
 * on its pieces and its wait for the thread's part), or left to the main thread and why.
 */
export type ResultsReport =
  | {
      readonly where: "shared";
      readonly pieces: readonly [number, number];
      readonly ms: number;
      readonly waited: number;
    }
  | { readonly where: "main"; readonly why: string };

/** Robustness draws handed to a worker thread, or run on this thread when the worker cannot. */
export class DrawWorker {
  private thread: Worker | null = null;
  private task: RobustnessTask | null = null;
  private job: RankingJob | null = null;
  private failure = "";
  private answer: Answer | null = null;
  private built: BuiltRanking | null = null;
  private printed: ResultsPart | null = null;
  private claims: Int32Array | null = null;
  /** The digest of the pieces of Kết quả this thread claimed while Xếp hạng was awaited, and how long that took. */
  private early: { part: DigestPart; ms: number } | null = null;
  /** Those waiting for the thread's next answer or failure. */
  private waiting: (() => void)[] = [];
  /** Set once the draws are done, wherever. */
  report: DrawReport | null = null;
  /** Set once Xếp hạng is built on the thread, or left to the main thread. */
  rankingReport: RankingReport | null = null;
  /** Set once Kết quả is digested on the thread, or left to the main thread. */
  resultsReport: ResultsReport | null = null;

  private constructor(spawn: () => Worker) {
    let thread: Worker;
    try {
      thread = spawn();
    } catch (e) {
      this.failure = `not started: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    this.thread = thread;
    live.add(thread);
    thread.on("message", (m: unknown) => {
      if (this.done() || this.failure) return;
      if (!this.answer && isAnswer(m, this.task)) this.answer = m;
      else if (this.answer && !this.built && isBuilt(m)) this.built = m;
      else if (this.built && isResultsPart(m)) this.printed = m;
      else this.failure = "an answer of the wrong shape";
      this.settle();
    });
    thread.on("error", (e: unknown) => this.fail(`failed: ${messageOf(e)}`));
    thread.on("exit", (code) => {
      live.delete(thread);
      this.fail(`exited (${code}) without an answer`);
    });
    // Never what keeps the process alive: only drawn() holds it, while it waits. (After the listeners: adding a
    // message listener refs the thread again.)
    thread.unref();
  }

  /** Starts the thread (spawn: how; tests pass others). */
  static start(spawn: () => Worker = startThread): DrawWorker {
    return new DrawWorker(spawn);
  }

  /** Whether every answer asked for has come: the draws', and Xếp hạng's and Kết quả's where a job was posted. */
  private done(): boolean {
    return this.answer !== null && (this.job === null || this.printed !== null);
  }

  private fail(why: string): void {
    if (this.done() || this.failure) return;
    this.failure = why;
    this.settle();
  }

  /** Hands the task over: the engine's drawElsewhere. */
  readonly post = (task: RobustnessTask): void => {
    this.task = task;
    // A copy goes (structured clone): the task stays here for the fallback. Its arrays are a few bytes per score.
    this.send(task, "not posted");
  };

  /** Hands Xếp hạng's and Kết quả's job over: the engine's rankingElsewhere (after post). */
  readonly postRanking = (job: RankingJob): void => {
    this.job = job;
    const claims = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.claims = new Int32Array(claims);
    // A structured clone (the plan without its figures, the units' results, Kết quả's rows packed); the counter is
    // shared, not copied.
    const posted: PostedJob = { job, claims };
    this.send(posted, "job not posted");
  };

  /** Posts a message to the thread, if it still runs; a message that cannot be posted fails the thread. */
  private send(message: RobustnessTask | PostedJob, failure: string): void {
    if (!this.thread || this.failure) return;
    try {
      this.thread.postMessage(message);
    } catch (e) {
      this.fail(`${failure}: ${messageOf(e)}`);
    }
  }

  /** drawRanks' answer for the task posted: the worker's, or, when it failed, drawn here. */
  async drawn(): Promise<Int32Array> {
    const task = this.task;
    if (!task) throw new Error("no task posted");
    const thread = this.thread;
    const t0 = performance.now();
    while (thread && !this.answer && !this.failure) await this.wait(thread);
    // The thread still has Xếp hạng to build.
    if (!this.job || !this.answer) this.stop();
    if (this.answer) {
      this.report = { where: "worker", ms: this.answer.ms, waited: performance.now() - t0 };
      return this.answer.drawn;
    }
    const t1 = performance.now();
    const drawn = drawRanks(task);
    this.report = { where: "main", ms: performance.now() - t1, why: this.failure };
    return drawn;
  }

  /**
   * Xếp hạng built on the thread from the job posted, after drawn(); null when it was not (no job posted, or the thread
   * failed): the main thread builds it then.
   */
  async ranking(): Promise<BuiltRanking | null> {
    const thread = this.thread;
    const t0 = performance.now();
    while (thread && this.job && !this.built && !this.failure) await this.wait(thread);
    // The thread still has Kết quả's fingerprint to work out.
    if (!this.built) this.stop();
    this.rankingReport = this.built
      ? { where: "worker", ms: this.built.ms, waited: performance.now() - t0 }
      : { where: "main", why: this.job ? this.failure : "no job posted" };
    return this.built;
  }

  /**
   * Digests pieces of Kết quả (spec: as written) until the thread has sent Xếp hạng, which the main thread is about to
   * wait for: a wait put to use (a second or more at 10,000 units). Returns at once when the thread has sent it; returns
   * how many pieces it digested.
   */
  digestWhileWaiting(spec: SheetSpec): number {
    const claims = this.claims;
    if (!claims || this.early) return 0;
    const t0 = performance.now();
    const total = pieceCount(spec);
    Atomics.store(claims, PIECES, total);
    let pieces = 0;
    const part = pieceDigest(spec, () => {
      if (Atomics.load(claims, RANKING_SENT)) return total;
      const k = Atomics.add(claims, NEXT, 1);
      if (k < total) pieces++;
      return k;
    });
    this.early = { part, ms: performance.now() - t0 };
    return pieces;
  }

  /**
   * Kết quả's fingerprint (spec: Kết quả as written), digested by the two threads together: the thread, once Xếp hạng is
   * built, rebuilds Kết quả from the job and claims its pieces one by one; the main thread claims pieces while it waits
   * for Xếp hạng (digestWhileWaiting) and, called once every sheet is written, those left, then adds the thread's part.
   * A thread still busy with Xếp hạng (a large plan) gets few, one done early most. Null when the thread failed holding
   * pieces (or no job was posted): the main thread digests the whole sheet then.
   */
  async resultsFingerprint(spec: SheetSpec): Promise<string | null> {
    const claims = this.claims;
    if (!claims) {
      this.resultsReport = { where: "main", why: "no job posted" };
      return null;
    }
    const t0 = performance.now();
    const mine = [pieceDigest(spec, () => Atomics.add(claims, NEXT, 1))];
    if (this.early) mine.push(this.early.part);
    Atomics.store(claims, MAIN_DONE, 1);
    const t1 = performance.now();
    // Read after the last piece was claimed: a thread that had not begun claiming then gets none.
    const shared = Atomics.load(claims, THREAD_CLAIMS) === 1;
    const thread = this.thread;
    while (shared && thread && !this.printed && !this.failure) await this.wait(thread);
    this.stop();
    const total = pieceCount(spec);
    if (shared && !this.printed) {
      this.resultsReport = { where: "main", why: this.failure };
      return null;
    }
    const theirs = shared ? (this.printed?.pieces ?? 0) : 0;
    this.resultsReport = {
      where: "shared",
      pieces: [total - theirs, theirs],
      ms: t1 - t0 + (this.early?.ms ?? 0),
      waited: performance.now() - t1,
    };
    const part = shared ? this.printed?.resultsPart : null;
    return specFingerprintOf(part ? [...mine, part] : mine);
  }

  /** Waits for the thread's next answer or failure, holding the process open meanwhile. */
  private async wait(thread: Worker): Promise<void> {
    // Held while waiting: otherwise a main thread with nothing else to do would let the process end.
    thread.ref();
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (!this.waiting.length) thread.unref();
  }

  /** Wakes everyone waiting. */
  private settle(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /** Ends the thread, if still running (a run that ends, answered or not, refused or failed). */
  stop(): void {
    const thread = this.thread;
    this.thread = null;
    if (!thread) return;
    this.fail("stopped");
    void thread.terminate();
  }
}

/** An error's message (a thread's errors may come from another realm, or not be errors at all). */
function messageOf(e: unknown): string {
  const m = typeof e === "object" && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof m === "string" ? m : String(e);
}

/** drawRanks' answer for this task: one [median, p5, p95] per unit, or nothing without draws. */
function isAnswer(m: unknown, task: RobustnessTask | null): m is Answer {
  if (!task || typeof m !== "object" || m === null) return false;
  const { drawn, ms } = m as Partial<Answer>;
  // Not instanceof: under a test runner the thread's arrays arrive from another realm's constructors.
  return (
    Object.prototype.toString.call(drawn) === "[object Int32Array]" &&
    (drawn as Int32Array).length === (task.draws > 0 ? 3 * task.units : 0) &&
    typeof ms === "number"
  );
}

/** Xếp hạng as the thread sends it back. */
function isBuilt(m: unknown): m is BuiltRanking {
  if (typeof m !== "object" || m === null) return false;
  const { spec, rows, fingerprint, ms } = m as Partial<BuiltRanking>;
  return (
    typeof fingerprint === "string" &&
    typeof ms === "number" &&
    spec?.kind === "ranking" &&
    Array.isArray(spec.blocks) &&
    (rows === undefined || isWrittenRows(rows, spec))
  );
}

/** Rows as the thread writes them for this spec (its tables' column names one list each). */
function isWrittenRows(rows: WrittenRows, spec: SheetSpec): boolean {
  const { pieces, styles, rows: count, tableColumns } = rows;
  return (
    Array.isArray(pieces) &&
    pieces.every((p) => Object.prototype.toString.call(p) === "[object Uint8Array]") &&
    Array.isArray(styles) &&
    styles.every((s) => typeof s === "object" && s !== null) &&
    Number.isInteger(count) &&
    Array.isArray(tableColumns) &&
    tableColumns.length === (spec.tables ?? []).length &&
    spec.blocks.length === 0
  );
}

/** The thread's part of Kết quả's digest, as it sends it. */
function isResultsPart(m: unknown): m is ResultsPart {
  if (typeof m !== "object" || m === null) return false;
  const { resultsPart: p, pieces, ms } = m as Partial<ResultsPart>;
  const isPart =
    p === null ||
    (typeof p === "object" && p !== undefined && [p.a, p.b, p.n].every((x) => Number.isInteger(x) && x >= 0));
  return isPart && Number.isInteger(pieces) && typeof ms === "number";
}

/**
 * In a thread started for the draws: draws the task posted first and answers; then builds Xếp hạng from the job posted
 * next, if any, with those draws, and answers with it and its fingerprint; then digests the pieces of Kết quả it can
 * claim while the main thread writes (resultsFingerprint) and answers with its part. The main thread ends the thread.
 */
function serve(): void {
  let drawn: Int32Array | null = null;
  parentPort?.on("message", (m: RobustnessTask | PostedJob) => {
    const t0 = performance.now();
    if (drawn === null) {
      drawn = drawRanks(m as RobustnessTask);
      const answer: Answer = { drawn, ms: performance.now() - t0 };
      parentPort?.postMessage(answer);
      return;
    }
    const { job, claims } = m as PostedJob;
    const spec = rankingOfJob(job, drawn);
    const fingerprint = specFingerprint(spec);
    // Charts are drawn from the cells: a sheet with charts goes whole.
    const rows = spec.charts?.length ? undefined : writeRows(spec);
    const built: BuiltRanking = rows
      ? { spec: { ...spec, blocks: [] }, rows, fingerprint, ms: performance.now() - t0 }
      : { spec, fingerprint, ms: performance.now() - t0 };
    // The rows' buffers are moved, not copied.
    parentPort?.postMessage(built, rows ? [...new Set(rows.pieces.map((p) => p.buffer as ArrayBuffer))] : []);
    const counter = new Int32Array(claims);
    Atomics.store(counter, RANKING_SENT, 1);
    const t1 = performance.now();
    let pieces = 0;
    let resultsPart: DigestPart | null = null;
    // Kết quả is built again only while the main thread may leave pieces to claim.
    const known = Atomics.load(counter, PIECES);
    const left = known === 0 || Atomics.load(counter, NEXT) < known;
    if (left && !Atomics.load(counter, MAIN_DONE)) {
      const results = resultsOfJob(job);
      const total = pieceCount(results);
      Atomics.store(counter, THREAD_CLAIMS, 1);
      resultsPart = pieceDigest(results, () => {
        const k = Atomics.add(counter, NEXT, 1);
        if (k < total) pieces++;
        return k;
      });
    }
    const part: ResultsPart = { resultsPart, pieces, ms: performance.now() - t1 };
    parentPort?.postMessage(part);
  });
}

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === ROLE) serve();
