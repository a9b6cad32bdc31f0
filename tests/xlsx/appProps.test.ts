/** docProps/app.xml lists the output's sheets after a write, and nothing else in it changes (read as raw XML). */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { updateTitlesOfParts } from "../../src/workbook/xlsx/appProps";
import { partsOf } from "../helpers/packages";

const appXml = async (bytes: Uint8Array) =>
  new TextDecoder().decode((await partsOf(bytes)).get("docProps/app.xml"));

/** The two lists, and the part with them cut out (what must stay byte for byte). */
function lists(xml: string): { headings: string[]; counts: number[]; titles: string[]; rest: string } {
  const hp = /<HeadingPairs>[\s\S]*<\/HeadingPairs>/.exec(xml)![0];
  const tp = /<TitlesOfParts>[\s\S]*<\/TitlesOfParts>/.exec(xml)![0];
  return {
    headings: [...hp.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1]),
    counts: [...hp.matchAll(/<vt:i4>(\d+)<\/vt:i4>/g)].map((m) => Number(m[1])),
    titles: [...tp.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1]),
    rest: xml.replace(hp, "").replace(tp, ""),
  };
}

describe("the sheet lists of docProps/app.xml", () => {
  it("follow compute (sheets added) and a second compute in another language (sheets renamed)", async () => {
    const sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
    const input = lists(await appXml(sample));
    expect(input.titles).toEqual(["Hướng dẫn", "Cấu hình", "Đơn vị", "Chỉ tiêu", "Số liệu", "Danh mục"]);

    const compute = async (bytes: Uint8Array, lang: "vi" | "en") => {
      const wb = await XlsxWorkbook.load(bytes);
      await wb.applySheets(
        runPlan(await wb.readGrids(), { period: "2015-Q2", lang, robustness: false }).sheets,
      );
      // Every sheet of workbook.xml, in its order: the very hidden ownership sheet too, as Excel lists it.
      return { bytes: await wb.save(), names: await wb.sheetNames() };
    };
    const vi = await compute(sample, "vi");
    const afterVi = lists(await appXml(vi.bytes));
    expect(afterVi.titles).toEqual(vi.names);
    expect(afterVi.titles).toEqual(expect.arrayContaining(["Kết quả", "Xếp hạng", "ictplan_meta"]));
    expect(afterVi.headings).toEqual(["Worksheets"]);
    expect(afterVi.counts).toEqual([vi.names.length]);
    expect(afterVi.rest).toBe(input.rest);
    expect(await appXml(vi.bytes)).toMatch(/<vt:vector size="2" baseType="variant">/);
    expect(await appXml(vi.bytes)).toContain(`<vt:vector size="${vi.names.length}" baseType="lpstr">`);

    const en = await compute(vi.bytes, "en");
    const afterEn = lists(await appXml(en.bytes));
    expect(afterEn.titles).toEqual(en.names);
    expect(afterEn.titles).not.toContain("Kết quả");
    expect(afterEn.rest).toBe(input.rest);

    // Computing again the same way lists the same sheets: the part is left as it was, byte for byte.
    const again = await compute(en.bytes, "en");
    expect(await appXml(again.bytes)).toBe(await appXml(en.bytes));
  });

  const EXCEL = (headings: string, titles: string, n: number, m: number) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<HeadingPairs><vt:vector size="${n}" baseType="variant">${headings}</vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${m}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
    `<Company>Sở TT&amp;TT</Company><LinksUpToDate>false</LinksUpToDate><AppVersion>16.0300</AppVersion></Properties>`;
  const pair = (h: string, n: number) =>
    `<vt:variant><vt:lpstr>${h}</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant>`;
  const t = (s: string) => `<vt:lpstr>${s}</vt:lpstr>`;

  it("in Excel's layout with a localised heading, named ranges and charts: only the lists change", () => {
    const xml = EXCEL(
      pair("Trang tính", 3) + pair("Biểu đồ", 1) + pair("Phạm vi Có tên", 2),
      t("Số liệu") +
        t("Kết quả") +
        t("Ghi chú") +
        t("Biểu đồ 1") +
        t("'Kết quả'!Print_Titles") +
        t("Số_liệu"),
      6,
      6,
    );
    const out = updateTitlesOfParts(
      xml,
      ["Số liệu", "Kết quả", "Ghi chú", "ictplan_meta"],
      ["Số liệu", "Ghi chú", "ictplan_meta", "Results"],
      ["Results"],
    );
    expect(out).toBe(
      EXCEL(
        pair("Trang tính", 3) + pair("Biểu đồ", 1) + pair("Phạm vi Có tên", 1),
        t("Số liệu") + t("Ghi chú") + t("Results") + t("Biểu đồ 1") + t("Số_liệu"),
        6,
        5,
      ),
    );
  });

  it("is left alone when its lists are not the usual ones or already right", () => {
    const odd = EXCEL(pair("Worksheets", 5), t("A") + t("B"), 2, 2);
    expect(updateTitlesOfParts(odd, ["A", "B"], ["A"], [])).toBe(odd);
    const right = EXCEL(pair("Worksheets", 2), t("A") + t("B"), 2, 2);
    expect(updateTitlesOfParts(right, ["A", "B"], ["A", "B"], [])).toBe(right);
    const none = `<Properties><Application>LibreOffice</Application></Properties>`;
    expect(updateTitlesOfParts(none, ["A"], ["B"], ["B"])).toBe(none);
  });
});
