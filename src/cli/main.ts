/** The `ictplan` command line: validate, compute, consolidate, template, sample, demo. */
import path from "node:path";
import { promises as fs } from "node:fs";
import type { Finding } from "../engine/model";
import { countBySeverity, findingMessage } from "../engine/findings";
import { periodArg, runPlan, type RunResult } from "../engine/pipeline";
import { refusalMessage } from "../engine/gate";
import { buildReport } from "../engine/report";
import { reportDocx } from "../document/reportDocx";
import { formatPeriod, periodFromKey } from "../engine/periods";
import { gradeLabel, severityLabel } from "../engine/i18n/labels";
import { groupName } from "../engine/outputs/style";
import { samplePlanRows } from "../engine/sample";
import { consolidatePlans, planToRows } from "../engine/consolidate";
import { parseWorkbook } from "../engine/parse/plan";
import { GRADES } from "../engine/ranking";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../workbook/xlsx/template";
import { EditedOutputError } from "../workbook/ownership";
import { FileProblem, openWorkbook, writeAtomic } from "./files";
import { figureCount } from "../engine/figures";
import { langFromEnv, msg, type Lang, type MessageKey } from "./messages";

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

function parseArgs(argv: readonly string[], env: Io["env"]): Args {
  const a: Args = {
    command: "",
    files: [],
    output: null,
    period: null,
    lang: langFromEnv(env),
    json: false,
    inPlace: false,
    force: false,
    robustness: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError("badOption", { value: x });
      return v;
    };
    if (x === "-o" || x === "--output") a.output = next();
    else if (x === "--period" || x === "-p") a.period = next();
    else if (x === "--lang") {
      const v = next();
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

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

function findingJson(f: Finding, lang: Lang) {
  return {
    code: f.code,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    message: findingMessage(f, lang),
    params: f.params,
  };
}

function printFindings(io: Io, findings: readonly Finding[], lang: Lang, limit = 50): void {
  const c = countBySeverity(findings);
  io.stdout(findings.length ? msg(lang, "findingsSummary", c) : msg(lang, "noFindings"));
  if (!findings.length) return;
  io.stdout(`  ${msg(lang, "tableHeader")}`);
  for (const f of findings.slice(0, limit))
    io.stdout(
      `  ${pad(severityLabel(f.severity, lang), 9)} ${pad(f.sheet, 10)} ${pad(f.cell, 5)} ${pad(f.code, 24)} ${findingMessage(f, lang)}`,
    );
  if (findings.length > limit) io.stdout(`  … (+${findings.length - limit})`);
}

function periodLabel(key: string | null, lang: Lang): string {
  const p = key ? periodFromKey(key) : null;
  return p ? formatPeriod(p, lang) : (key ?? "");
}

function printRanking(io: Io, run: RunResult, lang: Lang): void {
  if (!run.results || !run.summary) return;
  const dec = run.plan.settings.indexDecimals;
  const fmt = (x: number) =>
    x.toLocaleString(lang === "vi" ? "vi-VN" : "en-US", {
      minimumFractionDigits: dec,
      maximumFractionDigits: dec,
    });
  for (const g of run.summary.groups) {
    io.stdout("");
    io.stdout(
      msg(lang, "ranking", { period: periodLabel(run.period, lang), group: groupName(g.group, lang) }),
    );
    io.stdout(`  ${msg(lang, "rankHeader")}`);
    for (const u of g.ranking) {
      const iv = u.robustness ? `${u.robustness.p5}–${u.robustness.p95}` : "";
      io.stdout(
        `  ${pad(String(u.rankInGroup), 4)} ${pad(u.name, 42)} ${pad(fmt(u.indexRounded), 7)} ${pad(gradeLabel(u.grade, lang), 11)} ${iv}`,
      );
    }
  }
  io.stdout("");
  io.stdout(msg(lang, "distribution"));
  for (const d of run.results.distribution) {
    const parts = GRADES.map(
      (g) => `${gradeLabel(g, lang)} ${d.counts[g]} (${Math.round(d.shares[g] * 100)}%)`,
    ).join(", ");
    io.stdout(`  ${pad(groupName(d.group, lang), 24)} ${parts}`);
  }
}

function runJson(run: RunResult, lang: Lang, extra: Record<string, unknown>) {
  const r = run.results;
  return {
    ...extra,
    period: run.period,
    findings: run.findings.map((f) => findingJson(f, lang)),
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

const exitFor = (findings: readonly Finding[]) => (findings.some((f) => f.severity === "error") ? 1 : 0);

async function compute(
  a: Args,
  io: Io,
  input: string,
  output: string,
  quiet: boolean,
): Promise<{ code: number; run: RunResult }> {
  const period = a.period === null ? null : periodArg(a.period);
  if (a.period !== null && period === null) throw new UsageError("badPeriod", { value: a.period });
  if (!quiet) io.stderr(msg(a.lang, "reading", { file: input }));
  const wb = await openWorkbook(input);
  const grids = await wb.readGrids();
  if (!quiet) io.stderr(msg(a.lang, "computing", { period: period ?? "…" }));
  const run = runPlan(grids, { period, lang: a.lang, robustness: a.robustness });
  if (run.refused) {
    // Nothing is written: results from data like these would mislead.
    io.stderr(refusalMessage(run.refused, a.lang));
    return { code: 1, run };
  }
  if (run.sheets.length) {
    try {
      await wb.applySheets(run.sheets, { force: a.force });
    } catch (e) {
      if (e instanceof EditedOutputError) throw new FileProblem("edited", { sheets: e.sheets.join(", ") });
      throw new FileProblem("notOwned", { detail: e instanceof Error ? e.message : String(e) });
    }
    if (!quiet) io.stderr(msg(a.lang, "writing", { file: output }));
    await writeAtomic(output, await wb.save());
  }
  return { code: exitFor(run.findings), run };
}

function defaultOutput(input: string, period: string | null): string {
  const ext = path.extname(input);
  return path.join(
    path.dirname(input),
    `${path.basename(input, ext)}-ictplan${period ? `-${period}` : ""}.xlsx`,
  );
}

async function dispatch(a: Args, io: Io): Promise<number> {
  const abs = (f: string) => path.resolve(io.cwd, f);
  switch (a.command) {
    case "":
    case "help":
      io.stdout(msg(a.lang, "usage"));
      return a.command === "help" ? 0 : 2;
    case "validate": {
      if (a.files.length !== 1) throw new UsageError("missingFile");
      const period = a.period === null ? null : periodArg(a.period);
      if (a.period !== null && period === null) throw new UsageError("badPeriod", { value: a.period });
      const wb = await openWorkbook(abs(a.files[0]));
      const run = runPlan(await wb.readGrids(), { period, lang: a.lang, robustness: false, summary: false });
      if (a.json)
        io.stdout(
          JSON.stringify(
            {
              command: "validate",
              file: a.files[0],
              period: run.period,
              findings: run.findings.map((f) => findingJson(f, a.lang)),
            },
            null,
            2,
          ),
        );
      else printFindings(io, run.findings, a.lang, 1000);
      return exitFor(run.findings);
    }
    case "compute": {
      if (a.files.length !== 1) throw new UsageError("missingFile");
      const input = abs(a.files[0]);
      const out = a.inPlace
        ? input
        : abs(a.output ?? defaultOutput(a.files[0], a.period ? periodArg(a.period) : null));
      if (!a.inPlace && path.resolve(out) === path.resolve(input)) throw new UsageError("sameAsInput");
      const { code, run } = await compute(a, io, input, out, a.json);
      if (a.json)
        io.stdout(
          JSON.stringify(
            runJson(run, a.lang, {
              command: "compute",
              file: a.files[0],
              output: run.refused ? null : out,
              refused: run.refused ? refusalMessage(run.refused, a.lang) : null,
            }),
            null,
            2,
          ),
        );
      else {
        printFindings(io, run.findings, a.lang);
        printRanking(io, run, a.lang);
        if (!run.refused) io.stdout(`\n${msg(a.lang, "written", { file: out })}`);
      }
      return code;
    }
    case "report": {
      // The quarterly report as a Word document; the workbook is only read.
      if (a.files.length !== 1) throw new UsageError("missingFile");
      const period = a.period === null ? null : periodArg(a.period);
      if (a.period !== null && period === null) throw new UsageError("badPeriod", { value: a.period });
      const input = a.files[0];
      const out = abs(a.output ?? defaultOutput(input, period).replace(/\.xlsx$/, ".docx"));
      const wb = await openWorkbook(abs(input));
      const res = runPlan(await wb.readGrids(), { period, lang: a.lang, robustness: false });
      if (res.refused || !res.summary) {
        io.stderr(res.refused ? refusalMessage(res.refused, a.lang) : msg(a.lang, "usage"));
        return 1;
      }
      await writeAtomic(out, await reportDocx(buildReport(res.plan, res.summary, a.lang)));
      if (a.json)
        io.stdout(JSON.stringify({ command: "report", file: input, period: res.period, output: out }));
      else {
        printFindings(io, res.findings, a.lang);
        io.stdout(msg(a.lang, "written", { file: out }));
      }
      return exitFor(res.findings);
    }
    case "consolidate": {
      if (a.files.length < 1) throw new UsageError("missingFile");
      if (!a.output) throw new UsageError("missingOutput");
      const parsed = [];
      for (const f of a.files) {
        const wb = await openWorkbook(abs(f));
        parsed.push({ name: path.basename(f), plan: parseWorkbook(await wb.readGrids()).plan });
      }
      const { plan, findings } = consolidatePlans(parsed);
      const bytes = await XlsxWorkbook.of(buildTemplate(planToRows(plan))).save();
      await writeAtomic(abs(a.output), bytes);
      if (a.json)
        io.stdout(
          JSON.stringify(
            {
              command: "consolidate",
              output: a.output,
              units: plan.units.length,
              findings: findings.map((f) => findingJson(f, a.lang)),
            },
            null,
            2,
          ),
        );
      else {
        printFindings(io, findings, a.lang);
        io.stdout(
          msg(a.lang, "consolidated", {
            files: a.files.length,
            units: plan.units.length,
            figures: figureCount(plan.figures),
          }),
        );
        io.stdout(msg(a.lang, "written", { file: abs(a.output) }));
      }
      return exitFor(findings);
    }
    case "template":
    case "sample": {
      const out = abs(a.output ?? (a.command === "template" ? "plan-template.xlsx" : "lao-cai-2015.xlsx"));
      const bytes = await XlsxWorkbook.of(
        buildTemplate(a.command === "sample" ? samplePlanRows() : undefined),
      ).save();
      await writeAtomic(out, bytes);
      io.stdout(
        a.json ? JSON.stringify({ command: a.command, output: out }) : msg(a.lang, "written", { file: out }),
      );
      return 0;
    }
    case "demo": {
      const dir = abs(a.output ?? "out");
      await fs.mkdir(dir, { recursive: true });
      // The bundled sample as shipped; regenerated from code only if it is missing.
      const bundled = path.join(__dirname, "..", "..", "assets", "samples", "lao-cai-2015.xlsx");
      const sample = path.join(dir, "lao-cai-2015.xlsx");
      const bytes = await fs
        .readFile(bundled)
        .catch(async () => XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
      await writeAtomic(sample, new Uint8Array(bytes));
      const period = a.period ?? "2015-Q2";
      const out = path.join(dir, `lao-cai-${periodArg(period) ?? period}.xlsx`);
      const { run } = await compute({ ...a, period, force: true }, io, sample, out, a.json);
      const docx = out.replace(/\.xlsx$/, ".docx");
      if (run.summary) await writeAtomic(docx, await reportDocx(buildReport(run.plan, run.summary, a.lang)));
      if (a.json)
        io.stdout(
          JSON.stringify(
            runJson(run, a.lang, { command: "demo", file: sample, output: out, report: docx }),
            null,
            2,
          ),
        );
      else {
        printFindings(io, run.findings, a.lang);
        printRanking(io, run, a.lang);
        io.stdout(`\n${msg(a.lang, "written", { file: out })}`);
        io.stdout(msg(a.lang, "written", { file: docx }));
        io.stdout(msg(a.lang, "openWith"));
      }
      return 0;
    }
    default:
      throw new UsageError("unknownCommand", { value: a.command });
  }
}

/** Runs the CLI and returns its exit code: 0 clean, 1 findings of severity error, 2 usage or unreadable file. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let lang = langFromEnv(io.env);
  try {
    const a = parseArgs(argv, io.env);
    lang = a.lang;
    return await dispatch(a, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(msg(lang, e.key, e.params));
      io.stderr(msg(lang, "usage"));
      return 2;
    }
    if (e instanceof FileProblem) {
      io.stderr(msg(lang, e.key, e.params));
      return 2;
    }
    io.stderr(
      msg(lang, "corrupt", {
        file: argv.find((x) => x.endsWith(".xlsx")) ?? "",
        detail: e instanceof Error ? e.message : String(e),
      }),
    );
    return 2;
  }
}

/** Runs the CLI on this process's arguments and sets its exit code (the `ictplan` bin calls this). */
export function main(): void {
  void run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s + "\n"),
    stderr: (s) => process.stderr.write(s + "\n"),
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
