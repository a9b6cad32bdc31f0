/**
 * Features a planner's workbook may have, each added to the sample by editing its XML (a picture, charts, a chart
 * sheet, comments, defined names, protection, a pivot table, macros, named styles…), and the two-quarter compute the
 * tests run on them: tests/xlsx/preserve.test.ts checks that they come out whole, tests/xlsx/openXmlSdk.test.ts that
 * they stay valid for Excel.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { runPlan } from "../../src/engine/pipeline";
import { chartXml } from "../../src/workbook/xlsx/charts";
import { editPackage } from "./packages";

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

const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const X15 = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main";
const XM = "http://schemas.microsoft.com/office/excel/2006/main";
const MS_REL = "http://schemas.microsoft.com/office/2007/relationships";
const DSIG = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** Adds a relationship of any type (addRel takes the officeDocument ones). */
const addRelOf =
  (id: string, type: string, target: string, external = false) =>
  (xml: string) =>
    xml.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ` TargetMode="External"` : ""}/></Relationships>`,
    );
/** Appends cells at the end of a row of a worksheet (columns right of every cell the row has). */
const appendToRow = (row: number, cells: string) => (xml: string) =>
  xml.replace(new RegExp(`(<row r="${row}"[^>]*>[\\s\\S]*?)(</row>)`), `$1${cells}$2`);

/** A package signature as Excel writes one (File > Info > Protect Workbook > Add a Digital Signature), values elided. */
const SIGNATURE = `<?xml version="1.0" encoding="UTF-8"?>\n<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="idPackageSignature"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference Type="http://www.w3.org/2000/09/xmldsig#Object" URI="#idPackageObject"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</DigestValue></Reference></SignedInfo><SignatureValue>c2lnbmF0dXJl</SignatureValue><KeyInfo><X509Data><X509Certificate>Y2VydGlmaWNhdGU=</X509Certificate></X509Data></KeyInfo><Object Id="idPackageObject"><Manifest><Reference URI="/xl/workbook.xml?ContentType=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</DigestValue></Reference></Manifest><SignatureProperties><SignatureProperty Id="idSignatureTime" Target="#idPackageSignature"><mdssi:SignatureTime xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/digital-signature"><mdssi:Format>YYYY-MM-DDThh:mm:ssTZD</mdssi:Format><mdssi:Value>2015-07-01T08:00:00Z</mdssi:Value></mdssi:SignatureTime></SignatureProperty></SignatureProperties></Object></Signature>`;

/** A table slicer's shape: Excel 2013's graphic frame, and the rectangle older readers show instead. */
const slicerFrame = (name: string) =>
  `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:sle15="http://schemas.microsoft.com/office/drawing/2012/slicer" Requires="sle15"><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="4" name="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2010/slicer"><sle:slicer xmlns:sle="http://schemas.microsoft.com/office/drawing/2010/slicer" name="${name}"/></a:graphicData></a:graphic></xdr:graphicFrame></mc:Choice><mc:Fallback><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="0" name=""/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="6096000" y="381000"/><a:ext cx="1828800" cy="2524125"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:prstClr val="white"/></a:solidFill><a:ln w="1"><a:solidFill><a:prstClr val="green"/></a:solidFill></a:ln></xdr:spPr><xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip"/><a:lstStyle/><a:p><a:r><a:rPr lang="vi-VN" sz="1100"/><a:t>Hình này là một slicer của bảng; slicer cần Excel 2013 trở lên.</a:t></a:r></a:p></xdr:txBody></xdr:sp></mc:Fallback></mc:AlternateContent>`;

/** A table slicer's parts: the list in its sheet, the slicer, and the cache naming the table by id and column. */
export const slicerList = (rid: string) =>
  `<extLst><ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x15="${X15}"><x14:slicerList xmlns:x14="${X14}"><x14:slicer r:id="${rid}"/></x14:slicerList></ext></extLst>`;
const slicerCaches = (rid: string) =>
  `<extLst><ext uri="{46BE6895-7355-4a93-B00E-2C351335B9C9}" xmlns:x15="${X15}"><x15:slicerCaches xmlns:x14="${X14}"><x14:slicerCache r:id="${rid}"/></x15:slicerCaches></ext></extLst>`;
const slicerPart = (name: string, cache: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicers xmlns="${X14}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x" xmlns:x="${MAIN}"><slicer name="${name}" cache="${cache}" caption="${name}" rowHeight="241300"/></slicers>`;
const slicerCachePart = (cache: string, column: string, tableId: number, index: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicerCacheDefinition xmlns="${X14}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x" xmlns:x="${MAIN}" name="${cache}" sourceName="${column}"><extLst><x:ext uri="{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}" xmlns:x15="${X15}"><x15:tableSlicerCache tableId="${tableId}" column="${index}"/></x:ext></extLst></slicerCacheDefinition>`;

/** The planner's chart over Xếp hạng's index (the sample's 31 units, rows 5 to 35), on Hướng dẫn. */
export const outputChart = chartXml(
  "Xếp hạng",
  {
    type: "column",
    title: "Chỉ số",
    categories: "A5:A35",
    series: [{ name: "Chỉ số", values: "J5:J35" }],
    anchor: { fromRow: 1, fromCol: 4, toRow: 20, toCol: 12 },
  },
  () => null,
);

// The sample's parts: sheet1 Hướng dẫn, sheet2 Cấu hình, sheet3 Đơn vị, sheet4 Chỉ tiêu, sheet5 Số liệu, sheet6 Danh mục.
export type Feature = {
  edits: Record<string, (xml: string) => string>;
  add?: Record<string, string | Uint8Array>;
  /** What must still be in the output's package-level parts (workbook.xml, content types). */
  keeps?: { part: string; text: string }[];
  /** Parts the output leaves out on purpose (a signature, invalid once the package changes), with what leads to them. */
  drops?: string[];
  /** Added to the sample's 2015-Q1 output rather than to the sample: it draws on an output sheet. */
  afterCompute?: boolean;
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
  "a digital signature": {
    edits: {
      "_rels/.rels": addRelOf("rIdSig", `${DSIG}/origin`, "_xmlsignatures/origin.sigs"),
      "[Content_Types].xml": compose(
        addType(
          `<Default Extension="sigs" ContentType="application/vnd.openxmlformats-package.digital-signature-origin"/>`,
        ),
        override(
          "/_xmlsignatures/sig1.xml",
          "application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml",
        ),
      ),
    },
    add: {
      // The origin part is empty; it only relates the signatures.
      "_xmlsignatures/origin.sigs": new Uint8Array(0),
      "_xmlsignatures/_rels/origin.sigs.rels": rels(
        `<Relationship Id="rId1" Type="${DSIG}/signature" Target="sig1.xml"/>`,
      ),
      "_xmlsignatures/sig1.xml": SIGNATURE,
    },
    drops: ["_xmlsignatures/origin.sigs", "_xmlsignatures/_rels/origin.sigs.rels", "_xmlsignatures/sig1.xml"],
  },
  "a link to another workbook (an external reference)": {
    edits: {
      // The last quarter's index of another plan, read by a formula beside the guide.
      "xl/worksheets/sheet1.xml": appendToRow(1, `<c r="E1"><f>'[1]Xếp hạng'!$J$5</f><v>86.86</v></c>`),
      "xl/workbook.xml": (x) =>
        x.replace(
          "</sheets>",
          `</sheets><externalReferences><externalReference r:id="rIdExt"/></externalReferences>`,
        ),
      "xl/_rels/workbook.xml.rels": addRel("rIdExt", "externalLink", "externalLinks/externalLink1.xml"),
      "[Content_Types].xml": override(
        "/xl/externalLinks/externalLink1.xml",
        `${CT}.spreadsheetml.externalLink+xml`,
      ),
    },
    add: {
      "xl/externalLinks/externalLink1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${MAIN}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Xếp hạng"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="5"><cell r="J5"><v>86.86</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
      "xl/externalLinks/_rels/externalLink1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/externalLinkPath" Target="file:///D:\\KeHoach\\ke-hoach-2014.xlsx" TargetMode="External"/>`,
      ),
    },
    keeps: [
      {
        part: "xl/workbook.xml",
        text: `<externalReferences><externalReference r:id="rIdExt"/></externalReferences>`,
      },
    ],
  },
  "imports: From Text and Power Query (connections, query tables, the query's table and custom XML)": {
    edits: {
      // Data > From Text: the imported range on Hướng dẫn, named by a name local to the sheet. Data > Get Data (Power
      // Query): the query loaded into a table beside it, its definition kept in a custom XML part.
      "xl/worksheets/sheet1.xml": compose(
        appendToRow(
          1,
          `<c r="H1" t="inlineStr"><is><t>Mã</t></is></c><c r="I1" t="inlineStr"><is><t>Số máy</t></is></c>` +
            `<c r="K1" t="inlineStr"><is><t>Mã đơn vị</t></is></c><c r="L1" t="inlineStr"><is><t>Số máy chủ</t></is></c>`,
        ),
        appendToRow(
          2,
          `<c r="H2" t="inlineStr"><is><t>STTTT</t></is></c><c r="I2"><v>45</v></c>` +
            `<c r="K2" t="inlineStr"><is><t>STTTT</t></is></c><c r="L2"><v>3</v></c>`,
        ),
        (x) =>
          x.replace(
            "</worksheet>",
            `<tableParts count="1"><tablePart r:id="rId2"/></tableParts></worksheet>`,
          ),
      ),
      "xl/workbook.xml": (x) =>
        x.replace(
          "</sheets>",
          `</sheets><definedNames><definedName name="so_lieu_may" localSheetId="0">'Hướng dẫn'!$H$1:$I$2</definedName></definedNames>`,
        ),
      "xl/_rels/workbook.xml.rels": compose(
        addRel("rIdConn", "connections", "connections.xml"),
        addRel("rIdCx", "customXml", "../customXml/item1.xml"),
      ),
      "[Content_Types].xml": compose(
        override("/xl/connections.xml", `${CT}.spreadsheetml.connections+xml`),
        override("/xl/queryTables/queryTable1.xml", `${CT}.spreadsheetml.queryTable+xml`),
        override("/xl/queryTables/queryTable2.xml", `${CT}.spreadsheetml.queryTable+xml`),
        override("/xl/tables/table5.xml", `${CT}.spreadsheetml.table+xml`),
        override("/customXml/itemProps1.xml", `${CT}.customXmlProperties+xml`),
      ),
    },
    add: {
      "xl/connections.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<connections xmlns="${MAIN}"><connection id="1" name="so-lieu-may" type="6" refreshedVersion="6" background="1" saveData="1"><textPr codePage="65001" sourceFile="D:\\KeHoach\\so-lieu-may.csv" comma="1"><textFields count="2"><textField/><textField/></textFields></textPr></connection><connection id="2" keepAlive="1" name="Query - so_lieu_pq" description="Connection to the 'so_lieu_pq' query in the workbook." type="5" refreshedVersion="6" background="1" saveData="1"><dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location=so_lieu_pq;Extended Properties=&quot;&quot;" command="SELECT * FROM [so_lieu_pq]"/></connection></connections>`,
      "xl/worksheets/_rels/sheet1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/queryTable" Target="../queryTables/queryTable1.xml"/><Relationship Id="rId2" Type="${R}/table" Target="../tables/table5.xml"/>`,
      ),
      "xl/queryTables/queryTable1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<queryTable xmlns="${MAIN}" name="so_lieu_may" connectionId="1" autoFormatId="16" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="0"/>`,
      // Table id 5 and part table5.xml, which the product's first output table would otherwise take.
      "xl/tables/table5.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN}" id="5" name="so_lieu_pq" displayName="so_lieu_pq" ref="K1:L2" tableType="queryTable" totalsRowShown="0"><autoFilter ref="K1:L2"/><tableColumns count="2"><tableColumn id="1" uniqueName="1" name="Mã đơn vị" queryTableFieldId="1"/><tableColumn id="2" uniqueName="2" name="Số máy chủ" queryTableFieldId="2"/></tableColumns><tableStyleInfo name="TableStyleMedium7" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
      "xl/tables/_rels/table5.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/queryTable" Target="../queryTables/queryTable2.xml"/>`,
      ),
      "xl/queryTables/queryTable2.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<queryTable xmlns="${MAIN}" name="ExternalData_1" autoFormatId="16" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="0" connectionId="2"><queryTableRefresh nextId="3"><queryTableFields count="2"><queryTableField id="1" name="Mã đơn vị" tableColumnId="1"/><queryTableField id="2" name="Số máy chủ" tableColumnId="2"/></queryTableFields></queryTableRefresh></queryTable>`,
      // The query's definition (a package in base64, elided here).
      "customXml/item1.xml": `<?xml version="1.0" encoding="utf-8"?><DataMashup xmlns="http://schemas.microsoft.com/DataMashup">AAAAAA==</DataMashup>`,
      "customXml/_rels/item1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/customXmlProps" Target="itemProps1.xml"/>`,
      ),
      "customXml/itemProps1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{5C8B5F1E-2E0B-4E3F-9C51-3A4B0E6D7A21}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/DataMashup"/></ds:schemaRefs></ds:datastoreItem>`,
    },
    keeps: [
      {
        part: "xl/workbook.xml",
        text: `<definedName name="so_lieu_may" localSheetId="0">'Hướng dẫn'!$H$1:$I$2</definedName>`,
      },
    ],
  },
  "a slicer on the units' table": {
    edits: {
      "xl/worksheets/sheet3.xml": (x) =>
        x
          .replace("<tableParts", `<drawing r:id="rIdSlD"/><tableParts`)
          .replace("</worksheet>", `${slicerList("rIdSl")}</worksheet>`),
      "xl/worksheets/_rels/sheet3.xml.rels": compose(
        addRel("rIdSlD", "drawing", "../drawings/drawing1.xml"),
        addRelOf("rIdSl", `${MS_REL}/slicer`, "../slicers/slicer1.xml"),
      ),
      "xl/workbook.xml": (x) =>
        x
          .replace(
            "</sheets>",
            `</sheets><definedNames><definedName name="Slicer_Nhóm_xếp_hạng">#N/A</definedName></definedNames>`,
          )
          .replace("</workbook>", `${slicerCaches("rIdSlC")}</workbook>`),
      "xl/_rels/workbook.xml.rels": addRelOf(
        "rIdSlC",
        `${MS_REL}/slicerCache`,
        "slicerCaches/slicerCache1.xml",
      ),
      "[Content_Types].xml": compose(
        override("/xl/drawings/drawing1.xml", `${CT}.drawing+xml`),
        override("/xl/slicers/slicer1.xml", "application/vnd.ms-excel.slicer+xml"),
        override("/xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml"),
      ),
    },
    add: {
      "xl/drawings/drawing1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${anchor(slicerFrame("Nhóm xếp hạng"))}</xdr:wsDr>`,
      "xl/slicers/slicer1.xml": slicerPart("Nhóm xếp hạng", "Slicer_Nhóm_xếp_hạng"),
      // The sample's units' table is table id 2; its third column is Nhóm xếp hạng.
      "xl/slicerCaches/slicerCache1.xml": slicerCachePart("Slicer_Nhóm_xếp_hạng", "Nhóm xếp hạng", 2, 3),
    },
    keeps: [
      { part: "xl/workbook.xml", text: `<x14:slicerCache r:id="rIdSlC"/>` },
      { part: "xl/workbook.xml", text: `<definedName name="Slicer_Nhóm_xếp_hạng">#N/A</definedName>` },
    ],
  },
  "sparklines and a data validation list of Excel 2010 (x14) on Số liệu": {
    edits: {
      "xl/worksheets/sheet5.xml": (x) =>
        x.replace(
          "</worksheet>",
          `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1" xmlns:xm="${XM}"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>'Đơn vị'!$A$2:$A$32</xm:f></x14:formula1><xm:sqref>Q2:Q20</xm:sqref></x14:dataValidation></x14:dataValidations></ext><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${X14}"><x14:sparklineGroups xmlns:xm="${XM}"><x14:sparklineGroup displayEmptyCellsAs="gap" markers="1"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines><x14:sparkline><xm:f>'Số liệu'!D2:G2</xm:f><xm:sqref>R2</xm:sqref></x14:sparkline><x14:sparkline><xm:f>'Số liệu'!D3:G3</xm:f><xm:sqref>R3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst></worksheet>`,
        ),
    },
  },
  "a chart, a pivot table and a slicer of the planner's over the output sheets": {
    afterCompute: true,
    edits: {
      // On Hướng dẫn, named as the product names its own parts: its writes must go around them.
      "xl/worksheets/sheet1.xml": compose(
        beforeFirst(`<drawing r:id="rIdOut"/>`, "<tableParts", "</worksheet>"),
        (x) => x.replace("</worksheet>", `${slicerList("rIdSlOut")}</worksheet>`),
      ),
      "xl/workbook.xml": (x) =>
        x
          .replace("<definedNames>", `<definedNames><definedName name="Slicer_Nhóm">#N/A</definedName>`)
          .replace(
            "</workbook>",
            `<pivotCaches><pivotCache cacheId="7" r:id="rIdPcOut"/></pivotCaches>${slicerCaches("rIdSlCOut")}</workbook>`,
          ),
      "xl/_rels/workbook.xml.rels": compose(
        addRel("rIdPcOut", "pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml"),
        addRelOf("rIdSlCOut", `${MS_REL}/slicerCache`, "slicerCaches/slicerCache1.xml"),
      ),
      "[Content_Types].xml": compose(
        override("/xl/drawings/drawing2.xml", `${CT}.drawing+xml`),
        override("/xl/charts/chart4.xml", `${CT}.drawingml.chart+xml`),
        override("/xl/pivotCache/pivotCacheDefinition1.xml", `${CT}.spreadsheetml.pivotCacheDefinition+xml`),
        override("/xl/pivotTables/pivotTable1.xml", `${CT}.spreadsheetml.pivotTable+xml`),
        override("/xl/slicers/slicer1.xml", "application/vnd.ms-excel.slicer+xml"),
        override("/xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml"),
      ),
    },
    add: {
      "xl/worksheets/_rels/sheet1.xml.rels": rels(
        `<Relationship Id="rIdOut" Type="${R}/drawing" Target="../drawings/drawing2.xml"/><Relationship Id="rIdPtOut" Type="${R}/pivotTable" Target="../pivotTables/pivotTable1.xml"/><Relationship Id="rIdSlOut" Type="${MS_REL}/slicer" Target="../slicers/slicer1.xml"/>`,
      ),
      "xl/drawings/drawing2.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${chartFrame}${anchor(slicerFrame("Nhóm"))}</xdr:wsDr>`,
      "xl/slicers/slicer1.xml": slicerPart("Nhóm", "Slicer_Nhóm"),
      // Kết quả's table (KetQua) is table id 5 in the Q1 output; its third column is Nhóm.
      "xl/slicerCaches/slicerCache1.xml": slicerCachePart("Slicer_Nhóm", "Nhóm", 5, 3),
      "xl/drawings/_rels/drawing2.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart4.xml"/>`,
      ),
      "xl/charts/chart4.xml": outputChart,
      // Made from the results' table (Insert > PivotTable on KetQua), as Excel names its source.
      "xl/pivotCache/pivotCacheDefinition1.xml": `<?xml version="1.0"?><pivotCacheDefinition xmlns="${MAIN}"><cacheSource type="worksheet"><worksheetSource name="KetQua"/></cacheSource><cacheFields count="0"/></pivotCacheDefinition>`,
      "xl/pivotTables/_rels/pivotTable1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${R}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/>`,
      ),
      "xl/pivotTables/pivotTable1.xml": `<?xml version="1.0"?><pivotTableDefinition xmlns="${MAIN}" name="PivotTable2" cacheId="7" dataCaption="Giá trị"><location ref="E3:F8" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`,
    },
    keeps: [
      {
        part: "xl/workbook.xml",
        text: `<pivotCaches><pivotCache cacheId="7" r:id="rIdPcOut"/></pivotCaches>`,
      },
    ],
  },
};

/**
 * Objects of the planner's put on the sample's 2015-Q1 output sheets (sheet7 Kết quả, sheet8 Xếp hạng, sheet9 Kiểm
 * tra; sheet10 the summary tab, its charts in drawing1): a picture and a chart of theirs on Xếp hạng, notes and a link
 * to a place in the workbook on Kết quả, a table and a link to a web page on Kiểm tra; and, apart, a logo beside the
 * summary tab's charts.
 */
export const onOutputSheets = {
  edits: {
    "xl/worksheets/sheet7.xml": compose(beforeFirst(`<legacyDrawing r:id="rIdVml"/>`, "<tableParts"), (x) =>
      x.replace(
        "<pageMargins",
        `<hyperlinks><hyperlink ref="B5" location="'Số liệu'!A1" display="Số liệu"/></hyperlinks><pageMargins`,
      ),
    ),
    "xl/worksheets/_rels/sheet7.xml.rels": compose(
      addRel("rIdCm", "comments", "../comments9.xml"),
      addRel("rIdVml", "vmlDrawing", "../drawings/vmlDrawing9.vml"),
    ),
    "xl/worksheets/sheet8.xml": beforeFirst(`<drawing r:id="rIdDr"/>`, "<tableParts"),
    "xl/worksheets/_rels/sheet8.xml.rels": addRel("rIdDr", "drawing", "../drawings/drawing9.xml"),
    "xl/worksheets/sheet9.xml": (x: string) =>
      x
        .replace("<pageMargins", `<hyperlinks><hyperlink ref="E5" r:id="rIdLk"/></hyperlinks><pageMargins`)
        .replace(`<tableParts count="1">`, `<tableParts count="2">`)
        .replace("</tableParts>", `<tablePart r:id="rIdTb"/></tableParts>`),
    "xl/worksheets/_rels/sheet9.xml.rels": compose(addRel("rIdTb", "table", "../tables/table9.xml"), (x) =>
      x.replace(
        "</Relationships>",
        `<Relationship Id="rIdLk" Type="${R}/hyperlink" Target="https://laocai.gov.vn/" TargetMode="External"/></Relationships>`,
      ),
    ),
    "[Content_Types].xml": compose(
      addType(`<Default Extension="png" ContentType="image/png"/>`),
      override("/xl/drawings/drawing9.xml", `${CT}.drawing+xml`),
      override("/xl/charts/chart9.xml", `${CT}.drawingml.chart+xml`),
      override("/xl/comments9.xml", `${CT}.spreadsheetml.comments+xml`),
      override("/xl/tables/table9.xml", `${CT}.spreadsheetml.table+xml`),
    ),
  } as Record<string, (xml: string) => string>,
  add: {
    "xl/drawings/drawing9.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${picture}${chartFrame.replace('r:id="rId1"', 'r:id="rId2"')}</xdr:wsDr>`,
    "xl/drawings/_rels/drawing9.xml.rels": rels(
      `<Relationship Id="rId1" Type="${R}/image" Target="../media/image9.png"/><Relationship Id="rId2" Type="${R}/chart" Target="../charts/chart9.xml"/>`,
    ),
    "xl/media/image9.png": PNG,
    "xl/charts/chart9.xml": outputChart,
    "xl/comments9.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>Nguyễn Văn A</author></authors><commentList><comment ref="B5" authorId="0"><text><t>Hỏi lại đơn vị</t></text></comment></commentList></comments>`,
    "xl/drawings/vmlDrawing9.vml": `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Row>4</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>`,
    "xl/tables/table9.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN}" id="9" name="ViecCanLam" displayName="ViecCanLam" ref="H4:H6"><autoFilter ref="H4:H6"/><tableColumns count="1"><tableColumn id="1" name="Việc"/></tableColumns></table>`,
  } as Record<string, string | Uint8Array>,
  /** A slicer of the planner's on Xếp hạng over its table (XepHang, table id 6), its cache the workbook's. */
  slicer: {
    edits: {
      "xl/worksheets/sheet8.xml": compose(beforeFirst(`<drawing r:id="rIdSlD"/>`, "<tableParts"), (x) =>
        x.replace("</worksheet>", `${slicerList("rIdSl")}</worksheet>`),
      ),
      "xl/worksheets/_rels/sheet8.xml.rels": compose(
        addRel("rIdSlD", "drawing", "../drawings/drawing9.xml"),
        addRelOf("rIdSl", `${MS_REL}/slicer`, "../slicers/slicer9.xml"),
      ),
      "xl/workbook.xml": (x: string) =>
        x
          .replace("<definedNames>", `<definedNames><definedName name="Slicer_Nhóm">#N/A</definedName>`)
          .replace("</workbook>", `${slicerCaches("rIdSlC")}</workbook>`),
      "xl/_rels/workbook.xml.rels": addRelOf(
        "rIdSlC",
        `${MS_REL}/slicerCache`,
        "slicerCaches/slicerCache9.xml",
      ),
      "[Content_Types].xml": compose(
        override("/xl/drawings/drawing9.xml", `${CT}.drawing+xml`),
        override("/xl/slicers/slicer9.xml", "application/vnd.ms-excel.slicer+xml"),
        override("/xl/slicerCaches/slicerCache9.xml", "application/vnd.ms-excel.slicerCache+xml"),
      ),
    } as Record<string, (xml: string) => string>,
    add: {
      "xl/drawings/drawing9.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>${anchor(slicerFrame("Nhóm"))}</xdr:wsDr>`,
      "xl/slicers/slicer9.xml": slicerPart("Nhóm", "Slicer_Nhóm"),
      "xl/slicerCaches/slicerCache9.xml": slicerCachePart("Slicer_Nhóm", "Nhóm", 6, 3),
    } as Record<string, string | Uint8Array>,
  },
  /** A logo of the planner's put in the drawing of the summary tab, beside its charts. */
  summaryLogo: {
    edits: {
      "xl/drawings/drawing1.xml": (x: string) =>
        x.replace("</xdr:wsDr>", `${picture.replace('r:embed="rId1"', 'r:embed="rIdLogo"')}</xdr:wsDr>`),
      "xl/drawings/_rels/drawing1.xml.rels": addRel("rIdLogo", "image", "../media/image9.png"),
      "[Content_Types].xml": addType(`<Default Extension="png" ContentType="image/png"/>`),
    } as Record<string, (xml: string) => string>,
    add: { "xl/media/image9.png": PNG } as Record<string, string | Uint8Array>,
  },
};

/** The workbook a feature is added to: the sample, or its 2015-Q1 output. */
export async function withFeature(sample: Uint8Array, f: Feature): Promise<Uint8Array> {
  return editPackage(f.afterCompute ? await computeOnce(sample, "2015-Q1") : sample, f.edits, f.add);
}

async function computeOnce(bytes: Uint8Array, period: string): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.load(bytes);
  const r = runPlan(await wb.readGrids(), { period, lang: "vi", robustness: false });
  await wb.applySheets(r.sheets);
  return wb.save();
}

/** Computes a workbook for 2015-Q1, then its output for 2015-Q2, as a planner does quarter after quarter. */
export async function computeTwice(bytes: Uint8Array): Promise<Uint8Array> {
  let cur = bytes;
  for (const period of ["2015-Q1", "2015-Q2"]) cur = await computeOnce(cur, period);
  return cur;
}
