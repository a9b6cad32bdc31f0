/**
 * The quarterly report as the steering committee receives it, printed by LibreOffice in one run: the summary tab and
 * the Word report of the sample (vi with a deputy signing, en with nothing set) and of a 2025 province (172 units),
 * and the Hướng dẫn sheet. Each is read from the PDF: the signer block at its place (right, on the line of Nơi nhận,
 * a space to sign, the name under the title), every heading on the page of what it introduces, the tab's charts'
 * words (the bars' labels too) inside their frames, no page but the last left mostly empty, and the guide one page wide.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import type { PlanRows } from "../../src/engine/format";
import { samplePlanRows } from "../../src/engine/sample";
import { BLANK_LINE, buildReport, type Report, type ReportBlock } from "../../src/engine/report";
import { reportDocx } from "../../src/document/reportDocx";
import { SETTINGS } from "../../src/engine/format";
import type { Lang } from "../../src/engine/i18n/labels";
import {
  haveOffice,
  havePoppler,
  haveWriter,
  pageInk,
  pdfWords,
  printToPdf,
  verticalLines,
  type PdfWord,
} from "../helpers/libreoffice";
import { onlySheets } from "../helpers/packages";
import { province2025Rows } from "../helpers/province2025";
import { computedQ2 } from "../helpers/sampleRun";

interface Printed {
  readonly label: string;
  readonly report: Report;
  readonly file: string;
}

/** The plan computed, its summary tab alone in a workbook, and its Word report, both written to `dir`. */
async function write(label: string, rows: PlanRows, lang: Lang, dir: string): Promise<Printed[]> {
  const { wb, run } = await computedQ2(rows, lang);
  await wb.applySheets(run.sheets);
  const report = buildReport(run.plan, run.summary!, lang);
  const tab = path.join(dir, `${label}-tab.xlsx`);
  const name = run.sheets.find((s) => s.kind === "summary")!.name;
  await fs.writeFile(tab, await onlySheets(await wb.save(), name));
  const docx = path.join(dir, `${label}-docx.docx`);
  await fs.writeFile(docx, await reportDocx(report));
  return [
    { label: `${label} tab`, report, file: tab },
    { label: `${label} docx`, report, file: docx },
  ];
}

/** A PDF's printed lines, page by page and top to bottom: words whose tops are within 2 points, left to right. */
function linesOf(words: readonly PdfWord[]): PdfWord[][] {
  const sorted = [...words].sort((a, b) => a.page - b.page || a.y0 - b.y0 || a.x0 - b.x0);
  const lines: PdfWord[][] = [];
  for (const w of sorted) {
    const line = lines.at(-1);
    if (line && line[0].page === w.page && Math.abs(line[0].y0 - w.y0) < 2) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.x0 - b.x0));
}

/** Where a text starts: the index of the first line (from `from`) holding its first words, and its words there. */
function find(lines: readonly PdfWord[][], text: string, from = 0): { at: number; words: PdfWord[] } | null {
  const first = text.split(" ").slice(0, 4).join(" ");
  for (let at = from; at < lines.length; at++) {
    const line = lines[at];
    for (let k = 0; k < line.length; k++)
      if (
        line
          .slice(k)
          .map((w) => w.text)
          .join(" ")
          .startsWith(first)
      )
        return { at, words: line.slice(k, k + text.split(" ").length) };
  }
  return null;
}

/** A chart's frame on its page: the nearest vertical lines left and right of its title that run past it above and below. */
function frameAround(
  pdf: string,
  title: readonly PdfWord[],
): { x0: number; y0: number; x1: number; y1: number } | null {
  const { page, y0, y1 } = title[0];
  const sides = verticalLines(pdf, page).filter((l) => l.y0 < y0 && l.y1 > y1);
  const left = sides.filter((l) => l.x < title[0].x0).at(-1);
  const right = sides.find((l) => l.x > title[title.length - 1].x1);
  return left && right ? { x0: left.x, y0: left.y0, x1: right.x, y1: Math.min(left.y1, right.y1) } : null;
}

/** The first words of what a block prints: its text, its first row's widest cell, or its chart's title. */
function leadText(b: ReportBlock): string {
  switch (b.kind) {
    case "paragraph":
      return b.text;
    case "list":
      return `1. ${b.items[0]}`;
    case "table":
      return [...b.table.rows[0]].sort((x, y) => y.text.length - x.text.length)[0].text;
    case "chart":
      return b.chart.title;
    case "heading":
      return b.text;
  }
}

const withSigner = (): PlanRows => {
  const rows = samplePlanRows();
  const label = (key: string) => SETTINGS.find((s) => s.key === key)!.label;
  return {
    ...rows,
    settings: [...rows.settings, [label("signerAuthority"), "KT."], [label("signerName"), "Nguyễn Văn An"]],
  };
};

describe("the quarterly report on paper", () => {
  (haveOffice && haveWriter && havePoppler ? it : it.skip)(
    "signs at the right of Nơi nhận, keeps headings with what they introduce, leaves no page mostly empty",
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-report-print-"));
      try {
        const outputs = [
          ...(await write("sample-vi", withSigner(), "vi", dir)),
          ...(await write("sample-en", samplePlanRows(), "en", dir)),
          ...(await write("province-vi", province2025Rows(), "vi", dir)),
        ];
        const guide = path.join(dir, "guide.xlsx");
        await fs.writeFile(
          guide,
          await onlySheets(await XlsxWorkbook.of(buildTemplate()).save(), "Hướng dẫn"),
        );
        const pdfs = printToPdf([...outputs.map((o) => o.file), guide], dir, { timeout: 300_000 });

        for (const [k, o] of outputs.entries()) {
          const r = o.report;
          const words = pdfWords(pdfs[k]);
          const lines = linesOf(words);
          const pages = Math.max(...words.map((w) => w.page));
          const last = linesOf(words.filter((w) => w.page === pages));
          const text = (ws: readonly PdfWord[] | undefined) => ws?.map((w) => w.text).join(" ");
          // The signer block: the first title line right of the middle, on the line of Nơi nhận.
          const recipients = find(last, r.recipientsTitle);
          const title = find(last, r.signerTitle[0]);
          expect([o.label, text(recipients?.words), text(title?.words)]).toEqual([
            o.label,
            r.recipientsTitle,
            r.signerTitle[0],
          ]);
          const top = title!.words[0];
          expect([o.label, Math.abs(top.y0 - recipients!.words[0].y0) < 4, top.x0 > 250]).toEqual([
            o.label,
            true,
            true,
          ]);
          // Every title line, then a space to sign, then the name centred under the title.
          let at = title!.at;
          for (const line of r.signerTitle.slice(1)) {
            const next = find(last, line, at + 1);
            expect([o.label, text(next?.words)]).toEqual([o.label, line]);
            at = next!.at;
          }
          const name = find(last, r.signerName, at + 1);
          expect([o.label, text(name?.words)]).toEqual([o.label, r.signerName]);
          const centre = (ws: readonly PdfWord[]) => (ws[0].x0 + ws[ws.length - 1].x1) / 2;
          expect([o.label, name!.words[0].y0 - last[at][0].y0 > 50]).toEqual([o.label, true]);
          expect([o.label, Math.abs(centre(name!.words) - centre(title!.words)) < 12]).toEqual([
            o.label,
            true,
          ]);
          // The block closes the text: the last recommendation is on its page, above it.
          const list = r.body.at(-1)!;
          if (list.kind !== "list") throw new Error("the report ends with the recommendations");
          const closing = find(last, `${list.items.length}. ${list.items.at(-1)!}`);
          expect([o.label, closing !== null && closing.at < title!.at]).toEqual([o.label, true]);

          // Every heading is on the page of the block it introduces (past other headings and notes).
          let from = 0;
          r.body.forEach((b, i) => {
            if (b.kind !== "heading") return;
            const heading = find(lines, b.text, from);
            expect([o.label, b.text, heading !== null]).toEqual([o.label, b.text, true]);
            from = heading!.at;
            let j = i + 1;
            for (
              let n = r.body[j];
              n.kind === "heading" || (n.kind === "paragraph" && n.italic);
              n = r.body[++j]
            );
            const next = find(lines, leadText(r.body[j]), from + 1);
            expect([o.label, b.text, next?.words[0].page]).toEqual([o.label, b.text, heading!.words[0].page]);
          });

          // Every word of a table's column titles prints whole: a column too narrow breaks a word ("Hạn" / "g").
          const printed = new Set(words.map((w) => w.text));
          const titleWords = r.body.flatMap((b) =>
            b.kind === "table" ? b.table.columns.flatMap((c) => c.title.split(/\s+/)) : [],
          );
          expect([o.label, titleWords.filter((w) => !printed.has(w))]).toEqual([o.label, []]);
          // So does every short value: a column too narrow for its 12-pt figures breaks "100%" into "100" / "%".
          const shortValues = r.body.flatMap((b) =>
            b.kind === "table" ? b.table.rows.flatMap((row) => row.map((c) => c.text)) : [],
          );
          // Counted, as the text may quote a value too: a value prints whole at least as often as the tables hold it.
          const count = (xs: readonly string[]) => {
            const n = new Map<string, number>();
            for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
            return n;
          };
          const inPrint = count(words.map((w) => w.text));
          const broken = [...count(shortValues.filter((v) => v !== "" && !/\s/.test(v)))].flatMap(([v, n]) =>
            (inPrint.get(v) ?? 0) < n ? [`${v} ×${n}: ${inPrint.get(v) ?? 0} whole`] : [],
          );
          expect([o.label, broken]).toEqual([o.label, []]);

          // A chart's bars are labelled as its table writes the figures (99,45, not 99), in the tab as in the .docx.
          r.body.forEach((b, i) => {
            if (b.kind !== "chart") return;
            const title = find(lines, b.chart.title);
            const next = r.body.slice(i + 1).find((n) => n.kind === "heading");
            const end = next?.kind === "heading" ? find(lines, next.text, title!.at + 1)!.at : lines.length;
            const inChart = new Set(lines.slice(title!.at, end).flatMap((l) => l.map((w) => w.text)));
            const missing = b.chart.labels.filter((l) => l !== "" && !inChart.has(l));
            expect([o.label, b.chart.title, missing]).toEqual([o.label, b.chart.title, []]);
          });

          // Every word of a chart (its title, categories, axis and the bars' labels) prints inside its frame, clear of
          // its edges: the label outside the end of a bar near the maximum (99,45 of 100) is neither on it nor past it.
          if (o.label.endsWith("tab"))
            r.body.forEach((b) => {
              if (b.kind !== "chart") return;
              // The chart, or each of its parts ("… (1/3)").
              const titles = lines.filter((l) =>
                l
                  .map((w) => w.text)
                  .join(" ")
                  .startsWith(b.chart.title),
              );
              const frames = titles.flatMap((t) => {
                const f = frameAround(pdfs[k], t);
                return f ? [{ page: t[0].page, ...f }] : [];
              });
              expect([o.label, b.chart.title, frames.length > 0]).toEqual([o.label, b.chart.title, true]);
              for (const f of frames) {
                const inside = words.filter(
                  (w) => w.page === f.page && w.y0 > f.y0 && w.y1 < f.y1 && w.x0 > f.x0 && w.x0 < f.x1,
                );
                const gap = 4;
                const out = inside
                  .filter((w) => w.x0 < f.x0 + gap || w.x1 > f.x1 - gap)
                  .map((w) => `${w.text} x ${w.x0.toFixed(1)}–${w.x1.toFixed(1)} in frame x ${f.x0}–${f.x1}`);
                expect([o.label, b.chart.title, f.page, out]).toEqual([o.label, b.chart.title, f.page, []]);
              }
            });

          // No page but the last is left mostly empty (the ink of its body stops above the middle).
          const ink = pageInk(pdfs[k]);
          expect(ink).toHaveLength(pages);
          const empty = ink
            .slice(0, -1)
            .flatMap((x, p) => (x < 0.5 ? [`page ${p + 1}: ${Math.round(x * 100)}%`] : []));
          expect([o.label, empty]).toEqual([o.label, []]);
        }

        // A name left blank is a line to write on, never a name made up.
        const en = outputs.find((o) => o.label === "sample-en tab")!.report;
        expect([en.signerTitle, en.signerName]).toEqual([["DIRECTOR"], BLANK_LINE]);
        expect(outputs[0].report.signerTitle).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);

        // Hướng dẫn: one page wide (every page has the explanations' column and the names beside them), in three pages.
        const g = pdfWords(pdfs.at(-1)!);
        const guidePages = Math.max(...g.map((w) => w.page));
        expect(guidePages).toBeLessThanOrEqual(3);
        const guideLines = linesOf(g);
        for (const s of SETTINGS)
          expect([s.label, find(guideLines, s.label) !== null]).toEqual([s.label, true]);
        for (let p = 1; p <= guidePages; p++) {
          const page = g.filter((w) => w.page === p);
          expect(page.some((w) => w.text === "Trang")).toBe(true);
          expect(Math.max(...page.map((w) => w.x1))).toBeLessThan(595 - 20);
        }
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
