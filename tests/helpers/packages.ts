/**
 * Workbook packages made by the tests themselves: edits of the sample's XML, hand-written minimal packages, and
 * hostile zips whose parts are deflated as a stream (a part of hundreds of MB never exists in memory at once).
 */
import zlib from "node:zlib";
import JSZip from "jszip";

/** A part's content: text, bytes, or a head, a chunk repeated many times, and a tail. */
export type PartContent =
  | string
  | Uint8Array
  | { readonly head: string; readonly repeat: string; readonly times: number; readonly tail: string };

async function deflate(content: PartContent): Promise<{ data: Buffer; crc: number; size: number }> {
  if (typeof content === "string" || content instanceof Uint8Array) {
    const raw = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    return { data: zlib.deflateRawSync(raw, { level: 9 }), crc: zlib.crc32(raw), size: raw.length };
  }
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve) => d.on("end", () => resolve()));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!d.write(b)) await new Promise((r) => d.once("drain", r));
  };
  await write(Buffer.from(content.head));
  // Repeat in blocks of about 1 MB.
  const per = Math.max(1, Math.floor((1 << 20) / Math.max(1, content.repeat.length)));
  const block = Buffer.from(content.repeat.repeat(per));
  let left = content.times;
  while (left >= per) {
    await write(block);
    left -= per;
  }
  if (left > 0) await write(Buffer.from(content.repeat.repeat(left)));
  await write(Buffer.from(content.tail));
  d.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip written byte by byte (sizes honest, unless `lie` sets the declared uncompressed size of generated parts). */
export async function zipOf(parts: Record<string, PartContent>, lie?: number): Promise<Uint8Array> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const { data, crc, size } = await deflate(content);
    const fname = Buffer.from(name, "utf8");
    const generated = typeof content !== "string" && !(content instanceof Uint8Array);
    const declared = generated && lie !== undefined ? lie : size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(fname.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(fname.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    central.push(cd, fname);
    offset += local.length + fname.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBuf, end]));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The smallest package Excel opens: content types, relationships, a workbook and its sheets; nothing else. */
export function minimalParts(
  sheets: Record<string, PartContent>,
  workbookExtra = "",
  extraParts: Record<string, PartContent> = {},
): Record<string, PartContent> {
  const names = Object.keys(sheets);
  return {
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      names
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      `</Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${R}">${workbookExtra}<sheets>` +
      names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("") +
      `</Relationships>`,
    ...Object.fromEntries(names.map((n, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheets[n]])),
    ...extraParts,
  };
}

/** A worksheet part around the given sheetData rows. */
export const sheetOf = (rows: string, prefix = "") =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ""}="${MAIN}"><${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}worksheet>`;

/** The package with some of its parts rewritten (each function gets the part's text) or added, others as they were. */
export async function editPackage(
  bytes: Uint8Array,
  edits: Record<string, (xml: string) => string>,
  add: Record<string, string | Uint8Array> = {},
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, f] of Object.entries(edits)) {
    const file = zip.file(name);
    if (!file) throw new Error(`no part ${name}`);
    zip.file(name, f(await file.async("string")));
  }
  for (const [name, content] of Object.entries(add)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Every part of a package as bytes, by name. */
export async function partsOf(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("uint8array"));
  return out;
}

/** The texts of a shared string table's items (runs joined), decoded. */
export function sharedStringTexts(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)]
      .map((t) => t[1])
      .join("")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

/** The package with every sheet hidden but the ones named (and the very hidden): what printing those tabs prints. */
export async function onlySheets(bytes: Uint8Array, ...names: string[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  const shown = names.map((n) => `name="${n.replace(/&/g, "&amp;")}"`);
  const isShown = (tag: string) => shown.some((n) => tag.includes(n));
  // The first tab shown is made the active one: LibreOffice prints the active tab even when it is hidden.
  const active = [...xml.matchAll(/<sheet\b[^>]*\/>/g)].findIndex((m) => isShown(m[0]));
  const views = `<bookViews><workbookView activeTab="${active}"/></bookViews>`;
  zip.file(
    "xl/workbook.xml",
    xml
      .replace(/<bookViews>[\s\S]*?<\/bookViews>/, "")
      .replace("<sheets>", `${views}<sheets>`)
      .replace(/<sheet\b[^>]*\/>/g, (tag) =>
        isShown(tag) || tag.includes('state="veryHidden"')
          ? tag
          : tag.replace(/ state="\w+"/, "").replace("<sheet ", '<sheet state="hidden" '),
      ),
  );
  return zip.generateAsync({ type: "uint8array" });
}
