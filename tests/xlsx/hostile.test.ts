/** Bounded resources: hostile files made on the fly are refused with a clear message, and cheap files stay cheap. */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { DEFAULT_LIMITS, WorkbookProblem } from "../../src/workbook/xlsx/problems";
import { PreviewWorkbook } from "../../src/preview/previewWorkbook";
import { describeOfficeError } from "../../src/taskpane/errors";
import { minimalParts, sheetOf, zipOf } from "../helpers/packages";

const run = promisify(execFile);
const BIN = path.join(__dirname, "..", "..", "bin", "ictplan.js");
let dir: string;
let sample: Uint8Array;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-hostile-"));
  sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Runs the real CLI in its own process, with peak memory (KB) from /usr/bin/time. */
async function cliProcess(
  file: string,
  bytes: Uint8Array,
): Promise<{ code: number; err: string; out: string; cpuMs: number; peakMB: number }> {
  const p = path.join(dir, file);
  await fs.writeFile(p, bytes);
  const r = await run("/usr/bin/time", ["-f", "PEAK %M CPU %U %S", process.execPath, BIN, "validate", p], {
    env: { ...process.env, LANG: "en_US.UTF-8" },
    maxBuffer: 1 << 26,
  }).then(
    (x) => ({ code: 0, stdout: x.stdout, stderr: x.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
  // CPU time, not wall time: the machine running the tests may be busy with other work.
  const m = /PEAK (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const cpuMs = m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN;
  const peakMB = m ? Number(m[1]) / 1024 : NaN;
  return { code: r.code, err: r.stderr.replace(/PEAK .*\s*$/, ""), out: r.stdout, cpuMs, peakMB };
}

const JS_TEXT = /TypeError|RangeError|heap out of memory|Error:|\bat \S+ \(/;

describe("hostile files", () => {
  it("a zip bomb (under 1 MB expanding to 400 MB of sheet XML) is refused, whether its sizes are honest or not", async () => {
    // A row then blank space, the way a bomb pads its XML: deflate's best ratio (about 1000:1).
    const row = `<row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(4000)}`;
    const bomb = {
      head: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
      repeat: row,
      times: Math.ceil((400 * 1024 * 1024) / row.length),
      tail: `</sheetData></worksheet>`,
    };
    for (const lie of [undefined, 1000]) {
      const bytes = await zipOf(minimalParts({ Bom: bomb }), lie);
      expect(bytes.length).toBeLessThan(1024 * 1024);
      const r = await cliProcess(`bomb-${lie ?? "honest"}.xlsx`, bytes);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/unpacks to more than 300 MB/);
      expect(r.err).not.toMatch(JS_TEXT);
      expect(r.peakMB).toBeLessThan(1000);
    }
  }, 180000);

  it("a cell of 400 million characters is refused without running out of memory", async () => {
    const bytes = await zipOf(
      minimalParts({
        Text: {
          head: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
          repeat: "A",
          times: 400_000_000,
          tail: `</t></is></c></row></sheetData></worksheet>`,
        },
      }),
      1000,
    );
    const r = await cliProcess("cell.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unpacks to more than/);
    expect(r.err).not.toMatch(JS_TEXT);
    expect(r.peakMB).toBeLessThan(1000);
  }, 180000);

  it("text longer than Excel's 32,767 characters is refused naming the sheet and cell", async () => {
    const long = "B".repeat(40000);
    const bytes = await zipOf(
      minimalParts({
        "Đơn vị": sheetOf(`<row r="7"><c r="C7" t="inlineStr"><is><t>${long}</t></is></c></row>`),
      }),
    );
    const r = await cliProcess("long.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Cell C7 of sheet Đơn vị .* 40000 characters, over Excel's limit of 32767/);
  }, 60000);

  it("data past Excel's last row is refused as not written by Excel", async () => {
    const bytes = await zipOf(
      minimalParts({ X: sheetOf(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`) }),
    );
    const r = await cliProcess("rows.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Sheet X of .* has data beyond row 1048576/);
  }, 60000);

  it("one stray value far from the data is refused naming its cell, before rows grow to its width", async () => {
    // 2,000 rows with a value in A and one in XFD: 2,000 × 16,384 = 32.8 million cells of grid, over the 20 million.
    const rows = [`<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>`];
    for (let r = 2; r <= 2000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const bytes = await zipOf(minimalParts({ X: sheetOf(rows.join("")) }));
    const r = await cliProcess("wide.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Sheet X of .* has data as far right as cell XFD1 and as far down as cell A1221/);
    expect(r.err).not.toMatch(/at |Error/);
  }, 60000);

  it("the cell budget is counted over all sheets while reading", async () => {
    const wb = await XlsxWorkbook.load(sample, { ...DEFAULT_LIMITS, maxCells: 1000 });
    const err = await wb.readGrids().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookProblem);
    expect((err as WorkbookProblem).reason).toBe("tooManyCells");
  });

  it("in the pane, a limit met while reading is told with the file's name in the pane's language", async () => {
    const wb = new PreviewWorkbook(
      await XlsxWorkbook.load(sample, { ...DEFAULT_LIMITS, maxCells: 1000 }),
      "plan.xlsx",
    );
    const err = await wb.readGrids().then(
      () => null,
      (e: unknown) => e,
    );
    expect(describeOfficeError(err, "en")).toMatch(
      /^Workbook plan\.xlsx has more than 1000 cells with data .*reached on sheet /,
    );
    expect(describeOfficeError(err, "vi")).toMatch(/^Sổ plan\.xlsx có hơn 1000 ô có dữ liệu/);
  });
});

describe("cheap files stay cheap", () => {
  it("a workbook whose figures sheet has 1,048,576 empty styled rows validates in seconds with little memory", async () => {
    const rows: string[] = [];
    // Find the figures sheet's part through the workbook and its relationships.
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(sample);
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    const sheetTag = /<sheet [^>]*name="Số liệu"[^>]*>/.exec(wbXml)![0];
    const rid = /r:id="([^"]+)"/.exec(sheetTag)![1];
    const figuresPart = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`;
    const xml = await zip.file(figuresPart)!.async("string");
    const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
    for (let r = last + 1; r <= 1_048_576; r++) rows.push(`<row r="${r}" s="1" customFormat="1" ht="15"/>`);
    zip.file(figuresPart, xml.replace("</sheetData>", `${rows.join("")}</sheetData>`));
    const big = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(big.length).toBeLessThan(4 * 1024 * 1024);
    const before = await cliProcess("plain.xlsx", sample);
    const r = await cliProcess("styled-rows.xlsx", big);
    expect(r.code).toBe(before.code);
    expect(r.out).toEqual(before.out);
    expect(r.cpuMs).toBeLessThan(before.cpuMs + 3000);
    expect(r.peakMB).toBeLessThan(600);
  }, 120000);
});
