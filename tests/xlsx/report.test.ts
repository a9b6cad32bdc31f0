/**
 * The summary tab on the .xlsx path: a dated snapshot that no later action changes (another period computed,
 * a figure corrected and recalculated by LibreOffice), consistent with its title and with itself; one tab per
 * period in a stable order; printed on A4 as planned (LibreOffice → PDF); the .docx report.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { buildReport } from "../../src/engine/report";
import { competitionRanks } from "../../src/engine/ranking";
import { a1, type CellValue, type Grid } from "../../src/engine/grid";
import { summarySheetName } from "../../src/engine/outputs/summarySheet";
import { reportDocx } from "../../src/document/reportDocx";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import {
  haveOffice,
  havePoppler,
  haveWriter,
  pdfText,
  printToPdf,
  recalculate,
} from "../helpers/libreoffice";
import { onlySheets } from "../helpers/packages";

if (!haveOffice || !havePoppler)
  console.warn(
    "LibreOffice or poppler-utils missing: the recalculation and print tests are skipped (CI installs them).",
  );

async function sample(): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
}

type Kind = "compute" | "summary";
/** What the pane's actions write: compute leaves the summary tabs alone, summary adds its period's. */
async function act(wb: XlsxWorkbook, kind: Kind, period: string, asOf = "2015-07-05"): Promise<SheetSpec[]> {
  const run = runPlan(await wb.readGrids(), { period, lang: "vi", robustness: false, asOf });
  const sheets = run.sheets.filter((s) => kind === "summary" || s.kind !== "summary");
  await wb.applySheets(sheets, { force: true });
  return sheets;
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : String(v));
async function summaryGrid(wb: XlsxWorkbook, name: string): Promise<Grid> {
  const g = (await wb.readGrids()).sheets.find((x) => x.sheet === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
}

/**
 * Checks a summary tab against its name and itself: the title names its period, no cell is a formula, every ranking
 * table's ranks are the competition ranks of its own index column and its grades follow the thresholds, the
 * distribution counts are the ranking tables' grades, the leaders named are the tables' first rows.
 */
function assertConsistent(grid: Grid, name: string): void {
  const rows = grid.values.map((r) => r.map(text));
  expect(grid.formulas?.flat().filter(Boolean) ?? []).toEqual([]);
  const period = name.replace(/^Tổng hợp /, "").replace("-", "/");
  expect(rows.some((r) => r[0].startsWith(`Tổng hợp ${period}`))).toBe(true);
  expect(rows.some((r) => r[0].startsWith("Số liệu chốt ngày"))).toBe(true);
  const grade = (x: number) => (x >= 80 ? "Tốt" : x >= 65 ? "Khá" : x >= 50 ? "Trung bình" : "Yếu");
  const tables: { names: string[]; index: number[]; ranks: number[]; grades: string[] }[] = [];
  rows.forEach((r, i) => {
    if (r[0] !== "Hạng" || r[1] !== "Tên đơn vị") return;
    const t = { names: [] as string[], index: [] as number[], ranks: [] as number[], grades: [] as string[] };
    for (let j = i + 1; j < rows.length; j++) {
      if (rows[j][0] === "Hạng") continue; // the header repeated after a page break
      const rank = grid.values[j][0];
      if (typeof rank !== "number") break;
      t.ranks.push(rank);
      t.names.push(rows[j][1]);
      t.index.push(grid.values[j][2] as number);
      t.grades.push(rows[j][3]);
    }
    // A table split over pages is read once, from its first header.
    if (!tables.some((x) => x.names[0] === t.names[0])) tables.push(t);
  });
  expect(tables.length).toBeGreaterThan(0);
  const counts: Record<string, number> = { Tốt: 0, Khá: 0, "Trung bình": 0, Yếu: 0 };
  for (const t of tables) {
    expect(t.ranks).toEqual(competitionRanks(t.index));
    expect(t.grades).toEqual(t.index.map(grade));
    for (const g of t.grades) counts[g]++;
    const leaders = rows.find((r) => r[0].includes("Dẫn đầu: ") && r[0].includes(t.names[0]));
    expect(leaders?.[0]).toContain(`Dẫn đầu: ${t.names[0]} (`);
  }
  const all = rows.find((r) => r[0] === "Toàn tỉnh");
  expect(all?.slice(2, 6).map((c) => Number(c.split(" ")[0]))).toEqual([
    counts["Tốt"],
    counts["Khá"],
    counts["Trung bình"],
    counts["Yếu"],
  ]);
}

describe("the summary tab is a dated snapshot", () => {
  it("keeps its Quý II figures when Quý I is computed afterwards, and stays consistent with its title and itself", async () => {
    const wb = await sample();
    await act(wb, "summary", "2015-Q2");
    const name = summarySheetName("2015-Q2", "vi");
    const before = await summaryGrid(wb, name);
    assertConsistent(before, name);
    const mean = (g: Grid) =>
      g.values.map((r) => text(r[0])).find((t) => t.startsWith("Khối Sở, ban, ngành"));
    expect(mean(before)).toContain("chỉ số bình quân 77,67");
    await act(wb, "compute", "2015-Q1");
    const after = await summaryGrid(await XlsxWorkbook.load(await wb.save()), name);
    expect(after.values).toEqual(before.values);
    assertConsistent(after, name);
    // The live sheets moved to Quý I.
    expect(text((await summaryGrid(wb, "Xếp hạng")).values[0][0])).toContain("Quý I/2015");
  }, 60_000);

  it("holds over random sequences of actions: each period's tab is the one its last summary wrote", async () => {
    const periods = ["2015-Q1", "2015-Q2", "2014"] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom<Kind>("compute", "summary"), fc.constantFrom(...periods)), {
          minLength: 1,
          maxLength: 4,
        }),
        async (steps) => {
          const wb = await sample();
          const expected = new Map<string, unknown>();
          for (const [k, [kind, period]] of steps.entries()) {
            const specs = await act(wb, kind, period, `2015-07-0${k + 1}`);
            const s = specs.find((x) => x.kind === "summary");
            if (s) expected.set(s.name, (await summaryGrid(wb, s.name)).values);
          }
          const reloaded = await XlsxWorkbook.load(await wb.save());
          const names = await reloaded.sheetNames();
          const summaries = names.filter((n) => n.startsWith("Tổng hợp"));
          expect(summaries.sort()).toEqual([...expected.keys()].sort());
          for (const [n, values] of expected) {
            const g = await summaryGrid(reloaded, n);
            expect(g.values).toEqual(values);
            assertConsistent(g, n);
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 240_000);

  (haveOffice ? it : it.skip)(
    "keeps its figures when Sở Du lịch's figures are corrected to full marks and LibreOffice recalculates",
    async () => {
      const wb = await sample();
      await act(wb, "summary", "2015-Q2");
      const name = summarySheetName("2015-Q2", "vi");
      const before = await summaryGrid(wb, name);
      const { plan } = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
      const row = plan.figures.rows.find((r) => r.unit === "SDL" && r.period === "2015-Q2")!;
      const best = (code: string) => {
        const i = plan.indicators.find((x) => x.code === code)!;
        return i.measure === "yesno"
          ? "Có"
          : i.direction === "lower"
            ? 0.5
            : i.measure === "percent"
              ? 1
              : 100000;
      };
      wb.writeCells(
        plan.figures.indicators.map((code, k) => ({
          sheet: plan.figures.sheet,
          cell: a1(row.row, plan.figures.cols[k]),
          value: best(code),
        })),
      );
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-recalc-"));
      try {
        const src = path.join(dir, "in.xlsx");
        const dst = path.join(dir, "out.xlsx");
        await fs.writeFile(src, await wb.save());
        recalculate([[src, dst]]);
        const recalculated = await XlsxWorkbook.load(await fs.readFile(dst));
        // The live ranking follows the correction …
        const ranking = (await summaryGrid(recalculated, "Xếp hạng")).values;
        const sdl = ranking.find((r) => r[0] === "SDL")!;
        const header = ranking.find((r) => r.includes("Hạng trong nhóm"))!;
        expect(sdl[header.indexOf("Hạng trong nhóm")]).toBe(1);
        // … the snapshot does not, and still agrees with itself.
        const after = await summaryGrid(recalculated, name);
        // LibreOffice writes numbers back with 15 significant digits.
        const same = (g: Grid) =>
          g.values.map((r) => r.map((v) => (typeof v === "number" ? v.toPrecision(12) : text(v))));
        expect(same(after)).toEqual(same(before));
        assertConsistent(after, name);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

describe("printed on A4", () => {
  (haveOffice && havePoppler ? it : it.skip)(
    "prints at 11 pt or more, on the pages the layout planned, with the footer on every page",
    async () => {
      const wb = await sample();
      const specs = await act(wb, "summary", "2015-Q2");
      const spec = specs.find((s) => s.kind === "summary")!;
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-print-"));
      try {
        const file = path.join(dir, "summary.xlsx");
        // Print only the summary, as a planner prints the active tab.
        await fs.writeFile(file, await onlySheets(await wb.save(), spec.name));
        // The English tab of the same workbook, printed in the same run.
        const en = await sample();
        const enRun = runPlan(await en.readGrids(), { period: "2015-Q2", lang: "en", robustness: false });
        await en.applySheets(enRun.sheets);
        const enName = enRun.sheets.find((s) => s.kind === "summary")!.name;
        const enFile = path.join(dir, "summary-en.xlsx");
        await fs.writeFile(enFile, await onlySheets(await en.save(), enName));
        // A reader whose locale writes "99.45": the vi tab must still print 99,45 (its formats carry vi-VN's tag).
        const [pdf, enPdf] = printToPdf([file, enFile], dir);
        const vi = pdfText(pdf);
        const english = pdfText(enPdf);
        expect(vi).toMatch(/^99,45$/m);
        expect(vi).not.toMatch(/\d\.\d/);
        expect(english).toMatch(/^99\.45$/m);
        expect(english).not.toMatch(/\d,\d/);
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
        // Every page break is one the layout chose: LibreOffice added none of its own (none mid-table).
        expect(pages).toBe((spec.print?.rowBreaks?.length ?? 0) + 1);
        const bbox = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
        const heights = [
          ...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g),
        ].map((m) => Number(m[2]) - Number(m[1]));
        expect(heights.length).toBeGreaterThan(500);
        // A word's box is about 1.3 × its font size in these fonts: 13.2 pt is a 10 pt font's box, the first too small.
        expect(Math.min(...heights)).toBeGreaterThan(13.2);
        for (let p = 1; p <= pages; p++) {
          const page = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], {
            encoding: "utf8",
          });
          // The footer: the words on the line of the last "Trang" (pdftotext's reading order mixes it with the body,
          // and a chart starting on the next page leaves clipped, invisible words near the bottom, its axis's labels
          // 0.4 pt below the footer's line).
          const words = [
            ...execFileSync("pdftotext", ["-bbox", "-f", String(p), "-l", String(p), pdf, "-"], {
              encoding: "utf8",
            }).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g),
          ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
          const line = words.filter((w) => w.text === "Trang").pop()?.y ?? -1;
          expect(line).toBeGreaterThan(780);
          const footer = words
            .filter((w) => Math.abs(w.y - line) < 0.2)
            .sort((a, b) => a.x - b.x)
            .map((w) => w.text)
            .join(" ");
          expect(footer).toBe(`tỉnh Lào Cai – Quý II/2015 – Trang ${p}/${pages}`);
          // The print area stops at the report: the chart data beside it is not printed.
          if (p > 1) expect(page).not.toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        }
        const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" });
        for (const t of [
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc",
          "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
          "BÁO CÁO",
        ])
          expect(first).toContain(t);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it("lays out tables so that no page starts inside a table without its header, nor ends a table with one lone row", async () => {
    const wb = await sample();
    const spec = (await act(wb, "summary", "2015-Q2")).find((s) => s.kind === "summary")!;
    const cell = new Map<number, string>();
    for (const b of spec.blocks) if (b.col === 1) cell.set(b.row, text(b.cells[0][0].value as CellValue));
    const bordered = new Set(
      spec.blocks.filter((b) => b.col === 1 && b.cells[0][0].style?.border).map((b) => b.row),
    );
    for (const brk of spec.print!.rowBreaks!) {
      const next = brk + 1;
      if (bordered.has(next)) expect(["Hạng", "STT", "Nhóm"]).toContain(cell.get(next));
      // A table's last row never stands alone on a page.
      if (bordered.has(next) && !bordered.has(next + 2)) expect(bordered.has(next + 1)).toBe(false);
    }
    expect(spec.print).toMatchObject({
      orientation: "portrait",
      paperSize: "A4",
      area: expect.stringMatching(/^A1:G\d+$/),
    });
  });
});

describe("the report as a Word document", () => {
  it("is in the administrative format: Times New Roman, 14 pt body, quốc hiệu, tiêu ngữ, nơi nhận, signer", async () => {
    const wb = await sample();
    const run = runPlan(await wb.readGrids(), {
      period: "2015-Q2",
      lang: "vi",
      robustness: false,
      asOf: "2015-07-05",
    });
    const bytes = await reportDocx(buildReport(run.plan, run.summary!, "vi"));
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    const words = xml.replace(/<[^>]+>/g, "");
    for (const t of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Lào Cai, ngày 05 tháng 07 năm 2015",
      "BÁO CÁO",
      "Nơi nhận:",
      "GIÁM ĐỐC",
      "IV. NHẬN XÉT, KIẾN NGHỊ",
      "Văn phòng UBND tỉnh",
    ])
      expect(words).toContain(t);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:sz w:val="28"/>');
    // Table headers repeat on each page.
    expect(xml).toContain("<w:tblHeader/>");
    if (!haveWriter || !havePoppler) return;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-docx-"));
    try {
      const file = path.join(dir, "bao-cao.docx");
      await fs.writeFile(file, bytes);
      printToPdf([file], dir);
      const fonts = execFileSync("pdffonts", [path.join(dir, "bao-cao.pdf")], { encoding: "utf8" });
      expect(fonts).toMatch(/LiberationSerif/);
      const info = execFileSync("pdfinfo", [path.join(dir, "bao-cao.pdf")], { encoding: "utf8" });
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
