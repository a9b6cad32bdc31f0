/**
 * A message's placeholders are looked up in its params as shown (units and indicators with their names, numbers and
 * periods the language's way), then the params as found, then the input sheets' names, without merging them into one
 * object per message; the sheets' params are made once per names object.
 */
import { fillTemplate, fillTemplateFrom } from "../../src/engine/text";
import { findingMessage, templateSheetNames, type SheetNames } from "../../src/engine/findings";
import type { Finding } from "../../src/engine/model";
import type { FindingCode } from "../../src/engine/i18n/findings";

const finding = (code: FindingCode, params: Finding["params"]): Finding => ({
  code,
  severity: "error",
  sheet: "Số liệu",
  cell: "A1",
  params,
});

describe("fillTemplateFrom", () => {
  it("takes each param from the first source that has it, as fillTemplate of the sources merged last to first", () => {
    const sources: Record<string, string | number>[] = [
      { a: "A1" },
      { a: "A2", b: "B2", n: 1 },
      { b: "B3", c: 3, n: 2 },
    ];
    const template = "{a} {b} {c} {n} {n:one|many} {missing}";
    expect(fillTemplateFrom(template, sources)).toBe("A1 B2 3 1 one {missing}");
    expect(fillTemplateFrom(template, sources)).toBe(
      fillTemplate(template, { ...sources[2], ...sources[1], ...sources[0] }),
    );
    expect(fillTemplateFrom("{n:one|many}", [{}, { n: 2 }])).toBe("many");
  });
});

describe("findingMessage's params", () => {
  const percent = finding("PERCENT_IN_COUNT", {
    value: "12,5%",
    indicator: "MT",
    indicatorName: "Máy tính",
    measure: "count",
  });

  it("shows a code with its name, a measure by its name, and the value as typed", () => {
    expect(findingMessage(percent, "vi")).toBe(
      "“12,5%” là tỷ lệ phần trăm nhưng chỉ tiêu Máy tính (MT) có đơn vị tính “Số lượng”; ô này chưa được tính. " +
        "Nhập con số (số máy, số người, số triệu đồng…), không phải tỷ lệ; nếu chỉ tiêu là tỷ lệ, sửa đơn vị tính của nó trên sheet Chỉ tiêu thành %.",
    );
    expect(
      findingMessage(
        finding("MISSING_FIGURE", {
          indicator: "MT",
          indicatorName: "MT",
          unit: "SDL",
          unitName: "Sở Du lịch",
          period: "2015-Q2",
        }),
        "en",
      ),
    ).toBe("Figure MT of Sở Du lịch (SDL) for Q2 2015 is missing. Enter the figure; blank scores 0.");
  });

  it("writes numbers and periods the language's way, and a blank default as blank", () => {
    const number = finding("NUMBER_AS_TEXT", { value: 10000.5, number: 10000.5 });
    expect(findingMessage(number, "vi")).toBe(
      "Số “10000.5” được lưu dạng văn bản; đã đọc là 10.000,5. Chuyển ô sang định dạng số.",
    );
    expect(findingMessage(number, "en")).toBe(
      "Number “10000.5” is stored as text; read as 10,000.5. Convert the cell to a number.",
    );
    const behind = finding("CURRENT_PERIOD_BEHIND", {
      setting: "Kỳ hiện tại",
      period: "2015-Q1",
      later: "2015-Q2",
    });
    expect(findingMessage(behind, "en")).toBe(
      "“Kỳ hiện tại” is Q1 2015 but there are figures for Q2 2015; the results are for Q1 2015. " +
        "If you are reporting the new period, change it to Q2 2015 or leave it blank (the latest period with figures).",
    );
    const blank = finding("INVALID_SETTING", { value: "x", setting: "Kỳ hiện tại", default: "" });
    expect(findingMessage(blank, "vi")).toBe(
      "Giá trị “x” của tham số “Kỳ hiện tại” không hợp lệ; dùng mặc định (để trống). Sửa giá trị.",
    );
  });

  it("names the sheets by the names given with each message, one names object after another", () => {
    const renamed: SheetNames = { ...templateSheetNames("en"), indicators: "Chỉ tiêu X" };
    const template = templateSheetNames("en");
    const on = (names: SheetNames) => findingMessage(percent, "en", "excel", names);
    expect(on(template)).toMatch(/on the Indicators sheet/);
    expect(on(renamed)).toMatch(/on the Chỉ tiêu X sheet/);
    expect(on(template)).toMatch(/on the Indicators sheet/);
    expect(on({ ...renamed, indicators: "Chỉ tiêu Y" })).toMatch(/on the Chỉ tiêu Y sheet/);
  });
});
