/**
 * The sheet writer encodes UTF-8 with Node's Buffer where there is one and with TextEncoder in the browser (the
 * preview's worker): both must give the same bytes, Vietnamese text, emoji and lone surrogates included.
 */
import { sheetXml } from "../../src/workbook/xlsx/write";
import { MINIMAL_STYLES, StyleBook } from "../../src/workbook/xlsx/styles";
import type { SheetSpec } from "../../src/engine/sheetSpec";

type Writer = typeof import("../../src/workbook/xlsx/write");

/** The writer module as the browser loads it: no Buffer global. */
function browserWriter(): Writer {
  const saved = globalThis.Buffer;
  let mod: Writer | undefined;
  try {
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    jest.isolateModules(() => {
      mod = jest.requireActual<Writer>("../../src/workbook/xlsx/write");
    });
  } finally {
    globalThis.Buffer = saved;
  }
  return mod as Writer;
}

describe("sheet XML as UTF-8", () => {
  it("is the same bytes with Node's Buffer and with TextEncoder, across buffer boundaries", () => {
    const texts = [
      "Sở Khoa học và Công nghệ",
      "Chưa đạt",
      "😀 x",
      "a\uD800b",
      "\uDC00",
      "ß&<>\"'",
      "x".repeat(5000),
    ];
    // Enough rows for several 16 K-character flushes and a second 4 MB buffer.
    const spec: SheetSpec = {
      name: "S",
      kind: "results",
      blocks: [
        {
          row: 1,
          col: 1,
          cells: Array.from({ length: 6000 }, (_, i) => [
            { value: texts[i % texts.length] },
            { formula: `=A${i + 1}&"${texts[(i + 1) % 4]}"`, value: texts[(i + 2) % texts.length] },
            { value: i / 7 },
          ]),
        },
      ],
    };
    const browser = browserWriter();
    const node = sheetXml(spec, new StyleBook(MINIMAL_STYLES), { tables: [] });
    const web = browser.sheetXml(spec, new StyleBook(MINIMAL_STYLES), { tables: [] });
    expect(node.length).toBeGreaterThan(4 << 20);
    expect(Buffer.from(web).equals(Buffer.from(node))).toBe(true);
    expect(new TextDecoder().decode(node)).toContain("Sở Khoa học và Công nghệ");
  });
});
