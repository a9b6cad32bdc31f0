import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate, sampleWorkbookBytes } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { sheetDef, type PlanRows } from "../../src/engine/format";
import { province2025Rows } from "../helpers/province2025";
import { checkWorkbook } from "../../src/engine/validate";
import { valueAt } from "../../src/engine/figures";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-cli-"));
  await fs.writeFile(
    path.join(dir, "sample.xlsx"),
    await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save(),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(dir, { LANG: "vi_VN.UTF-8" }, argv);

/** A finding as `--json` writes it. */
interface JsonFinding {
  readonly code: string;
  readonly file: string;
  readonly sheet: string;
  readonly cell: string;
  readonly message: string;
}

/** The findings of a `--json` run's output. */
const jsonFindings = (out: string): JsonFinding[] => JSON.parse(out).findings;

/** A workbook's bytes recording another time it was last saved (docProps/core.xml's dcterms:modified), or none (null). */
async function savedAt(bytes: Uint8Array, iso: string | null): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const core = await zip.file("docProps/core.xml")!.async("string");
  const modified = `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>`;
  zip.file(
    "docProps/core.xml",
    core.replace(/<dcterms:modified\b.*?<\/dcterms:modified>/, iso ? modified : ""),
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** A merged workbook's figure of a unit's indicator for a period (a key, "2015-Q2"); undefined without its row. */
async function mergedFigure(file: string, unit: string, period: string, indicator: string) {
  const { plan } = checkWorkbook(await (await XlsxWorkbook.load(await fs.readFile(file))).readGrids());
  const t = plan.figures;
  const i = t.rows.findIndex((r) => r.unit === unit && r.period === period);
  return i < 0 ? undefined : valueAt(t, i * t.indicators.length + t.indicators.indexOf(indicator));
}

/** A saved time as consolidate shows it, on this machine's clock: "2026-11-20 09:12:00". */
function shownTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

describe("ictplan CLI", () => {
  it("validates the sample: warnings only, exit 0, findings as a table with sheet and cell", async () => {
    const r = await cli("validate", "sample.xlsx");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Kiểm tra: 0 lỗi, \d+ cảnh báo/);
    expect(r.out).toMatch(/Số liệu\s+H177\s+MISSING_FIGURE/);
  });

  it("computes with --json: stable keys, ranking with ranks and grades, output written beside the input", async () => {
    const r = await cli(
      "compute",
      "sample.xlsx",
      "--period",
      "Quý II/2015",
      "-o",
      "out.xlsx",
      "--json",
      "--lang",
      "en",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["findings", "attainment", "ranking", "gradeDistribution", "period", "output"]),
    );
    expect(json.period).toBe("2015-Q2");
    expect(json.findings[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        severity: expect.any(String),
        sheet: expect.any(String),
        cell: expect.any(String),
        message: expect.any(String),
      }),
    );
    expect(json.ranking).toHaveLength(31);
    expect(json.ranking[0]).toEqual(
      expect.objectContaining({
        unit: "STTTT",
        name: "Sở Thông tin và Truyền thông",
        group: "department",
        rank: 2,
        rankOverall: 2,
        grade: "good",
      }),
    );
    expect(json.gradeDistribution.find((d: { group: string | null }) => d.group === null).total).toBe(31);
    await expect(fs.stat(path.join(dir, "out.xlsx"))).resolves.toBeTruthy();
  });

  it("grades the year 2014 as the Lào Cai report", async () => {
    const r = await cli("compute", "sample.xlsx", "--period", "2014", "-o", "y2014.xlsx", "--json");
    const all = JSON.parse(r.out).gradeDistribution.find((d: { group: string | null }) => d.group === null);
    expect(all.counts).toEqual({ good: 9, fair: 12, average: 3, weak: 7 });
  });

  it("never writes over its input unless told to", async () => {
    const r = await cli("compute", "sample.xlsx", "-o", "sample.xlsx");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--in-place/);
  });

  it.each([
    ["not-excel.xlsx", Buffer.from("xin chào"), /không phải là tệp .xlsx/],
    ["old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /\.xls cũ|mật khẩu/],
    ["corrupt.xlsx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /bị hỏng/],
  ])("refuses %s with a clear message and exit 2, no stack trace", async (name, bytes, message) => {
    await fs.writeFile(path.join(dir, name), bytes);
    const r = await cli("validate", name);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("refuses an empty workbook, a missing file and a file over 50 MB", async () => {
    const wb = new ExcelJS.Workbook();
    await fs.writeFile(path.join(dir, "empty.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await cli("validate", "empty.xlsx")).err).toMatch(
      /không có trang tính|không có sheet nào|bị hỏng/,
    );
    expect((await cli("validate", "nope.xlsx")).code).toBe(2);
    const big = path.join(dir, "big.xlsx");
    await fs.writeFile(big, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await fs.truncate(big, 51 * 1024 * 1024);
    const r = await cli("validate", "big.xlsx");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/51 MB/);
  });

  it("answers a usage error with exit 2 and the usage text", async () => {
    const r = await cli("rank", "sample.xlsx");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Cách dùng/);
    // A period that is not one says how to write one, without the whole usage text after it.
    const period = await cli("compute", "sample.xlsx", "--period", "2015-Q5");
    expect(period.code).toBe(2);
    expect(period.err).toBe('Kỳ "2015-Q5" không hợp lệ; viết 2015-Q2, "Quý II/2015" hoặc 2014.');
    expect((await cli("compute", "sample.xlsx", "--period", "Quý V")).code).toBe(2);
  });

  it("refuses a report from a workbook without figures: exit 1, nothing written, and says why", async () => {
    const rows = samplePlanRows();
    await fs.writeFile(
      path.join(dir, "nofig.xlsx"),
      await XlsxWorkbook.of(buildTemplate({ ...rows, figures: [] })).save(),
    );
    const r = await cli("compute", "nofig.xlsx", "--period", "2015-Q2", "-o", "nofig-out.xlsx");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: sheet Số liệu không có số liệu nào cho Quý II/2015. Nhập số liệu của kỳ này trên sheet Số liệu, hoặc chọn một kỳ đã có số liệu.",
    );
    await expect(fs.access(path.join(dir, "nofig-out.xlsx"))).rejects.toThrow();
    const d = await cli("report", "nofig.xlsx", "--period", "2015-Q2", "-o", "nofig.docx");
    expect(d.code).toBe(1);
    expect(d.err).toContain("Chưa tạo báo cáo");
    await expect(fs.access(path.join(dir, "nofig.docx"))).rejects.toThrow();
  });

  it("lines up the grade counts after the longest group's name, an English commune group's too", async () => {
    await fs.writeFile(
      path.join(dir, "communes.xlsx"),
      await XlsxWorkbook.of(buildTemplate(province2025Rows(6))).save(),
    );
    for (const lang of ["vi", "en"]) {
      const r = await cli(
        "compute",
        "communes.xlsx",
        "--lang",
        lang,
        "--no-robustness",
        "-o",
        `communes-${lang}.xlsx`,
      );
      const lines = r.out.split("\n");
      const grades = lines
        .slice(lines.indexOf(lang === "vi" ? "Phân loại" : "Grades") + 1, -2)
        .filter(Boolean);
      expect(grades).toHaveLength(3);
      const columns = grades.map((l) => l.search(lang === "vi" ? / Tốt \d/ : / Good \d/));
      expect(columns[0]).toBeGreaterThan(0);
      expect(new Set(columns).size).toBe(1);
    }
  });

  it("writes the quarterly report as a .docx", async () => {
    const r = await cli("report", "sample.xlsx", "--period", "2015-Q2", "-o", "bao-cao.docx");
    expect(r.code).toBe(0);
    const bytes = await fs.readFile(path.join(dir, "bao-cao.docx"));
    // A .docx is a zip package (PK) with the report's text in word/document.xml.
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(bytes.length).toBeGreaterThan(5000);
  });

  it("exits 1 when the data have errors", async () => {
    const rows = samplePlanRows();
    const bad: PlanRows = {
      ...rows,
      figures: rows.figures.map((r, i) => (i === 0 ? ["KHONGCO", ...r.slice(1)] : r)),
    };
    await fs.writeFile(path.join(dir, "bad.xlsx"), await XlsxWorkbook.of(buildTemplate(bad)).save());
    const r = await cli("validate", "bad.xlsx", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings).toContainEqual(
      expect.objectContaining({ code: "UNKNOWN_UNIT", sheet: "Số liệu", cell: "A2" }),
    );
  });

  it("consolidates the sample split into 31 unit workbooks to the same ranks as the sample", async () => {
    const rows = samplePlanRows();
    const files: string[] = [];
    for (const u of rows.units) {
      const mine: PlanRows = { ...rows, units: [u], figures: rows.figures.filter((f) => f[0] === u[0]) };
      const name = `unit-${u[0]}.xlsx`;
      await fs.writeFile(path.join(dir, name), await XlsxWorkbook.of(buildTemplate(mine)).save());
      files.push(name);
    }
    const c = await cli("consolidate", ...files, "-o", "province.xlsx");
    expect(c.code).toBe(0);
    const a = JSON.parse(
      (await cli("compute", "province.xlsx", "--period", "2015-Q2", "-o", "p-out.xlsx", "--json")).out,
    );
    const b = JSON.parse(
      (await cli("compute", "sample.xlsx", "--period", "2015-Q2", "-o", "s-out.xlsx", "--json")).out,
    );
    const ranks = (j: { ranking: { unit: string; rank: number; rankOverall: number; index: number }[] }) =>
      j.ranking.map((r) => [r.unit, r.rank, r.rankOverall, r.index]).sort();
    expect(ranks(a)).toEqual(ranks(b));
  }, 120000);

  it("consolidate takes each unit's figures from the file that has them, once, and says where two files differ", async () => {
    const rows = samplePlanRows();
    const own = (code: string): PlanRows => ({ ...rows, figures: rows.figures.filter((f) => f[0] === code) });
    // Saved a day apart, in the order SDL sent them.
    const saved = [
      "2015-07-01T02:00:00Z",
      "2015-07-02T02:00:00Z",
      "2015-07-03T02:00:00Z",
      "2015-07-04T02:00:00Z",
    ];
    let sent = 0;
    const save = async (name: string, r: PlanRows) =>
      fs.writeFile(
        path.join(dir, name),
        await savedAt(await XlsxWorkbook.of(buildTemplate(r)).save(), saved[sent++]),
      );
    // Each unit's file lists the province's every unit, as the province sent it out, with the unit's own figures; SDL
    // sent its file twice, a copy named "(1)" as a browser saves it, then again with one figure changed.
    await save("all-STTTT.xlsx", own("STTTT"));
    await save("all-SDL.xlsx", own("SDL"));
    await save("all-SDL (1).xlsx", own("SDL"));
    const last = own("SDL").figures.length - 1;
    const count = rows.figureIndicators.indexOf("DAOTAO") + 2;
    await save("all-SDL-v2.xlsx", {
      ...own("SDL"),
      figures: own("SDL").figures.map((f, i) => (i === last ? f.map((v, j) => (j === count ? 42 : v)) : f)),
    });
    const merge = async (...files: string[]) => {
      const r = await cli("consolidate", ...files, "-o", "all.xlsx", "--force", "--json");
      const check = JSON.parse(
        (await cli("compute", "all.xlsx", "--period", "2015-Q2", "-o", "all-out.xlsx", "--force", "--json"))
          .out,
      );
      const sdl = check.attainment.filter((a: { unit: string; actual: number | null }) => a.unit === "SDL");
      return { r, sdl, found: jsonFindings(r.out) };
    };
    const once = await merge("all-STTTT.xlsx", "all-SDL.xlsx");
    // SDL's figures were dropped: the first file listing SDL (without its figures) was kept, with 29 CONFLICTING_UNIT.
    expect(once.found.map((f) => f.code)).not.toContain("CONFLICTING_UNIT");
    expect(once.r.code).toBe(0);
    expect(once.sdl.filter((a: { actual: number | null }) => a.actual !== null).length).toBeGreaterThan(0);
    // Units no file has figures for are said once, not by every file that lists them.
    const missing = once.found.filter((f) => f.code === "MISSING_FIGURE_ROW");
    expect(missing.length).toBe(29);
    // The same figures twice are counted once, with a warning.
    const twice = await merge("all-STTTT.xlsx", "all-SDL.xlsx", "all-SDL (1).xlsx");
    expect(twice.r.code).toBe(0);
    expect(twice.found.filter((f) => f.code === "UNIT_SENT_TWICE").map((f) => f.file)).toEqual([
      "all-SDL (1).xlsx",
    ]);
    expect(twice.sdl).toEqual(once.sdl);
    // Other figures for the same unit and quarter: an error at the figure, with both values; SDL's file saved later
    // is taken (the first given was), and the finding is on the one left out.
    const changed = await merge("all-STTTT.xlsx", "all-SDL.xlsx", "all-SDL-v2.xlsx");
    expect(changed.r.code).toBe(1);
    expect(
      changed.found
        .filter((f) => f.code === "CONFLICTING_UNIT")
        .map((f) => `${f.file} ${f.cell} ${f.message}`),
    ).toEqual([
      expect.stringMatching(
        /^all-SDL\.xlsx H\d+ Số liệu của Sở Du lịch \(SDL\) có trong cả all-SDL\.xlsx và all-SDL-v2\.xlsx nhưng khác nhau: .*\(DAOTAO\) Quý II\/2015 là \(để trống\) trong all-SDL\.xlsx, 42 trong all-SDL-v2\.xlsx; dùng số liệu trong all-SDL-v2\.xlsx, tệp lưu sau/,
      ),
    ]);
    const daotao = (a: { indicator: string }) => a.indicator === "DAOTAO";
    expect(changed.sdl.filter(daotao).map((a: { actual: number | null }) => a.actual)).toEqual([42]);
    expect(changed.sdl.filter((a: { indicator: string }) => !daotao(a))).toEqual(
      once.sdl.filter((a: { indicator: string }) => !daotao(a)),
    );
  }, 60000);

  it("consolidate reads a folder's workbooks, and leaves out the lock files of Excel a glob matches", async () => {
    const rows = samplePlanRows();
    const folder = path.join(dir, "xa");
    // STTTT's file in a folder of its own, as its e-mail's attachment was saved.
    await fs.mkdir(path.join(folder, "so-tttt"), { recursive: true });
    for (const [code, at] of [
      ["STTTT", "so-tttt/STTTT.xlsx"],
      ["SDL", "SDL.xlsx"],
    ])
      await fs.writeFile(
        path.join(folder, at),
        await XlsxWorkbook.of(
          buildTemplate({
            ...rows,
            units: rows.units.filter((u) => u[0] === code),
            figures: rows.figures.filter((f) => f[0] === code),
          }),
        ).save(),
      );
    // SDL.xlsx open in Excel, and a lock file left by a workbook no longer there: what `xa/*.xlsx` matches besides.
    const owner = Buffer.concat([Buffer.from([5]), Buffer.from("Tuan "), Buffer.alloc(48)]);
    await fs.writeFile(path.join(folder, "~$SDL.xlsx"), owner);
    await fs.writeFile(path.join(folder, "~$cu.xlsx"), owner);
    const listed = ["SDL.xlsx", "so-tttt/STTTT.xlsx", "~$SDL.xlsx", "~$cu.xlsx"].map((f) =>
      path.join("xa", f),
    );
    for (const inputs of [listed, ["xa"]]) {
      const r = await cli("consolidate", ...inputs, "-o", "xa.xlsx", "--force", "--json", "--lang", "en");
      // It stopped at the lock file: "not an .xlsx file" (exit 2); a folder was refused as not a file (its subfolder's
      // file then unread).
      expect(r.code).toBe(0);
      // The two units' figure cells, each once.
      const figures =
        rows.figures.filter((f) => f[0] === "STTTT" || f[0] === "SDL").length * rows.figureIndicators.length;
      expect(JSON.parse(r.out)).toEqual(expect.objectContaining({ files: 2, units: 2, figures }));
      expect(
        jsonFindings(r.out)
          .filter((f) => f.code === "INPUT_OPEN" || f.code === "LOCK_FILE")
          .map((f) => `${f.file} ${f.message}`),
      ).toEqual([
        expect.stringMatching(
          /^SDL\.xlsx SDL\.xlsx is open in Excel \(its lock file ~\$SDL\.xlsx is beside it\)/,
        ),
        expect.stringMatching(/^~\$cu\.xlsx ~\$cu\.xlsx is the lock file Excel keeps .* it is left out/),
      ]);
    }
    // As cmd.exe and PowerShell pass it: it was "file xa\*.xlsx not found".
    const pattern = await cli("consolidate", path.join("xa", "*.xlsx"), "-o", "p.xlsx", "--lang", "en");
    expect([pattern.code, pattern.err]).toEqual([
      2,
      `No file is named ${path.join("xa", "*.xlsx")}: ictplan does not expand * or ? (nor do Windows' command prompt and PowerShell). Give the folder: ictplan consolidate xa -o province.xlsx.`,
    ]);
    await fs.mkdir(path.join(dir, "empty-folder"));
    const none = await cli("consolidate", "empty-folder", "-o", "none.xlsx");
    expect([none.code, none.err]).toEqual([
      2,
      expect.stringMatching(/^Thư mục empty-folder không có tệp \.xlsx nào/),
    ]);
  }, 60000);

  it("consolidate says a finding on the indicators every file copies once, also from a file of the English template", async () => {
    const rows = samplePlanRows();
    for (const [code, lang] of [
      ["STTTT", "vi"],
      ["SDL", "en"],
    ] as const)
      await fs.writeFile(
        path.join(dir, `lang-${code}.xlsx`),
        await XlsxWorkbook.of(
          buildTemplate(
            {
              ...rows,
              units: rows.units.filter((u) => u[0] === code),
              figures: rows.figures.filter((f) => f[0] === code),
            },
            lang,
          ),
        ).save(),
      );
    const r = await cli(
      "consolidate",
      "lang-STTTT.xlsx",
      "lang-SDL.xlsx",
      "-o",
      "lang.xlsx",
      "--force",
      "--json",
    );
    // DAOTAO's missing target was said twice: on Chỉ tiêu, and on the English file's Indicators.
    expect(
      jsonFindings(r.out)
        .filter((f) => f.code === "MISSING_TARGET")
        .map((f) => `[${f.file}]${f.sheet}!${f.cell}`),
    ).toEqual(["[lang-STTTT.xlsx]Chỉ tiêu!G7"]);
  });

  it("consolidate says a unit's own indicator, which it adds to every unit's ranking, and one it deleted", async () => {
    const rows = samplePlanRows();
    const own = (code: string): PlanRows => ({
      ...rows,
      units: rows.units.filter((u) => u[0] === code),
      figures: rows.figures.filter((f) => f[0] === code),
    });
    const sdl = own("SDL");
    const extra = rows.indicators[0].map((v, j) => (j === 0 ? "RIENG" : j === 1 ? "Chỉ tiêu riêng" : v));
    await fs.writeFile(
      path.join(dir, "ind-a.xlsx"),
      await XlsxWorkbook.of(buildTemplate(own("STTTT"))).save(),
    );
    await fs.writeFile(
      path.join(dir, "ind-b.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...sdl,
          indicators: [...sdl.indicators, extra],
          figureIndicators: [...sdl.figureIndicators, "RIENG"],
          figures: sdl.figures.map((f) => [...f, 1]),
        }),
      ).save(),
    );
    const r = await cli("consolidate", "ind-a.xlsx", "ind-b.xlsx", "-o", "ind.xlsx", "--force", "--json");
    // Nothing was said: STTTT was then ranked on SDL's own indicator, without a figure for it.
    expect(
      jsonFindings(r.out)
        .filter((f) => f.code === "ADDED_INDICATOR")
        .map((f) => `[${f.file}]${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      expect.stringMatching(
        /^\[ind-b\.xlsx\]Chỉ tiêu!A\d+ Chỉ tiêu RIENG có trong ind-b\.xlsx nhưng không có trong ind-a\.xlsx; đã thêm vào kế hoạch gộp/,
      ),
    ]);
    // And a unit that deleted an indicator, its row and its column: blank in the merged plan, without a word.
    const snv = own("SNV");
    const k = snv.figureIndicators.indexOf("VBDT");
    await fs.writeFile(
      path.join(dir, "ind-c.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...snv,
          indicators: snv.indicators.filter((r) => r[0] !== "VBDT"),
          figureIndicators: snv.figureIndicators.filter((c) => c !== "VBDT"),
          figures: snv.figures.map((f) => f.filter((_, j) => j !== k + 2)),
        }),
      ).save(),
    );
    const c = await cli("consolidate", "ind-a.xlsx", "ind-c.xlsx", "-o", "ind.xlsx", "--force", "--json");
    expect(
      jsonFindings(c.out)
        .filter((f) => f.code === "DROPPED_INDICATOR")
        .map((f) => `[${f.file}]${f.sheet} ${f.message}`),
    ).toEqual([
      expect.stringMatching(
        /^\[ind-c\.xlsx\]Chỉ tiêu Chỉ tiêu VBDT của ind-a\.xlsx không có trong ind-c\.xlsx: các đơn vị trong ind-c\.xlsx không có số liệu/,
      ),
    ]);
  });

  it("says what the findings past the table are, and consolidate which files have errors", async () => {
    // A commune's file of the province's 172 units with its own figures only: 171 units without a row.
    const rows = province2025Rows();
    await fs.writeFile(
      path.join(dir, "x001-only.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({ ...rows, figures: rows.figures.filter((f) => f[0] === "X001") }),
      ).save(),
    );
    const r = await cli("compute", "x001-only.xlsx", "-o", "x001-out.xlsx", "--force", "--no-robustness");
    // It said "… (+122)", with no word of what they were or how to see them.
    expect(r.out).toMatch(/^ {2}… và 122 mục nữa \(122 MISSING_FIGURE_ROW\); --json liệt kê đầy đủ\.$/m);
    // And the sample again, with a row of a unit it has not: an error of the file's own, listed before the merge's.
    const sample = samplePlanRows();
    await fs.writeFile(
      path.join(dir, "x-bad.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...sample,
          figures: sample.figures.map((f, i) => (i === 0 ? ["KHONGCO", ...f.slice(1)] : f)),
        }),
      ).save(),
    );
    const m = await cli(
      "consolidate",
      "sample.xlsx",
      "x001-only.xlsx",
      "x-bad.xlsx",
      "-o",
      "x001-m.xlsx",
      "--force",
      "--lang",
      "en",
    );
    // The province's indicators apply to communes, the sample's to districts: an error of the second file. The files
    // in the order given (x-bad.xlsx came first, its error being listed first).
    expect(m.out).toMatch(/^Files with errors \(2\): x001-only\.xlsx, x-bad\.xlsx\.$/m);
    // The sample's 31 units and the province's 150 communes; the figures' count as English writes it (it was 2496).
    expect(m.out).toMatch(/^Merged 3 files: 181 units, 2,496 figures\.$/m);
    // Progress on stderr, as compute's: it said nothing for the seconds a province's files take.
    expect(m.err).toBe(`Reading 3 files…\nWriting ${path.join(dir, "x001-m.xlsx")}…`);
  }, 60000);

  it("consolidate says a unit's figures typed under another unit's code whose file that is, and the code to type", async () => {
    const rows = samplePlanRows();
    const own = (code: string, as = code): PlanRows => ({
      ...rows,
      units: rows.units.filter((u) => u[0] === code),
      figures: rows.figures.filter((f) => f[0] === code).map((f) => [as, ...f.slice(1)]),
    });
    await fs.writeFile(
      path.join(dir, "code-a.xlsx"),
      await XlsxWorkbook.of(buildTemplate(own("STTTT"))).save(),
    );
    await fs.writeFile(
      path.join(dir, "code-b.xlsx"),
      await XlsxWorkbook.of(buildTemplate(own("SDL", "STTTT"))).save(),
    );
    const r = await cli("consolidate", "code-a.xlsx", "code-b.xlsx", "-o", "code.xlsx", "--force", "--json");
    expect(r.code).toBe(1);
    // It said to add STTTT to code-b.xlsx's Đơn vị: its figures would then have been STTTT's.
    expect(
      jsonFindings(r.out)
        .filter((f) => f.code.endsWith("_UNIT"))
        .map((f) => `${f.code} [${f.file}]${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      "OTHER_FILES_UNIT [code-b.xlsx]Số liệu!A2 Mã đơn vị STTTT (6 dòng số liệu) là đơn vị của code-a.xlsx, không có trên sheet Đơn vị của tệp này; các dòng này không được tính. Nếu đây là số liệu của đơn vị mình, sửa mã thành mã trên sheet Đơn vị (SDL).",
    ]);
  });

  it("consolidate says where the file with a unit's figures ranks it in another group than the province's list", async () => {
    const rows = samplePlanRows();
    // The province's every unit in both files; SDL's own picked the districts' group for itself.
    const units = rows.units.map((u) => (u[0] === "SDL" ? [u[0], u[1], "UBND huyện, thành phố", u[3]] : u));
    await fs.writeFile(
      path.join(dir, "grp-a.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({ ...rows, figures: rows.figures.filter((f) => f[0] === "STTTT") }),
      ).save(),
    );
    await fs.writeFile(
      path.join(dir, "grp-b.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({ ...rows, units, figures: rows.figures.filter((f) => f[0] === "SDL") }),
      ).save(),
    );
    const r = await cli("consolidate", "grp-a.xlsx", "grp-b.xlsx", "-o", "grp.xlsx", "--force", "--json");
    // Nothing was said: SDL was ranked among the districts.
    const row = units.findIndex((u) => u[0] === "SDL") + 2;
    expect(
      jsonFindings(r.out)
        .filter((f) => f.code === "CONFLICTING_UNIT_ROW")
        .map((f) => `[${f.file}]${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      `[grp-b.xlsx]Đơn vị!A${row} Sở Du lịch (SDL) trong grp-b.xlsx có “Nhóm xếp hạng” là UBND huyện, thành phố, còn grp-a.xlsx ghi Sở, ban, ngành; dùng grp-b.xlsx, tệp có số liệu của đơn vị. Sửa lại ở tệp ghi sai rồi gộp lại.`,
    ]);
  });

  it("consolidate counts the units' past quarters every file carries once, and says a file that adds nothing", async () => {
    // The province sent its plan with every unit's figures up to Quý I/2015; each unit adds its own Quý II/2015.
    const rows = samplePlanRows();
    const files = ["STTTT", "SDL", "SNV"].map((code) => `hist-${code}.xlsx`);
    for (const [i, code] of ["STTTT", "SDL", "SNV"].entries())
      await fs.writeFile(
        path.join(dir, files[i]),
        await XlsxWorkbook.of(
          buildTemplate({
            ...rows,
            figures: rows.figures.filter(
              (f) => !["2015-Q2", "Quý II/2015"].includes(String(f[1])) || f[0] === code,
            ),
          }),
        ).save(),
      );
    // And one unit's file with the past quarters of an earlier version, before the province corrected Quý I/2014.
    const count = rows.figureIndicators.indexOf("DAOTAO") + 2;
    await fs.writeFile(
      path.join(dir, "hist-old.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...rows,
          figures: rows.figures
            .filter((f) => !["2015-Q2", "Quý II/2015"].includes(String(f[1])))
            .map((f) =>
              ["2014-Q1", "Quý I/2014"].includes(String(f[1]))
                ? f.map((v, j) => (j === count ? 7777 : v))
                : f,
            ),
        }),
      ).save(),
    );
    const old = await cli("consolidate", files[0], "hist-old.xlsx", "-o", "hist.xlsx", "--force", "--json");
    expect(old.code).toBe(1);
    // One error per unit, 31, before.
    expect(
      jsonFindings(old.out)
        .filter((f) => f.code.startsWith("CONFLICTING_UNIT"))
        .map((f) => `${f.code} ${f.file} ${f.message}`),
    ).toEqual([
      // STTTT's own past quarters from its own file, whichever was saved later.
      expect.stringMatching(
        /^CONFLICTING_UNIT hist-old\.xlsx .* Quý I\/2014 là 7\.777 trong hist-old\.xlsx, \d+ trong hist-STTTT\.xlsx; dùng số liệu trong hist-STTTT\.xlsx, tệp của chính đơn vị\./,
      ),
      expect.stringMatching(
        /^CONFLICTING_UNITS hist-old\.xlsx 30 đơn vị có số liệu trong hist-old\.xlsx khác với trong hist-STTTT\.xlsx: VPUB, \S+, \S+, \S+, \S+, …; dùng số liệu trong hist-STTTT\.xlsx, tệp đứng trước trong lệnh gộp: không tệp nào là tệp riêng của đơn vị/,
      ),
    ]);
    const r = await cli("consolidate", ...files, "-o", "hist.xlsx", "--force", "--json");
    expect(r.code).toBe(0);
    // Each file adds its unit's Quý II: the past quarters it repeats are counted once, unsaid. It said each of the 31
    // units' past quarters in each later file: 62 warnings.
    expect(jsonFindings(r.out).filter((f) => f.code === "UNIT_SENT_TWICE")).toEqual([]);
    // Last quarter's merged plan left among the files adds nothing: said once, with the files it repeats.
    const again = await cli("consolidate", ...files, "hist.xlsx", "-o", "hist2.xlsx", "--force", "--json");
    expect(
      jsonFindings(again.out)
        .filter((f) => f.file === "hist.xlsx")
        .map((f) => `${f.code} ${f.message}`),
    ).toEqual([
      expect.stringMatching(
        /^UNIT_SENT_TWICE Mọi số liệu trong hist\.xlsx đều đã có trong hist-STTTT\.xlsx, hist-SNV\.xlsx, hist-SDL\.xlsx \(một tệp gửi hai lần\?\): STTTT, VPUB, \S+, \S+, \S+, … \(31 đơn vị\)/,
      ),
    ]);
  });

  it("consolidate takes the later saved of two versions of a unit's file, and says which and why", async () => {
    // A commune's file, then its corrected one a day later, which the browser saved as "X006.xlsx" beside the first
    // (now "X006 (1).xlsx"): the folder's name order puts the old one first.
    const rows = province2025Rows(10);
    const count = rows.figureIndicators.indexOf("DAOTAO") + 2;
    const own = (value: number): PlanRows => ({
      ...rows,
      units: rows.units.filter((u) => u[0] === "X006"),
      figures: rows.figures
        .filter((f) => f[0] === "X006" && ["2015-Q2", "Quý II/2015"].includes(String(f[1])))
        .map((f) => f.map((v, j) => (j === count ? value : v))),
    });
    const folder = path.join(dir, "x006");
    await fs.mkdir(folder, { recursive: true });
    const [early, late] = ["2026-11-20T02:12:00Z", "2026-11-21T03:30:05Z"];
    const write = async (name: string, value: number, saved: string | null) =>
      fs.writeFile(
        path.join(folder, name),
        await savedAt(await XlsxWorkbook.of(buildTemplate(own(value))).save(), saved),
      );
    const merge = async (...lang: string[]) => {
      const r = await cli("consolidate", "x006", "-o", "x006.xlsx", "--force", "--json", ...lang);
      const said = jsonFindings(r.out)
        .filter((f) => f.code === "CONFLICTING_UNIT")
        .map((f) => `[${f.file}] ${f.message.replace(/^.*?: /, "")}`);
      return { said, value: await mergedFigure(path.join(dir, "x006.xlsx"), "X006", "2015-Q2", "DAOTAO") };
    };
    await write("X006 (1).xlsx", 11, early);
    await write("X006.xlsx", 42, late);
    // The old figures were merged, and the message said nothing of which file was newer.
    expect(await merge()).toEqual({
      value: 42,
      said: [
        expect.stringMatching(
          new RegExp(
            `^\\[X006 \\(1\\)\\.xlsx\\] .*\\(DAOTAO\\) Quý II/2015 là 11 trong X006 \\(1\\)\\.xlsx, 42 trong X006\\.xlsx; dùng số liệu trong X006\\.xlsx, tệp lưu sau \\(lưu lúc ${shownTime(late)}; X006 \\(1\\)\\.xlsx lưu lúc ${shownTime(early)}\\)\\. Giữ một tệp`,
          ),
        ),
      ],
    });
    expect((await merge("--lang", "en")).said).toEqual([
      expect.stringContaining(
        `the figures in X006.xlsx are used, the one saved later (saved ${shownTime(late)}; X006 (1).xlsx saved ${shownTime(early)}).`,
      ),
    ]);
    // The "(1)" is the later one: its figures, whatever the name order.
    await write("X006 (1).xlsx", 11, late);
    await write("X006.xlsx", 42, early);
    expect(await merge()).toEqual({
      value: 11,
      said: [expect.stringMatching(/^\[X006\.xlsx\] .*; dùng số liệu trong X006 \(1\)\.xlsx, tệp lưu sau /)],
    });
    // Files that record no saved time: the first given, said as not knowing which is newer.
    await write("X006 (1).xlsx", 11, null);
    await write("X006.xlsx", 42, null);
    expect(await merge()).toEqual({
      value: 11,
      said: [
        expect.stringContaining(
          "; dùng số liệu trong X006 (1).xlsx, không biết tệp nào lưu sau (thời điểm lưu: X006 (1).xlsx không rõ, X006.xlsx không rõ).",
        ),
      ],
    });
  }, 60000);

  it("consolidate says figures that only another commune's file has, and a unit without a row once, by its own file", async () => {
    // The province sent every commune the list of its every unit. X009 typed its figures under X005's code (the row
    // above its own in the list); X001 sent its own. X005 and X007 returned their files without a row.
    const rows = province2025Rows(10);
    const q2 = (code: string) =>
      rows.figures.filter((f) => f[0] === code && ["2015-Q2", "Quý II/2015"].includes(String(f[1])));
    const write = async (name: string, figures: PlanRows["figures"]) =>
      fs.writeFile(path.join(dir, name), await XlsxWorkbook.of(buildTemplate({ ...rows, figures })).save());
    await write("X001.xlsx", q2("X001"));
    await write(
      "X009.xlsx",
      q2("X009").map((f) => ["X005", ...f.slice(1)]),
    );
    await write("X005.xlsx", []);
    await write("X007.xlsx", []);
    const merge = async (...files: string[]) =>
      jsonFindings((await cli("consolidate", ...files, "-o", "filled.xlsx", "--force", "--json")).out);
    const fromOther = (found: JsonFinding[]) =>
      found
        .filter((f) => f.code === "FIGURES_FROM_OTHER_FILE")
        .map((f) => `[${f.file}]${f.sheet}!${f.cell} ${f.message}`);
    // X005 sent nothing: its figures were X009's, without a word.
    const silent = await merge("X001.xlsx", "X009.xlsx");
    expect(fromOther(silent)).toEqual([
      "[X009.xlsx]Số liệu!A2 X009.xlsx là tệp của X009 nhưng có số liệu Quý II/2015 của 1 đơn vị khác mà không tệp nào khác có: X005; đã dùng làm số liệu của đơn vị đó. Đơn vị có tệp riêng nhưng tệp thiếu các dòng này: không có; đơn vị không gửi tệp: X005. Nếu đó là số liệu của X009 gõ nhầm mã, sửa mã trong X009.xlsx; nếu X009.xlsx nhập hộ đơn vị đó thì không cần làm gì; nếu không, xóa các dòng đó rồi gộp lại.",
    ]);
    const all = await merge("X001.xlsx", "X005.xlsx", "X007.xlsx", "X009.xlsx");
    expect(fromOther(all)).toEqual([
      expect.stringContaining(
        "Đơn vị có tệp riêng nhưng tệp thiếu các dòng này: X005; đơn vị không gửi tệp: không có.",
      ),
    ]);
    // X007's missing row was said by X001.xlsx, the first file listing it; the departments', which sent no file, too.
    const missing = (unit: string) =>
      all
        .filter((f) => f.code === "MISSING_FIGURE_ROW" && f.message.includes(`(${unit})`))
        .map((f) => `[${f.file ?? ""}]${f.sheet}!${f.cell}`);
    expect(missing("X007")).toEqual(["[X007.xlsx]Số liệu!"]);
    expect(missing("X009")).toEqual([expect.stringMatching(/^\[X009\.xlsx\]Số liệu!/)]);
    expect(missing("STTTT")).toEqual(["[]Số liệu!"]);
    expect(missing("X005")).toEqual([]);
    // A file named after its commune, not its code.
    await fs.copyFile(path.join(dir, "X009.xlsx"), path.join(dir, "Xa Phong Nien 1.xlsx"));
    expect(fromOther(await merge("X001.xlsx", "Xa Phong Nien 1.xlsx"))).toEqual([
      expect.stringMatching(/^\[Xa Phong Nien 1\.xlsx\]Số liệu!A2 Xa Phong Nien 1\.xlsx là tệp của X009 /),
    ]);
    // A folder per unit, each with its ke-hoach.xlsx: whose file it is, its folder says.
    for (const code of ["X001", "X009"]) {
      await fs.mkdir(path.join(dir, "per-unit", code), { recursive: true });
      await fs.copyFile(path.join(dir, `${code}.xlsx`), path.join(dir, "per-unit", code, "ke-hoach.xlsx"));
    }
    expect(fromOther(await merge("per-unit"))).toEqual([
      expect.stringMatching(
        /^\[per-unit.X009.ke-hoach\.xlsx\]Số liệu!A2 per-unit.X009.ke-hoach\.xlsx là tệp của X009 /,
      ),
    ]);
  }, 60000);

  it("consolidate takes no blank row of a list pre-filled with every unit's row over a unit's own figures", async () => {
    // The province sent every commune its every unit's row for Quý II/2015, blank; each commune filled in its own.
    const rows = province2025Rows(10);
    const n = rows.figureIndicators.length;
    const filled = (code: string) =>
      rows.units.map((u) =>
        u[0] === code
          ? rows.figures.find((f) => f[0] === code && ["2015-Q2", "Quý II/2015"].includes(String(f[1])))!
          : [u[0], "Quý II/2015", ...Array<null>(n).fill(null)],
      );
    // X003's file is named after the commune, not its code: whose file it is, is not known.
    const communes = ["X001", "X005", "X009", "X003"];
    const names = ["pre-X001.xlsx", "pre-X005.xlsx", "pre-X009.xlsx", "pre-ban-xeo.xlsx"];
    for (const [i, code] of communes.entries())
      await fs.writeFile(
        path.join(dir, names[i]),
        await XlsxWorkbook.of(buildTemplate({ ...rows, figures: filled(code) })).save(),
      );
    const r = await cli("consolidate", ...names, "-o", "pre.xlsx", "--force", "--json");
    const found = jsonFindings(r.out);
    // pre-X001.xlsx's blank rows were taken: the others' figures were lost, with an error each.
    expect(found.filter((f) => f.code.startsWith("CONFLICTING_UNIT"))).toEqual([]);
    const daotao = rows.figureIndicators.indexOf("DAOTAO") + 2;
    for (const code of communes)
      expect(await mergedFigure(path.join(dir, "pre.xlsx"), code, "2015-Q2", "DAOTAO")).toBe(
        filled(code).find((f) => f[0] === code)![daotao],
      );
    // A department no file is of: its blank figures said once for the merge, not as pre-X001.xlsx's.
    const stttt = found.filter((f) => f.code === "MISSING_FIGURE" && f.message.includes("(STTTT)"));
    expect(stttt.length).toBeGreaterThan(0);
    expect(stttt.map((f) => `[${f.file ?? ""}]${f.sheet}!${f.cell}`)).toEqual(
      Array(stttt.length).fill("[]Số liệu!"),
    );
    expect(found.filter((f) => f.code === "FIGURES_FROM_OTHER_FILE")).toEqual([]);
  }, 60000);

  it("consolidate says a setting many files share once, with the files", async () => {
    // The province's file with the past quarters, and five communes' files of last quarter's template, whose Kỳ hiện
    // tại is Quý I/2015.
    const rows = province2025Rows(10);
    const old = rows.settings.map(([k, v]): readonly [string, string | number] =>
      k === "Kỳ hiện tại" ? [k, "Quý I/2015"] : [k, v],
    );
    const communes = ["X001", "X002", "X003", "X004", "X005"];
    await fs.writeFile(
      path.join(dir, "tinh.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...rows,
          figures: rows.figures.filter((f) => !["2015-Q2", "Quý II/2015"].includes(String(f[1]))),
        }),
      ).save(),
    );
    for (const code of communes)
      await fs.writeFile(
        path.join(dir, `${code}.xlsx`),
        await XlsxWorkbook.of(
          buildTemplate({
            ...rows,
            settings: old,
            units: rows.units.filter((u) => u[0] === code),
            figures: rows.figures.filter((f) => f[0] === code),
          }),
        ).save(),
      );
    const files = ["tinh.xlsx", ...communes.map((c) => `${c}.xlsx`)];
    const r = await cli("consolidate", ...files, "-o", "tinh-q2.xlsx", "--force", "--json");
    const found = jsonFindings(r.out);
    // The province's file has no figures for its Quý II/2015, which the communes' files bring: an error before
    // (NO_FIGURES_FOR_PERIOD). The merge's own findings come before the files' own, a wall at a province's scale
    // (missing figures) that pushed them past the table.
    expect(found.map((f) => f.code)).toEqual(["CONFLICTING_SETTINGS", "MISSING_TARGET"]);
    expect(r.code).toBe(0);
    // One warning per file before.
    expect(
      found
        .filter((f) => f.code.startsWith("CONFLICTING_SETTING"))
        .map((f) => `${f.code} [${f.file}]${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      "CONFLICTING_SETTINGS [X001.xlsx]Cấu hình!B4 Cài đặt “Kỳ hiện tại” là Quý I/2015 trong 5 tệp (X001.xlsx, X002.xlsx, X003.xlsx, X004.xlsx, X005.xlsx), khác với tinh.xlsx (Quý II/2015); dùng giá trị trong tinh.xlsx. Dùng cùng một sheet Cấu hình cho mọi đơn vị (chép từ tệp của tỉnh).",
    ]);
  }, 60000);

  it("consolidate merges a unit's .xlsm into an .xlsx, and no command names a new workbook .xlsm", async () => {
    const rows = samplePlanRows();
    await fs.writeFile(
      path.join(dir, "macro-unit.xlsm"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...rows,
          units: rows.units.filter((u) => u[0] === "SDL"),
          figures: rows.figures.filter((f) => f[0] === "SDL"),
        }),
      ).save(),
    );
    // It asked for an .xlsm output, to keep macros it does not copy; and then wrote an .xlsx named .xlsm, which Excel
    // does not open.
    const r = await cli("consolidate", "sample.xlsx", "macro-unit.xlsm", "-o", "from-macro.xlsx", "--force");
    expect(r.code).toBe(0);
    await expect(fs.stat(path.join(dir, "from-macro.xlsx"))).resolves.toBeTruthy();
    for (const argv of [
      ["consolidate", "sample.xlsx", "macro-unit.xlsm", "-o", "m.xlsm"],
      ["template", "-o", "t.xlsm"],
    ]) {
      const bad = await cli(...argv, "--json");
      expect([bad.code, JSON.parse(bad.out).error]).toEqual([2, "newWorkbookXlsm"]);
    }
  });

  it("consolidate says a workbook that is not a plan lacks its sheets, not that its settings differ", async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").getCell("A1").value = "Danh sách cán bộ";
    await fs.writeFile(path.join(dir, "not-a-plan.xlsx"), Buffer.from(await other.xlsx.writeBuffer()));
    const r = await cli(
      "consolidate",
      "sample.xlsx",
      "not-a-plan.xlsx",
      "-o",
      "nap.xlsx",
      "--force",
      "--json",
    );
    const codes = jsonFindings(r.out)
      .filter((f) => f.file === "not-a-plan.xlsx")
      .map((f) => f.code);
    // It said Tỉnh, Năm kế hoạch (the default, 2026) and Kỳ hiện tại "differ", settings the workbook has not.
    expect(codes).toEqual(["MISSING_SHEET", "MISSING_SHEET", "MISSING_SHEET"]);
  });

  it("consolidate names every unit's file it cannot read at once, and merges nothing", async () => {
    // A Word document named .xlsx, and an old .xls's signature.
    const word = new JSZip();
    word.file(
      "[Content_Types].xml",
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    word.file("word/document.xml", "<w:document/>");
    await fs.writeFile(path.join(dir, "xa-word.xlsx"), await word.generateAsync({ type: "nodebuffer" }));
    await fs.writeFile(
      path.join(dir, "xa-cu.xlsx"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
    );
    const r = await cli(
      "consolidate",
      "sample.xlsx",
      "xa-word.xlsx",
      "xa-cu.xlsx",
      "-o",
      "none.xlsx",
      "--json",
    );
    // It stopped at the first, so that the second was found only on the next run.
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toBe("unreadableInputs");
    expect(r.err.split("\n")).toEqual([
      expect.stringMatching(/^2 tệp không đọc được, nên chưa gộp gì/),
      expect.stringMatching(/^ {2}Tệp .*xa-word\.xlsx là văn bản Word/),
      expect.stringMatching(/^ {2}Tệp .*xa-cu\.xlsx là định dạng \.xls cũ/),
    ]);
    await expect(fs.stat(path.join(dir, "none.xlsx"))).rejects.toThrow();
  });

  it("consolidate passes on each unit's file's findings, named with the file", async () => {
    const rows = samplePlanRows();
    const period = rows.figures.findIndex((f) => f[0] === "STTTT"); // the unit's first row: Quý I/2014
    const count = rows.figureIndicators.indexOf("DAOTAO") + 2;
    const own = (keep: (code: unknown) => boolean): PlanRows => ({
      ...rows,
      units: rows.units.filter((u) => keep(u[0])),
      figures: rows.figures.filter((f) => keep(f[0])),
    });
    const a = own((c) => c === "STTTT");
    // A period no quarter has, and a percentage where a count goes, in the first unit's file.
    const bad: PlanRows = {
      ...a,
      figures: a.figures.map((r, i) =>
        i === period
          ? r.map((v, j) => (j === 1 ? "Quý V/2015" : v))
          : i === period + 1
            ? r.map((v, j) => (j === count ? "85%" : v))
            : r,
      ),
    };
    await fs.writeFile(path.join(dir, "unit-a.xlsx"), await XlsxWorkbook.of(buildTemplate(bad)).save());
    const b = own((c) => c !== "STTTT");
    await fs.writeFile(path.join(dir, "unit-b.xlsx"), await XlsxWorkbook.of(buildTemplate(b)).save());
    const r = await cli("consolidate", "unit-a.xlsx", "unit-b.xlsx", "-o", "merged.xlsx", "--json");
    // It said nothing and exited 0: the merged workbook silently lacked the unit's unreadable row.
    expect(r.code).toBe(1);
    const found = jsonFindings(r.out);
    expect(
      found
        .filter((f) => f.code !== "MISSING_FIGURE")
        .map((f) => `${f.code} [${f.file}]${f.sheet}!${f.cell}`),
    ).toEqual([
      "UNKNOWN_PERIOD [unit-a.xlsx]Số liệu!B2",
      "PERCENT_IN_COUNT [unit-a.xlsx]Số liệu!H3",
      // The indicator list every file copies: said once, for the first file.
      "MISSING_TARGET [unit-a.xlsx]Chỉ tiêu!G7",
    ]);
    // A unit's file has one group's units: "no unit in the group" is not its to say. Its own missing figures are.
    expect(found.map((f) => f.code)).not.toContain("NO_UNIT_IN_GROUP");
    expect(found.filter((f) => f.code === "MISSING_FIGURE").map((f) => f.file)).toEqual([
      "unit-b.xlsx",
      "unit-b.xlsx",
      "unit-b.xlsx",
    ]);
    const text = await cli("consolidate", "unit-a.xlsx", "unit-b.xlsx", "-o", "merged.xlsx", "--force");
    expect(text.out).toMatch(/Lỗi\s+\[unit-a\.xlsx\]Số liệu\s+B2\s+UNKNOWN_PERIOD\s+“Quý V\/2015”/);
  }, 60000);

  it("consolidate says where a unit's file has other settings than the first file's, whose are kept", async () => {
    const rows = samplePlanRows();
    const own = (code: string, settings = rows.settings, indicators = rows.indicators): PlanRows => ({
      ...rows,
      settings,
      indicators,
      units: rows.units.filter((u) => u[0] === code),
      figures: rows.figures.filter((f) => f[0] === code),
    });
    // Another province's file, with its own thresholds for Tốt and Gần đạt (a share, shown as a percentage), the
    // geometric mean and next year's plan; and its first indicator weighted 3.
    const other = [
      ...rows.settings.map(([k, v]): readonly [string, string | number] =>
        k === "Tỉnh"
          ? [k, "Yên Bái"]
          : k === "Ngưỡng Tốt"
            ? [k, 90]
            : k === "Cách tổng hợp"
              ? [k, "Trung bình nhân"]
              : k === "Năm kế hoạch"
                ? [k, 2016]
                : k === "Kỳ hiện tại"
                  ? [k, "Quý I/2015"]
                  : [k, v],
      ),
      ["Ngưỡng Gần đạt", 0.9] as const,
    ];
    const weight = sheetDef("indicators").columns.findIndex((c) => c.key === "weight");
    const weighted = rows.indicators.map((r, i) => (i === 0 ? r.map((v, j) => (j === weight ? 3 : v)) : r));
    await fs.writeFile(
      path.join(dir, "sttc.xlsx"),
      await XlsxWorkbook.of(buildTemplate(own("STTTT"))).save(),
    );
    await fs.writeFile(
      path.join(dir, "stc.xlsx"),
      await XlsxWorkbook.of(buildTemplate(own("STC", other, weighted))).save(),
    );
    const r = await cli("consolidate", "sttc.xlsx", "stc.xlsx", "-o", "merged.xlsx", "--force", "--json");
    // Before, it said nothing: the merged plan silently took Lào Cai's settings for Yên Bái's unit.
    const all = jsonFindings(r.out);
    const found = all
      .filter((f) => f.code === "CONFLICTING_SETTING")
      .map((f) => `[${f.file}]${f.sheet}!${f.cell} ${f.message}`);
    expect(found).toEqual([
      expect.stringMatching(
        /^\[stc\.xlsx\]Cấu hình!B2 Cài đặt “Tỉnh” trong stc\.xlsx là Yên Bái, khác với sttc\.xlsx \(Lào Cai\)/,
      ),
      // A year as typed: it was "2.016", with a thousands separator.
      expect.stringMatching(
        /^\[stc\.xlsx\]Cấu hình!B3 Cài đặt “Năm kế hoạch” trong stc\.xlsx là 2016, khác với sttc\.xlsx \(2015\)/,
      ),
      // Not moved on to the quarter the others report: compute would take Quý I by default, were it the first file.
      expect.stringMatching(
        /^\[stc\.xlsx\]Cấu hình!B4 Cài đặt “Kỳ hiện tại” trong stc\.xlsx là Quý I\/2015, khác với sttc\.xlsx \(Quý II\/2015\)/,
      ),
      expect.stringMatching(
        /^\[stc\.xlsx\]Cấu hình!B5 Cài đặt “Ngưỡng Tốt” trong stc\.xlsx là 90, khác với sttc\.xlsx \(80\)/,
      ),
      expect.stringMatching(
        /^\[stc\.xlsx\]Cấu hình!B\d+ Cài đặt “Ngưỡng Gần đạt” trong stc\.xlsx là 90%, khác với sttc\.xlsx \(80%\)/,
      ),
      expect.stringMatching(
        /^\[stc\.xlsx\]Cấu hình!B\d+ Cài đặt “Cách tổng hợp” trong stc\.xlsx là Trung bình nhân, khác với sttc\.xlsx \(Trung bình cộng\)/,
      ),
    ]);
    // The indicator's column by its header: it was "(weight)", a word of the code's in a Vietnamese message.
    expect(all.filter((f) => f.code === "CONFLICTING_INDICATOR").map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Chỉ tiêu \S+ trong stc\.xlsx khác định nghĩa trong sttc\.xlsx ở cột “Trọng số”; /,
      ),
    ]);
    // The indicator's conflict is an error (exit 1); the settings' are warnings: the merge is written, with the first
    // file's settings.
    expect(r.code).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, "merged.xlsx"));
    const settings = book.getWorksheet("Cấu hình");
    expect([settings?.getCell("B2").value, settings?.getCell("B5").value]).toEqual(["Lào Cai", 80]);
  }, 60000);

  it("consolidate points at a unit's blank setting, and says once that a file's indicators all differ", async () => {
    // The sample's STTTT, and a unit's file of the English template with Province left blank (a row, no value).
    const rows = samplePlanRows();
    await fs.writeFile(
      path.join(dir, "stttt.xlsx"),
      await XlsxWorkbook.of(
        buildTemplate({
          ...rows,
          units: rows.units.filter((u) => u[0] === "STTTT"),
          figures: rows.figures.filter((f) => f[0] === "STTTT"),
        }),
      ).save(),
    );
    await fs.writeFile(
      path.join(dir, "blank-en.xlsx"),
      await XlsxWorkbook.of(buildTemplate(undefined, "en")).save(),
    );
    const r = await cli("consolidate", "stttt.xlsx", "blank-en.xlsx", "-o", "m2.xlsx", "--force", "--json");
    const all = jsonFindings(r.out);
    const said = all
      .filter((f) => f.code === "CONFLICTING_SETTING")
      .map((f) => `${f.sheet}!${f.cell} ${f.message}`);
    // It had no cell, and said "là , khác với".
    expect(said).toContainEqual(
      expect.stringMatching(
        /^Settings!B2 Cài đặt “Province” trong blank-en\.xlsx là \(để trống\), khác với stttt\.xlsx \(Lào Cai\)/,
      ),
    );
    // The English template's starter indicators differ from the sample's in every one: eleven errors before, one now.
    expect(
      all
        .filter((f) => f.code.startsWith("CONFLICTING_INDICATOR"))
        .map((f) => `${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      expect.stringMatching(
        /^Indicators!A2 11 chỉ tiêu trong blank-en\.xlsx khác định nghĩa trong stttt\.xlsx: LAN, MAYTINH, CAPQUANG, EMAIL_TK, EMAIL_SD, …; /,
      ),
    ]);
  }, 60000);

  it("consolidate's messages name each file's sheets as that file does, and tell files of one name apart", async () => {
    // Two units' files without units yet, each in its unit's folder under the same name: one of the Vietnamese
    // template, one of the English.
    for (const [folder, lang] of [
      ["vi", "vi"],
      ["en", "en"],
    ] as const) {
      await fs.mkdir(path.join(dir, folder), { recursive: true });
      await fs.writeFile(
        path.join(dir, folder, "ke-hoach.xlsx"),
        await XlsxWorkbook.of(buildTemplate(undefined, lang)).save(),
      );
    }
    const files = [path.join("vi", "ke-hoach.xlsx"), path.join("en", "ke-hoach.xlsx")];
    for (const lang of [[], ["--lang", "en"]]) {
      const r = await cli("consolidate", ...files, "-o", "m.xlsx", "--force", "--json", ...lang);
      const said = jsonFindings(r.out)
        .filter((f) => f.code === "NO_UNITS")
        .map((f) => [f.file, f.sheet, f.message]);
      // Both were "ke-hoach.xlsx", and the English file's message named its sheet "Đơn vị", a sheet it does not have.
      expect(said).toEqual([
        [files[0], "Đơn vị", expect.stringMatching(/(Sheet|The) Đơn vị (sheet )?/)],
        [files[1], "Units", expect.stringMatching(/(Sheet|The) Units (sheet )?/)],
      ]);
    }
  }, 60000);
});

describe("the ictplan bin", () => {
  it("runs when called through a link named ictplan, as npx and npm's .bin do", async () => {
    const { spawnSync } = await import("node:child_process");
    const link = path.join(dir, "ictplan");
    await fs.symlink(path.join(__dirname, "..", "..", "bin", "ictplan.js"), link);
    const r = spawnSync(
      process.execPath,
      [link, "template", "-o", path.join(dir, "via-bin.xlsx"), "--lang", "en"],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Written: .*via-bin\.xlsx/);
    const bad = spawnSync(
      process.execPath,
      [link, "validate", path.join(dir, "missing.xlsx"), "--lang", "en"],
      { encoding: "utf8" },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not found/);
  });
});

describe("the rough edges of the command line (issue 17)", () => {
  it("demo exits 1 when its run has error findings, as compute does", async () => {
    const r = await cli("demo", "--period", "2013-Q1", "-o", "demo-nofigures", "--no-robustness", "--json");
    expect(JSON.parse(r.out).findings).toContainEqual(
      expect.objectContaining({ code: "NO_FIGURES_FOR_PERIOD", severity: "error" }),
    );
    expect(r.code).toBe(1);
    // Refused: no report beside it, and none claimed.
    expect(JSON.parse(r.out).report).toBeNull();
    expect((await fs.readdir(path.join(dir, "demo-nofigures"))).filter((f) => f.endsWith(".docx"))).toEqual(
      [],
    );
  });

  it("demo writes the workbook with its summary tab and the Word report beside it, and names both", async () => {
    const r = await cli("demo", "-o", "demo-out", "--no-robustness");
    const xlsx = path.join(dir, "demo-out", "lao-cai-2015-Q2.xlsx");
    const docx = path.join(dir, "demo-out", "lao-cai-2015-Q2.docx");
    expect(r.out).toContain(`Đã ghi: ${xlsx}`);
    expect(r.out).toContain(`Đã ghi: ${docx}`);
    const wb = await XlsxWorkbook.load(await fs.readFile(xlsx));
    expect(await wb.sheetNames()).toContain("Tổng hợp Quý II-2015");
    const zip = await JSZip.loadAsync(await fs.readFile(docx));
    expect(await zip.file("word/document.xml")!.async("string")).toContain("Tổng hợp Quý II/2015");
    expect(Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(3);
  });

  it("says that validate takes one file when given two", async () => {
    const r = await cli("validate", "sample.xlsx", "sample.xlsx", "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /Command validate takes one \.xlsx file, not several \(sample\.xlsx, sample\.xlsx\)/,
    );
    expect(r.err).not.toMatch(/missing/);
  });

  it("says an option needs a value, in the language asked for wherever --lang stands", async () => {
    const end = await cli("compute", "sample.xlsx", "--lang", "en", "--period");
    expect(end.code).toBe(2);
    expect(end.err).toMatch(/^Option --period needs a value, e\.g\. --period 2015-Q2\./);
    expect(end.err).not.toMatch(/Unknown option|Tùy chọn/);
    const before = await cli("compute", "sample.xlsx", "--period", "--lang", "en");
    expect(before.err).toMatch(/^Option --period needs a value/);
    const vi = await cli("compute", "sample.xlsx", "-o");
    expect(vi.err).toMatch(/^Tùy chọn -o cần một giá trị, ví dụ -o out\.xlsx\./);
  });

  it("prints JSON on stdout for usage errors and unreadable files when --json is given", async () => {
    const usage = await cli("validate", "--json", "--lang", "en");
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.out)).toEqual({
      command: "validate",
      error: "missingFile",
      message: "An .xlsx file name is missing.",
    });
    const missing = await cli("compute", "nope.xlsx", "--json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.out)).toEqual(
      expect.objectContaining({
        command: "compute",
        error: "notFound",
        message: expect.stringMatching(/nope/),
      }),
    );
  });

  it("names a folder given as the input, and a file it may not read, in the planner's words, without 'unexpected'", async () => {
    await fs.mkdir(path.join(dir, "plans.xlsx"), { recursive: true });
    const folder = await cli("validate", "plans.xlsx");
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/plans\.xlsx là một thư mục, không phải tệp/);
    const en = await runCli(dir, { LANG: "en_US.UTF-8" }, ["validate", "plans.xlsx", "--json"]);
    expect(JSON.parse(en.out)).toEqual(expect.objectContaining({ error: "inputIsFolder" }));
    expect(en.err).toMatch(/is a folder, not a file/);
    // Root reads every file whatever its mode, so the refusal the system gives another user is made here.
    const denied = Object.assign(new Error("EACCES: permission denied, open 'sample.xlsx'"), {
      code: "EACCES",
    });
    const read = jest.spyOn(fs, "readFile").mockRejectedValueOnce(denied).mockRejectedValueOnce(denied);
    try {
      const vi = await cli("validate", "sample.xlsx");
      expect(vi.code).toBe(2);
      expect(vi.err).toMatch(/^Bạn không có quyền đọc tệp .*sample\.xlsx\. Hãy xin quyền đọc tệp/);
      const enDenied = await runCli(dir, { LANG: "en_US.UTF-8" }, ["compute", "sample.xlsx", "--json"]);
      expect(enDenied.code).toBe(2);
      expect(JSON.parse(enDenied.out)).toEqual(expect.objectContaining({ error: "readDenied" }));
      expect(enDenied.err).toMatch(/You have no permission to read/);
      for (const text of [vi.err, enDenied.err])
        expect(text).not.toMatch(/EACCES|unexpected|không mong muốn/);
    } finally {
      read.mockRestore();
    }
  });

  it("refuses to write over a sheet of the planner's named like an output sheet, saying so in one language", async () => {
    const book = buildTemplate(samplePlanRows());
    book.addWorksheet("Kết quả").getCell("A1").value = "ghi chú của tôi";
    await fs.writeFile(path.join(dir, "clash.xlsx"), await XlsxWorkbook.of(book).save());
    const vi = await cli("compute", "clash.xlsx", "-o", "clash-out.xlsx", "--no-robustness");
    expect(vi.code).toBe(2);
    expect(vi.err).toMatch(/Sổ có sheet Kết quả của bạn, trùng tên với một sheet ictplan ghi ra/);
    expect(vi.err).not.toMatch(/\b(?:sheet "|exists|owned|the|is)\b/);
    const en = await runCli(dir, { LANG: "en_US.UTF-8" }, [
      "compute",
      "clash.xlsx",
      "-o",
      "clash-out.xlsx",
      "--no-robustness",
      "--lang",
      "en",
    ]);
    // In English the output sheets have English names (Results, …): the planner's Kết quả is no clash then.
    expect(en.code).toBe(0);
    await expect(fs.stat(path.join(dir, "clash-out.xlsx"))).resolves.toBeTruthy();
  });

  it("names the default output after the period computed, also when --period is not given", async () => {
    const r = await cli("compute", "sample.xlsx", "--no-robustness");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sample-ictplan-2015-Q2\.xlsx/);
    await expect(fs.stat(path.join(dir, "sample-ictplan-2015-Q2.xlsx"))).resolves.toBeTruthy();
    // What docs/cli.md says.
    const doc = await fs.readFile(path.join(__dirname, "..", "..", "docs", "cli.md"), "utf8");
    expect(doc).toMatch(/default `<name>-ictplan-<period>\.xlsx`, the period being the one computed/);
  });

  it("names the output of a run on last quarter's output after the new period, without a growing chain of suffixes", async () => {
    await fs.copyFile(path.join(dir, "sample.xlsx"), path.join(dir, "lc-ictplan-2015-Q1.xlsx"));
    const next = await cli("compute", "lc-ictplan-2015-Q1.xlsx", "--period", "2015-Q2", "--no-robustness");
    expect(next.code).toBe(0);
    expect(next.out).toMatch(/lc-ictplan-2015-Q2\.xlsx/);
    await expect(fs.stat(path.join(dir, "lc-ictplan-2015-Q2.xlsx"))).resolves.toBeTruthy();
    // The same period again: that name is the input's own, so the suffix is added rather than refused.
    const same = await cli("compute", "lc-ictplan-2015-Q2.xlsx", "--period", "2015-Q2", "--no-robustness");
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/lc-ictplan-2015-Q2-ictplan-2015-Q2\.xlsx/);
    const report = await cli("report", "lc-ictplan-2015-Q2.xlsx", "--period", "2015-Q2");
    expect(report.code).toBe(0);
    await expect(fs.stat(path.join(dir, "lc-ictplan-2015-Q2.docx"))).resolves.toBeTruthy();
  });

  it("counts the findings in English with singular and plural ('1 warning', '4 warnings')", async () => {
    const four = await runCli(dir, { LANG: "en_US.UTF-8" }, ["validate", "sample.xlsx"]);
    expect(four.out).toMatch(/^Checks: 0 errors, 4 warnings, 0 info\./);
    await fs.writeFile(path.join(dir, "blank.xlsx"), await XlsxWorkbook.of(buildTemplate()).save());
    const one = await runCli(dir, { LANG: "en_US.UTF-8" }, ["validate", "blank.xlsx"]);
    expect(one.out).toMatch(/^Checks: 0 errors, 1 warning, 0 info\./);
    const vi = await cli("validate", "blank.xlsx");
    expect(vi.out).toMatch(/^Kiểm tra: 0 lỗi, 1 cảnh báo, 0 thông tin\./);
  });

  it("says which period it computes, and not '……' when none is given", async () => {
    const none = await cli("compute", "sample.xlsx", "--no-robustness");
    expect(none.err).toMatch(/Đang tính kỳ hiện tại của sổ…/);
    expect(none.err).not.toMatch(/……/);
    const given = await cli("compute", "sample.xlsx", "--period", "2015-Q1", "--no-robustness");
    expect(given.err).toMatch(/Đang tính Quý I\/2015…/);
  });

  it("puts one label over each of the five columns of the findings table, aligned", async () => {
    const r = await cli("validate", "sample.xlsx");
    const lines = r.out.split("\n");
    const head = lines[1];
    const row = lines.find((l) => /MISSING_FIGURE/.test(l)) ?? "";
    expect(head.trim().split(/\s{2,}/)).toEqual(["Mức độ", "Sheet", "Ô", "Mã", "Nội dung"]);
    // Each label starts where its column's values start.
    expect(row.indexOf("Số liệu")).toBe(head.indexOf("Sheet"));
    expect(row.indexOf("H177")).toBe(head.indexOf("Ô"));
    expect(row.indexOf("MISSING_FIGURE")).toBe(head.indexOf("Mã"));
    expect(row.indexOf("Thiếu")).toBe(head.indexOf("Nội dung"));
  });

  it.each([
    ["Lào Cai", "tỉnh Lào Cai", "Lào Cai province"],
    ["Tỉnh Lào Cai", "tỉnh Lào Cai", "Lào Cai province"],
    ["tinh Lao Cai", "tỉnh Lao Cai", "Lao Cai province"],
    ["Thành phố Hà Nội", "Thành phố Hà Nội", "Thành phố Hà Nội"],
  ])("titles the sheets for a Tỉnh setting of %s without saying tỉnh twice", async (province, vi, en) => {
    const rows = samplePlanRows();
    const mine: PlanRows = {
      ...rows,
      settings: rows.settings.map(([k, v]) => [k, k === "Tỉnh" ? province : v] as const),
    };
    const name = `province-${province.replace(/\s/g, "_")}.xlsx`;
    await fs.writeFile(path.join(dir, name), await XlsxWorkbook.of(buildTemplate(mine)).save());
    for (const [lang, sheet, expected] of [
      ["vi", "Xếp hạng", vi],
      ["en", "Ranking", en],
    ] as const) {
      const out = `title-${lang}-${name}`;
      expect((await cli("compute", name, "-o", out, "--no-robustness", "--lang", lang)).code).toBe(0);
      const wb = await XlsxWorkbook.load(await fs.readFile(path.join(dir, out)));
      const grid = (await wb.readGrids()).sheets.find((g) => g.sheet === sheet);
      const title = String(grid?.values[1 - grid.originRow]?.[1 - grid.originCol]);
      expect(title).toMatch(new RegExp(`– ${expected}$`));
    }
  });

  it("writes the template in English with --lang en", async () => {
    expect((await cli("template", "-o", "template-en.xlsx", "--lang", "en")).code).toBe(0);
    const wb = await XlsxWorkbook.load(await fs.readFile(path.join(dir, "template-en.xlsx")));
    const names = (await wb.readGrids()).sheets.map((g) => g.sheet);
    expect(names).toEqual(
      expect.arrayContaining(["Instructions", "Settings", "Units", "Indicators", "Figures"]),
    );
    expect((await cli("template", "-o", "template-vi.xlsx")).code).toBe(0);
    const vi = await XlsxWorkbook.load(await fs.readFile(path.join(dir, "template-vi.xlsx")));
    expect((await vi.readGrids()).sheets.map((g) => g.sheet)).toEqual(
      expect.arrayContaining(["Hướng dẫn", "Cấu hình"]),
    );
  });

  it("writes the sample with the same bytes on every run, equal to the bundled file (npm run sample leaves git clean)", async () => {
    const a = await sampleWorkbookBytes();
    const bundled = new Uint8Array(
      await fs.readFile(path.join(__dirname, "..", "..", "assets", "samples", "lao-cai-2015.xlsx")),
    );
    expect(Buffer.from(a).equals(Buffer.from(bundled))).toBe(true);
    const r = await cli("sample", "-o", "sample-again.xlsx");
    expect(r.code).toBe(0);
    expect(
      Buffer.from(await fs.readFile(path.join(dir, "sample-again.xlsx"))).equals(Buffer.from(bundled)),
    ).toBe(true);
  });
});
