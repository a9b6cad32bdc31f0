/** LibreOffice as an independent spreadsheet and word processor for tests and scripts: print to PDF, recalculate. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** LibreOffice Calc is installed (.ci/run installs it). */
export const haveOffice = existsSync("/usr/bin/soffice");
/** LibreOffice Writer too (the .docx report). */
export const haveWriter = haveOffice && existsSync("/usr/lib/libreoffice/program/libswlo.so");
/** poppler-utils: pdftotext, pdftoppm, pdfinfo, pdffonts. */
export const havePoppler = existsSync("/usr/bin/pdftotext");

/**
 * Prints files to PDF in outDir (one LibreOffice for all), under an en-US locale unless told otherwise, and returns
 * the PDFs' paths. A profile of its own, so conversions running at once in other test workers do not collide.
 */
export function printToPdf(
  files: readonly string[],
  outDir: string,
  options: { locale?: string; timeout?: number } = {},
): string[] {
  const locale = options.locale ?? "en_US.UTF-8";
  const profile = mkdtempSync(path.join(os.tmpdir(), "ictplan-lo-profile-"));
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        outDir,
        ...files,
      ],
      {
        timeout: options.timeout ?? 180_000,
        stdio: "ignore",
        env: { ...process.env, LANG: locale, LC_ALL: locale },
      },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, `${path.basename(f).replace(/\.\w+$/, "")}.pdf`));
}

/** Opens each source in LibreOffice Calc, recalculates every formula and saves it as .xlsx to its destination. */
export function recalculate(
  pairs: readonly (readonly [src: string, dst: string])[],
  timeout = 120_000,
): void {
  execFileSync("/usr/bin/python3", [path.join(__dirname, "libreoffice.py"), ...pairs.flat()], { timeout });
}

/** The text of a PDF, pages separated by form feeds (pdftotext, -layout keeps columns apart). */
export function pdfText(pdf: string, layout = false): string {
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), pdf, "-"], { encoding: "utf8" });
}
