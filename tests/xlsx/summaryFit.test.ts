/**
 * The summary's row heights come from an estimate of the lines each wrapped cell takes (src/engine/outputs/lineBreaks.ts).
 * Here every text of the Vietnamese and English summaries is printed by LibreOffice at the width, size and weight it
 * has in the summary, each on a page of its own, and the lines printed are counted: the estimate must never be
 * short (the text would be clipped) and rarely over (a gap in the printed report).
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { a1, parseA1 } from "../../src/engine/grid";
import { SUMMARY_WIDTHS } from "../../src/engine/outputs/summarySheet";
import { lines } from "../../src/engine/outputs/lineBreaks";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { haveOffice, havePoppler, printToPdf } from "../helpers/libreoffice";
import { computedQ2 } from "../helpers/sampleRun";

interface Case {
  readonly text: string;
  readonly col: number;
  readonly span: number;
  readonly size: number;
  readonly bold: boolean;
  readonly italic: boolean;
}

const widthOf = (c: Case) => SUMMARY_WIDTHS.slice(c.col - 1, c.col - 1 + c.span).reduce((s, w) => s + w, 0);

/** Every wrapped text cell of the summary in both languages, at its place's width, size and weight. */
async function summaryCases(): Promise<Case[]> {
  const seen = new Map<string, Case>();
  for (const lang of ["vi", "en"] as const) {
    const { run } = await computedQ2(samplePlanRows(), lang);
    const spec = run.sheets.find((s) => s.kind === "summary")!;
    const spans = new Map(
      (spec.merges ?? []).map((m) => {
        const [from, to] = m.split(":").map((r) => parseA1(r)!);
        return [`${from.row},${from.col}`, to.col - from.col + 1];
      }),
    );
    for (const b of spec.blocks)
      b.cells.forEach((cells, i) =>
        cells.forEach((cell, j) => {
          const col = b.col + j;
          if (typeof cell.value !== "string" || !cell.style?.wrap || col > SUMMARY_WIDTHS.length) return;
          const c: Case = {
            text: cell.value,
            col,
            span: spans.get(`${b.row + i},${col}`) ?? 1,
            size: cell.style.fontSize ?? 11,
            bold: cell.style.bold ?? false,
            italic: cell.style.italic ?? false,
          };
          // Short texts in wide cells are one line whatever the estimate: left out to keep the print short.
          if (c.text.length >= widthOf(c) / 2) seen.set(JSON.stringify(c), c);
        }),
      );
  }
  return [...seen.values()];
}

/** One sheet per case: the case's cell in row 1, as tall as a row may be, printed on a page of its own. */
function caseSheet(c: Case, k: number): SheetSpec {
  return {
    name: `T${k}`,
    kind: "summary",
    blocks: [
      {
        row: 1,
        col: c.col,
        cells: [
          [
            {
              value: c.text,
              style: {
                fontName: "Times New Roman",
                fontSize: c.size,
                wrap: true,
                bold: c.bold,
                italic: c.italic,
              },
            },
          ],
        ],
      },
    ],
    merges: c.span > 1 ? [`${a1(1, c.col)}:${a1(1, c.col + c.span - 1)}`] : [],
    rowHeights: [{ row: 1, height: 409 }],
    columnWidths: SUMMARY_WIDTHS.map((width, i) => ({ col: i + 1, width })),
    print: {
      orientation: "portrait",
      paperSize: "A4",
      scale: 100,
      margins: { left: 0.7, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
  };
}

describe("the summary's line estimate against LibreOffice's print", () => {
  (haveOffice && havePoppler ? it : it.skip)(
    "is never short of the lines printed, and over by at most two",
    async () => {
      const cases = await summaryCases();
      expect(cases.length).toBeGreaterThan(40);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-fit-"));
      try {
        // A workbook of the case sheets only: its pages are the cases', in order.
        const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate()).save());
        await wb.addSheets(cases.map((c, k) => ({ spec: caseSheet(c, k) })));
        const file = path.join(dir, "fit.xlsx");
        await fs.writeFile(file, await wb.save());
        const [pdf] = printToPdf([file], dir);
        const pages = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 26 })
          .split("<page ")
          .slice(1);
        const first = pages.length - cases.length;
        expect(first).toBeGreaterThanOrEqual(0);
        const off = cases.map((c, k) => {
          // A printed line: the words at one height.
          const ys = [...pages[first + k].matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)"/g)].map((m) =>
            Math.round(Number(m[1])),
          );
          expect(ys.length).toBeGreaterThan(0);
          const printed = new Set(ys).size;
          return { ...c, printed, over: lines(c.text, widthOf(c), c.size, c.bold) - printed };
        });
        expect(off.filter((o) => o.over < 0)).toEqual([]);
        expect(off.filter((o) => o.over > 2)).toEqual([]);
        // Most are exact: a gap of a line is the exception.
        expect(off.filter((o) => o.over === 0).length).toBeGreaterThan(off.length * 0.7);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
