/**
 * Features a planner's workbook may have, each added to the sample by editing its XML (a picture, charts, a chart
 * sheet, comments, defined names, protection, a pivot table, macros, named styles…), and the two-quarter compute the
 * tests run on them: tests/xlsx/preserve.test.ts checks that they come out whole, tests/xlsx/openXmlSdk.test.ts that
 * they stay valid for Excel.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { runPlan } from "../../src/engine/pipeline";
import { chartXml } from "../../src/workbook/xlsx/charts";

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const rels = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${items}</Relationships>`;
const addRel = (id: string, type: string, target: string) => (xml: string) =>
  xml.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/></Relationships>`,
  );
const addType = (entry: string) => (xml: string) => xml.replace("</Types>", `${entry}</Types>`);
const override = (part: string, type: string) =>
  addType(`<Override PartName="${part}" ContentType="${type}"/>`);
/** Inserts XML into a worksheet before the first of the given elements (keeps the schema's order). */
const beforeFirst =
  (what: string, ...tags: string[]) =>
  (xml: string) => {
    const at = Math.min(...tags.map((t) => xml.indexOf(t)).filter((i) => i >= 0));
    return xml.slice(0, at) + what + xml.slice(at);
  };
const compose =
  (...fs: ((x: string) => string)[]) =>
  (x: string) =>
    fs.reduce((acc, f) => f(acc), x);

/** 1×1 transparent PNG. */
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const DRAWING_NS = `xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"`;
const anchor = (inner: string) =>
  `<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>12</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${inner}<xdr:clientData/></xdr:twoCellAnchor>`;
const picture = anchor(
  `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`,
);
const chartFrame = anchor(
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Biểu đồ của tôi"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>`,
);
export const userChart = chartXml(
  "Chỉ tiêu",
  {
    type: "column",
    title: "Trọng số",
    categories: "A2:A4",
    series: [{ name: "Trọng số", values: "F2:F4" }],
    anchor: { fromRow: 1, fromCol: 1, toRow: 10, toCol: 6 },
  },
  () => null,
);
const CT = "application/vnd.openxmlformats-officedocument";

// The sample's parts: sheet1 Hướng dẫn, sheet2 Cấu hình, sheet3 Đơn vị, sheet4 Chỉ tiêu, sheet5 Số liệu, sheet6 Danh mục.
export type Feature = {
  edits: Record<string, (xml: string) => string>;
  add?: Record<string, string | Uint8Array>;
  /** What must still be in the output's package-level parts (workbook.xml, content types). */
  keeps?: { part: string; text: string }[];
};

export const FEATURES: Record<string, Feature> = {
  "a picture on Hướng dẫn": {
    edits: {
      "xl/worksheets/sheet1.xml": beforeFirst(`<drawing r:id="rIdPic"/>`, "<tableParts", "</worksheet>"),
      "[Content_Types].xml": compose(
        addType(`<Default Extension="png" ContentType="image/png"/>`),
        override("/xl/drawings/drawing1.xml", `${CT}.drawing+xml`),
      ),
    },
    add: {
      "xl/worksheets/_rels/sheet1.xml.rels": rels(
        `<Relationship Id="rIdPic" Type="${R}/drawing" Target="../drawings/drawing1.xml"/>`,
      ),
      "xl/drawings/drawing1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${picture}</xdr:wsDr>`,
      "xl/drawings/_rels/drawing1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/image" Target="../media/image1.png"/>`,
      ),
      "xl/media/image1.png": PNG,
    },
  },
  "a chart on Chỉ tiêu": {
    edits: {
      "xl/worksheets/sheet4.xml": beforeFirst(`<drawing r:id="rIdCh"/>`, "<tableParts", "</worksheet>"),
      "xl/worksheets/_rels/sheet4.xml.rels": addRel("rIdCh", "drawing", "../drawings/drawing1.xml"),
      "[Content_Types].xml": compose(
        override("/xl/drawings/drawing1.xml", `${CT}.drawing+xml`),
        override("/xl/charts/chart1.xml", `${CT}.drawingml.chart+xml`),
      ),
    },
    add: {
      "xl/drawings/drawing1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${chartFrame}</xdr:wsDr>`,
      "xl/drawings/_rels/drawing1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/>`,
      ),
      "xl/charts/chart1.xml": userChart,
    },
  },
  "a chart sheet": {
    edits: {
      "xl/workbook.xml": (x) =>
        x.replace("</sheets>", `<sheet name="Biểu đồ" sheetId="7" r:id="rIdCs"/></sheets>`),
      "xl/_rels/workbook.xml.rels": addRel("rIdCs", "chartsheet", "chartsheets/sheet1.xml"),
      "[Content_Types].xml": compose(
        override("/xl/chartsheets/sheet1.xml", `${CT}.spreadsheetml.chartsheet+xml`),
        override("/xl/drawings/drawing1.xml", `${CT}.drawing+xml`),
        override("/xl/charts/chart1.xml", `${CT}.drawingml.chart+xml`),
      ),
    },
    add: {
      "xl/chartsheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
      "xl/chartsheets/_rels/sheet1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/drawing" Target="../drawings/drawing1.xml"/>`,
      ),
      "xl/drawings/drawing1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${chartFrame}</xdr:wsDr>`,
      "xl/drawings/_rels/drawing1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/>`,
      ),
      "xl/charts/chart1.xml": userChart,
    },
    keeps: [{ part: "xl/workbook.xml", text: `<sheet name="Biểu đồ" sheetId="7" r:id="rIdCs"/>` }],
  },
  "notes (legacy comments) and a threaded comment": {
    edits: {
      "xl/worksheets/sheet3.xml": beforeFirst(
        `<legacyDrawing r:id="rIdVml"/>`,
        "<tableParts",
        "</worksheet>",
      ),
      "xl/worksheets/_rels/sheet3.xml.rels": compose(
        addRel("rIdCm", "comments", "../comments1.xml"),
        addRel("rIdVml", "vmlDrawing", "../drawings/vmlDrawing1.vml"),
        (x) =>
          x.replace(
            "</Relationships>",
            `<Relationship Id="rIdTc" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>`,
          ),
      ),
      // The sample already declares the vml extension (a second Default for it makes the package unreadable).
      "[Content_Types].xml": compose(
        override("/xl/comments1.xml", `${CT}.spreadsheetml.comments+xml`),
        override(
          "/xl/threadedComments/threadedComment1.xml",
          "application/vnd.ms-excel.threadedcomments+xml",
        ),
      ),
    },
    add: {
      "xl/comments1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Nguyễn Văn A</author></authors><commentList><comment ref="B2" authorId="0"><text><t>Kiểm tra lại tên đơn vị</t></text></comment></commentList></comments>`,
      "xl/drawings/vmlDrawing1.vml": `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape type="#_x0000_t202" style="visibility:visible"><x:ClientData ObjectType="Note"><x:Visible/><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>`,
      "xl/threadedComments/threadedComment1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="B2" dT="2015-06-30T08:00:00.00" personId="{1}" id="{2}"><text>Đã sửa</text></threadedComment></ThreadedComments>`,
    },
  },
  "defined names: constants, formulas and sheet-scoped ranges": {
    edits: {
      "xl/workbook.xml": (x) =>
        x.replace(
          "</sheets>",
          `</sheets><definedNames><definedName name="Dong">OFFSET('Số liệu'!$A$1,0,0,10,1)</definedName><definedName name="TyLe">0.05</definedName><definedName name="Vung" localSheetId="2">'Đơn vị'!$A$1:$B$5</definedName></definedNames>`,
        ),
    },
    keeps: [
      { part: "xl/workbook.xml", text: `<definedName name="TyLe">0.05</definedName>` },
      {
        part: "xl/workbook.xml",
        text: `<definedName name="Dong">OFFSET('Số liệu'!$A$1,0,0,10,1)</definedName>`,
      },
      {
        part: "xl/workbook.xml",
        text: `<definedName name="Vung" localSheetId="2">'Đơn vị'!$A$1:$B$5</definedName>`,
      },
    ],
  },
  "workbook structure protection, a sheet password, a hyperlink to another sheet, a conditional format": {
    edits: {
      "xl/workbook.xml": (x) => x.replace("<sheets>", `<workbookProtection lockStructure="1"/><sheets>`),
      "xl/worksheets/sheet5.xml": compose(
        beforeFirst(
          `<sheetProtection password="CC1A" sheet="1" objects="1" scenarios="1"/>`,
          "<dataValidations",
          "<pageMargins",
        ),
        beforeFirst(
          `<conditionalFormatting sqref="C2:C20"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>`,
          "<dataValidations",
          "<pageMargins",
        ),
        beforeFirst(
          `<hyperlinks><hyperlink ref="A2" location="'Đơn vị'!A1" display="Đơn vị"/></hyperlinks>`,
          "<pageMargins",
        ),
      ),
    },
    keeps: [{ part: "xl/workbook.xml", text: `<workbookProtection lockStructure="1"/>` }],
  },
  "pivot table and its cache": {
    edits: {
      "xl/workbook.xml": (x) =>
        x.replace(
          "</workbook>",
          `<pivotCaches><pivotCache cacheId="5" r:id="rIdPc"/></pivotCaches></workbook>`,
        ),
      "xl/_rels/workbook.xml.rels": addRel(
        "rIdPc",
        "pivotCacheDefinition",
        "pivotCache/pivotCacheDefinition1.xml",
      ),
      "xl/worksheets/_rels/sheet4.xml.rels": addRel("rIdPt", "pivotTable", "../pivotTables/pivotTable1.xml"),
      "[Content_Types].xml": compose(
        override("/xl/pivotCache/pivotCacheDefinition1.xml", `${CT}.spreadsheetml.pivotCacheDefinition+xml`),
        override("/xl/pivotTables/pivotTable1.xml", `${CT}.spreadsheetml.pivotTable+xml`),
      ),
    },
    add: {
      "xl/pivotCache/pivotCacheDefinition1.xml": `<?xml version="1.0"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" refreshOnLoad="1"><cacheSource type="worksheet"><worksheetSource ref="A1:F10" sheet="Chỉ tiêu"/></cacheSource><cacheFields count="0"/></pivotCacheDefinition>`,
      "xl/pivotTables/_rels/pivotTable1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/>`,
      ),
      "xl/pivotTables/pivotTable1.xml": `<?xml version="1.0"?><pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="PivotTable1" cacheId="5" dataCaption="Giá trị"><location ref="H1:I5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`,
    },
    keeps: [
      { part: "xl/workbook.xml", text: `<pivotCaches><pivotCache cacheId="5" r:id="rIdPc"/></pivotCaches>` },
    ],
  },
  "macros (.xlsm) and custom document properties": {
    edits: {
      "[Content_Types].xml": compose(
        (x) =>
          x.replace(
            /ContentType="application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml"/,
            `ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"`,
          ),
        addType(`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`),
        override("/docProps/custom.xml", `${CT}.custom-properties+xml`),
      ),
      "xl/_rels/workbook.xml.rels": (x) =>
        x.replace(
          "</Relationships>",
          `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
        ),
      "_rels/.rels": addRel("rIdCp", "custom-properties", "docProps/custom.xml"),
    },
    add: {
      "xl/vbaProject.bin": Uint8Array.from({ length: 3000 }, (_, i) => (i * 37) % 256),
      "docProps/custom.xml": `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Đơn vị soạn"><vt:lpwstr>Sở TT&amp;TT Lào Cai</vt:lpwstr></property></Properties>`,
    },
    keeps: [{ part: "[Content_Types].xml", text: `application/vnd.ms-excel.sheet.macroEnabled.main+xml` }],
  },
  "named cell styles, a very hidden sheet": {
    edits: {
      "xl/styles.xml": (x) =>
        /<cellStyles/.test(x)
          ? x.replace(
              /<cellStyles count="(\d+)">/,
              (_, n) => `<cellStyles count="${Number(n) + 1}"><cellStyle name="Ghi chú" xfId="0"/>`,
            )
          : x.replace(
              "</cellXfs>",
              `</cellXfs><cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="Ghi chú" xfId="0"/></cellStyles>`,
            ),
      "xl/workbook.xml": (x) =>
        x.replace(`name="Danh mục" state="hidden"`, `name="Danh mục" state="veryHidden"`),
    },
    keeps: [
      { part: "xl/styles.xml", text: `<cellStyle name="Ghi chú" xfId="0"/>` },
      { part: "xl/workbook.xml", text: `name="Danh mục" state="veryHidden"` },
    ],
  },
};

/** Computes a workbook for 2015-Q1, then its output for 2015-Q2, as a planner does quarter after quarter. */
export async function computeTwice(bytes: Uint8Array): Promise<Uint8Array> {
  let cur = bytes;
  for (const period of ["2015-Q1", "2015-Q2"]) {
    const wb = await XlsxWorkbook.load(cur);
    const r = runPlan(await wb.readGrids(), { period, lang: "vi", robustness: false });
    await wb.applySheets(r.sheets);
    cur = await wb.save();
  }
  return cur;
}
