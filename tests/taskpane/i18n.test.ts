/** Numbers as each language writes and reads them. */
import { KEYS, formatNumber, formatPercent, parseNumber, periodLabel, t } from "../../src/taskpane/i18n";
import { FINDING_TEXTS } from "../../src/engine/i18n/findings";
import { labels } from "../../src/engine/i18n/labels";
import fc from "fast-check";
import { readNumber } from "../../src/engine/numbers";
import { SETTINGS } from "../../src/engine/format";
import { readSetting } from "../../src/engine/parse/plan";

describe("pane i18n", () => {
  it("writes numbers the Vietnamese way and the English way", () => {
    expect(formatNumber("vi", 1234.5, 1)).toBe("1.234,5");
    expect(formatNumber("en", 1234.5, 1)).toBe("1,234.5");
    expect(formatPercent("vi", 0.8333)).toBe("83,3%");
    expect(formatPercent("en", 0.8333)).toBe("83.3%");
  });

  it("says one error and one warning in the singular in English, and Vietnamese unchanged", () => {
    const one = { error: 1, warning: 1, info: 0, sheets: "Results", file: "r.docx" };
    expect(t("en", "checked", one)).toBe("Checked: 1 error, 1 warning, 0 info.");
    expect(t("en", "checked", { ...one, error: 0, warning: 2 })).toBe(
      "Checked: 0 errors, 2 warnings, 0 info.",
    );
    expect(t("en", "doneWithNotes", one)).toContain("The data have 1 error and 1 warning:");
    expect(t("en", "reportSavedWithNotes", one)).toContain("The data still has 1 error and 1 warning:");
    expect(t("vi", "checked", one)).toBe("Đã kiểm tra: 1 lỗi, 1 cảnh báo, 0 thông tin.");
  });

  it("reads numbers typed either way in Vietnamese, and rejects what is not a number", () => {
    expect(parseNumber("vi", "1.234,5")).toBe(1234.5);
    expect(parseNumber("vi", "0,8")).toBe(0.8);
    expect(parseNumber("vi", "1.2")).toBe(1.2);
    expect(parseNumber("en", "1,234.5")).toBe(1234.5);
    expect(parseNumber("vi", " 80 ")).toBe(80);
    expect(parseNumber("vi", "tám mươi")).toBeNull();
    expect(parseNumber("en", "")).toBeNull();
  });

  it("reads a typed Vietnamese number as the Cấu hình sheet reads it: 10.000 draws are ten thousand, not ten", () => {
    // The hint says "số nguyên 1–100.000": a planner types thousands with dots.
    expect(parseNumber("vi", "10.000")).toBe(10000);
    expect(parseNumber("vi", "1.000")).toBe(1000);
    expect(parseNumber("vi", "1.000.000")).toBe(1000000);
    expect(parseNumber("vi", "0.600")).toBe(0.6);
    expect(parseNumber("vi", "12.5")).toBe(12.5);
    const draws = SETTINGS.find((d) => d.key === "robustnessDraws")!;
    expect(readSetting(draws, "10.000", false)).toBe(10000);
    // Every text of digits, dots and commas: the pane and the sheet read the same number, or both refuse it.
    fc.assert(
      fc.property(fc.stringMatching(/^[-+]?[0-9.,]{1,12}$/), (text) => {
        expect(parseNumber("vi", text)).toBe(readNumber(text)?.value ?? null);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads English commas as thousands only, and refuses a decimal comma rather than misread it", () => {
    expect(parseNumber("en", "10,000")).toBe(10000);
    expect(parseNumber("en", "1,234,567.5")).toBe(1234567.5);
    expect(parseNumber("en", "0,6")).toBeNull();
    expect(parseNumber("en", "10,00")).toBeNull();
  });

  it("fills templates and names periods per language", () => {
    expect(t("vi", "showing", { shown: 3, total: 10 })).toBe("Hiển thị 3/10");
    expect(periodLabel("vi", "2015-Q2")).toBe("Quý II/2015");
    expect(periodLabel("en", "2015-Q2")).toBe("Q2 2015");
  });

  it("calls the findings Kết quả kiểm tra, never the literal Phát hiện, in every Vietnamese text", () => {
    expect(t("vi", "search")).toBe("Tìm trong kết quả kiểm tra");
    expect(t("vi", "findings")).toBe("Kết quả kiểm tra");
    const texts = [
      ...KEYS.map((k) => t("vi", k)),
      ...Object.values(FINDING_TEXTS).flatMap((f) => Object.values(f).flatMap((v) => JSON.stringify(v))),
      JSON.stringify(labels("vi")),
    ];
    expect(texts.length).toBeGreaterThan(KEYS.length + 30);
    expect(texts.filter((x) => /phát hiện/i.test(x))).toEqual([]);
  });

  it("offers the missing settings sheet by its name in each language", () => {
    expect(t("vi", "noSettingsSheet", { sheet: "Cấu hình" })).toMatch(/Cấu hình/);
    expect(t("en", "noSettingsSheet", { sheet: "Settings" })).toMatch(/Settings/);
    expect(t("vi", "settingsSheetAdded", { sheet: "Cấu hình" })).toMatch(/lưu cấu hình/);
  });

  it("names the settings sheet as the workbook does, never in a second language of its own", () => {
    // A sheet's name is the workbook's: the pane in English on a Vietnamese workbook says “Cấu hình”, and only then.
    const VIETNAMESE = /(?=\p{L})[\u00c0-\u024f\u1e00-\u1eff]/u;
    expect(KEYS.filter((k) => VIETNAMESE.test(t("en", k)))).toEqual([]);
    for (const [lang, sheet] of [
      ["en", "Cấu hình"],
      ["vi", "Settings"],
    ] as const) {
      expect(t(lang, "noSettingsSheet", { sheet })).toContain(sheet);
      expect(t(lang, "save", { sheet })).toContain(sheet);
    }
  });
});
