/** Never lose a file: output identity, replacing only unchanged outputs, atomic writes, kills, closed pipes. */
import { spawn, execFileSync } from "node:child_process";
import { promises as fs, watch } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type Io } from "../../src/cli/main";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { generatePlanRows } from "../../bench/generate";
import { planFile } from "../../bench/planFile";

const BIN = path.join(__dirname, "..", "..", "bin", "ictplan.js");
let dir: string;
let sample: Uint8Array;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-safety-"));
  sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: { LANG: "en_US.UTF-8" },
    cwd,
  };
  const code = await run(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function fresh(name: string): Promise<string> {
  const d = path.join(dir, name);
  await fs.mkdir(d, { recursive: true });
  await fs.writeFile(path.join(d, "plan.xlsx"), sample);
  return d;
}

const tempFiles = async (d: string) => (await fs.readdir(d)).filter((f) => f.endsWith(".tmp"));

describe("the output is never the input", () => {
  it("refuses -o through a symbolically linked folder, a hard link and another letter case of the same file", async () => {
    const d = await fresh("identity");
    await fs.symlink(d, path.join(dir, "identity-link"));
    await fs.link(path.join(d, "plan.xlsx"), path.join(d, "hard.xlsx"));
    // On a case-insensitive disk "Plan.xlsx" is the same file as "plan.xlsx"; a link of that name stands for it here.
    await fs.symlink(path.join(d, "plan.xlsx"), path.join(d, "Plan.xlsx"));
    for (const out of [path.join(dir, "identity-link", "plan.xlsx"), "hard.xlsx", "Plan.xlsx"]) {
      const r = await cli(d, "compute", "plan.xlsx", "-o", out, "--no-robustness");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is the input file/);
    }
    expect(new Uint8Array(await fs.readFile(path.join(d, "plan.xlsx")))).toEqual(sample);
  });
});

describe("an existing output", () => {
  it("is replaced when it is ictplan's own output and unchanged: running compute again just works", async () => {
    const d = await fresh("rerun");
    expect((await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness")).code).toBe(0);
    const first = await fs.stat(path.join(d, "out.xlsx"));
    const again = await cli(
      d,
      "compute",
      "plan.xlsx",
      "-o",
      "out.xlsx",
      "--no-robustness",
      "--period",
      "2015-Q1",
    );
    expect(again.code).toBe(0);
    expect((await fs.stat(path.join(d, "out.xlsx"))).mtimeMs).toBeGreaterThanOrEqual(first.mtimeMs);
    const owned = await (await XlsxWorkbook.load(await fs.readFile(path.join(d, "out.xlsx")))).ownedSheets();
    expect(owned).toContain("Summary Q1 2015");
  });

  it("is kept when the planner typed into it (an input sheet or an output sheet) or it is another file; --force replaces it", async () => {
    const d = await fresh("edited");
    expect((await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness")).code).toBe(0);
    const out = path.join(d, "out.xlsx");
    const edits = [
      { sheet: "Số liệu", cell: "Z3", value: "ghi chú của tôi" },
      { sheet: "Ranking", cell: "B40", value: "ghi chú của tôi" },
    ];
    const original = await fs.readFile(out);
    for (const edit of edits) {
      const wb = await XlsxWorkbook.load(original);
      wb.writeCells([edit]);
      const edited = await wb.save();
      await fs.writeFile(out, edited);
      const r = await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/exists and is not an unchanged ictplan output.*--force/);
      expect(new Uint8Array(await fs.readFile(out))).toEqual(edited);
    }
    await fs.writeFile(path.join(d, "notes.xlsx"), sample);
    expect((await cli(d, "compute", "plan.xlsx", "-o", "notes.xlsx")).code).toBe(2);
    expect((await cli(d, "template", "-o", "notes.xlsx")).code).toBe(2);
    expect(new Uint8Array(await fs.readFile(path.join(d, "notes.xlsx")))).toEqual(sample);
    const forced = await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness", "--force");
    expect(forced.code).toBe(0);
  });
});

describe("atomic writes", () => {
  it("a failed write leaves the target as it was and no temporary file", async () => {
    const d = await fresh("fail");
    await fs.mkdir(path.join(d, "folder.xlsx"));
    const r = await cli(d, "compute", "plan.xlsx", "-o", "folder.xlsx", "--no-robustness", "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Could not write .*folder\.xlsx|is a folder/);
    expect(await tempFiles(d)).toEqual([]);
  });

  it("a kill while writing leaves no temporary file and no half-written output", async () => {
    const d = await fresh("kill");
    // A plan of 300 units: its output (about 2.5 MB) takes long enough to write and sync that the kill lands
    // while the temporary file exists (the package itself is assembled in a few milliseconds).
    await fs.writeFile(path.join(d, "plan.xlsx"), await planFile(generatePlanRows(300, 50, 8)));
    const child = spawn(
      process.execPath,
      [BIN, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness"],
      {
        cwd: d,
      },
    );
    let killed = false;
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      child.kill("SIGTERM");
      killed = true;
    };
    // The temporary file exists from before the package is generated until the rename: kill it then, as soon as
    // the folder reports it (polling as well, in case the watch misses it).
    const watcher = watch(d, (_, name) => {
      if (name && name.endsWith(".tmp")) kill();
    });
    try {
      for (let i = 0; i < 12000 && !killed && child.exitCode === null; i++) {
        if ((await tempFiles(d)).length) kill();
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      watcher.close();
    }
    const code = await exit;
    expect(killed).toBe(true);
    expect(code).toBe(143);
    expect(await tempFiles(d)).toEqual([]);
    await expect(fs.stat(path.join(d, "out.xlsx"))).rejects.toThrow();
  }, 120000);
});

describe("a closed pipe", () => {
  it("`ictplan compute … --json | head -1` ends quietly, without a stack trace", async () => {
    const d = await fresh("pipe");
    const err = path.join(d, "err.txt");
    const first = execFileSync(
      "/bin/sh",
      ["-c", `"${process.execPath}" "${BIN}" compute plan.xlsx -o out.xlsx --json 2>"${err}" | head -1`],
      { cwd: d, encoding: "utf8" },
    );
    expect(first.trim()).toBe("{");
    const stderr = await fs.readFile(err, "utf8");
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  }, 120000);
});
