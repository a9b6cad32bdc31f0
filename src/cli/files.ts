/** File I/O for the CLI: safe reading of .xlsx files with clear reasons, atomic writing. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import { WorkbookProblem, type ProblemReason } from "../workbook/xlsx/problems";
import type { MessageKey } from "./messages";

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
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new FileProblem("notFound", { file });
  }
  if (!stat.isFile()) throw new FileProblem("notFound", { file });
  const sizeMB = stat.size / (1024 * 1024);
  if (sizeMB > maxMB) throw new FileProblem("tooBig", { file, size: Math.round(sizeMB), limit: maxMB });
  const bytes = new Uint8Array(await fs.readFile(file));
  try {
    const wb = await XlsxWorkbook.load(bytes);
    await wb.readGrids();
    return wb;
  } catch (e) {
    if (e instanceof WorkbookProblem)
      throw new FileProblem(PROBLEM_MESSAGES[e.reason], { file, ...e.params });
    throw e;
  }
}

/** The message for each reason a workbook cannot be read. */
const PROBLEM_MESSAGES: Record<ProblemReason, MessageKey> = {
  password: "password",
  xls: "oldXls",
  ods: "ods",
  notXlsx: "notXlsx",
  damagedZip: "corrupt",
  noWorkbook: "notXlsx",
  damagedPart: "corrupt",
  tooLarge: "tooLargeUnpacked",
  tooManyCells: "tooManyCells",
  tooManyRows: "tooManyRows",
  textTooLong: "textTooLong",
  noSheets: "empty",
};

/** Writes bytes to a temporary file beside the target, then renames it over the target. */
export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new FileProblem("writeFailed", { file, detail: e instanceof Error ? e.message : String(e) });
  }
}
