/** LibreOffice as an independent spreadsheet and word processor for tests and scripts: print to PDF, recalculate. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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

/** A word of a printed PDF: its page (from 1), its box in points from the page's top left, its text. */
export interface PdfWord {
  readonly page: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly text: string;
}

/** Every word of a PDF with its page and box (pdftotext -bbox). */
export function pdfWords(pdf: string): PdfWord[] {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
  return xml
    .split("<page ")
    .slice(1)
    .flatMap((page, p) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        page: p + 1,
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: m[5]
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&"),
      })),
    );
}

/**
 * How far down each page of a PDF its ink reaches, as a share (0–1) of the band from `top` to `bottom` (shares of
 * the page's height, so that a running header or footer outside it is left out). Drawn pixels, not text: a chart
 * starting on the next page leaves clipped, invisible words at the foot of a page, which pdftotext still lists.
 */
export function pageInk(pdf: string, top = 0.07, bottom = 0.92): number[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ictplan-ink-"));
  try {
    execFileSync("pdftoppm", ["-r", "20", "-gray", pdf, path.join(dir, "p")]);
    return readdirSync(dir)
      .filter((f) => f.endsWith(".pgm"))
      .sort()
      .map((f) => {
        const bytes = readFileSync(path.join(dir, f));
        // A binary PGM: "P5", width, height, maximum, then a byte a pixel.
        const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString("latin1"))!;
        const [w, h] = [Number(head[1]), Number(head[2])];
        const px = bytes.subarray(head[0].length);
        const from = Math.floor(h * top);
        const to = Math.floor(h * bottom);
        let last = from;
        for (let y = from; y < to; y++)
          for (let x = 0; x < w; x++)
            if (px[y * w + x] < 200) {
              last = y;
              break;
            }
        return (last - from) / (to - from);
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A vertical line drawn on a PDF's page: its x and its top and bottom, in points from the page's top left. */
export interface PdfLine {
  readonly x: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * The vertical lines at least `min` points long drawn on a page of a PDF (a frame's sides, a table's borders, a
 * chart's gridlines): each pixel column's longest run of ink, the page drawn at 72 dpi (a pixel a point) in grey.
 */
export function verticalLines(pdf: string, page: number, min = 50): PdfLine[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ictplan-lines-"));
  try {
    execFileSync("pdftoppm", [
      "-r",
      "72",
      "-gray",
      "-f",
      `${page}`,
      "-l",
      `${page}`,
      pdf,
      path.join(dir, "p"),
    ]);
    const bytes = readFileSync(path.join(dir, readdirSync(dir)[0]));
    const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString("latin1"))!;
    const [w, h] = [Number(head[1]), Number(head[2])];
    const px = bytes.subarray(head[0].length);
    const lines: PdfLine[] = [];
    for (let x = 0; x < w; x++) {
      let best = { y0: 0, y1: 0 };
      let from = -1;
      for (let y = 0; y <= h; y++) {
        // Anything but white: a frame's light grey (D9D9D9) is ink too.
        if (y < h && px[y * w + x] < 250) {
          if (from < 0) from = y;
        } else if (from >= 0) {
          if (y - from > best.y1 - best.y0) best = { y0: from, y1: y };
          from = -1;
        }
      }
      if (best.y1 - best.y0 >= min) lines.push({ x, ...best });
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
