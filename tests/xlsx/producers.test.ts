/**
 * The sample plan as other programs save it: Google Sheets, WPS Office, Excel on the web / for Mac, and exporters that
 * leave out cell references. Each fixture reproduces the package quirks those programs are reported to write (sources
 * beside each), is read into the same plan as the sample, computes, and its output is opened and recalculated by
 * LibreOffice Calc with the same results the engine cached.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import type { CellValue, Grid, WorkbookGrids } from "../../src/engine/grid";
import { partsOf, sharedStringTexts, zipOf } from "../helpers/packages";
import { haveOffice, recalculate } from "../helpers/libreoffice";
import { errorsAdded } from "../helpers/openXmlSdk";

type Parts = Map<string, string | Uint8Array>;

const text = /\.(xml|rels|vml)$/;

async function unpack(bytes: Uint8Array): Promise<Parts> {
  const out: Parts = new Map();
  for (const [name, b] of await partsOf(bytes))
    out.set(name, text.test(name) ? new TextDecoder().decode(b) : b);
  return out;
}

const pack = (p: Parts) => zipOf(Object.fromEntries(p));

function edit(p: Parts, name: string, f: (xml: string) => string): void {
  const x = p.get(name);
  if (typeof x !== "string") throw new Error(`no part ${name}`);
  p.set(name, f(x));
}

function rename(p: Parts, from: string, to: string): void {
  const x = p.get(from);
  if (x === undefined) return;
  p.delete(from);
  p.set(to, x);
}

const sheetParts = (p: Parts) => [...p.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const addRel = (xml: string, rel: string) => xml.replace("</Relationships>", `${rel}</Relationships>`);
const addType = (xml: string, t: string) => xml.replace("</Types>", `${t}</Types>`);

/**
 * Google Sheets (File → Download → .xlsx):
 * - sheet parts not numbered in the workbook's order (tidyverse/readxl#104: "the ith sheet is not sheet{i}.xml");
 * - absolute relationship targets, "/xl/worksheets/sheet4.xml" (tidyverse/readxl#294, exceljs/exceljs#1220) and in
 *   the package relationships "/xl/workbook.xml" (doy/spreadsheet-parsexlsx#46);
 * - rows without "spans" (exceljs/exceljs#203, a Google Sheets download);
 * - no docProps/app.xml and no calcChain; Excel 2010+ revision namespaces declared ignorable (mc:Ignorable, xr:uid).
 */
function googleSheets(p: Parts): void {
  p.delete("docProps/app.xml");
  edit(p, "_rels/.rels", (x) =>
    x
      .replace(/<Relationship [^>]*Target="docProps\/app\.xml"\/>/, "")
      .replace(/Target="xl\//g, 'Target="/xl/'),
  );
  edit(p, "[Content_Types].xml", (x) => x.replace(/<Override PartName="\/docProps\/app\.xml"[^>]*\/>/, ""));
  const sheets = sheetParts(p);
  const n = sheets.length;
  const to = (k: number) => n + 1 - k;
  for (let k = 1; k <= n; k++) {
    rename(p, `xl/worksheets/sheet${k}.xml`, `xl/worksheets/tmp${to(k)}.xml`);
    rename(p, `xl/worksheets/_rels/sheet${k}.xml.rels`, `xl/worksheets/_rels/tmp${to(k)}.xml.rels`);
  }
  for (let k = 1; k <= n; k++) {
    rename(p, `xl/worksheets/tmp${k}.xml`, `xl/worksheets/sheet${k}.xml`);
    rename(p, `xl/worksheets/_rels/tmp${k}.xml.rels`, `xl/worksheets/_rels/sheet${k}.xml.rels`);
  }
  edit(p, "xl/_rels/workbook.xml.rels", (x) =>
    x.replace(/Target="([^"/][^"]*)"/g, (_, t: string) => {
      const m = /^worksheets\/sheet(\d+)\.xml$/.exec(t);
      return `Target="/xl/${m ? `worksheets/sheet${to(Number(m[1]))}.xml` : t}"`;
    }),
  );
  for (const rels of [...p.keys()].filter((k) => k.startsWith("xl/worksheets/_rels/")))
    edit(p, rels, (x) => x.replace(/Target="\.\.\//g, 'Target="/xl/'));
  for (const s of sheetParts(p))
    edit(p, s, (x) =>
      x
        .replace(/ spans="[^"]*"/g, "")
        .replace(
          'mc:Ignorable="x14ac"',
          'mc:Ignorable="x14ac xr xr2 xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ' +
            'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" ' +
            'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{00000000-0001-0000-0000-000000000000}"',
        ),
    );
}

/** A 1×1 PNG, the picture of a WPS in-cell image. */
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

/**
 * WPS Office (Kingsoft), common in Vietnamese public offices:
 * - pictures placed in cells: an xl/cellimages.xml part in WPS's own namespace, related from the workbook, and cells
 *   holding =_xlfn.DISPIMG("ID_…",1) whose cached value is text (genspark-ai/genoffice#693, productdevbook/hucre#184;
 *   wangguanquan/eec#247: readers that check content types choke on it);
 * - docProps/custom.xml with WPS's KSOProductBuildVer and ICV properties, and customXml parts;
 * - a wrong <dimension ref="A1"/> (langgenius/dify#1039: "openpyxl can only read the data from the first cell");
 * - the 1904 date system, booleans, errors, t="str" formula results and rich inline text in a planner's note sheet.
 */
function wps(p: Parts): void {
  edit(p, "xl/workbook.xml", (x) =>
    x
      .replace(/<workbookPr([^>]*)\/>/, '<workbookPr$1 date1904="1"/>')
      .replace(
        "</workbook>",
        '<extLst><ext uri="{ED5DB3B6-8D4A-4A2B-A9E3-5E1B1A0F3F2B}" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">' +
          '<etc:wpsCustomData xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/></ext></extLst></workbook>',
      ),
  );
  const sheets = sheetParts(p);
  const note = `xl/worksheets/sheet${sheets.length + 1}.xml`;
  edit(p, "xl/workbook.xml", (x) =>
    x.replace("</sheets>", `<sheet name="Ghi chú" sheetId="${sheets.length + 1}" r:id="rIdNote"/></sheets>`),
  );
  edit(p, "xl/_rels/workbook.xml.rels", (x) =>
    addRel(
      addRel(
        addRel(
          x,
          `<Relationship Id="rIdNote" Type="${RELS}/worksheet" Target="worksheets/${note.slice(14)}"/>`,
        ),
        '<Relationship Id="rIdImg" Type="http://www.wps.cn/officeDocument/2020/cellImage" Target="cellimages.xml"/>',
      ),
      `<Relationship Id="rIdXml" Type="${RELS}/customXml" Target="../customXml/item1.xml"/>`,
    ),
  );
  // The note sheet's date uses a date format: a cell format added at the end of cellXfs.
  let dateStyle = 0;
  edit(p, "xl/styles.xml", (x) =>
    x.replace(/<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/, (_, count: string, xfs: string) => {
      dateStyle = Number(count);
      return `<cellXfs count="${dateStyle + 1}">${xfs}<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`;
    }),
  );
  p.set(
    note,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELS}"><dimension ref="A1"/><sheetData>` +
      `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><sz val="11"/><rFont val="Times New Roman"/></rPr><t>Ghi chú</t></r><r><t xml:space="preserve"> của phòng</t></r></is></c>` +
      `<c r="B1" t="str"><f>"Quý "&amp;"II"</f><v>Quý II</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
      `<c r="E1" s="${dateStyle}"><v>40543</v></c><c r="F1" t="str"><f>_xlfn.DISPIMG("ID_5A0B6C",1)</f><v>=DISPIMG("ID_5A0B6C",1)</v></c></row>` +
      `</sheetData></worksheet>`,
  );
  p.set(
    "xl/cellimages.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="${RELS}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">` +
      `<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="ID_5A0B6C" descr="logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
      `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage></etc:cellImages>`,
  );
  p.set(
    "xl/_rels/cellimages.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/image" Target="media/image1.png"/></Relationships>`,
  );
  p.set("xl/media/image1.png", PNG);
  p.set(
    "docProps/custom.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>1066-12.2.0.13431</vt:lpwstr></property>` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>5E1B1A0F3F2B4C8D9A6B7C8D9E0F1A2B</vt:lpwstr></property></Properties>`,
  );
  p.set(
    "customXml/item1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><s:customData xmlns="http://www.wps.cn/officeDocument/2013/wpsCustomData" xmlns:s="http://www.wps.cn/officeDocument/2013/wpsCustomData"><customSheetViews/></s:customData>`,
  );
  p.set(
    "customXml/itemProps1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{8A2B0C1D-2E3F-4A5B-8C7D-9E0F1A2B3C4D}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://www.wps.cn/officeDocument/2013/wpsCustomData"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  p.set(
    "customXml/_rels/item1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/customXmlProps" Target="itemProps1.xml"/></Relationships>`,
  );
  edit(p, "_rels/.rels", (x) =>
    addRel(x, `<Relationship Id="rIdCustom" Type="${RELS}/custom-properties" Target="docProps/custom.xml"/>`),
  );
  edit(p, "[Content_Types].xml", (x) =>
    addType(
      x,
      '<Default Extension="png" ContentType="image/png"/>' +
        `<Override PartName="/${note}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        '<Override PartName="/xl/cellimages.xml" ContentType="application/vnd.wps-officedocument.cellimage+xml"/>' +
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>',
    ).replace(/(<Default Extension="png"[^>]*\/>)([\s\S]*)\1/, "$1$2"),
  );
  for (const s of sheets) edit(p, s, (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1"/>'));
}

/**
 * Excel on the web and Excel for Mac: the workbook part carries the saved path in mc:AlternateContent (x15ac:absPath)
 * and a co-authoring revision pointer (xr:revisionPtr); a calculation chain lists the formula cells.
 */
function excelWeb(p: Parts): void {
  edit(p, "xl/workbook.xml", (x) =>
    x
      .replace(
        /<workbook /,
        '<workbook xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" ',
      )
      .replace(
        /<sheets>/,
        '<mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="https://d.docs.live.net/3f2a/Documents/" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>' +
          '<xr:revisionPtr revIDLastSave="12" documentId="8_{6C1F2B3A-0D4E-4F5A-9B8C-7D6E5F4A3B2C}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47"/><sheets>',
      ),
  );
  p.set(
    "xl/calcChain.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B3" i="2"/></calcChain>`,
  );
  edit(p, "xl/_rels/workbook.xml.rels", (x) =>
    addRel(x, `<Relationship Id="rIdCalc" Type="${RELS}/calcChain" Target="calcChain.xml"/>`),
  );
  edit(p, "[Content_Types].xml", (x) =>
    addType(
      x,
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>',
    ),
  );
}

/**
 * Exporters that stream rows (Power BI, SpreadJS, report servers): cells and rows without their "r" reference where
 * they follow the previous one, meaning "the next column / row" (tafia/calamine#261 and #330 "only some r attributes
 * are missing", ExcelDataReader#115, box/spout#267, ironcalc/IronCalc#1096), and inline strings with no shared
 * string table (dilshod/xlsx2csv#311).
 */
function streamed(p: Parts, strings: readonly string[]): void {
  for (const s of sheetParts(p))
    edit(p, s, (x) => {
      let lastRow = 0;
      let lastCol = 0;
      return x.replace(
        /<row r="(\d+)"|<c r="([A-Z]+)(\d+)"([^>]*?)(\/?)>(?:<v>(\d+)<\/v><\/c>)?/g,
        (m, row?: string, col?: string, _r?: string, attrs?: string, self?: string, v?: string) => {
          if (row !== undefined) {
            const n = Number(row);
            const keep = n !== lastRow + 1;
            lastRow = n;
            lastCol = 0;
            return keep ? m : "<row";
          }
          const c = [...col!].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
          const ref = c === lastCol + 1 ? "" : ` r="${col}${_r}"`;
          lastCol = c;
          if (v !== undefined && / t="s"/.test(attrs!)) {
            const t = strings[Number(v)].replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
            return `<c${ref}${attrs!.replace(' t="s"', ' t="inlineStr"')}><is><t xml:space="preserve">${t}</t></is></c>`;
          }
          return `<c${ref}${attrs}${self}>${v !== undefined ? `<v>${v}</v></c>` : ""}`;
        },
      );
    });
  p.delete("xl/sharedStrings.xml");
  edit(p, "xl/_rels/workbook.xml.rels", (x) =>
    x.replace(/<Relationship [^>]*Target="sharedStrings\.xml"\/>/, ""),
  );
  edit(p, "[Content_Types].xml", (x) =>
    x.replace(/<Override PartName="\/xl\/sharedStrings\.xml"[^>]*\/>/, ""),
  );
}

let sample: Uint8Array;
let sampleGrids: WorkbookGrids;
let expected: Map<string, Grid>;
let dir: string;
const PERIOD = "2015-Q2";

async function compute(wb: XlsxWorkbook): Promise<Uint8Array> {
  const r = runPlan(await wb.readGrids(), { period: PERIOD, lang: "vi", robustness: false });
  expect(r.sheets.length).toBe(4);
  await wb.applySheets(r.sheets);
  return wb.save();
}

async function outputGrids(bytes: Uint8Array): Promise<Map<string, Grid>> {
  const wb = await XlsxWorkbook.load(bytes);
  const owned = await wb.ownedSheets();
  const grids = (await wb.readGrids()).sheets.filter((g) => owned.includes(g.sheet));
  return new Map(grids.map((g) => [g.sheet, g]));
}

beforeAll(async () => {
  sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
  sampleGrids = await (await XlsxWorkbook.load(sample)).readGrids();
  expected = await outputGrids(await compute(await XlsxWorkbook.load(sample)));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-producers-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Each producer, how it saves, and a part showing its quirk (so a change to the sample cannot quietly undo it). */
const producers: [string, (p: Parts) => void, string, RegExp][] = [
  ["Google Sheets", googleSheets, "xl/_rels/workbook.xml.rels", /Target="\/xl\/worksheets\/sheet6\.xml"/],
  ["WPS Office", wps, "xl/worksheets/sheet5.xml", /<dimension ref="A1"\/>/],
  ["Excel on the web / for Mac", excelWeb, "xl/workbook.xml", /<xr:revisionPtr /],
  [
    "a streaming exporter (no cell references, inline strings)",
    (p) => streamed(p, sharedStringTexts(p.get("xl/sharedStrings.xml") as string)),
    "xl/worksheets/sheet5.xml",
    /<row [^>]*><c t="inlineStr">/,
  ],
];

/** Numbers to 12 significant digits (LibreOffice writes 15); an empty text result as empty (LibreOffice writes no value). */
const comparable = (g: Grid) =>
  g.values.map((r) =>
    r.map((v: CellValue) => (typeof v === "number" ? Number(v.toPrecision(12)) : v === "" ? null : v)),
  );

describe("workbooks saved by other programs", () => {
  const outputs = new Map<string, Uint8Array>();

  it.each(producers)(
    "%s: the plan reads as the sample and computes the same results",
    async (name, make, part, quirk) => {
      const parts = await unpack(sample);
      make(parts);
      expect(parts.get(part)).toMatch(quirk);
      const bytes = await pack(parts);
      const wb = await XlsxWorkbook.load(bytes);
      const grids = await wb.readGrids();
      expect(grids.sheets.filter((g) => g.sheet !== "Ghi chú")).toEqual(sampleGrids.sheets);
      if (name === "WPS Office") {
        const note = grids.sheets.find((g) => g.sheet === "Ghi chú")!;
        expect(note.values[0]).toEqual([
          "Ghi chú của phòng",
          "Quý II",
          true,
          { error: "#DIV/0!" },
          new Date(Date.UTC(2015, 0, 1)),
          '=DISPIMG("ID_5A0B6C",1)',
        ]);
        expect(note.formulas![0]).toEqual([
          null,
          '="Quý "&"II"',
          null,
          "=1/0",
          null,
          '=DISPIMG("ID_5A0B6C",1)',
        ]);
      }
      const out = await compute(wb);
      const got = await outputGrids(out);
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [sheet, g] of expected) expect(got.get(sheet)).toEqual(g);
      // Every part of the input is still in the output, but the calculation chain (Excel rebuilds it).
      const kept = new Set((await partsOf(out)).keys());
      for (const part of parts.keys()) if (part !== "xl/calcChain.xml") expect(kept).toContain(part);
      // Nothing Microsoft's validator did not already find in the input (tests/helpers/openXmlSdk.ts).
      expect(await errorsAdded(bytes, out)).toEqual([]);
      outputs.set(name, out);
    },
  );

  (haveOffice ? it : it.skip)(
    "each output opens in LibreOffice Calc, which recalculates every formula to the results the engine cached",
    async () => {
      expect(outputs.size).toBe(producers.length);
      const files = [...outputs.keys()].map((name, i) => ({
        name,
        src: path.join(dir, `out${i}.xlsx`),
        dst: path.join(dir, `recalculated${i}.xlsx`),
      }));
      for (const f of files) await fs.writeFile(f.src, outputs.get(f.name)!);
      recalculate(
        files.map((f) => [f.src, f.dst]),
        300_000,
      );
      for (const f of files) {
        const recalculated = await outputGrids(new Uint8Array(await fs.readFile(f.dst)));
        for (const sheet of ["Kết quả", "Xếp hạng"]) {
          const mine = (await outputGrids(outputs.get(f.name)!)).get(sheet)!;
          expect([f.name, sheet, comparable(recalculated.get(sheet)!)]).toEqual([
            f.name,
            sheet,
            comparable(mine),
          ]);
        }
      }
    },
    400_000,
  );
});
