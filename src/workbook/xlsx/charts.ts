/** Native Excel charts for the .xlsx path: ExcelJS writes no charts, so DrawingML chart parts are added to the package. */
import JSZip from "jszip";
import type { ChartSpec, SpecValue } from "../../engine/sheetSpec";
import { columnLetter, parseA1 } from "../../engine/grid";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One sheet's charts and the cell values their caches show. */
export interface SheetCharts {
  readonly name: string;
  readonly charts: readonly ChartSpec[];
  readonly values: ReadonlyMap<string, SpecValue>;
}

function rangeCells(range: string): { row: number; col: number }[] {
  const [a, b] = range.split(":");
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  if (!p || !q) return [];
  const out: { row: number; col: number }[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push({ row: r, col: c });
  return out;
}

function absRef(sheet: string, range: string): string {
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  const abs = range
    .split(":")
    .map((a) => {
      const p = parseA1(a);
      return p ? `$${columnLetter(p.col)}$${p.row}` : a;
    })
    .join(":");
  return `${quoted}!${abs}`;
}

function strRef(sheet: string, range: string, values: ReadonlyMap<string, SpecValue>): string {
  const cells = rangeCells(range);
  const pts = cells
    .map((c, i) => `<c:pt idx="${i}"><c:v>${esc(String(values.get(`${c.row},${c.col}`) ?? ""))}</c:v></c:pt>`)
    .join("");
  return `<c:strRef><c:f>${esc(absRef(sheet, range))}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(
  sheet: string,
  range: string,
  values: ReadonlyMap<string, SpecValue>,
  format = "General",
): string {
  const cells = rangeCells(range);
  const pts = cells
    .map((c, i) => {
      const v = values.get(`${c.row},${c.col}`);
      return typeof v === "number" ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "";
    })
    .join("");
  return `<c:numRef><c:f>${esc(absRef(sheet, range))}</c:f><c:numCache><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache></c:numRef>`;
}

const PALETTE = ["1F4E79", "2E75B6", "70AD47", "FFC000", "C00000"];

/** Text properties giving a chart element's labels a size (hundredths of a point). */
const textSize = (sz: number) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`;

/** The chart part (chartSpace) of one chart spec. */
export function chartXml(sheet: string, chart: ChartSpec, values: ReadonlyMap<string, SpecValue>): string {
  const pie = chart.type === "pie";
  const fmt = chart.valueAxis?.numberFormat ?? "General";
  const fill = (rgb: string) => `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;
  // One colour per bar (e.g. by grade): data points override the series' colour.
  const points = (chart.pointColors ?? [])
    .map(
      (rgb, i) =>
        `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${fill(rgb)}</c:dPt>`,
    )
    .join("");
  const labels = chart.dataLabels
    ? `<c:dLbls><c:numFmt formatCode="${esc(fmt)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textSize(1100)}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
    : "";
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
        (pie ? "" : fill(PALETTE[i % PALETTE.length])) +
        (pie ? "" : `<c:invertIfNegative val="0"/>${i === 0 ? points : ""}${labels}`) +
        `<c:cat>${strRef(sheet, chart.categories, values)}</c:cat><c:val>${numRef(sheet, s.values, values, fmt)}</c:val></c:ser>`,
    )
    .join("");
  const bounds = chart.valueAxis
    ? `<c:max val="${chart.valueAxis.max}"/><c:min val="${chart.valueAxis.min}"/>`
    : "";
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  const plot = pie
    ? `<c:pieChart><c:varyColors val="1"/>${series}<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls><c:firstSliceAng val="0"/></c:pieChart>`
    : `<c:barChart><c:barDir val="${chart.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:axId val="111"/><c:axId val="222"/></c:barChart>` +
      `<c:catAx><c:axId val="111"/><c:scaling><c:orientation val="${chart.type === "bar" ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.type === "bar" ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/>${textSize(1100)}<c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling><c:delete val="0"/><c:axPos val="${chart.type === "bar" ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="${esc(fmt)}" sourceLinked="${chart.valueAxis ? 0 : 1}"/><c:tickLblPos val="nextTo"/>${textSize(1100)}<c:crossAx val="111"/><c:crosses val="${chart.type === "bar" ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    (chart.legend === false
      ? ""
      : `<c:legend><c:legendPos val="${pie ? "r" : "b"}"/><c:overlay val="0"/></c:legend>`) +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function drawingXml(charts: readonly ChartSpec[], firstRel: number): string {
  const anchors = charts
    .map((c, i) => {
      const id = i + 2;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${c.anchor.fromCol - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor.fromRow - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${c.anchor.toCol - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor.toRow - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${firstRel + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors}</xdr:wsDr>`
  );
}

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const T_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const T_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

/** Resolves sheet names to their part paths through workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const relsXml = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, "").replace(/^\//, ""));
  }
  const out = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name && rid && targets.has(rid)) out.set(decodeXml(name), `xl/${targets.get(rid)}`);
  }
  return out;
}

function decodeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const AFTER_DRAWING = [
  "<legacyDrawing",
  "<legacyDrawingHF",
  "<drawingHF",
  "<picture",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

/** Adds the charts of the given sheets to an .xlsx package. */
export async function addCharts(xlsx: Uint8Array, specs: readonly SheetCharts[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  let types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  let chartNo = 0;
  let drawingNo = 0;
  for (const spec of specs) {
    const part = parts.get(spec.name);
    const charts = spec.charts;
    if (!part || !charts.length) continue;
    drawingNo++;
    const values = spec.values;
    const drawingRels: string[] = [];
    charts.forEach((c, i) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(spec.name, c, values));
      drawingRels.push(
        `<Relationship Id="rId${i + 1}" Type="${T_CHART}" Target="../charts/chart${chartNo}.xml"/>`,
      );
      types = types.replace(
        "</Types>",
        `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
      );
    });
    zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(charts, 1));
    zip.file(
      `xl/drawings/_rels/drawing${drawingNo}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${drawingRels.join("")}</Relationships>`,
    );
    types = types.replace(
      "</Types>",
      `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
    );
    const relsPath = part.replace(/([^/]+)$/, "_rels/$1.rels");
    let rels =
      (await zip.file(relsPath)?.async("string")) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"></Relationships>`;
    const rid = "rIdIctplanDrawing";
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="${rid}" Type="${T_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`,
    );
    zip.file(relsPath, rels);
    let sheetXml = (await zip.file(part)?.async("string")) ?? "";
    if (!sheetXml.includes('xmlns:r="'))
      sheetXml = sheetXml.replace(
        "<worksheet ",
        `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `,
      );
    // Only top-level elements count: data bars carry an <extLst> of their own inside conditional formatting.
    const topFrom = Math.max(
      sheetXml.lastIndexOf("</conditionalFormatting>"),
      sheetXml.lastIndexOf("</sheetData>"),
    );
    const at = AFTER_DRAWING.map((t) => sheetXml.indexOf(t, topFrom))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0];
    sheetXml = sheetXml.slice(0, at) + `<drawing r:id="${rid}"/>` + sheetXml.slice(at);
    zip.file(part, sheetXml);
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
