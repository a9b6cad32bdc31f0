/** The zip container and both codecs (fflate in the browser, Node's zlib in the CLI): same parts, same limits. */
import zlib from "node:zlib";
import { ZipPackage, crc32, useZipCodec, type ZipCodec } from "../../src/workbook/xlsx/zipPackage";
import { NODE_CODEC } from "../../src/workbook/xlsx/nodeCodec";
import { WorkbookProblem } from "../../src/workbook/xlsx/problems";
import { partsOf, zipOf } from "../helpers/packages";
import * as fflate from "fflate";
import fc from "fast-check";

const FFLATE: ZipCodec = {
  inflate: (d, max) => {
    const out = fflate.inflateSync(d);
    return out.length > max ? null : out;
  },
  deflate: (d) => fflate.deflateSync(d, { level: 1 }),
  crc32,
};

afterEach(() => useZipCodec(NODE_CODEC));

describe.each([
  ["Node zlib", NODE_CODEC],
  ["fflate", FFLATE],
])("zip package with %s", (_, codec) => {
  beforeEach(() => useZipCodec(codec));

  it("keeps unchanged parts' compressed bytes, replaces and adds parts, and reads back what it wrote", async () => {
    const big = "<x>" + "ô".repeat(200_000) + "</x>";
    const input = await zipOf({ "a.xml": "<a/>", "dir/B.xml": big, "c.bin": new Uint8Array([0, 1, 2, 255]) });
    const pkg = await ZipPackage.open(input);
    expect(pkg.parts()).toEqual(["a.xml", "dir/B.xml", "c.bin"]);
    expect(await pkg.text("/DIR/b.xml")).toBe(big);
    expect(pkg.storedCrc("dir/B.xml")).toBe(zlib.crc32(Buffer.from(big)));
    pkg.put("a.xml", "<a>new</a>");
    pkg.put("d/e.xml", "<e/>");
    pkg.remove("c.bin");
    expect(pkg.changed("a.xml")).toBe(true);
    expect(pkg.storedCrc("a.xml")).toBeNull();
    expect(await pkg.crc("a.xml")).toBe(zlib.crc32(Buffer.from("<a>new</a>")));
    const out = await pkg.generate();
    // An independent reader (JSZip, checking every CRC) sees the same parts.
    const parts = await partsOf(out);
    expect([...parts.keys()]).toEqual(["a.xml", "dir/B.xml", "d/e.xml"]);
    expect(Buffer.from(parts.get("a.xml")!).toString()).toBe("<a>new</a>");
    expect(Buffer.from(parts.get("dir/B.xml")!).toString()).toBe(big);
    const again = await ZipPackage.open(out);
    expect(await again.text("d/e.xml")).toBe("<e/>");
  });

  it("writes a large part in slices, pausing every quarter megabyte, readable by an independent reader", async () => {
    // 3.5 MB of varied text (not one repeated byte), multi-byte characters across the megabyte boundaries.
    const rows = Array.from(
      { length: 90_000 },
      (_, i) => `<row r="${i}"><c><v>${(i * 7919) % 10007}ô</v></c></row>`,
    );
    const raw = Buffer.from(`<x>${rows.join("")}</x>`);
    expect(raw.length).toBeGreaterThan(3 << 20);
    const pkg = await ZipPackage.open(await zipOf({ "a.xml": "<a/>" }));
    let pauses = 0;
    await pkg.putSliced("a.xml", [raw.subarray(0, 1000), raw.subarray(1000)], async () => void pauses++);
    expect(pauses).toBe(1 + Math.ceil((raw.length - 1000) / (1 << 18)));
    expect(await pkg.crc("a.xml")).toBe(zlib.crc32(raw));
    const parts = await partsOf(await pkg.generate());
    expect(Buffer.from(parts.get("a.xml")!).equals(raw)).toBe(true);
    // Without a pause, or for a small part, it is put at once.
    await pkg.putSliced("b.xml", [Buffer.from("<b/>")], async () => void pauses++);
    expect(pauses).toBe(1 + Math.ceil((raw.length - 1000) / (1 << 18)));
    expect(await pkg.text("b.xml")).toBe("<b/>");
  });

  it("without a pause, deflates a large part's pieces off the thread where the codec can, as one stream", async () => {
    const rows = Array.from(
      { length: 90_000 },
      (_, i) => `<row r="${i}"><v>${(i * 7919) % 10007}ô</v></row>`,
    );
    const raw = Buffer.from(`<x>${rows.join("")}</x>`);
    // Pieces of uneven sizes, one of them empty, a character split across two of them.
    const cuts = [0, 1001, 1001, 1_500_000, 2_000_003, raw.length];
    const pieces = cuts.slice(1).map((c, k) => raw.subarray(cuts[k], c));
    const pkg = await ZipPackage.open(await zipOf({ "a.xml": "<a/>", "b.xml": "<b/>" }));
    await pkg.putSliced("a.xml", pieces);
    await pkg.putSliced("b.xml", pieces);
    pkg.put("b.xml", "<b2/>"); // replaced while its pieces may still be deflating: the newer content stays
    expect(await pkg.crc("a.xml")).toBe(zlib.crc32(raw));
    expect(Buffer.from((await pkg.bytes("a.xml"))!).equals(raw)).toBe(true);
    const parts = await partsOf(await pkg.generate());
    expect(Buffer.from(parts.get("a.xml")!).equals(raw)).toBe(true);
    expect(new TextDecoder().decode(parts.get("b.xml"))).toBe("<b2/>");
    // Deflated as several streams joined, it is about as small as deflated in one go.
    const whole = zlib.deflateRawSync(raw, { level: 1 }).length;
    expect((await ZipPackage.open(await pkg.generate())).storedCrc("a.xml")).toBe(zlib.crc32(raw));
    expect((await pkg.generate()).length).toBeLessThan(whole * 1.05 + 1000);
  });

  it("deflates pieces that hardly compress (several output buffers each) as one stream, and writes the package in pieces", async () => {
    // Random bytes deflate to more than an eighth of a piece: zlib hands each piece's output over in several buffers.
    let seed = 7;
    const noise = Buffer.from(
      Array.from({ length: 3_000_000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24),
    );
    const pieces = [
      noise.subarray(0, 1_200_000),
      noise.subarray(1_200_000, 1_200_001),
      noise.subarray(1_200_001),
    ];
    const pkg = await ZipPackage.open(await zipOf({ "a.xml": "<a/>" }));
    await pkg.putSliced("c.bin", pieces);
    expect(Buffer.from((await pkg.bytes("c.bin"))!).equals(noise)).toBe(true);
    const written = await pkg.generatePieces();
    expect(written.length).toBeGreaterThan(4);
    const joined = Buffer.concat(written);
    expect(joined.equals(Buffer.from(await pkg.generate()))).toBe(true);
    const parts = await partsOf(joined);
    expect(Buffer.from(parts.get("c.bin")!).equals(noise)).toBe(true);
    expect(new TextDecoder().decode(parts.get("a.xml"))).toBe("<a/>");
  });

  it("stops unpacking at the limit even when the zip declares small sizes", async () => {
    const bomb = { head: "<x>", repeat: "a".repeat(1000), times: 20_000, tail: "</x>" };
    const input = await zipOf({ "bomb.xml": bomb }, 100);
    const limits = {
      maxUncompressedBytes: 5_000_000,
      maxCells: 1e7,
      maxRows: 1e6,
      maxTextLength: 32767,
      maxArea: 2e7,
    };
    const pkg = await ZipPackage.open(input, limits);
    await expect(pkg.bytes("bomb.xml")).rejects.toMatchObject({ reason: "tooLarge" });
    // Read in slices (the preview), the same limit holds.
    const again = await ZipPackage.open(input, limits);
    await expect(again.bytes("bomb.xml", async () => undefined)).rejects.toMatchObject({
      reason: "tooLarge",
    });
  });

  it("counts a part read again once against the limit, and reads a part's head without unpacking the rest", async () => {
    const big = { head: "<x>", repeat: '<c r="A1"><v>1</v></c>', times: 100_000, tail: "</x>" };
    const input = await zipOf({ "a.xml": big, "b.xml": "<b/>" });
    const size = 3 + 100_000 * big.repeat.length + 4;
    const limits = {
      maxUncompressedBytes: size + 10,
      maxCells: 1e7,
      maxRows: 1e6,
      maxTextLength: 32767,
      maxArea: 2e7,
    };
    const pkg = await ZipPackage.open(input, limits);
    const head = pkg.head("a.xml", 40);
    expect(new TextDecoder().decode(head!)).toBe(`<x>${big.repeat}${big.repeat}`.slice(0, 40));
    expect(pkg.head("none.xml", 40)).toBeNull();
    // The part is read twice (a sheet's grid, then its head again) and still fits, as it did once.
    expect((await pkg.bytes("a.xml"))!.length).toBe(size);
    expect((await pkg.bytes("a.xml", async () => undefined))!.length).toBe(size);
    expect(await pkg.text("b.xml")).toBe("<b/>");
    // Another part past what is left is still refused (the big part's declared size a lie, so that the zip opens).
    const more = await ZipPackage.open(
      await zipOf({ "a.xml": big, "c.xml": "<c>" + "z".repeat(20) + "</c>" }, 100),
      limits,
    );
    await more.bytes("a.xml");
    await expect(more.bytes("c.xml")).rejects.toMatchObject({ reason: "tooLarge" });
  });

  it("reads any part's head as the first bytes of the whole, whatever its length and make-up", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom("<row>", "ô", "a".repeat(5000))),
          {
            maxLength: 60,
          },
        ),
        fc.integer({ min: 1, max: 1 << 17 }),
        async (pieces, n) => {
          const raw = Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
          const pkg = await ZipPackage.open(await zipOf({ "a.xml": new Uint8Array(raw) }));
          expect(Buffer.from(pkg.head("a.xml", n)!)).toEqual(raw.subarray(0, n));
        },
      ),
      { numRuns: 60 },
    );
    // A head that would unpack to tens of megabytes (a bomb) is still only n bytes; damaged data is a damaged zip.
    const bomb = { head: "<x>", repeat: "a".repeat(1000), times: 40_000, tail: "</x>" };
    const pkg = await ZipPackage.open(await zipOf({ "bomb.xml": bomb }, 100));
    expect(new TextDecoder().decode(pkg.head("bomb.xml", 10)!)).toBe("<x>aaaaaaa");
    const good = await zipOf({ "a.xml": "<a>" + "z".repeat(5000) + "</a>" });
    const bad = new Uint8Array(good);
    bad[30 + "a.xml".length] = 0xff;
    const damaged = await ZipPackage.open(bad);
    expect(() => damaged.head("a.xml", 100)).toThrow(expect.objectContaining({ reason: "damagedZip" }));
  });

  it("gives a UTF-16 part to the scanners as UTF-8 bytes", async () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><x a="ô">Đơn vị</x>';
    const le = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from(xml).flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8]),
    ]);
    const pkg = await ZipPackage.open(await zipOf({ "u.xml": le, "a.xml": xml }));
    expect(new TextDecoder().decode((await pkg.utf8("u.xml"))!)).toBe(xml);
    expect(new TextDecoder().decode((await pkg.utf8("a.xml"))!)).toBe(xml);
    expect(await pkg.text("u.xml")).toBe(xml);
  });

  it("reads a large part in slices, pausing between pieces of its compressed bytes", async () => {
    const rows = Array.from(
      { length: 90_000 },
      (_, i) => `<row r="${i}"><v>${(i * 7919) % 10007}ô</v></row>`,
    );
    const xml = `<x>${rows.join("")}</x>`;
    const pkg = await ZipPackage.open(await zipOf({ "a.xml": xml }));
    let pauses = 0;
    expect(await pkg.text("a.xml", async () => void pauses++)).toBe(xml);
    // More pauses than the decoding alone makes (one a megabyte): the inflating pauses too.
    expect(pauses).toBeGreaterThan(Math.ceil(Buffer.byteLength(xml) / (1 << 20)) + 1);
  });

  it("joins a large part's inflated pieces a few megabytes at a time, pausing between them", async () => {
    const rows = Array.from(
      { length: 400_000 },
      (_, i) => `<row r="${i}"><v>${(i * 7919) % 10007}</v></row>`,
    );
    const xml = `<x>${rows.join("")}</x>`;
    const zip = await zipOf({ "a.xml": xml });
    const pkg = await ZipPackage.open(zip);
    let pauses = 0;
    const bytes = await pkg.utf8("a.xml", async () => void pauses++);
    expect(Buffer.from(bytes!).toString("utf8")).toBe(xml);
    // One pause per 64 KB of compressed input (fewer than the zip's bytes allow), and one per 4 MB joined.
    const inflating = Math.ceil(zip.length / (1 << 16));
    expect(xml.length).toBeGreaterThan(12 << 20);
    expect(pauses).toBeGreaterThanOrEqual(inflating - 1 + Math.floor(xml.length / (4 << 20)));
  });

  it("calls a zip with damaged data damaged", async () => {
    const input = await zipOf({ "a.xml": "<a>" + "z".repeat(5000) + "</a>" });
    const bad = new Uint8Array(input);
    bad.fill(0xff, 40, 60);
    const pkg = await ZipPackage.open(bad);
    const e = await pkg.bytes("a.xml").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookProblem);
    expect((e as WorkbookProblem).reason).toBe("damagedZip");
    await expect(ZipPackage.open(bad.subarray(0, bad.length - 30))).rejects.toMatchObject({
      reason: "damagedZip",
    });
  });
});

describe("Node's zlib codec", () => {
  it("leaves a head that would unpack to more than 16 MB to the streaming path, which stops at n bytes", async () => {
    const raw = Buffer.alloc(60 << 20, "a");
    const data = zlib.deflateRawSync(raw, { level: 1 });
    expect(NODE_CODEC.inflateHead!(data, 20 << 20)).toBeNull();
    expect(Buffer.from(NODE_CODEC.inflateHead!(data, 1000)!)).toEqual(raw.subarray(0, 1000));
    const pkg = await ZipPackage.open(await zipOf({ "a.xml": new Uint8Array(raw) }));
    expect(pkg.head("a.xml", 20 << 20)!.length).toBe(20 << 20);
  });
});
