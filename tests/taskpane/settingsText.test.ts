/** Settings as the pane shows them for editing and reads them back: a value shown is saved as it was. */
import fc from "fast-check";
import { SETTINGS, type SettingsValues } from "../../src/engine/format";
import { redraft, shownValue, typedValue } from "../../src/taskpane/views/settingsText";

const def = (key: keyof SettingsValues) => SETTINGS.find((d) => d.key === key)!;

describe("settings text", () => {
  it("shows a value with all its decimals, so saving another setting does not round it", () => {
    // Was "1,13": saving another setting then wrote 1.13 over the sheet's 1.125.
    expect(shownValue(def("attainmentCap"), 1.125, "vi")).toBe("1,125");
    expect(shownValue(def("attainmentCap"), 1.125, "en")).toBe("1.125");
    expect(shownValue(def("nearTarget"), 0.12345, "vi")).toBe("12,345");
    expect(shownValue(def("nearTarget"), 0.8, "vi")).toBe("80");
  });

  it("groups thousands the language's way, as it reads them back; a year is not grouped", () => {
    // Was "10000" in both languages.
    expect(shownValue(def("robustnessDraws"), 10000, "vi")).toBe("10.000");
    expect(shownValue(def("robustnessDraws"), 10000, "en")).toBe("10,000");
    expect(typedValue(def("robustnessDraws"), "10.000", "vi")).toBe(10000);
    expect(typedValue(def("robustnessDraws"), "10,000", "en")).toBe(10000);
    expect(shownValue(def("indexScale"), 1000, "vi")).toBe("1.000");
    expect(shownValue(def("year"), 2015, "vi")).toBe("2015");
    fc.assert(
      fc.property(
        fc.constantFrom(...SETTINGS.filter((d) => d.type === "integer" && d.key !== "indexScale")),
        fc.integer({ min: 0, max: 100000 }),
        fc.constantFrom("vi" as const, "en" as const),
        (d, x, lang) => {
          const read = typedValue(d, shownValue(d, x, lang), lang);
          // What the sheet allows reads back as it was shown.
          if (read !== null) expect(read).toBe(x);
        },
      ),
    );
  });

  it("reads a percentage with three decimals as typed, not as thousands", () => {
    expect(typedValue(def("nearTarget"), "12,345", "vi")).toBeCloseTo(0.12345, 12);
    expect(typedValue(def("nearTarget"), "12.345", "en")).toBeCloseTo(0.12345, 12);
    expect(typedValue(def("nearTarget"), "150", "vi")).toBeNull();
  });

  it("reads back every value it shows, in both languages", () => {
    // Thang điểm takes only 1, 100 or 1000.
    const numbers = SETTINGS.filter(
      (d) => (d.type === "number" || d.type === "percent") && d.key !== "indexScale",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...numbers),
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("vi" as const, "en" as const),
        (d, digits, decimals, lang) => {
          // A value the sheet may hold: percentages in (0, 1], other numbers from 1 (the cap's floor).
          const x = d.type === "percent" ? Math.min(1, digits / 10 ** 6) : 1 + digits / 10 ** decimals;
          const read = typedValue(d, shownValue(d, x, lang), lang);
          expect(typeof read).toBe("number");
          expect(Math.abs((read as number) - x)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("carries what was typed into the other language, keeping its value", () => {
    const draft = {
      lang: "vi" as const,
      texts: { robustnessDraws: "1.000", nearTarget: "82,5", gradeFair: "bảy" },
    };
    expect(redraft(draft, "en")).toEqual({
      lang: "en",
      texts: { robustnessDraws: "1,000", nearTarget: "82.5", gradeFair: "bảy" },
    });
    expect(redraft(draft, "vi")).toBe(draft);
  });
});
