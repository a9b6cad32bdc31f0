import fc from "fast-check";
import {
  comparePeriodKeys,
  formatPeriod,
  parsePeriod,
  periodKey,
  previousPeriod,
} from "../../src/engine/periods";
import { readNumber, readYesNo } from "../../src/engine/numbers";
import { formatNumber } from "../../src/engine/i18n/numbers";
import { excelGte } from "../../src/engine/excelMath";

describe("periods", () => {
  it.each([
    ["Quý I/2026", "2026-Q1"],
    ["Quý II/2015", "2015-Q2"],
    ["quy iv/2014", "2014-Q4"],
    ["Quý II/2015".normalize("NFD"), "2015-Q2"],
    ["2026-Q1", "2026-Q1"],
    ["2015Q3", "2015-Q3"],
    ["Q2 2015", "2015-Q2"],
    ["quý 3 năm 2015", "2015-Q3"],
    ["2014", "2014"],
    [2014, "2014"],
    ["Năm 2014", "2014"],
  ])("reads %p as %p", (text, key) => {
    const p = parsePeriod(text);
    expect(p && periodKey(p)).toBe(key);
  });

  it.each(["Quý V/2015", "2015-Q5", "hôm qua", "", "12", 3.5])("refuses %p", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it("formats and steps back", () => {
    expect(formatPeriod({ year: 2015, quarter: 2 }, "vi")).toBe("Quý II/2015");
    expect(formatPeriod({ year: 2015, quarter: 2 }, "en")).toBe("Q2 2015");
    expect(previousPeriod({ year: 2015, quarter: 1 })).toEqual({ year: 2014, quarter: 4 });
    expect(previousPeriod({ year: 2014, quarter: null })).toEqual({ year: 2013, quarter: null });
    expect(["2015-Q1", "2014", "2014-Q4", "2014-Q1"].sort(comparePeriodKeys)).toEqual([
      "2014-Q1",
      "2014-Q4",
      "2014",
      "2015-Q1",
    ]);
  });

  it("orders any two keys by year, then quarter (a year after its Q4), asked once or again", () => {
    // Few years: keys of one year with other quarters come up often.
    const key = fc.record({
      year: fc.integer({ min: 2014, max: 2016 }),
      quarter: fc.constantFrom<1 | 2 | 3 | 4 | null>(1, 2, 3, 4, null),
    });
    fc.assert(
      fc.property(key, key, (a, b) => {
        const order = Math.sign(a.year - b.year || (a.quarter ?? 5) - (b.quarter ?? 5));
        const ka = periodKey(a);
        const kb = periodKey(b);
        expect(Math.sign(comparePeriodKeys(ka, kb))).toBe(order);
        expect(Math.sign(comparePeriodKeys(ka, kb))).toBe(order);
        expect(Math.sign(comparePeriodKeys(kb, ka))).toBe(-order || 0);
      }),
    );
    // Not a key: after every period, again when asked again.
    for (let i = 0; i < 2; i++) {
      expect(comparePeriodKeys("Q2", "2100")).toBe(Infinity);
      expect(comparePeriodKeys("2015-Q1", "Q2")).toBe(-Infinity);
    }
  });

  it("round-trips every quarter through its Vietnamese name", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 4 }), (year, q) => {
        const p = { year, quarter: q as 1 | 2 | 3 | 4 };
        expect(parsePeriod(formatPeriod(p, "vi"))).toEqual(p);
        expect(parsePeriod(formatPeriod(p, "en"))).toEqual(p);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("Vietnamese numbers", () => {
  it.each([
    ["1.100", 1100],
    ["0,6", 0.6],
    ["60%", 0.6],
    ["60 %", 0.6],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["2.073", 2073],
    ["12.5", 12.5],
    ["0.6", 0.6],
    ["1.234.567", 1234567],
    ["-3", -3],
    ["\u00a012\u200b", 12],
  ])("reads %p as %p", (text, value) => {
    expect(readNumber(text)?.value).toBeCloseTo(value, 12);
    expect(readNumber(text)?.fromText).toBe(true);
  });

  it.each(["abc", "1,2,3,4", "1.23.4", "", "--1", "12a"])("refuses %p", (text) => {
    expect(readNumber(text)).toBeNull();
  });

  it("keeps real numbers as they are", () => {
    expect(readNumber(0.6)).toEqual({ value: 0.6, fromText: false, percent: false });
    expect(readNumber(Number.NaN)).toBeNull();
  });

  it("reads yes/no in Vietnamese and English", () => {
    for (const y of ["Có", "co", "x", "✓", "yes", "1", true, 1]) expect(readYesNo(y)).toBe(true);
    for (const n of ["Không", "khong", "no", "0", false, 0]) expect(readYesNo(n)).toBe(false);
    expect(readYesNo("có lẽ")).toBeNull();
  });

  it("reads any integer written with Vietnamese grouping", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), (n) => {
        const vi = n.toLocaleString("vi-VN");
        expect(readNumber(vi)?.value).toBe(n);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe("comparing as Excel does", () => {
  const definition = (a: number, b: number) => Number(a.toPrecision(15)) >= Number(b.toPrecision(15));
  it("excelGte is a ≥ b on 15 significant digits, for any doubles and for neighbours a few ulps apart", () => {
    const double = fc.double({ noNaN: true });
    fc.assert(fc.property(double, double, (a, b) => expect(excelGte(a, b)).toBe(definition(a, b))));
    fc.assert(
      fc.property(double, fc.integer({ min: -64, max: 64 }), (a, k) => {
        // b is a nudged by k ulps (about), on either side.
        const b = a + k * Number.EPSILON * Math.abs(a);
        expect(excelGte(a, b)).toBe(definition(a, b));
        expect(excelGte(b, a)).toBe(definition(b, a));
      }),
    );
    for (const [a, b] of [
      [0.24 / 0.3, 0.8],
      [1, 1],
      [0.8, 0.24 / 0.3],
      [-0, 0],
      [0.1 + 0.2, 0.3],
    ])
      expect(excelGte(a, b)).toBe(definition(a, b));
  });
});

describe("formatNumber", () => {
  /** As first written: split at the point, the grouping pattern run on every integer part. */
  function plainFormat(x: number, decimals: number, lang: "vi" | "en"): string {
    const [int, frac] = Math.abs(x).toFixed(decimals).split(".");
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "vi" ? "." : ",");
    const sign = x < 0 && Number(`${int}.${frac ?? 0}`) !== 0 ? "-" : "";
    return `${sign}${grouped}${frac ? (lang === "vi" ? "," : ".") + frac : ""}`;
  }

  it("writes any number as the plain definition does, short integer parts and exponents included", () => {
    const x = fc.oneof(
      fc.double(),
      fc.integer({ min: -2000, max: 2000 }).map((n) => n / 7),
      fc.constantFrom(0, -0, 999, 1000, -999.5, 1e21, -1e21, 1.5e300, NaN, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(
        x,
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom("vi" as const, "en" as const),
        (v, d, lang) => {
          expect(formatNumber(v, d, lang)).toBe(plainFormat(v, d, lang));
        },
      ),
      { numRuns: 5000 },
    );
    expect(formatNumber(1234567.891, 2, "vi")).toBe("1.234.567,89");
    expect(formatNumber(-0.004, 2, "en")).toBe("0.00");
    expect(formatNumber(999, 0, "en")).toBe("999");
  });
});
