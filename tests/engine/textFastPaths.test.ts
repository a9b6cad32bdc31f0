/**
 * The checks' fast paths (plain ASCII kept as it is, folded texts and enum names remembered, isBlank without a copy)
 * against the plain definitions they replace, on random texts mixing ASCII, spaces of every kind, zero-width
 * characters, combining accents and Vietnamese letters.
 */
import fc from "fast-check";
import { cleanText, foldText } from "../../src/engine/text";
import { isBlank } from "../../src/engine/numbers";
import { matchEnum } from "../../src/engine/parse/values";
import { PILLARS, RANKING_GROUPS, YES_NO, type EnumValue } from "../../src/engine/format";

const plainClean = (s: string): string =>
  s
    .normalize("NFC")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .trim();
const plainFold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
const plainBlank = (s: string): boolean => s.replace(/[\s\u00a0\u200b-\u200d\ufeff]/g, "") === "";
const plainMatch = (v: string, values: readonly EnumValue[]): EnumValue | null => {
  const f = foldText(v);
  if (!f) return null;
  return values.find((e) => [e.key, e.vi, e.en, ...e.aliases].some((n) => foldText(n) === f)) ?? null;
};

const enums = [RANKING_GROUPS, PILLARS, YES_NO];
const names = enums.flatMap((vs) => vs.flatMap((e) => [e.key, e.vi, e.en, ...e.aliases]));
const piece = fc.oneof(
  fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u2007", "\u202f", "\u200b", "\ufeff", "\u3000", "\x7f"),
  fc.constantFrom("a", "Z", "~", "!", "1", ".", "-", "e\u0301", "ế", "Đ", "đ", "ß"),
  fc.constantFrom(...names),
  fc.string({ maxLength: 3 }),
);
const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(""));

describe("the checks' text fast paths", () => {
  it("clean, fold and blank texts as the plain definitions do", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(cleanText(s)).toBe(plainClean(s));
        expect(foldText(s)).toBe(plainFold(s));
        // A second time: the remembered fold.
        expect(foldText(s)).toBe(plainFold(s));
        expect(isBlank(s)).toBe(plainBlank(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("fold each distinct text once, also past the texts it remembers", () => {
    // A header every file of a merge repeats.
    const header = "Mã đơn vị (folded once)";
    const normalize = jest.spyOn(String.prototype, "normalize");
    try {
      const folded = foldText(header);
      const calls = normalize.mock.calls.length;
      for (let i = 0; i < 100; i++) expect(foldText(header)).toBe(folded);
      expect(normalize.mock.calls.length).toBe(calls);
    } finally {
      normalize.mockRestore();
    }
    // More distinct texts than are remembered at once (a province's unit names).
    const names = Array.from({ length: 12000 }, (_, i) => `Xã Bản Xèo ${i}`);
    expect(names.filter((n, i) => foldText(n) !== `xa ban xeo ${i}`)).toEqual([]);
    expect(foldText(header)).toBe(plainFold(header));
  });

  it("match an enum value as a search of its folded names in order would", () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...enums), (s, values) => {
        expect(matchEnum(s, values)).toBe(plainMatch(s, values));
      }),
      { numRuns: 3000 },
    );
    for (const values of enums)
      for (const n of names) expect(matchEnum(n, values)).toBe(plainMatch(n, values));
  });
});
