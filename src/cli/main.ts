/** The `ictplan` command line: validate, compute, consolidate, template, sample, demo. */
import path from "node:path";
import os from "node:os";
import { promises as fs } from "node:fs";
import type { Finding } from "../engine/model";
import {
  countBySeverity,
  findingMessage,
  finding,
  findingSheet,
  planSheetNames,
  type SheetNames,
} from "../engine/findings";
import { periodArg, runPlan, type RunResult } from "../engine/pipeline";
import { refusalMessage } from "../engine/gate";
import { buildReport } from "../engine/report";
import { formatPeriod, periodFromKey, periodsDrawingOn } from "../engine/periods";
import { gradeLabel, labels, severityLabel } from "../engine/i18n/labels";
import { formatNumber } from "../engine/i18n/numbers";
import { groupName } from "../engine/outputs/style";
import { consolidatePlans, listedCodes, planToRows } from "../engine/consolidate";
import { checkWorkbook, SEVERITY_ORDER } from "../engine/validate";
import { GRADES } from "../engine/ranking";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import {
  EditedOutputError,
  PlannersObjectsError,
  UserSheetClashError,
  type PlannersObject,
} from "../workbook/ownership";
import {
  FileProblem,
  assertFolderExists,
  assertNotOpen,
  assertReplaceable,
  lockFileOf,
  lockProgram,
  openUnitWorkbook,
  openWorkbook,
  sameFile,
  workbookFiles,
  writeAtomic,
} from "./files";
import { figureCount } from "../engine/figures";
import { findingsSummary, langFromEnv, msg, type Lang, type MessageKey } from "./messages";
import { writeJson } from "./json";
import { DrawWorker, type BuiltRanking } from "./drawWorker";

// ExcelJS (the template writer) and docx take a second to load: only the commands that use them load them. A
// require, not import(): under tsx's CommonJS hook a dynamic import goes to Node's ESM loader, which cannot load .ts.
/* eslint-disable @typescript-eslint/no-require-imports */
const template = async (): Promise<typeof import("../workbook/xlsx/template")> =>
  require("../workbook/xlsx/template");
const reportDocx: typeof import("../document/reportDocx").reportDocx = async (...args) =>
  (require("../document/reportDocx") as typeof import("../document/reportDocx")).reportDocx(...args);
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where the CLI prints; tests pass their own. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
}

interface Args {
  command: string;
  files: string[];
  output: string | null;
  period: string | null;
  lang: Lang;
  json: boolean;
  inPlace: boolean;
  force: boolean;
  robustness: boolean;
}

class UsageError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** --lang and --json as given anywhere on the line, so that even a usage error speaks as asked. */
function earlyFlags(argv: readonly string[], env: Io["env"]): { lang: Lang; json: boolean } {
  const i = argv.lastIndexOf("--lang");
  const v = i >= 0 ? argv[i + 1] : undefined;
  return { lang: v === "vi" || v === "en" ? v : langFromEnv(env), json: argv.includes("--json") };
}

function parseArgs(argv: readonly string[], env: Io["env"]): Args {
  const a: Args = {
    command: "",
    files: [],
    output: null,
    period: null,
    lang: earlyFlags(argv, env).lang,
    json: false,
    inPlace: false,
    force: false,
    robustness: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const next = (example: string) => {
      const v = argv[++i];
      if (v === undefined || (v.startsWith("-") && v.length > 1))
        throw new UsageError("missingValue", { option: x, example });
      return v;
    };
    if (x === "-o" || x === "--output") a.output = next("out.xlsx");
    else if (x === "--period" || x === "-p") a.period = next("2015-Q2");
    else if (x === "--lang") {
      const v = next("en");
      if (v !== "vi" && v !== "en") throw new UsageError("badOption", { value: `--lang ${v}` });
      a.lang = v;
    } else if (x === "--json") a.json = true;
    else if (x === "--in-place") a.inPlace = true;
    else if (x === "--force") a.force = true;
    else if (x === "--no-robustness") a.robustness = false;
    else if (x === "-h" || x === "--help") a.command = "help";
    else if (x.startsWith("-")) throw new UsageError("badOption", { value: x });
    else if (!a.command) a.command = x;
    else a.files.push(x);
  }
  return a;
}

// The files with errors consolidate names after its findings, at most.
const MAX_LISTED_FILES = 30;

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

/**
 * How messages name the input sheets: one workbook's names (planSheetNames), or each finding's own workbook's (the
 * files consolidate merges each name their sheets their own way).
 */
type SheetNaming = SheetNames | ((f: Finding) => SheetNames | undefined);

const namesFor = (names: SheetNaming | undefined, f: Finding) =>
  typeof names === "function" ? names(f) : names;

function findingJson(f: Finding, lang: Lang, names?: SheetNaming) {
  return {
    code: f.code,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    message: findingMessage(f, lang, "cli", namesFor(names, f)),
    params: f.params,
    ...(f.file ? { file: f.file } : {}),
  };
}

/** What compute and demo print: the JSON (with what was written), or the findings, the ranking and the file written. */
function printRun(io: Io, a: Args, run: RunResult, out: string, extra: Record<string, unknown>): void {
  if (a.json)
    writeJson(
      io.stdout,
      runJson(run, a.lang, {
        ...extra,
        output: run.refused || !run.sheets.length ? null : out,
        refused: run.refused ? refusalMessage(run.refused, a.lang) : null,
      }),
    );
  else {
    printFindings(io, run.findings, a.lang, planSheetNames(run.plan, a.lang));
    printRanking(io, run, a.lang);
    if (!run.refused) io.stdout(`\n${msg(a.lang, "written", { file: out })}`);
  }
}

/** A table with one label per column; every column but the last as wide as its widest entry. */
function printTable(io: Io, head: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: readonly string[]) =>
    `  ${r.map((x, j) => (j < r.length - 1 ? pad(x, widths[j]) : x)).join("  ")}`.trimEnd();
  io.stdout(line(head));
  for (const r of rows) io.stdout(line(r));
}

/** The findings as a table; the input sheets named as the planner's workbook names them (planSheetNames). */
function printFindings(
  io: Io,
  findings: readonly Finding[],
  lang: Lang,
  names?: SheetNaming,
  limit = 50,
): void {
  const c = countBySeverity(findings);
  io.stdout(findings.length ? findingsSummary(lang, c) : msg(lang, "noFindings"));
  if (!findings.length) return;
  const L = labels(lang);
  const rows = findings
    .slice(0, limit)
    .map((f) => [
      severityLabel(f.severity, lang),
      findingSheet(f),
      f.cell,
      f.code,
      findingMessage(f, lang, "cli", namesFor(names, f)),
    ]);
  printTable(io, [L.severity, L.sheet, L.cell, L.code, L.message], rows);
  if (findings.length <= limit) return;
  // What the rest are, by code, the most frequent first: a province's files have thousands.
  const more = new Map<string, number>();
  for (const f of findings.slice(limit)) more.set(f.code, (more.get(f.code) ?? 0) + 1);
  const codes = [...more]
    .sort((x, y) => y[1] - x[1])
    .map(([code, n]) => `${formatNumber(n, 0, lang)} ${code}`)
    .join(", ");
  io.stdout(msg(lang, "moreFindings", { count: formatNumber(findings.length - limit, 0, lang), codes }));
}

function periodLabel(key: string | null, lang: Lang): string {
  const p = key ? periodFromKey(key) : null;
  return p ? formatPeriod(p, lang) : (key ?? "");
}

function printRanking(io: Io, run: RunResult, lang: Lang): void {
  if (!run.results || !run.summary) return;
  const dec = run.plan.settings.indexDecimals;
  // The report's own formatter: Intl.NumberFormat took 20–45 ms of every run just to be built.
  const fmt = (x: number) => formatNumber(x, dec, lang);
  for (const g of run.summary.groups) {
    io.stdout("");
    io.stdout(
      msg(lang, "ranking", { period: periodLabel(run.period, lang), group: groupName(g.group, lang) }),
    );
    const L = labels(lang);
    printTable(
      io,
      [L.rank, L.unit, L.index, L.grade, L.interval],
      g.ranking.map((u) => [
        String(u.rankInGroup),
        u.name,
        fmt(u.indexRounded),
        gradeLabel(u.grade, lang),
        u.robustness ? `${u.robustness.p5}–${u.robustness.p95}` : "",
      ]),
    );
  }
  io.stdout("");
  io.stdout(msg(lang, "distribution"));
  // The counts start in one column, after the longest group's name (English names run past 24 letters).
  const names = run.results.distribution.map((d) => groupName(d.group, lang));
  const width = Math.max(24, ...names.map((n) => n.length));
  run.results.distribution.forEach((d, i) => {
    const parts = GRADES.map(
      (g) => `${gradeLabel(g, lang)} ${d.counts[g]} (${Math.round(d.shares[g] * 100)}%)`,
    ).join(", ");
    io.stdout(`  ${pad(names[i], width)} ${parts}`);
  });
}

function runJson(run: RunResult, lang: Lang, extra: Record<string, unknown>) {
  const r = run.results;
  const names = planSheetNames(run.plan, lang);
  return {
    ...extra,
    period: run.period,
    findings: run.findings.map((f) => findingJson(f, lang, names)),
    attainment:
      r?.attainment.map((a) => ({
        unit: a.unit,
        indicator: a.indicator,
        actual: a.actual,
        target: a.target,
        attainment: a.attainment,
        status: a.status,
      })) ?? [],
    province: r?.province ?? [],
    ranking:
      r?.ranking.map((u) => ({
        unit: u.unit,
        name: u.name,
        group: u.group,
        index: u.indexRounded,
        rank: u.rankInGroup,
        rankOverall: u.rankOverall,
        grade: u.grade,
        previousIndex: u.previous?.indexRounded ?? null,
        indexChange: u.indexChange,
        rankChange: u.rankChange,
        rankInterval: u.robustness,
      })) ?? [],
    gradeDistribution: r?.distribution ?? [],
  };
}

/** Each kind of object's word in the messages, in the order they are listed. */
const OBJECT_WORDS: Readonly<Record<PlannersObject, MessageKey>> = {
  chart: "objectChart",
  picture: "objectPicture",
  shape: "objectShape",
  slicer: "objectSlicer",
  pivotTable: "objectPivotTable",
  table: "objectTable",
  notes: "objectNotes",
  link: "objectLink",
};

/** The sheets and the kinds of objects of the planner's a refused write names. */
function objectsParams(e: PlannersObjectsError, lang: Lang): Record<string, string> {
  const kinds = new Set(e.found.flatMap((f) => f.objects));
  const objects = (Object.keys(OBJECT_WORDS) as PlannersObject[]).filter((k) => kinds.has(k));
  return {
    sheets: e.sheets.join(", "),
    objects: objects.map((k) => msg(lang, OBJECT_WORDS[k])).join(", "),
  };
}

const exitFor = (findings: readonly Finding[]) => (findings.some((f) => f.severity === "error") ? 1 : 0);

/**
 * What compute says beside the findings, once the output is written: on stderr, and in --json's `notes`. Its code is
 * its message's key; its params as the message fills them in, but for a period, given as its key (2015-Q2), and sheets
 * as a list.
 */
interface Note {
  readonly code: "unsigned" | "stalePivots" | "laterSummary";
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  readonly message: string;
}

async function compute(
  a: Args,
  io: Io,
  input: string,
  output: (period: string | null) => string,
  quiet: boolean,
): Promise<{ code: number; run: RunResult; out: string; notes: Note[] }> {
  const period = a.period === null ? null : periodArg(a.period);
  if (a.period !== null && period === null) throw new UsageError("badPeriod", { value: a.period });
  // The robustness draws go to a second thread, started now so that it is ready when the scores are; with one core
  // they are drawn in line, as a thread would only take turns with this one.
  const draws = a.robustness && os.availableParallelism() > 1 ? DrawWorker.start() : null;
  try {
    if (!quiet) io.stderr(msg(a.lang, "reading", { file: input }));
    const wb = await openWorkbook(input);
    const grids = await wb.readGrids();
    if (!quiet)
      io.stderr(
        period
          ? msg(a.lang, "computing", { period: periodLabel(period, a.lang) })
          : msg(a.lang, "computingCurrent"),
      );
    const first = runPlan(grids, {
      period,
      lang: a.lang,
      robustness: a.robustness,
      drawElsewhere: draws?.post,
      rankingElsewhere: draws?.postRanking,
    });
    const out = output(first.period);
    const notes: Note[] = [];
    if (first.refused) {
      // Nothing is written: results from data like these would mislead.
      io.stderr(refusalMessage(first.refused, a.lang));
      return { code: 1, run: first, out, notes: [] };
    }
    if (!a.inPlace) await checkOutput(a, [input], out);
    else if (!a.force) await assertNotOpen(out);
    // Summary tabs of later periods made before this run (a Q1 figure corrected after Q2's tab was made): snapshots
    // that still show this period as it was. Said, not rewritten: the planner may have signed them.
    const drawing = first.summary && first.period ? periodsDrawingOn(first.period) : [];
    const later = drawing.length
      ? (await wb.owned()).filter((o) => o.kind === "summary" && drawing.includes(o.period ?? ""))
      : [];
    // The run with the intervals, once drawn, and Xếp hạng built on the thread with its fingerprint: awaited when
    // Xếp hạng's turn to be written comes.
    let done: Promise<RunResult> | null = null;
    let builtThere: BuiltRanking | null = null;
    // Kết quả as written: the thread, given Xếp hạng's job, digests it too, with the main thread once it has written.
    const resultsSheet = first.attachIntervals ? first.sheets.find((s) => s.kind === "results") : undefined;
    const finished = () =>
      (done ??= (async () => {
        if (!first.attachIntervals || !draws) return first;
        const drawn = await draws.drawn();
        builtThere = await draws.ranking();
        return first.attachIntervals(drawn, builtThere?.spec);
      })());
    if (first.sheets.length) {
      try {
        await wb.applySheets(first.sheets, {
          force: a.force,
          finalSpec: (spec) => {
            if (spec.kind !== "ranking") return spec;
            // Xếp hạng may not be back yet: part of Kết quả's digest meanwhile.
            if (resultsSheet) draws?.digestWhileWaiting(resultsSheet);
            return finished().then((r) => r.sheets.find((s) => s.kind === "ranking") ?? spec);
          },
          writtenRows: (spec) => (spec === builtThere?.spec ? builtThere.rows : undefined),
          fingerprintOf: (spec) =>
            spec === builtThere?.spec
              ? builtThere.fingerprint
              : draws && spec === resultsSheet
                ? () => draws.resultsFingerprint(spec)
                : undefined,
        });
      } catch (e) {
        if (e instanceof PlannersObjectsError)
          throw new FileProblem("plannersObjects", objectsParams(e, a.lang));
        if (e instanceof EditedOutputError) throw new FileProblem("edited", { sheets: e.sheets.join(", ") });
        if (e instanceof UserSheetClashError) throw new FileProblem("notOwned", { sheet: e.sheet });
        throw e;
      }
      if (!quiet) io.stderr(msg(a.lang, "writing", { file: out }));
      await writeAtomic(out, () => wb.savePieces());
      const shown = path.relative(io.cwd, out) || out;
      if (wb.signaturesDropped)
        notes.push({
          code: "unsigned",
          params: { file: shown },
          message: msg(a.lang, "unsigned", { file: shown }),
        });
      if (wb.pivotSources.length)
        notes.push({
          code: "stalePivots",
          params: { sheets: wb.pivotSources, file: shown },
          message: msg(a.lang, "stalePivots", { sheets: wb.pivotSources.join(", "), file: shown }),
        });
      for (const o of later) {
        const file = /\s/.test(shown) ? `"${shown}"` : shown;
        const params = { sheet: o.name, file, later: o.period ?? "" };
        notes.push({
          code: "laterSummary",
          params: { ...params, period: first.period ?? "" },
          message: msg(a.lang, "laterSummary", { ...params, period: periodLabel(first.period, a.lang) }),
        });
      }
      for (const n of notes) io.stderr(n.message);
    }
    const run = await finished();
    if (io.env.ICTPLAN_DEBUG && draws?.report) io.stderr(`robustness: ${JSON.stringify(draws.report)}`);
    if (io.env.ICTPLAN_DEBUG && draws?.rankingReport)
      io.stderr(`ranking: ${JSON.stringify(draws.rankingReport)}`);
    if (io.env.ICTPLAN_DEBUG && draws?.resultsReport)
      io.stderr(`results fingerprint: ${JSON.stringify(draws.resultsReport)}`);
    return { code: exitFor(run.findings), run, out, notes };
  } finally {
    draws?.stop();
  }
}

/**
 * `<name>-ictplan-<period>.xlsx` beside the input (or `ext`), the period being the one computed; a macro workbook's copy
 * stays .xlsm (Excel will not open macros in a .xlsx).
 */
function defaultOutput(input: string, period: string | null, ext?: string): string {
  const name = path.basename(input, path.extname(input));
  const named = (base: string) =>
    path.join(
      path.dirname(input),
      `${base}-ictplan${period ? `-${period}` : ""}${ext ?? (isMacro(input) ? ".xlsm" : ".xlsx")}`,
    );
  // Last quarter's output as the input (plan-ictplan-2015-Q2.xlsx) gives plan-ictplan-2015-Q3.xlsx, not a name that
  // grows by a suffix every quarter; unless that name is the input's own.
  const renamed = named(name.replace(/-ictplan(?:-\d{4}(?:-Q[1-4])?)?$/, ""));
  return renamed.toLowerCase() === input.toLowerCase() ? named(name) : renamed;
}

/** The one input file of a command; a usage error when none or several are given. */
function oneFile(a: Args): string {
  if (a.files.length === 0) throw new UsageError("missingFile");
  if (a.files.length > 1)
    throw new UsageError("tooManyFiles", { command: a.command, files: a.files.join(", ") });
  return a.files[0];
}

const isMacro = (file: string) => /\.xlsm$/i.test(file);

/**
 * Refuses an output that would lose a file: the input itself, a file open in another program, or an existing file
 * ictplan may not replace.
 */
async function checkOutput(a: Args, inputs: readonly string[], out: string): Promise<void> {
  // template, sample and consolidate make a new plan, without macros: Excel opens no .xlsm without them.
  const fresh = a.command === "template" || a.command === "sample" || a.command === "consolidate";
  if (fresh && isMacro(out)) throw new FileProblem("newWorkbookXlsm", { file: out, command: a.command });
  for (const input of inputs) {
    // Only compute can write into its input (--in-place); report and consolidate are told to choose another name.
    if (await sameFile(input, out))
      throw new FileProblem(a.command === "compute" ? "sameAsInput" : "outputIsInput", { file: out });
    // A copy of a macro workbook stays one; consolidate's units' macros are not in its new plan.
    if (!fresh && isMacro(input) && !isMacro(out)) throw new FileProblem("macroOutput", { file: input });
  }
  await assertFolderExists(out);
  if (a.force) return;
  await assertNotOpen(out);
  // A new plan's output: an existing file may be one the planner filled in since.
  if (fresh) {
    if (
      await fs.stat(out).then(
        () => true,
        () => false,
      )
    )
      throw new FileProblem("fileExists", { file: out, command: a.command });
  } else await assertReplaceable(out);
}

async function dispatch(a: Args, io: Io): Promise<number> {
  const abs = (f: string) => path.resolve(io.cwd, f);
  switch (a.command) {
    case "":
    case "help":
      io.stdout(msg(a.lang, "usage"));
      return a.command === "help" ? 0 : 2;
    case "validate": {
      const file = oneFile(a);
      const period = a.period === null ? null : periodArg(a.period);
      if (a.period !== null && period === null) throw new UsageError("badPeriod", { value: a.period });
      const wb = await openWorkbook(abs(file));
      // Only the checks: computing and building the output sheets took more than half of a 1,000-unit validate.
      const run = checkWorkbook(await wb.readGrids(), period);
      const names = planSheetNames(run.plan, a.lang);
      if (a.json)
        writeJson(io.stdout, {
          command: "validate",
          file,
          period: run.period,
          findings: run.findings.map((f) => findingJson(f, a.lang, names)),
        });
      else printFindings(io, run.findings, a.lang, names, 1000);
      return exitFor(run.findings);
    }
    case "compute": {
      const file = oneFile(a);
      const input = abs(file);
      const output = (period: string | null) =>
        a.inPlace ? input : abs(a.output ?? defaultOutput(file, period));
      const { code, run, out, notes } = await compute(a, io, input, output, a.json);
      printRun(io, a, run, out, { command: "compute", file, notes });
      return code;
    }
    case "report": {
      // The quarterly report as a Word document; the workbook is only read.
      const input = oneFile(a);
      const period = a.period === null ? null : periodArg(a.period);
      if (a.period !== null && period === null) throw new UsageError("badPeriod", { value: a.period });
      const wb = await openWorkbook(abs(input));
      const res = runPlan(await wb.readGrids(), { period, lang: a.lang, robustness: false, sheets: false });
      if (res.refused || !res.summary) {
        if (res.refused) io.stderr(refusalMessage(res.refused, a.lang));
        return 1;
      }
      const out = abs(a.output ?? defaultOutput(input, res.period, ".docx"));
      // An existing report is replaced only if ictplan wrote it and nobody edited it since (reportRecord.ts).
      await checkOutput(a, [abs(input)], out);
      await writeAtomic(out, () => reportDocx(buildReport(res.plan, res.summary!, a.lang)));
      if (a.json)
        io.stdout(JSON.stringify({ command: "report", file: input, period: res.period, output: out }));
      else {
        printFindings(io, res.findings, a.lang, planSheetNames(res.plan, a.lang));
        io.stdout(msg(a.lang, "written", { file: out }));
      }
      return exitFor(res.findings);
    }
    case "consolidate": {
      if (a.files.length < 1) throw new UsageError("missingFile");
      if (!a.output) throw new UsageError("missingOutput");
      const given = await workbookFiles(a.files, io.cwd);
      // An office program's lock file (`communes/*.xlsx` matches Excel's `~$X001.xlsx` while X001.xlsx is open) is
      // not a plan: left out, and said where the file it locks is not among the inputs (that file's INPUT_OPEN says it).
      const files = given.filter((f) => !lockProgram(f));
      if (!files.length) throw new UsageError("missingFile");
      await checkOutput(a, files.map(abs), abs(a.output));
      // A province's thousand files take seconds: say what is under way, as compute does.
      if (!a.json) io.stderr(msg(a.lang, "readingFiles", { count: formatNumber(files.length, 0, a.lang) }));
      const parsed = [];
      const notes: Finding[] = [];
      const locks = new Set<string>();
      const bases = files.map((f) => path.basename(f));
      // Every file that cannot be read said at once: a province's 150 files are not to be fixed one run at a time.
      const unreadable: FileProblem[] = [];
      for (const [i, f] of files.entries()) {
        const opened = await openUnitWorkbook(abs(f)).catch((e: unknown) => {
          if (!(e instanceof FileProblem)) throw e;
          unreadable.push(e);
          return null;
        });
        if (!opened) continue;
        // Each file checked as validate checks it: its findings reach the planner, named with the file: by its name,
        // or by its path as given where two files share a name (a folder per unit, each with its ke-hoach.xlsx). When
        // it was saved decides between two versions of a unit's file.
        const name = bases.indexOf(bases[i]) === bases.lastIndexOf(bases[i]) ? bases[i] : f;
        parsed.push({ name, saved: opened.saved, ...checkWorkbook(await opened.wb.readGrids()) });
        // Open in Excel: what the unit typed since it last saved is not in the file.
        const open = await lockFileOf(abs(f));
        if (open) {
          locks.add(open.lock);
          const params = { file: name, program: open.program, lock: path.basename(open.lock) };
          notes.push({ ...finding("INPUT_OPEN", { sheet: "" }, params), file: name });
        }
      }
      for (const f of given.filter((x) => lockProgram(x) && !locks.has(abs(x)))) {
        const params = { file: path.basename(f), program: lockProgram(f) ?? "" };
        notes.push({ ...finding("LOCK_FILE", { sheet: "" }, params), file: path.basename(f) });
      }
      if (unreadable.length === 1) throw unreadable[0];
      if (unreadable.length)
        throw new FileProblem("unreadableInputs", {
          count: unreadable.length,
          list: unreadable.map((e) => `  ${msg(a.lang, e.key, e.params)}`).join("\n"),
        });
      const merged = consolidatePlans(parsed);
      const { plan } = merged;
      // Errors first; the inputs' notes before the merge's findings of their severity (a wall of missing figures).
      const findings = [...notes, ...merged.findings].sort(
        (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity],
      );
      // Each file's findings name the sheets as that file does (a unit may have filled in the English template).
      const byFile = new Map(parsed.map((p) => [p.name, planSheetNames(p.plan, a.lang)]));
      const names = (f: Finding) => (f.file === undefined ? undefined : byFile.get(f.file));
      // The merged plan in the units' workbooks' language (the command line's when they differ).
      const lang = plan.language ?? a.lang;
      if (!a.json) io.stderr(msg(a.lang, "writing", { file: abs(a.output) }));
      const bytes = await XlsxWorkbook.of(
        (await template()).buildTemplate(planToRows(plan, lang), lang),
      ).save();
      await writeAtomic(abs(a.output), bytes);
      if (a.json)
        writeJson(io.stdout, {
          command: "consolidate",
          output: a.output,
          files: files.length,
          units: plan.units.length,
          figures: figureCount(plan.figures),
          findings: findings.map((f) => findingJson(f, a.lang, names)),
        });
      else {
        printFindings(io, findings, a.lang, names);
        // Whom to call: the files with errors, which the table may not reach.
        const erring = new Set(findings.filter((f) => f.severity === "error").map((f) => f.file));
        const failing = parsed.map((p) => p.name).filter((name) => erring.has(name));
        if (failing.length)
          io.stdout(
            msg(a.lang, "filesWithErrors", {
              count: failing.length,
              files: listedCodes(failing, MAX_LISTED_FILES),
            }),
          );
        const n = (x: number) => formatNumber(x, 0, a.lang);
        io.stdout(
          msg(a.lang, "consolidated", {
            files: n(files.length),
            units: n(plan.units.length),
            figures: n(figureCount(plan.figures)),
          }),
        );
        io.stdout(msg(a.lang, "written", { file: abs(a.output) }));
      }
      return exitFor(findings);
    }
    case "template":
    case "sample": {
      const out = abs(a.output ?? (a.command === "template" ? "plan-template.xlsx" : "lao-cai-2015.xlsx"));
      await checkOutput(a, [], out);
      const bytes =
        a.command === "sample"
          ? await (await template()).sampleWorkbookBytes()
          : await XlsxWorkbook.of((await template()).buildTemplate(undefined, a.lang)).save();
      await writeAtomic(out, bytes);
      io.stdout(
        a.json ? JSON.stringify({ command: a.command, output: out }) : msg(a.lang, "written", { file: out }),
      );
      return 0;
    }
    case "demo": {
      const dir = abs(a.output ?? "out");
      // Its own folder, one level: a parent that does not exist is refused like any output's folder.
      await assertFolderExists(dir);
      await fs.mkdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
      // The bundled sample as shipped; regenerated from code only if it is missing.
      const bundled = path.join(__dirname, "..", "..", "assets", "samples", "lao-cai-2015.xlsx");
      const sample = path.join(dir, "lao-cai-2015.xlsx");
      const bytes = await fs.readFile(bundled).catch(async () => (await template()).sampleWorkbookBytes());
      await writeAtomic(sample, new Uint8Array(bytes));
      const period = a.period ?? "2015-Q2";
      const output = (p: string | null) => path.join(dir, `lao-cai-${p ?? periodArg(period) ?? period}.xlsx`);
      const { code, run, out, notes } = await compute(
        { ...a, period, force: true },
        io,
        sample,
        output,
        a.json,
      );
      // The report beside the workbook, unless the gate refused the run (then neither is written).
      const docx = run.summary && !run.refused ? out.replace(/\.xlsx$/, ".docx") : null;
      if (docx) await writeAtomic(docx, await reportDocx(buildReport(run.plan, run.summary!, a.lang)));
      printRun(io, a, run, out, { command: "demo", file: sample, report: docx, notes });
      if (!a.json) {
        if (docx) io.stdout(msg(a.lang, "written", { file: docx }));
        io.stdout(msg(a.lang, "openWith"));
      }
      return code;
    }
    default:
      throw new UsageError("unknownCommand", { value: a.command });
  }
}

/** Runs the CLI and returns its exit code: 0 clean, 1 findings of severity error, 2 usage or unreadable file. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { lang, json } = earlyFlags(argv, io.env);
  // With --json a failure is JSON on stdout too, so that a script always has something to parse.
  const fail = (error: string, message: string, usage: boolean): number => {
    if (json)
      io.stdout(JSON.stringify({ command: argv.find((x) => !x.startsWith("-")) ?? null, error, message }));
    io.stderr(message);
    if (usage && !json) io.stderr(msg(lang, "usage"));
    return 2;
  };
  try {
    return await dispatch(parseArgs(argv, io.env), io);
  } catch (e) {
    // A bad period's message already says how to write one: the usage text after it would bury it.
    if (e instanceof UsageError) return fail(e.key, msg(lang, e.key, e.params), e.key !== "badPeriod");
    if (e instanceof FileProblem) return fail(e.key, msg(lang, e.key, e.params), false);
    if (io.env.ICTPLAN_DEBUG) io.stderr(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return fail(
      "unexpected",
      msg(lang, "unexpected", { file: argv.find((x) => /\.xls[xm]?$/i.test(x)) ?? "" }),
      false,
    );
  }
}

/** Runs the CLI on this process's arguments and sets its exit code (the `ictplan` bin calls this). */
export function main(): void {
  // A reader that stops early (`ictplan validate x | head -1`) closes the pipe: print nothing more to it, quietly, but
  // finish the run, so that an output being written is written and the exit code says how the run went.
  const closed = new Set<NodeJS.WriteStream>();
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
      closed.add(stream);
    });
  const print = (stream: NodeJS.WriteStream) => (s: string) => {
    if (!closed.has(stream) && !stream.destroyed) stream.write(s + "\n");
  };
  void run(process.argv.slice(2), {
    stdout: print(process.stdout),
    stderr: print(process.stderr),
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
    // A large plan leaves hundreds of megabytes of heap, which a natural exit takes apart first (0.1-0.3 s): exit at
    // once, when all that was printed has been written (stdout and stderr may still hold some where their writes are
    // asynchronous: pipes on Windows and macOS, terminals on Windows).
    const pending = [process.stdout, process.stderr].filter(
      (s) => !closed.has(s) && !s.destroyed && s.writableLength > 0,
    );
    let left = pending.length;
    if (!left) process.exit(code);
    for (const s of pending) {
      // Drained, or closed by its reader meanwhile.
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        if (--left === 0) process.exit(code);
      };
      s.once("drain", done);
      s.once("close", done);
    }
  });
}
