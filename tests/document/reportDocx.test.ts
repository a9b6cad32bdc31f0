/**
 * The .docx report's charts: one native bar chart per ranking group the report model gives (whatever the groups),
 * plus the attainment chart; rank 1 at the top, grade colours, the index axis 0–100, names not codes, labels in the
 * report's language; and what LibreOffice prints of them (chart text in the PDF, the signer block not alone).
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan, type RunResult } from "../../src/engine/pipeline";
import { buildReport, GRADE_COLORS, type Report, type ReportBlock } from "../../src/engine/report";
import { reportDocx } from "../../src/document/reportDocx";
import { lineCount } from "../../src/document/columnLayout";
import { textWidth } from "../../src/engine/outputs/lineBreaks";
import type { Lang } from "../../src/engine/i18n/labels";
import { haveWriter, havePoppler, pdfText, pdfWords, printToPdf } from "../helpers/libreoffice";

let runs: Record<Lang, RunResult>;
beforeAll(async () => {
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  const grids = await wb.readGrids();
  const one = (lang: Lang) =>
    runPlan(grids, { period: "2015-Q2", lang, robustness: false, summary: true, asOf: "2015-07-05" });
  runs = { vi: one("vi"), en: one("en") };
});

const report = (lang: Lang) => buildReport(runs[lang].plan, runs[lang].summary!, lang);

interface ParsedChart {
  title: string;
  barDir: string;
  categories: string[];
  values: number[];
  colors: string[];
  labels: string[];
  catOrientation: string;
  valMin: number;
  valMax: number;
  valStep: number;
  valCrosses: string;
  legend: boolean;
}

const texts = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]);
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** The charts of a .docx in document order, read from their DrawingML parts. */
async function charts(bytes: Uint8Array): Promise<ParsedChart[]> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = await zip.file("word/document.xml")!.async("string");
  const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
  const target = (id: string) =>
    new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`)
      .exec(rels)!
      .slice(1)
      .find(Boolean)!;
  const out: ParsedChart[] = [];
  for (const id of texts(doc, /<c:chart [^>]*r:id="([^"]+)"/g)) {
    const xml = await zip.file(`word/${target(id)}`)!.async("string");
    const ser = /<c:ser>([\s\S]*?)<\/c:ser>/.exec(xml)![1];
    const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)![1];
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)![1];
    const catAx = /<c:catAx>([\s\S]*?)<\/c:catAx>/.exec(xml)![1];
    const valAx = /<c:valAx>([\s\S]*?)<\/c:valAx>/.exec(xml)![1];
    const title = /<c:title>([\s\S]*?)<\/c:title>/.exec(xml)![1];
    out.push({
      title: unescape(texts(title, /<a:t>([^<]*)<\/a:t>/g).join("")),
      barDir: /<c:barDir val="(\w+)"/.exec(xml)![1],
      categories: texts(cat, /<c:v>([^<]*)<\/c:v>/g).map(unescape),
      values: texts(val, /<c:v>([^<]*)<\/c:v>/g).map(Number),
      colors: texts(ser, /<c:dPt>[\s\S]*?<a:srgbClr val="(\w+)"/g),
      labels: texts(/<c:dLbls>([\s\S]*)<\/c:dLbls>/.exec(ser)?.[1] ?? "", /<a:t>([^<]*)<\/a:t>/g),
      catOrientation: /<c:orientation val="(\w+)"/.exec(catAx)![1],
      valMin: Number(/<c:min val="([^"]+)"/.exec(valAx)![1]),
      valMax: Number(/<c:max val="([^"]+)"/.exec(valAx)![1]),
      valStep: Number(/<c:majorUnit val="([^"]+)"/.exec(valAx)?.[1]),
      valCrosses: /<c:crosses val="(\w+)"/.exec(valAx)![1],
      legend: xml.includes("<c:legend>"),
    });
  }
  return out;
}

describe("the report's charts in the .docx", () => {
  it.each(["vi", "en"] as const)(
    "(%s) one bar chart per ranking group: rank 1 at the top, grade colours, 0–100, names, local numbers",
    async (lang) => {
      const r = report(lang);
      const s = runs[lang].summary!;
      const got = await charts(await reportDocx(r));
      // The attainment chart, then one per group of the summary, in its order.
      expect(got).toHaveLength(1 + s.groups.length);
      const [attainment, ...groups] = got;
      const modelCharts = r.body.flatMap((b) => (b.kind === "chart" ? [b.chart] : []));
      expect(got.map((c) => c.title)).toEqual(modelCharts.map((c) => c.title));
      expect(attainment.categories).toEqual(
        s.indicators.map((a) => runs[lang].plan.indicators.find((i) => i.code === a.indicator)!.name),
      );
      expect(attainment.categories.join(" ")).not.toMatch(/[A-Z]+_[A-Z]+/); // names, not codes
      expect(attainment.valMax).toBe(1);
      // Labelled every 20%: eleven labels "0%"…"100%" run into each other across the page ("90%100%").
      expect(attainment.valStep).toBe(0.2);
      // A share per indicator with a target; no label on the bar of one without.
      expect(attainment.labels).toEqual(
        s.indicators.map((a) => (a.shareMeeting === null ? "" : expect.stringMatching(/^\d+%$/))),
      );
      s.groups.forEach((g, k) => {
        const c = groups[k];
        expect(c.barDir).toBe("bar");
        expect(c.title).toBe(modelCharts[k + 1].title);
        expect(c.categories).toEqual(g.ranking.map((u) => u.name));
        expect(c.values).toEqual(g.ranking.map((u) => u.indexRounded));
        expect(c.colors).toEqual(g.ranking.map((u) => GRADE_COLORS[u.grade].bar));
        // Word draws the first category at the bottom: reversed order puts rank 1 on top, and the value
        // axis crossing at the last category keeps it along the bottom.
        expect(c.catOrientation).toBe("maxMin");
        expect(c.valCrosses).toBe("max");
        expect([c.valMin, c.valMax, c.valStep]).toEqual([0, 100, 10]);
        expect(c.legend).toBe(false);
        const decimals = lang === "vi" ? /^\d+,\d\d$/ : /^\d+\.\d\d$/;
        expect(c.labels).toHaveLength(g.ranking.length);
        expect(c.labels.every((l) => decimals.test(l))).toBe(true);
      });
    },
  );

  it("draws whatever groups the report model gives, not a fixed list", async () => {
    const r = report("vi");
    const charted = r.body.flatMap((b) => (b.kind === "chart" ? [b.chart] : []));
    const base = charted[1];
    const extra = ["Nhóm doanh nghiệp nhà nước", "Nhóm trường học", "Nhóm bệnh viện"].map((name, k) => ({
      ...base,
      title: `Chỉ số – ${name}`,
      categories: base.categories.slice(k),
      values: base.values.slice(k),
      labels: base.labels.slice(k),
      colors: base.colors.slice(k),
    }));
    const more: Report = {
      ...r,
      body: [...r.body, ...extra.map((chart): ReportBlock => ({ kind: "chart", chart }))],
    };
    const got = await charts(await reportDocx(more));
    expect(got.map((c) => c.title)).toEqual([...charted, ...extra].map((c) => c.title));
    expect(got.at(-1)!.categories).toEqual(base.categories.slice(2));
  });

  it("splits a group too long for a page into charts of at most 30 bars, in rank order, on the same axis", async () => {
    const r = report("en");
    const base = r.body.flatMap((b) => (b.kind === "chart" ? [b.chart] : []))[1];
    const n = 75;
    const long = {
      ...base,
      title: "Index by unit – Communes",
      categories: Array.from({ length: n }, (_, i) => `Commune ${i + 1}`),
      values: Array.from({ length: n }, (_, i) => 100 - i),
      labels: Array.from({ length: n }, (_, i) => `${100 - i}.00`),
      colors: Array.from({ length: n }, (_, i) => (i < 40 ? GRADE_COLORS.good.bar : GRADE_COLORS.weak.bar)),
    };
    const got = await charts(await reportDocx({ ...r, body: [{ kind: "chart", chart: long }] }));
    expect(got.map((c) => c.title)).toEqual([1, 2, 3].map((k) => `${long.title} (${k}/3)`));
    expect(got.every((c) => c.categories.length <= 30 && c.valMax === 100)).toBe(true);
    expect(got.flatMap((c) => c.categories)).toEqual(long.categories);
    expect(got.flatMap((c) => c.colors)).toEqual(long.colors);
    expect(got.flatMap((c) => c.labels)).toEqual(long.labels);
  });

  (haveWriter && havePoppler ? it : it.skip)(
    "prints through LibreOffice with every chart's names and the signer block beside the text before it",
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-docx-charts-"));
      try {
        const file = path.join(dir, "bao-cao.docx");
        const r = report("vi");
        await fs.writeFile(file, await reportDocx(r));
        const [pdf] = printToPdf([file], dir);
        const pages = pdfText(pdf, true).split("\f");
        const all = pages.join("\n").replace(/\s+/g, " ");
        for (const b of r.body)
          if (b.kind === "chart") {
            expect(all).toContain(b.chart.title);
            // Every bar is labelled with its unit: each name is printed in the table and again in the chart.
            for (const name of b.chart.categories.filter((n) => n.length < 30))
              expect([name, all.split(name).length - 1 >= 2]).toEqual([name, true]);
            for (const label of b.chart.labels) expect(all).toContain(label);
          }
        // Every word of every table header prints whole ("STT" broke into "ST" and "T" in a column too narrow).
        const tokens = new Set(all.split(" "));
        for (const b of r.body)
          if (b.kind === "table")
            for (const c of b.table.columns)
              for (const w of c.title.split(" "))
                expect([c.title, w, tokens.has(w)]).toEqual([c.title, w, true]);
        // Every word of a chart prints clear of its edges, which are the text's margins (30 and 15 mm): the label
        // outside the end of a bar near the maximum (99,45 of 100) neither on the right one nor past it, the longest
        // name not on the left one.
        const words = pdfWords(pdf);
        const [left, right] = [(30 / 25.4) * 72, ((210 - 15) / 25.4) * 72];
        for (const b of r.body)
          if (b.kind === "chart") {
            const first = b.chart.title.split(" ");
            const title = words.find(
              (w, i) =>
                w.text === first[0] &&
                first.every((t, k) => words[i + k]?.text === t && words[i + k].page === w.page),
            )!;
            const height = (90 + 26 * b.chart.categories.length) * 0.75;
            const inChart = words.filter(
              (w) => w.page === title.page && w.y0 >= title.y0 && w.y1 < title.y0 + height - 10,
            );
            expect(inChart.length).toBeGreaterThan(b.chart.categories.length);
            const out = inChart
              .filter((w) => w.x0 < left + 4 || w.x1 > right - 4)
              .map((w) => `${w.text} ${w.x0.toFixed(1)}–${w.x1.toFixed(1)}`);
            expect([b.chart.title, out]).toEqual([b.chart.title, []]);
          }
        const last = pages.filter((p) => p.trim()).at(-1)!;
        expect(last).toContain("Nơi nhận");
        // The signer block never stands alone: the last recommendation is on its page.
        const lastItem = r.body.at(-1)!;
        if (lastItem.kind !== "list") throw new Error("the report ends with the recommendations");
        expect(last.replace(/\s+/g, " ")).toContain(lastItem.items.at(-1)!.slice(0, 30));
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

describe("the report's tables in the .docx", () => {
  it("write each cell with no property the document's defaults already give: the table of 1,000 units writes faster", async () => {
    const zip = await JSZip.loadAsync(await reportDocx(report("vi")));
    const xml = await zip.file("word/document.xml")!.async("string");
    // The report's tables (the heading and signature blocks are borderless layout tables).
    const cells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)]
      .map((m) => m[1])
      .filter((c) => !c.includes("<w:tcBorders>"));
    expect(cells.length).toBeGreaterThan(200);
    // Times New Roman is the document's default font (styles.xml): a cell's run does not name it again …
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<\/w:docDefaults>/);
    expect(cells.filter((c) => c.includes("<w:rFonts"))).toEqual([]);
    // … nor says that it does not keep with the next row.
    expect(cells.filter((c) => c.includes('<w:keepNext w:val="false"/>'))).toEqual([]);
  });

  it.each(["vi", "en"] as const)(
    "(%s) give the tables of one kind the same columns, laid out in few lines: headers in two or three",
    async (lang) => {
      const r = report(lang);
      const zip = await JSZip.loadAsync(await reportDocx(r));
      const doc = await zip.file("word/document.xml")!.async("string");
      // Each bordered table's column widths (fiftieths of a percent), from its header row, in points of the page.
      const page = ((210 - 45) / 25.4) * 72;
      const widths = doc
        .split("<w:tbl>")
        .slice(1)
        .filter((t) => t.includes("<w:tblHeader"))
        .map((t) =>
          texts(/<w:tr\b[\s\S]*?<\/w:tr>/.exec(t)![0], /<w:tcW w:type="pct" w:w="([^"]+)"/g).map(
            (w) => (Number(w) / 5000) * page,
          ),
        );
      const tables = r.body.flatMap((b) => (b.kind === "table" ? [b.table] : []));
      expect(widths).toHaveLength(tables.length);
      // The rankings of the two groups: the same widths, though only one of them has a unit graded Trung bình.
      const rankings = tables.flatMap((t, k) =>
        t.columns[0].title === tables.at(-1)!.columns[0].title ? [k] : [],
      );
      expect(rankings).toHaveLength(2);
      expect(widths[rankings[1]]).toEqual(widths[rankings[0]]);
      // Lines of a text in a cell, as Word breaks it in Times New Roman (the cell's padding and lines: 13.5 points).
      const lines = (text: string, bold: boolean, size: number, width: number) =>
        lineCount(
          {
            words: text.split(/\s+/).map((w) => (textWidth(w, bold) * size) / 1000),
            space: (textWidth(" ", bold) * size) / 1000,
            line: size,
          },
          width - 13.5,
        );
      for (const [k, t] of tables.entries())
        for (const [j, c] of t.columns.entries()) {
          // Every header word and short value holds in its column …
          for (const word of c.title.split(/\s+/))
            expect([c.title, word, lines(word, true, 11, widths[k][j])]).toEqual([c.title, word, 1]);
          for (const row of t.rows)
            if (row[j] && row[j].text.length <= 12)
              expect([row[j].text, lines(row[j].text, row[j].bold ?? false, 12, widths[k][j])]).toEqual([
                row[j].text,
                1,
              ]);
          // … and a header takes at most three lines (it was "Chỉ / tiêu / toàn / tỉnh").
          expect([c.title, lines(c.title, true, 11, widths[k][j]) <= 3]).toEqual([c.title, true]);
        }
      // The indicator table (13 rows): every header in two lines at most, and its status "Không có chỉ tiêu" (no
      // target) in two, not three.
      const indicators = tables.findIndex((t) =>
        t.rows.some((row) => row.some((c) => c?.status === "noTarget")),
      );
      expect(indicators).toBeGreaterThanOrEqual(0);
      for (const [j, c] of tables[indicators].columns.entries())
        expect([c.title, lines(c.title, true, 11, widths[indicators][j]) <= 2]).toEqual([c.title, true]);
      for (const row of tables[indicators].rows)
        for (const [j, c] of row.entries())
          if (c?.status === "noTarget")
            expect(lines(c.text, false, 12, widths[indicators][j])).toBeLessThanOrEqual(2);
    },
  );
});
