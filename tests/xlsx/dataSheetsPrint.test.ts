/**
 * The Xếp hạng and Kiểm tra sheets printed by LibreOffice, as a steering committee reads them: the header row tall
 * enough for its wrapped titles (nothing clipped under the first unit's row), no message overprinting the next, and a
 * footer with the sheet's title, its period and the page on every page.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { samplePlanRows } from "../../src/engine/sample";
import { labels, severityLabel, type Lang } from "../../src/engine/i18n/labels";
import { haveOffice, havePoppler, pdfWords, printToPdf, type PdfWord } from "../helpers/libreoffice";
import { onlySheets } from "../helpers/packages";
import { computedQ2 } from "../helpers/sampleRun";

/** The sample computed in a language, with only its Xếp hạng and Kiểm tra sheets left visible; the ranking's titles
 *  and the findings' messages. */
async function printed(
  lang: Lang,
  dir: string,
): Promise<{ file: string; titles: string[]; messages: string[] }> {
  const { wb, run } = await computedQ2(samplePlanRows(), lang);
  await wb.applySheets(run.sheets.filter((s) => s.kind !== "summary"));
  const L = labels(lang);
  const file = path.join(dir, `${lang}.xlsx`);
  await fs.writeFile(file, await onlySheets(await wb.save(), L.sheetRanking, L.sheetFindings));
  const ranking = run.sheets.find((s) => s.kind === "ranking")!;
  const header = ranking.blocks.find((b) => b.row === 4)!;
  const checks = run.sheets.find((s) => s.kind === "findings")!;
  const messages = checks.blocks.find((b) => b.row === 5)!.cells.map((r) => String(r[4].value));
  return { file, titles: header.cells[0].map((c) => String(c.value)), messages };
}

describe("the ranking and checks sheets on paper", () => {
  (haveOffice && havePoppler ? it : it.skip)(
    "print their header rows whole, messages apart, and a footer with title, period and page",
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-data-print-"));
      try {
        const both = [await printed("vi", dir), await printed("en", dir)];
        const pdfs = printToPdf(
          both.map((b) => b.file),
          dir,
        );
        for (const [lang, pdf, titles] of (["vi", "en"] as const).map(
          (l, i) => [l, pdfs[i], both[i].titles] as const,
        )) {
          const L = labels(lang);
          const all = pdfWords(pdf);
          const period = lang === "vi" ? "Quý II/2015 – tỉnh Lào Cai" : "Q2 2015 – Lào Cai province";
          // Xếp hạng fits one page, Kiểm tra (four findings) another.
          const pages = Math.max(...all.map((w) => w.page));
          expect(pages).toBe(2);
          // The header row: every word of its titles above the first unit's row (a clipped second line sits below it).
          const ranking = all.filter((w) => w.page === 1);
          const first = ranking.find((w) => w.text === "VPUB")!;
          // Printed one page wide at a size a committee reads (it was 6 pt): a word's box is about 1.22 × the text's
          // size, so 9.5 is 7.8 pt text in Vietnamese, 8.4 is 6.9 pt in English (whose pillar titles are longer words).
          expect(first.y1 - first.y0).toBeGreaterThan(lang === "vi" ? 9.5 : 8.4);
          const header = ranking.filter((w) => w.y1 > 40 && w.y0 < first.y0 - 1);
          expect(titles).toContain(L.indexRounded);
          for (const t of titles)
            // Words print whole; a line may break after a dash ("5–" / "95%").
            for (const part of t.split(/ |(?<=–)/))
              expect([t, header.some((w) => w.text === part && w.y1 <= first.y0 + 0.5)]).toEqual([t, true]);
          expect(
            ranking.filter((w) => w.y0 > first.y0 - 1 && w.y0 < first.y1 - 1 && w.x0 > first.x1).length,
          ).toBeGreaterThan(15);
          // The previous index with the index's two decimals: Sở Tài chính's 84.7 prints 84.70 beside its 95.43.
          const stc = ranking.find((w) => w.text === "STC")!;
          const row = ranking.filter((w) => Math.abs(w.y0 - stc.y0) < 1).map((w) => w.text);
          if (lang === "en") expect(row).toEqual(expect.arrayContaining(["95.43", "84.70"]));
          // Kiểm tra: no word overprints another (the lines of one cell touch; an overprinted line covers more than half).
          const checks = all.filter((w) => w.page === 2);
          const over = (a: PdfWord, b: PdfWord) =>
            Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 &&
            Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > (a.y1 - a.y0) / 2;
          const clash = checks.flatMap((a, i) =>
            checks
              .slice(i + 1)
              .filter((b) => over(a, b))
              .map((b) => `${a.text} / ${b.text}`),
          );
          expect(clash).toEqual([]);
          // A finding's cells align to the top: its severity, sheet, cell and code on its message's first line (they
          // sat at the foot of a row of two lines).
          // The first word of each severity ("Cảnh" of "Cảnh báo").
          const severities = new Set(
            (["warning", "error"] as const).map((x) => severityLabel(x, lang).split(" ")[0]),
          );
          const marks = checks.filter((w) => severities.has(w.text));
          expect(marks.length).toBeGreaterThanOrEqual(4);
          marks.sort((a, b) => a.y0 - b.y0);
          expect(marks).toHaveLength(both[lang === "vi" ? 0 : 1].messages.length);
          marks.forEach((m, k) => {
            // The code (MISSING_FIGURE …) and the first word of the row's message are on the severity's line.
            const code = checks.find((w) => Math.abs(w.y0 - m.y0) < 1.5 && /^[A-Z]+(_[A-Z]+)+$/.test(w.text));
            const first = both[lang === "vi" ? 0 : 1].messages[k].split(" ")[0];
            const start = checks
              .filter((w) => w.text === first && w.x0 > (code?.x1 ?? 0) && Math.abs(w.y0 - m.y0) < 20)
              .sort((a, b) => a.x0 - b.x0)[0];
            expect([m.text, code?.text, first, Math.abs((start?.y0 ?? -99) - m.y0) < 1.5]).toEqual([
              m.text,
              expect.stringMatching(/_/),
              first,
              true,
            ]);
          });
          // The footer: the bottom line of each page.
          for (const [p, title] of [
            [1, L.titleRanking],
            [2, L.titleFindings],
          ] as const) {
            const page = all.filter((w) => w.page === p);
            const bottom = Math.max(...page.map((w) => w.y0));
            const footer = page
              .filter((w) => Math.abs(w.y0 - bottom) < 0.5)
              .sort((a, b) => a.x0 - b.x0)
              .map((w) => w.text)
              .join(" ");
            expect(footer).toBe(`${title} – ${period} – ${lang === "vi" ? "Trang" : "Page"} ${p}/2`);
          }
        }
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
