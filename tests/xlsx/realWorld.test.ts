/** Workbooks as planners have them: saved by LibreOffice, inline and rich strings, prefixed XML, minimal, 1904 dates. */
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { run, type Io } from "../../src/cli/main";
import { PROBLEM_MESSAGES } from "../../src/workbook/problemText";
import { msg } from "../../src/cli/messages";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { editPackage, minimalParts, partsOf, sharedStringTexts, sheetOf, zipOf } from "../helpers/packages";
import { errorsAdded } from "../helpers/openXmlSdk";

let sample: Uint8Array;
let sampleGrids: Awaited<ReturnType<XlsxWorkbook["readGrids"]>>;
let dir: string;
beforeAll(async () => {
  sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
  sampleGrids = await (await XlsxWorkbook.load(sample)).readGrids();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-real-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Computes a workbook's bytes and returns the output reopened. */
async function compute(bytes: Uint8Array): Promise<XlsxWorkbook> {
  const wb = await XlsxWorkbook.load(bytes);
  const r = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
  expect(r.sheets.length).toBe(4);
  await wb.applySheets(r.sheets);
  return XlsxWorkbook.load(await wb.save());
}

const sheetParts = (names: Iterable<string>) =>
  [...names].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));

async function rewriteSheets(bytes: Uint8Array, f: (xml: string) => string): Promise<Uint8Array> {
  const parts = await partsOf(bytes);
  return editPackage(bytes, Object.fromEntries(sheetParts(parts.keys()).map((n) => [n, f])));
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function sharedStrings(bytes: Uint8Array): Promise<string[]> {
  return sharedStringTexts(new TextDecoder().decode((await partsOf(bytes)).get("xl/sharedStrings.xml")));
}

describe("workbooks saved by LibreOffice Calc", () => {
  const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p));
  (soffice ? it : it.skip)(
    "the sample opened and saved by LibreOffice computes, and the output opens again in LibreOffice",
    async () => {
      const src = path.join(dir, "lo-in.xlsx");
      await fs.writeFile(src, sample);
      const profile = `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`;
      const convert = (file: string, to: string, outDir: string) =>
        execFileSync(soffice!, [profile, "--headless", "--convert-to", to, "--outdir", outDir, file], {
          stdio: "pipe",
          timeout: 300000,
        });
      const loDir = path.join(dir, "lo");
      convert(src, "xlsx:Calc MS Excel 2007 XML", loDir);
      const saved = new Uint8Array(await fs.readFile(path.join(loDir, "lo-in.xlsx")));
      // LibreOffice writes tables without a style element, what made the old writer throw.
      const tables = [...(await partsOf(saved)).entries()].filter(([n]) => n.includes("tables/"));
      expect(tables.length).toBeGreaterThan(0);
      const out = await compute(saved);
      const grids = await out.readGrids();
      expect(grids.sheets.map((g) => g.sheet)).toEqual(expect.arrayContaining(["Kết quả", "Xếp hạng"]));
      const outFile = path.join(dir, "lo-out.xlsx");
      const outBytes = await out.save();
      await fs.writeFile(outFile, outBytes);
      expect(await errorsAdded(saved, outBytes)).toEqual([]);
      convert(outFile, "csv", path.join(dir, "lo-csv"));
      expect((await fs.stat(path.join(dir, "lo-csv", "lo-out.csv"))).size).toBeGreaterThan(0);
    },
    600000,
  );

  it("tables without a style element (as LibreOffice writes them) compute", async () => {
    const parts = await partsOf(sample);
    const tables = [...parts.keys()].filter((n) => n.startsWith("xl/tables/"));
    const bytes = await editPackage(
      sample,
      Object.fromEntries(tables.map((n) => [n, (x: string) => x.replace(/<tableStyleInfo[^>]*\/>/, "")])),
    );
    const out = await compute(bytes);
    expect((await out.readGrids()).sheets.length).toBe(sampleGrids.sheets.length + 4);
  });
});

describe("strings as other programs write them", () => {
  it("inline strings read as the shared strings they replace", async () => {
    const sst = await sharedStrings(sample);
    const bytes = await rewriteSheets(sample, (xml) =>
      xml.replace(
        /<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
        (_, r, a, b, n) =>
          `<c r="${r}"${a} t="inlineStr"${b}><is><t>${xmlEscape(sst[Number(n)])}</t></is></c>`,
      ),
    );
    expect(new TextDecoder().decode((await partsOf(bytes)).get("xl/worksheets/sheet3.xml"))).toContain(
      "inlineStr",
    );
    expect(await (await XlsxWorkbook.load(bytes)).readGrids()).toEqual(sampleGrids);
  });

  it("rich text runs are joined and phonetic guides left out", async () => {
    const bytes = await editPackage(sample, {
      "xl/sharedStrings.xml": (xml) =>
        xml.replace(/<si><t(?: xml:space="preserve")?>([\s\S]*?)<\/t><\/si>/g, (_, text: string) => {
          const cut = Math.floor(text.length / 2);
          return `<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">${text.slice(0, cut).replace(/&[^;]*$/, "")}</t></r><r><t xml:space="preserve">${text.slice(cut)}</t></r><rPh sb="0" eb="1"><t>フリ</t></rPh></si>`;
        }),
    });
    // Cutting inside an entity would change the text: the sample's strings are checked equal below anyway.
    const grids = await (await XlsxWorkbook.load(bytes)).readGrids();
    const units = grids.sheets.find((g) => g.sheet === "Đơn vị")!;
    expect(units.values.slice(0, 3)).toEqual(
      sampleGrids.sheets.find((g) => g.sheet === "Đơn vị")!.values.slice(0, 3),
    );
    expect(JSON.stringify(grids)).not.toContain("フリ");
  });
});

describe("namespaced XML with a prefix other than the default", () => {
  const prefixed = (xml: string) =>
    xml
      .replace(
        /xmlns="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/,
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
      )
      .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s>/])/g, (m, slash: string, name: string) =>
        name.includes(":") ? m : `<${slash}x:${name}`,
      );

  it("reads the same grids, and computes into a workbook whose sheet list keeps its prefix", async () => {
    const parts = await partsOf(sample);
    const bytes = await editPackage(sample, {
      "xl/workbook.xml": prefixed,
      "xl/styles.xml": prefixed,
      "xl/sharedStrings.xml": prefixed,
      ...Object.fromEntries(sheetParts(parts.keys()).map((n) => [n, prefixed])),
    });
    expect(new TextDecoder().decode((await partsOf(bytes)).get("xl/workbook.xml"))).toContain("<x:sheets>");
    expect(await (await XlsxWorkbook.load(bytes)).readGrids()).toEqual(sampleGrids);
    const out = await compute(bytes);
    const outBytes = await out.save();
    expect(await errorsAdded(bytes, outBytes)).toEqual([]);
    const wbXml = new TextDecoder().decode((await partsOf(outBytes)).get("xl/workbook.xml"));
    expect(wbXml).toMatch(/<x:sheet name="Kết quả"/);
    expect(wbXml).not.toMatch(/<sheet /);
    expect(await out.ownedSheets()).toHaveLength(4);
  });
});

describe("minimal packages", () => {
  const spec: SheetSpec = {
    name: "Kết quả",
    kind: "results",
    blocks: [
      {
        row: 1,
        col: 1,
        cells: [
          [
            { value: "Tổng", style: { bold: true, fill: "1F4E79" } },
            { formula: "=B2*2", value: 0, numberFormat: "0.0%" },
          ],
        ],
      },
    ],
  };

  it("a package with only a workbook and a sheet (no styles, no shared strings) reads and takes output sheets", async () => {
    const bytes = await zipOf(
      minimalParts({
        "Số liệu": sheetOf(
          `<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c><c r="B1"><v>12.5</v></c></row><row r="3"><c r="C3" t="b"><v>1</v></c></row>`,
        ),
      }),
    );
    const wb = await XlsxWorkbook.load(bytes);
    expect((await wb.readGrids()).sheets[0].values).toEqual([
      ["Mã", 12.5, null],
      [null, null, null],
      [null, null, true],
    ]);
    await wb.applySheets([spec]);
    const saved = await wb.save();
    expect(await errorsAdded(bytes, saved)).toEqual([]);
    const parts = await partsOf(saved);
    const types = new TextDecoder().decode(parts.get("[Content_Types].xml"));
    expect(types).toContain('PartName="/xl/styles.xml"');
    expect(new TextDecoder().decode(parts.get("xl/_rels/workbook.xml.rels"))).toMatch(
      /Type="[^"]*\/styles" Target="styles.xml"/,
    );
    const back = await XlsxWorkbook.load(saved);
    const out = (await back.readGrids()).sheets.find((g) => g.sheet === "Kết quả")!;
    expect(out.values).toEqual([["Tổng", 0]]);
    expect(out.formulas).toEqual([[null, "=B2*2"]]);
  });

  it("1904 and 1900 date systems give the same calendar dates", async () => {
    const styles =
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const withStyles = (wbExtra: string, serial: number) => {
      const p = minimalParts(
        { D: sheetOf(`<row r="1"><c r="A1" s="1"><v>${serial}</v></c><c r="B1"><v>${serial}</v></c></row>`) },
        wbExtra,
      );
      p["xl/styles.xml"] = styles;
      p["xl/_rels/workbook.xml.rels"] = (p["xl/_rels/workbook.xml.rels"] as string).replace(
        "</Relationships>",
        `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      );
      return zipOf(p);
    };
    const d1904 = await (
      await XlsxWorkbook.load(await withStyles('<workbookPr date1904="1"/>', 40543))
    ).readGrids();
    const d1900 = await (await XlsxWorkbook.load(await withStyles("", 42005))).readGrids();
    expect(d1904.sheets[0].values[0]).toEqual([new Date(Date.UTC(2015, 0, 1)), 40543]);
    expect(d1900.sheets[0].values[0]).toEqual([new Date(Date.UTC(2015, 0, 1)), 42005]);
  });
});

describe("files that cannot be read: the cause in the planner's words, never JavaScript's", () => {
  async function validate(
    name: string,
    bytes: Uint8Array,
    lang = "en",
  ): Promise<{ code: number; err: string }> {
    await fs.writeFile(path.join(dir, name), bytes);
    const err: string[] = [];
    const io: Io = { stdout: () => undefined, stderr: (s) => err.push(s), env: { LANG: lang }, cwd: dir };
    return { code: await run(["validate", name], io), err: err.join("\n") };
  }
  const cfb = (withEncryption: boolean) => {
    const b = new Uint8Array(4096);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = Array.from(withEncryption ? "EncryptionInfo" : "Workbook").flatMap((c) => [
      c.charCodeAt(0),
      0,
    ]);
    b.set(name, 1024);
    return b;
  };

  it.each([
    ["password.xlsx", async () => cfb(true), /protected with a password.*Encrypt with Password/],
    ["old.xls", async () => cfb(false), /old \.xls workbook.*Save As.*soffice --headless --convert-to xlsx/],
    [
      // An .xls with a password to open (LibreOffice's MS Excel 97 filter with a Password, as Excel 2003 writes it):
      // the Workbook stream's BOF record is followed by FILEPASS, and soffice --convert-to cannot open it either.
      "locked.xls",
      async () => {
        const b = cfb(false);
        b.set([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00], 1536);
        b.set([0x2f, 0x00, 0x36, 0x00], 1556);
        return b;
      },
      /protected with a password.*Encrypt with Password/,
    ],
    [
      "calc.ods",
      () => zipOf({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }),
      /OpenDocument spreadsheet \(\.ods\).*convert-to xlsx/,
    ],
    ["cut.xlsx", async () => sample.slice(0, Math.floor(sample.length / 2)), /is damaged.*repair/],
    [
      "notes.xlsx",
      async () => new TextEncoder().encode("just text, not a workbook"),
      /is not an \.xlsx file/,
    ],
    ["other.xlsx", () => zipOf({ "readme.txt": "hello" }), /is not an \.xlsx file/],
    [
      // A Word document named .xlsx (or the report ictplan writes beside its output, given by mistake).
      "report.xlsx",
      () =>
        zipOf({
          "[Content_Types].xml": "<Types/>",
          "_rels/.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
          "word/document.xml":
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
        }),
      /is a Word document \(\.docx\), not an Excel workbook/,
    ],
    [
      "nosheets.xlsx",
      () => zipOf({ ...minimalParts({}), "xl/workbook.xml": "<workbook><sheets/></workbook>" }),
      /has no worksheets/,
    ],
    ["empty.xlsx", async () => new Uint8Array(0), /is empty \(0 bytes\).*Get the file again/],
    [
      // Excel's Save As → Strict Open XML Spreadsheet: ISO/IEC 29500 Strict namespaces throughout.
      "strict.xlsx",
      () =>
        editPackage(sample, {
          "xl/workbook.xml": (x) =>
            x
              .replace(
                "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "http://purl.oclc.org/ooxml/spreadsheetml/main",
              )
              .replace(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships",
              ),
        }),
      /saved as Strict Open XML Spreadsheet.*Save As → Excel Workbook \(\.xlsx\)/,
    ],
    [
      // Report software often exports an HTML table named .xls; Excel opens it after a warning.
      "export.xls",
      async () =>
        new TextEncoder().encode(
          '\uFEFF<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table><tr><td>Mã</td></tr></table></body></html>',
        ),
      /really a web page \(HTML\).*Save As.*--infilter="HTML \(StarCalc\)" --convert-to xlsx/,
    ],
    [
      "xml2003.xls",
      async () =>
        new TextEncoder().encode(
          '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        ),
      /XML Spreadsheet 2003.*Save As.*soffice --headless --convert-to xlsx/,
    ],
    [
      "binary.xlsb",
      () =>
        zipOf({
          "[Content_Types].xml": "<Types/>",
          "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
          "xl/workbook.bin": new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00]),
        }),
      /Excel Binary Workbook \(\.xlsb\).*Save As.*convert-to xlsx/,
    ],
    [
      // Numbers 2013 and later: a zip of Snappy-compressed IWA archives.
      "plan.numbers",
      () =>
        zipOf({
          "Index/Document.iwa": new Uint8Array([0, 5, 0, 0, 1]),
          "Metadata/Properties.plist": "<plist/>",
        }),
      /Apple Numbers spreadsheet.*Export To → Excel/,
    ],
  ])("%s", async (name, make, message) => {
    const r = await validate(name, await make());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/TypeError|ReferenceError|Error:|undefined|\bat \S+ \(/);
    const vi = await validate(name, await make(), "vi");
    expect(vi.code).toBe(2);
    expect(vi.err).toMatch(/Tệp|Sổ/);
    expect(vi.err).not.toMatch(
      /TypeError|ReferenceError|Error:|undefined|\bat \S+ \(|\b(?:the|is|file|open)\b/,
    );
    // The same advice in both languages: the commands and menu paths quoted are the same number of them.
    expect(vi.err.match(/soffice|→/g)?.length ?? 0).toBe(r.err.match(/soffice|→/g)?.length ?? 0);
  });

  it("every reason a file cannot be read, the read limits included, has its message in Vietnamese and English", () => {
    const params: Record<string, string | number> = {
      file: "ke-hoach.xlsx",
      part: "xl/worksheets/sheet5.xml",
      sheet: "Data2015",
      cell: "C7",
      length: 40000,
      limit: 32767,
      limitMB: 300,
      right: "XFD1",
      down: "A1221",
    };
    for (const [reason, key] of Object.entries(PROBLEM_MESSAGES)) {
      const vi = msg("vi", key, params);
      const en = msg("en", key, params);
      for (const m of [vi, en]) {
        expect([reason, m]).not.toEqual([reason, expect.stringMatching(/[{}]|undefined|Error/)]);
        expect(m).toContain("ke-hoach.xlsx");
      }
      expect([reason, vi]).toEqual([reason, expect.stringMatching(/[ệổờ]/)]);
      expect([reason, vi]).not.toEqual([
        reason,
        expect.stringMatching(/\b(?:the|is|file|save)\b|\bopen\b(?! XML)/i),
      ]);
      expect([reason, en]).not.toEqual([reason, expect.stringMatching(/[ệổờ]/)]);
      // The limit messages say which limit and where.
      if (/tooMany|textTooLong|tooWide/.test(reason))
        for (const m of [vi, en]) expect(m).toMatch(/Data2015.*32767|32767.*Data2015/);
      if (reason === "tooWide") for (const m of [vi, en]) expect(m).toMatch(/XFD1.*A1221/);
      if (reason === "tooLarge") for (const m of [vi, en]) expect(m).toContain("300 MB");
    }
  });
});
