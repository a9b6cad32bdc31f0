/**
 * The summary tab's page numbers when the workbook is printed at once (LibreOffice's export to PDF, Excel's "Print
 * Entire Workbook"): "Trang 1/7" on its first page, counting its own pages, not "Trang 28/34" of the whole print job.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { samplePlanRows } from "../../src/engine/sample";
import { labels, type Lang } from "../../src/engine/i18n/labels";
import { haveOffice, havePoppler, pdfWords, printToPdf } from "../helpers/libreoffice";
import { onlySheets } from "../helpers/packages";
import { computedQ2 } from "../helpers/sampleRun";

describe("the summary tab printed with the other sheets", () => {
  (haveOffice && havePoppler ? it : it.skip)(
    "numbers its own pages from 1 and counts them, in both languages",
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-summary-pages-"));
      try {
        const langs: Lang[] = ["vi", "en"];
        const written = await Promise.all(
          langs.map(async (lang) => {
            const { wb, run } = await computedQ2(samplePlanRows(), lang);
            await wb.applySheets(run.sheets);
            const summary = run.sheets.find((s) => s.kind === "summary")!;
            const L = labels(lang);
            const file = path.join(dir, `${lang}.xlsx`);
            // The ranking and the checks print before it, as in the workbook's order.
            await fs.writeFile(
              file,
              await onlySheets(await wb.save(), L.sheetRanking, L.sheetFindings, summary.name),
            );
            const pages =
              (summary.print && "scale" in summary.print ? (summary.print.rowBreaks ?? []) : []).length + 1;
            return { lang, file, pages };
          }),
        );
        const pdfs = printToPdf(
          written.map((w) => w.file),
          dir,
        );
        for (const [k, w] of written.entries()) {
          const word = w.lang === "vi" ? "Trang" : "Page";
          const where = w.lang === "vi" ? "tỉnh Lào Cai – Quý II/2015" : "Lào Cai province – Q2 2015";
          // Each page's footer: the line of its first word in the bottom margin, left to right (a chart at the top of
          // the next page leaves clipped words there too, which pdftotext lists).
          const words = pdfWords(pdfs[k]);
          const pageCount = Math.max(...words.map((x) => x.page));
          const first = where.split(" ")[0];
          const numbers = Array.from({ length: pageCount }, (_, p) => {
            const foot = words.filter((x) => x.page === p + 1 && x.y0 > 842 - 60);
            const start = foot.filter((x) => x.text === first).at(-1);
            return foot
              .filter((x) => start && Math.abs(x.y0 - start.y0) < 0.2)
              .sort((a, b) => a.x0 - b.x0)
              .map((x) => x.text)
              .join(" ");
          }).flatMap((footer) => {
            const m = new RegExp(`^${where} – ${word} (\\d+)/(\\d+)$`).exec(footer);
            return m ? [`${m[1]}/${m[2]}`] : [];
          });
          expect(w.pages).toBeGreaterThan(3);
          // Its pages follow the ranking's and the checks' in the PDF, and still read 1/n to n/n.
          expect(pageCount).toBeGreaterThan(w.pages);
          expect([w.lang, numbers]).toEqual([
            w.lang,
            Array.from({ length: w.pages }, (_, i) => `${i + 1}/${w.pages}`),
          ]);
        }
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
