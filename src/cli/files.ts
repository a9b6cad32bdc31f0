/** File I/O for the CLI: safe reading of .xlsx files with clear reasons, atomic writing. */
import { close, fsync, openSync, promises as fs, rmSync, write } from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import { reportUnchanged } from "../document/reportRecord";
import { WorkbookProblem } from "../workbook/xlsx/problems";
import { PROBLEM_MESSAGES } from "../workbook/problemText";
import { useZipCodec, ZipPackage } from "../workbook/xlsx/zipPackage";
import { NODE_CODEC } from "../workbook/xlsx/nodeCodec";
import type { MessageKey } from "./messages";
import type { SavedTime } from "../engine/consolidate";

// The CLI runs in Node: its native zlib unzips and zips several times faster than fflate.
useZipCodec(NODE_CODEC);

/** Files above this size are refused before parsing (the product's documented limit). */
export const MAX_FILE_MB = 50;

/** A reason a file could not be read, as a message key with params. */
export class FileProblem extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
  }
}

/** Reads and opens an .xlsx file, or throws a FileProblem that says what is wrong and what to do. */
export async function openWorkbook(file: string, maxMB = MAX_FILE_MB): Promise<XlsxWorkbook> {
  return (await openFile(file, maxMB)).wb;
}

/** openWorkbook, with when the workbook was last saved as it records it (null when it does not): a unit's file to merge. */
export async function openUnitWorkbook(file: string): Promise<{ wb: XlsxWorkbook; saved: SavedTime | null }> {
  const { wb, bytes } = await openFile(file, MAX_FILE_MB);
  return { wb, saved: await savedTime(bytes) };
}

/**
 * The time a workbook records it was last saved (its core properties' dcterms:modified, which Excel and LibreOffice
 * set on every save), shown on the planner's clock; null when it records none. The file's own modification time is
 * not taken: an e-mail's attachment gets the time it was saved from the mail, a zip's files the zip's.
 */
async function savedTime(bytes: Uint8Array): Promise<SavedTime | null> {
  try {
    const pkg = await ZipPackage.open(bytes);
    const rel = /<Relationship\b[^>]*\/core-properties"[^>]*>/.exec(
      (await pkg.text("_rels/.rels")) ?? "",
    )?.[0];
    const part = (rel && /\bTarget="\/?([^"]+)"/.exec(rel)?.[1]) ?? "docProps/core.xml";
    const value = /<(?:[\w.-]+:)?modified\b[^>]*>\s*([^<\s]+)\s*</.exec((await pkg.text(part)) ?? "")?.[1];
    const time = value ? Date.parse(value) : NaN;
    if (!Number.isFinite(time)) return null;
    const d = new Date(time);
    const two = (n: number) => String(n).padStart(2, "0");
    const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
    return { time, text: `${date} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}` };
  } catch {
    // A part that cannot be read: the workbook opened, only its saved time is not known.
    return null;
  }
}

async function openFile(file: string, maxMB: number): Promise<{ wb: XlsxWorkbook; bytes: Uint8Array }> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    throw readProblem(file, e);
  }
  if (stat.isDirectory()) throw new FileProblem("inputIsFolder", { file });
  if (!stat.isFile()) throw new FileProblem("notFound", { file });
  const sizeMB = stat.size / (1024 * 1024);
  if (sizeMB > maxMB) throw new FileProblem("tooBig", { file, size: Math.round(sizeMB), limit: maxMB });
  let bytes;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw readProblem(file, e);
  }
  try {
    const wb = await XlsxWorkbook.load(bytes);
    await wb.readGrids();
    return { wb, bytes };
  } catch (e) {
    if (e instanceof WorkbookProblem)
      throw new FileProblem(PROBLEM_MESSAGES[e.reason], { file, ...e.params });
    throw e;
  }
}

/** Why a file could not be opened for reading, in the planner's words (a missing file, no permission, or the system's code). */
function readProblem(file: string, e: unknown): FileProblem {
  const code = (e as NodeJS.ErrnoException).code ?? "?";
  if (code === "ENOENT" || code === "ENOTDIR") return new FileProblem("notFound", { file });
  if (code === "EACCES" || code === "EPERM") return new FileProblem("readDenied", { file });
  return new FileProblem("readFailed", { file, code });
}

/** Same file by identity (device and inode, so symbolic links, hard links and case-insensitive disks are seen through). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  if (!sa || !sb) return false;
  // Windows reports an inode of 0 on some file systems: fall back to the resolved paths, compared without case.
  if (sa.ino === 0 || sb.ino === 0) {
    const [ra, rb] = await Promise.all([fs.realpath(a), fs.realpath(b)]);
    return ra.toLowerCase() === rb.toLowerCase();
  }
  return sa.dev === sb.dev && sa.ino === sb.ino;
}

/**
 * Whether an existing file may be replaced: only a workbook ictplan wrote and nobody changed since (its own sheets
 * and everything else in it), or a Word report ictplan wrote and nobody changed. Otherwise a FileProblem that asks for
 * --force.
 */
export async function assertReplaceable(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) return;
  if (!stat.isFile()) throw new FileProblem("outputNotFile", { file });
  let unchanged = false;
  try {
    const bytes = new Uint8Array(await fs.readFile(file));
    unchanged =
      (await reportUnchanged(bytes)) ?? (await (await XlsxWorkbook.load(bytes)).unchangedSinceWritten());
  } catch {
    unchanged = false;
  }
  if (!unchanged) throw new FileProblem("outputExists", { file });
}

/**
 * The lock file an office program keeps beside a file while it has it open: LibreOffice's `.~lock.<name>#`, Excel's
 * and Word's `~$<name>` (Word drops the first one or two letters of a long name). Null when there is none.
 */
export async function lockFileOf(file: string): Promise<{ lock: string; program: string } | null> {
  const dir = path.dirname(path.resolve(file));
  const name = path.basename(file);
  const word = /\.docx$/i.test(name);
  const candidates = [
    { lock: `.~lock.${name}#`, program: "LibreOffice" },
    ...[name, ...(word ? [name.slice(1), name.slice(2)] : [])].map((n) => ({
      lock: `~$${n}`,
      program: word ? "Word" : "Excel",
    })),
  ];
  for (const c of candidates) {
    const at = path.join(dir, c.lock);
    if (
      await fs.stat(at).then(
        (st) => st.isFile(),
        () => false,
      )
    )
      return { lock: at, program: c.program };
  }
  return null;
}

/** The office program whose lock file a name is (Excel's `~$<name>`, LibreOffice's `.~lock.<name>#`), else null. */
export function lockProgram(file: string): string | null {
  const name = path.basename(file);
  return name.startsWith("~$") ? "Excel" : /^\.~lock\..*#$/.test(name) ? "LibreOffice" : null;
}

/**
 * The workbooks a list of inputs names: each file as given, a folder's .xlsx and .xlsm files, its subfolders' too (a
 * folder per unit), in name order (Windows shells hand `communes\*.xlsx` over unexpanded, and a province's thousand
 * files make a long line); a folder with none is a FileProblem.
 */
export async function workbookFiles(inputs: readonly string[], cwd: string): Promise<string[]> {
  const inFolder = async (folder: string): Promise<string[]> => {
    const entries = await fs.readdir(path.resolve(cwd, folder), { withFileTypes: true });
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const out: string[] = [];
    for (const e of entries) {
      const at = path.join(folder, e.name);
      // Hidden folders are a program's own (.git, .Trash).
      if (e.isDirectory() && !e.name.startsWith(".")) out.push(...(await inFolder(at)));
      else if (e.isFile() && /\.xls[xm]$/i.test(e.name)) out.push(at);
    }
    return out;
  };
  const out: string[] = [];
  for (const f of inputs) {
    const st = await fs.stat(path.resolve(cwd, f)).catch(() => null);
    // A wildcard no shell expanded (cmd and PowerShell leave `xa\*.xlsx` to the program): its folder is what to give.
    if (!st && /[*?]/.test(path.basename(f)))
      throw new FileProblem("unexpandedPattern", { pattern: f, folder: path.dirname(f) });
    if (!st?.isDirectory()) {
      out.push(f);
      continue;
    }
    const found = await inFolder(f);
    if (!found.length) throw new FileProblem("noWorkbooks", { folder: f });
    out.push(...found);
  }
  return out;
}

/**
 * Refuses to write a file another program has open (its lock file beside it): that program would save its own copy over
 * ictplan's when the planner next saves, and on Windows the rename fails midway. --force skips this check (a lock
 * file left behind by a crash).
 */
export async function assertNotOpen(file: string): Promise<void> {
  const open = await lockFileOf(file);
  if (open) throw new FileProblem("outputOpen", { file, ...open });
}

const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const SIGNAL_CODES: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Refuses a file whose folder does not exist: ictplan makes no folder on the way to its output, so that a mistyped path
 * after -o stops with the folder named instead of creating folders nobody meant.
 */
export async function assertFolderExists(file: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  const missing = await fs.stat(folder).then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === "ENOENT",
  );
  if (missing) throw new FileProblem("noFolder", { folder });
}

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, then renamed over the target. The
 * temporary file is removed on any failure and on SIGINT, SIGTERM or SIGHUP while it exists. The bytes may be
 * produced after the temporary file is created (so an interrupted save leaves nothing behind either), as one array or
 * in pieces.
 */
export async function writeAtomic(
  file: string,
  content: Uint8Array | (() => Promise<Uint8Array | readonly Uint8Array[]>),
): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const cleanup = () => {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder cannot be reached (not a folder, no access): no temporary file was made there.
    }
  };
  const handlers = SIGNALS.map((sig) => {
    const h = () => {
      cleanup();
      process.exit(128 + SIGNAL_CODES[sig]);
    };
    process.on(sig, h);
    return [sig, h] as const;
  });
  process.on("exit", cleanup);
  try {
    await assertFolderExists(file);
    // Created synchronously: an asynchronous open still under way on a pool thread when a signal's handler removes the
    // temporary file and exits would create it just after, and leave it behind.
    const fd = openSync(tmp, "wx");
    try {
      const bytes = typeof content === "function" ? await content() : content;
      // Pieces (a workbook's parts as deflated) are written one after another, never joined in memory, and
      // asynchronously, so that a signal's handler can run (and remove the file) between two writes.
      for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes)
        for (let at = 0; at < piece.length;) at += (await writeAsync(fd, piece, at)).bytesWritten;
      await fsyncAsync(fd);
    } finally {
      await closeAsync(fd);
    }
    await fs.rename(tmp, file);
  } catch (e) {
    cleanup();
    if (e instanceof FileProblem) throw e;
    throw new FileProblem("writeFailed", { file, code: (e as NodeJS.ErrnoException).code ?? "?" });
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
    process.off("exit", cleanup);
  }
}
