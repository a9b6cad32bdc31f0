/** Never lose a file: output identity, replacing only unchanged outputs, atomic writes, kills, closed pipes. */
import { spawn, execFileSync } from "node:child_process";
import ExcelJS from "exceljs";
import { promises as fs, watch } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { META_SHEET } from "../../src/workbook/ownership";
import { editPackage } from "../helpers/packages";
import { haveOffice, haveWriter } from "../helpers/libreoffice";
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

const cli = (cwd: string, ...argv: string[]) => runCli(cwd, { LANG: "en_US.UTF-8" }, argv);

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
      // The refusal says what to do; the whole usage text after it would only bury it.
      expect(r.err).not.toMatch(/Usage:/);
    }
    expect(new Uint8Array(await fs.readFile(path.join(d, "plan.xlsx")))).toEqual(sample);
  });

  it("refuses report and consolidate into their input without advising --in-place, which only compute has", async () => {
    const d = await fresh("identity-report");
    for (const argv of [
      ["report", "plan.xlsx", "-o", "plan.xlsx", "--in-place"],
      ["consolidate", "plan.xlsx", "-o", "plan.xlsx"],
    ]) {
      const r = await cli(d, ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /is the input file.*does not overwrite its input\. Choose another name with -o\./,
      );
      expect(r.err).not.toMatch(/--in-place/);
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

/**
 * The ownership record as the releases before 2026-11-26 wrote it (ExcelJS 4.4 writing the whole package): three
 * columns, no package digest, and per sheet FNV-1a of its sorted cell entries as ExcelJS read them (the code of
 * that release's ownership.ts and read.ts, kept here to make such files).
 */
async function asPreviousRelease(bytes: Uint8Array, edit?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const meta = wb.getWorksheet(META_SHEET)!;
  const records: string[][] = [];
  meta.eachRow((row, n) => {
    const [name, kind] = [1, 2].map((c) => String(row.getCell(c).value ?? ""));
    if (n > 1 && name) records.push([name, kind]);
  });
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  };
  const fingerprint = (ws: ExcelJS.Worksheet) => {
    const parts: string[] = [];
    for (let r = 1; r <= (ws.actualRowCount === 0 ? 0 : ws.rowCount); r++)
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = ws.getRow(r).getCell(c);
        const raw = cell.isMerged && cell.master !== cell ? null : cell.value;
        // A member of a shared formula group (today's outputs write them) has its formula from the master.
        if (
          raw !== null &&
          typeof raw === "object" &&
          !(raw instanceof Date) &&
          ("formula" in raw || "sharedFormula" in raw)
        ) {
          if (cell.formula) parts.push(`${r},${c}==${cell.formula.replace(/_xlfn\./g, "")}`);
        } else if (raw !== null && raw !== undefined && raw !== "") {
          const v = raw instanceof Date ? raw.toISOString() : raw;
          parts.push(`${r},${c}:${typeof v}:${String(v)}`);
        }
      }
    return fnv(parts.sort().join("\n"));
  };
  wb.removeWorksheet(meta.id);
  const old = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  old.addRow(["sheet", "kind", "fingerprint"]);
  for (const [name, kind] of records) old.addRow([name, kind, fingerprint(wb.getWorksheet(name)!)]);
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("template, sample and consolidate run twice", () => {
  it("keep the file they wrote, saying it exists and may be a filled-in plan (not that it was edited), until --force", async () => {
    const d = await fresh("twice");
    for (const argv of [
      ["template", "-o", "new.xlsx"],
      ["sample", "-o", "lao-cai.xlsx"],
      ["consolidate", "plan.xlsx", "-o", "province.xlsx"],
    ]) {
      const file = path.join(d, argv[argv.length - 1]);
      expect((await cli(d, ...argv)).code).toBeLessThan(2);
      const first = await fs.readFile(file);
      const again = await cli(d, ...argv);
      expect([again.code, again.err]).toEqual([
        2,
        `File ${file} exists; ictplan ${argv[0]} does not replace an existing file (it may be a plan with figures filled in). Choose another name with -o, or add --force to replace it.`,
      ]);
      const vi = await runCli(d, { LANG: "vi_VN.UTF-8" }, [...argv, "--json"]);
      expect(JSON.parse(vi.out)).toMatchObject({ error: "fileExists" });
      expect(vi.err).toContain(`ictplan ${argv[0]} không ghi đè một tệp đã có`);
      expect(await fs.readFile(file)).toEqual(first);
      expect((await cli(d, ...argv, "--force")).code).toBeLessThan(2);
    }
  });
});

describe("an output open in another program (its lock file beside it)", () => {
  it("is refused, naming the file, the program and its lock file, until the file is closed or --force; nothing is written", async () => {
    const d = await fresh("open-elsewhere");
    const at = (f: string) => path.join(d, f);
    const mtime = async (f: string) => (await fs.stat(at(f))).mtimeMs;
    // Q1: computed and reported; the planner opens both to read them.
    expect((await cli(d, "compute", "plan.xlsx", "--period", "2015-Q1", "--no-robustness")).code).toBe(0);
    const cases: [string, string, string, string[]][] = [
      // LibreOffice has the output open: compute Q1 again (a corrected figure).
      [
        "plan-ictplan-2015-Q1.xlsx",
        ".~lock.plan-ictplan-2015-Q1.xlsx#",
        "LibreOffice",
        ["compute", "plan.xlsx", "--period", "2015-Q1", "--no-robustness"],
      ],
      // Excel has it open.
      [
        "plan-ictplan-2015-Q1.xlsx",
        "~$plan-ictplan-2015-Q1.xlsx",
        "Excel",
        ["compute", "plan.xlsx", "--period", "2015-Q1", "--no-robustness"],
      ],
      // The plan itself is open in Excel and the planner writes into it.
      ["plan.xlsx", "~$plan.xlsx", "Excel", ["compute", "plan.xlsx", "--in-place", "--no-robustness"]],
      // Word has the report open (a long name's lock drops its first two letters).
      [
        "plan-ictplan-2015-Q1.docx",
        "~$an-ictplan-2015-Q1.docx",
        "Word",
        ["report", "plan.xlsx", "--period", "2015-Q1"],
      ],
    ];
    expect((await cli(d, "report", "plan.xlsx", "--period", "2015-Q1")).code).toBe(0);
    for (const [file, lock, program, argv] of cases) {
      await fs.writeFile(at(lock), "owner");
      const before = await mtime(file);
      const refused = await cli(d, ...argv);
      expect([refused.code, refused.out]).toEqual([2, ""]);
      expect(refused.err).toContain(
        `File ${at(file)} is open in ${program} (its lock file ${at(lock)} is beside it)`,
      );
      expect(await mtime(file)).toBe(before);
      const vi = await runCli(d, { LANG: "vi_VN.UTF-8" }, [...argv, "--json"]);
      expect(JSON.parse(vi.out)).toMatchObject({ error: "outputOpen" });
      expect(vi.err).toContain(`đang mở trong ${program}`);
      // The lock left behind by a crash: --force writes.
      expect((await cli(d, ...argv, "--force")).code).toBe(0);
      expect(await mtime(file)).toBeGreaterThan(before);
      // Closed in that program (the lock file gone): written without --force.
      await fs.rm(at(lock));
      expect((await cli(d, ...argv)).code).toBe(0);
    }
    expect(await tempFiles(d)).toEqual([]);
  });
});

describe("an output written by the previous release (ownership record of the older format)", () => {
  it("is replaced without --force when unchanged; kept when an owned sheet was edited or another program saved it", async () => {
    const d = await fresh("previous");
    const out = path.join(d, "out.xlsx");
    expect((await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness")).code).toBe(0);
    const current = new Uint8Array(await fs.readFile(out));
    const previous = await asPreviousRelease(current);
    const record = (await (await XlsxWorkbook.load(previous)).owned()).map((o) => o.fingerprint);
    expect(record.length).toBe(4);
    for (const f of record) expect(f).toMatch(/^[0-9a-f]{8}$/);

    // Unchanged: compute again into it, and compute in place of it, both without --force.
    await fs.writeFile(out, previous);
    const again = await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness");
    expect(again.err).not.toMatch(/not an unchanged|edited/);
    expect(again.code).toBe(0);
    const replaced = await XlsxWorkbook.load(await fs.readFile(out));
    expect(await replaced.unchangedSinceWritten()).toBe(true);
    await fs.writeFile(out, previous);
    expect((await cli(d, "compute", "out.xlsx", "--in-place", "--no-robustness")).code).toBe(0);

    // A cell of an owned sheet typed over, or the file saved by Excel since (its own marks in the workbook part).
    const typedOver = await asPreviousRelease(current, (wb) => {
      wb.getWorksheet("Ranking")!.getCell("B40").value = "ghi chú của tôi";
    });
    const savedByExcel = await editPackage(previous, {
      "xl/workbook.xml": (x) => x.replace(/rupBuild="9303"/, 'rupBuild="27328"'),
    });
    for (const kept of [typedOver, savedByExcel]) {
      await fs.writeFile(out, kept);
      const r = await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/exists and is not an unchanged ictplan output/);
      expect(new Uint8Array(await fs.readFile(out))).toEqual(new Uint8Array(kept));
    }
    await fs.writeFile(out, typedOver);
    const inPlace = await cli(d, "compute", "out.xlsx", "--in-place", "--no-robustness");
    expect(inPlace.code).toBe(2);
    expect(inPlace.err).toMatch(
      /Sheet Ranking is not as ictplan wrote it \(it was edited by hand, or a sheet of yours now has its name\)\. To keep it, rename it/,
    );
  }, 120000);
});

describe("an output whose input rows moved", () => {
  // Inserting or deleting a row of an input sheet makes Excel and LibreOffice move the references of the output
  // sheets' formulas (a reference to a deleted row becomes #REF!). Nobody typed into the outputs: compute replaces them
  // without --force, and still refuses an output the planner typed into.
  const libreoffice = (d: string, from: string, to: string, ...actions: string[]) =>
    execFileSync(
      "/usr/bin/python3",
      [
        path.join(__dirname, "..", "helpers", "libreofficeRows.py"),
        path.join(d, from),
        path.join(d, to),
        ...actions,
      ],
      { timeout: 180_000 },
    );
  const outputFormulas = async (file: string) =>
    (await (await XlsxWorkbook.load(await fs.readFile(file))).readGrids()).sheets
      .filter((g) => ["Results", "Ranking"].includes(g.sheet))
      .flatMap((g) => (g.formulas ?? []).flat().filter((f): f is string => typeof f === "string"));
  // The sample's Results read the figures of 2015-Q2 from rows 157 to 187 of Số liệu, a unit a row.
  const FIRST = 157;

  (haveOffice ? it : it.skip)(
    "is replaced without --force after a unit is added (rows inserted in Đơn vị and Số liệu), with the new unit; a note typed into Results after it is refused",
    async () => {
      const d = await fresh("rows-inserted");
      expect((await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness")).code).toBe(0);
      const rows = samplePlanRows();
      const like = rows.figures[FIRST + 1 - 2]; // row FIRST + 1's figures, the new unit's copied from them
      const columns = like.map((_, j) => String.fromCharCode(65 + j));
      const figures = like.flatMap((v, j) =>
        j === 0 || v === null ? [] : ["type", `Số liệu!${columns[j]}${FIRST + 2}`, String(v)],
      );
      const unit = ["SO_MOI", "Sở Mới", String(rows.units[0][2]), "Có"];
      libreoffice(
        d,
        "out.xlsx",
        "moved.xlsx",
        ...["insert", "Đơn vị", "3", ...unit.flatMap((v, j) => ["type", `Đơn vị!${columns[j]}3`, v])],
        ...["insert", "Số liệu", String(FIRST + 2), "type", `Số liệu!A${FIRST + 2}`, "SO_MOI", ...figures],
      );
      // Results' references moved with the rows below the one inserted.
      expect(await outputFormulas(path.join(d, "moved.xlsx"))).toContain(
        `=IF(ISBLANK('Số liệu'!$D$${FIRST + 3}),"",'Số liệu'!$D$${FIRST + 3})`,
      );
      const again = await cli(d, "compute", "moved.xlsx", "-o", "again.xlsx", "--no-robustness");
      expect(again.err).not.toMatch(/not as ictplan wrote it/);
      expect(again.code).toBe(0);
      const results = (
        await (await XlsxWorkbook.load(await fs.readFile(path.join(d, "again.xlsx")))).readGrids()
      ).sheets.find((g) => g.sheet === "Results")!;
      expect(results.values.flat()).toContain("Sở Mới");

      libreoffice(d, "moved.xlsx", "noted.xlsx", "type", "Results!Z3", "ghi chú của tôi");
      const refused = await cli(d, "compute", "noted.xlsx", "-o", "noted-again.xlsx", "--no-robustness");
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/Sheet Results is not as ictplan wrote it \(it was edited by hand/);
    },
    300_000,
  );

  (haveOffice ? it : it.skip)(
    "is replaced without --force after rows are deleted (an indicator, a unit's figures), its #REF! gone",
    async () => {
      const d = await fresh("rows-deleted");
      expect((await cli(d, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness")).code).toBe(0);
      const indicators = samplePlanRows().indicators.map((r) => r[0]);
      libreoffice(
        d,
        "out.xlsx",
        "deleted.xlsx",
        ...["delete", "Chỉ tiêu", String(indicators.indexOf("DAOTAO") + 2)],
        ...["delete", "Số liệu", String(FIRST + 3)],
      );
      expect(
        (await outputFormulas(path.join(d, "deleted.xlsx"))).filter((f) => f.includes("#REF!")),
      ).not.toEqual([]);
      const again = await cli(d, "compute", "deleted.xlsx", "-o", "again.xlsx", "--no-robustness");
      expect(again.err).not.toMatch(/not as ictplan wrote it/);
      expect(again.code).toBe(0);
      const formulas = await outputFormulas(path.join(d, "again.xlsx"));
      expect(formulas.length).toBeGreaterThan(100);
      expect(formulas.filter((f) => f.includes("#REF!"))).toEqual([]);
    },
    300_000,
  );
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

  it("an output in a folder that cannot be made (a file's name used as a folder) is a write failure, in words", async () => {
    const d = await fresh("under-file");
    const r = await cli(d, "compute", "plan.xlsx", "-o", "plan.xlsx/out.xlsx", "--no-robustness");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Could not write .*plan\.xlsx\/out\.xlsx \(system error E[A-Z]+\)/);
    expect(r.err).not.toMatch(/unexpected/);
    expect(new Uint8Array(await fs.readFile(path.join(d, "plan.xlsx")))).toEqual(sample);
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
  it("closed before the run's first line (`compute … 2>&1 | true`): the output is still written, with the run's exit code", async () => {
    const d = await fresh("closed");
    const child = spawn(
      process.execPath,
      [BIN, "compute", "plan.xlsx", "-o", "out.xlsx", "--no-robustness"],
      {
        cwd: d,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // The reader goes away at once: every line the run prints, progress and findings alike, meets a closed pipe.
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(0);
    const out = await XlsxWorkbook.load(new Uint8Array(await fs.readFile(path.join(d, "out.xlsx"))));
    expect(await out.sheetNames()).toEqual(expect.arrayContaining(["Kết quả", "Xếp hạng", "Kiểm tra"]));
    expect(await tempFiles(d)).toEqual([]);
  }, 120000);

  it("`ictplan compute … --json | head -1` ends quietly, without a stack trace", async () => {
    const d = await fresh("pipe");
    const err = path.join(d, "err.txt");
    const first = execFileSync(
      "/bin/sh",
      ["-c", `"${process.execPath}" "${BIN}" compute plan.xlsx -o out.xlsx --json 2>"${err}" | head -1`],
      { cwd: d, encoding: "utf8" },
    );
    // The head of the object, up to the first of its lists (one element per line follows).
    expect(first).toMatch(/^\{"command":"compute","file":"plan\.xlsx",.*"findings":\[\n$/);
    const stderr = await fs.readFile(err, "utf8");
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  }, 120000);
});

describe("an output in a folder that does not exist", () => {
  it("is refused before any work, naming the folder, in vi and en; no folder is created (a typo makes none)", async () => {
    const d = await fresh("missing-folder");
    const cases = [
      ["compute", "plan.xlsx", "-o", "kq/2015/out.xlsx", "--no-robustness"],
      ["report", "plan.xlsx", "-o", "kq/bao-cao.docx"],
      ["template", "-o", "kq/plan.xlsx"],
      ["sample", "-o", "kq/sample.xlsx"],
      ["consolidate", "plan.xlsx", "plan.xlsx", "-o", "kq/province.xlsx"],
      ["demo", "-o", "kq/demo"],
    ];
    for (const argv of cases) {
      const en = await cli(d, ...argv);
      expect([argv[0], en.code]).toEqual([argv[0], 2]);
      expect(en.err).toMatch(/Folder .*kq.* does not exist/);
      expect(en.err).toMatch(/create it first, or correct the path/);
      const vi = await runCli(d, { LANG: "vi_VN.UTF-8" }, argv);
      expect(vi.err).toMatch(/Thư mục .*kq.* không tồn tại/);
      expect(await fs.readdir(d)).toEqual(["plan.xlsx"]);
    }
    // demo makes its own folder, one level: out/ by default.
    const demo = await cli(d, "demo", "-o", "demo-out", "--no-robustness");
    expect(demo.code).toBeLessThan(2);
    expect((await fs.readdir(path.join(d, "demo-out"))).sort()).toEqual(
      ["lao-cai-2015-Q2.docx", "lao-cai-2015-Q2.xlsx", "lao-cai-2015.xlsx"].sort(),
    );
  }, 120_000);
});

describe("the Word report, run again", () => {
  it("replaces a report ictplan wrote and nobody changed; keeps an edited one or another document until --force", async () => {
    const d = await fresh("report-again");
    const report = path.join(d, "bao-cao.docx");
    const read = async () => new Uint8Array(await fs.readFile(report));
    const run = (...more: string[]) => cli(d, "report", "plan.xlsx", "-o", "bao-cao.docx", ...more);
    expect((await run()).code).toBe(0);
    // The planner corrects a figure and makes the report again: the unedited draft is replaced.
    const again = await run();
    expect([again.code, again.err]).toEqual([0, ""]);

    // A draft the planner edited (a word changed in the text), or one without ictplan's record (another document, or a
    // report whose record was removed), is kept byte for byte, with the reason and the way out.
    const written = await read();
    const edited = await editPackage(written, {
      "word/document.xml": (xml) => xml.replace("</w:t>", " (draft 2)</w:t>"),
    });
    const unrecorded = await editPackage(written, {
      "docProps/custom.xml": (xml) => xml.replace(/<property[\s\S]*<\/property>/, ""),
    });
    for (const [what, bytes] of [
      ["edited", edited],
      ["unrecorded", unrecorded],
    ] as const) {
      await fs.writeFile(report, bytes);
      const r = await run();
      expect([what, r.code]).toEqual([what, 2]);
      expect(r.err).toMatch(/exists and is not an unchanged ictplan output/);
      expect(r.err).toMatch(/--force/);
      expect([what, Buffer.compare(Buffer.from(await read()), Buffer.from(bytes))]).toEqual([what, 0]);
      expect(await tempFiles(d)).toEqual([]);
    }
    // Saved by LibreOffice Writer (which keeps the record but rewrites the text): kept too.
    if (haveWriter) {
      await fs.writeFile(report, written);
      const lo = path.join(d, "lo");
      await fs.mkdir(lo);
      execFileSync(
        "soffice",
        [
          `-env:UserInstallation=file://${lo}/profile`,
          "--headless",
          "--convert-to",
          "docx",
          "--outdir",
          lo,
          report,
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      const saved = new Uint8Array(await fs.readFile(path.join(lo, "bao-cao.docx")));
      await fs.writeFile(report, saved);
      expect((await run()).code).toBe(2);
      expect(Buffer.compare(Buffer.from(await read()), Buffer.from(saved))).toBe(0);
    }
    const forced = await run("--force");
    expect(forced.code).toBe(0);
    expect((await run()).code).toBe(0);
  }, 180_000);
});
