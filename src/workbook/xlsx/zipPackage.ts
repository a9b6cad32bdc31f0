/**
 * An Open Packaging Conventions package (the zip inside an .xlsx): parts read on demand with a bound on what they
 * expand to, parts replaced or added, everything else carried over as it was (the compressed bytes are reused).
 * The zip container is read and written here; deflating is the codec's (fflate by default, Node's native zlib
 * where the CLI installs it: useZipCodec).
 */
import { Deflate, Inflate, deflateSync } from "fflate";
import type { Pause } from "../slices";
import { DEFAULT_LIMITS, WorkbookProblem, type ReadLimits } from "./problems";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);

/** "EncryptionInfo" as UTF-16LE: the stream an encrypted (password) OOXML file carries in its compound file. */
const ENCRYPTION_INFO = Array.from("EncryptionInfo").flatMap((c) => [c.charCodeAt(0), 0]);

function contains(b: Uint8Array, sig: readonly number[]): boolean {
  const first = sig[0];
  for (let i = b.indexOf(first); i >= 0 && i <= b.length - sig.length; i = b.indexOf(first, i + 1)) {
    let k = 1;
    while (k < sig.length && b[i + k] === sig[k]) k++;
    if (k === sig.length) return true;
  }
  return false;
}

/**
 * Whether an Excel 97–2003 compound file is protected with a password to open: its Workbook stream begins with a BOF
 * record (0x0809, 16 bytes of data in BIFF8) followed at once by FILEPASS (0x002F) [MS-XLS] 2.4.117. Streams start on a
 * sector (512 bytes) or, when small, a mini-sector (64 bytes), so only BOF records at such offsets are looked at.
 */
function xlsWithPassword(b: Uint8Array): boolean {
  for (let i = 512; i + 22 <= b.length; i += 64)
    if (b[i] === 0x09 && b[i + 1] === 0x08 && b[i + 2] === 0x10 && b[i + 3] === 0x00)
      return b[i + 20] === 0x2f && b[i + 21] === 0x00;
  return false;
}

/** A web page, and an XML Spreadsheet 2003, by their first characters (after a byte-order mark and blank space). */
const WEB_PAGE = /^\uFEFF?\s*(?:<!doctype html|<html|<table)/i;
const XML_2003 = /^\uFEFF?\s*<\?xml[^>]*\?>\s*(?:<\?mso-application[^>]*Excel\.Sheet|<(?:ss:)?Workbook\b)/;

/** What kind of file these bytes are, before any unpacking: refuses .xls, password files and non-zips with a reason. */
export function sniff(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new WorkbookProblem("emptyFile");
  if (starts(bytes, CFB))
    throw new WorkbookProblem(
      contains(bytes, ENCRYPTION_INFO) || xlsWithPassword(bytes) ? "password" : "xls",
    );
  if (!starts(bytes, ZIP) && !starts(bytes, EMPTY_ZIP)) {
    const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 1024));
    throw new WorkbookProblem(WEB_PAGE.test(head) ? "webPage" : XML_2003.test(head) ? "xml2003" : "notXlsx");
  }
}

/** Why a zip without a SpreadsheetML workbook part is not one: an .xlsb, an Apple Numbers document, a Word document, or neither. */
export function foreignPackage(parts: readonly string[]): "xlsb" | "numbers" | "wordDocument" | "noWorkbook" {
  if (parts.some((p) => /^xl\/workbook\.bin$/i.test(p))) return "xlsb";
  if (parts.some((p) => /^Index(?:\.zip$|\/.*\.iwa$)/.test(p))) return "numbers";
  if (parts.some((p) => /^word\/document\.xml$/i.test(p))) return "wordDocument";
  return "noWorkbook";
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as zip records it. */
export function crc32(b: Uint8Array, previous = 0): number {
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Raw deflate (RFC 1951) and CRC-32: the work of a zip that costs time. */
export interface ZipCodec {
  /**
   * The inflated bytes, or null as soon as they pass `max` bytes; throws on data that is not deflate. `size` is the
   * size the zip declares, a hint for the output buffer only (a hostile zip may lie).
   */
  inflate(data: Uint8Array, max: number, size?: number): Uint8Array | null;
  /** Deflated at a fast level (1): about three times faster than the default on sheet XML, a few percent larger. */
  deflate(data: Uint8Array): Uint8Array;
  /** CRC-32, going on from the CRC of the bytes before (`previous`). */
  crc32(data: Uint8Array, previous?: number): number;
  /**
   * The first `n` bytes of the inflated data (fewer if it is shorter), unpacking little more than that; null when it
   * cannot tell cheaply (the package then streams the part through fflate). Absent: always fflate.
   */
  inflateHead?(data: Uint8Array, n: number): Uint8Array | null;
  /**
   * A part given in pieces, deflated away from the calling thread, every piece at once and on its own (Node's zlib
   * thread pool, while the next sheet is being written): the results in order make one deflate stream. Absent where
   * there is no such pool (the browser).
   */
  deflatePieces?(pieces: readonly Uint8Array[]): Promise<Uint8Array[]>;
}

/** fflate, in pure JavaScript: runs in the browser and in Node. */
const FFLATE: ZipCodec = {
  inflate(data, max) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    // Fed in slices so that a bomb stops after one slice's worth of output past the limit.
    for (let at = 0; at < data.length && size <= max; at += 1 << 16)
      inflater.push(data.subarray(at, at + (1 << 16)), at + (1 << 16) >= data.length);
    if (data.length === 0) inflater.push(data, true);
    return size > max ? null : concat(chunks, size);
  },
  deflate: (data) => deflateSync(data, { level: 1 }),
  crc32,
};

let codec: ZipCodec = FFLATE;

/** Sets the codec every package uses from now on (the CLI installs Node's zlib, several times faster). */
export function useZipCodec(c: ZipCodec): void {
  codec = c;
}

// Compressed bytes inflated between two pauses (a few hundred KB of XML).
const INFLATE_CHUNK = 1 << 16;

/** codec.inflate with a pause between slices of its input (fflate's streaming inflate, as in the preview). */
async function inflateSliced(data: Uint8Array, max: number, pause: Pause): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  });
  for (let at = 0; at < data.length && size <= max; at += INFLATE_CHUNK) {
    inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
    await pause();
  }
  if (size > max) return null;
  if (chunks.length === 1) return chunks[0];
  // Joined a few megabytes at a time: copying into fresh memory costs about 5 ms a megabyte (36 MB of Kết quả
  // took 200 ms in one go).
  const out = new Uint8Array(size);
  let at = 0;
  let sincePause = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
    sincePause += c.length;
    if (sincePause >= JOIN_SLICE) {
      sincePause = 0;
      await pause();
    }
  }
  return out;
}

// Bytes of inflated pieces joined between two pauses.
const JOIN_SLICE = 4 << 20;

/** Pieces of bytes as one array. */
export function concat(
  chunks: readonly Uint8Array[],
  size = chunks.reduce((n, c) => n + c.length, 0),
): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** One part as stored: compressed bytes (method 8) or stored bytes (method 0), with its checksum and sizes. */
interface Entry {
  readonly name: string;
  readonly method: number;
  readonly data: Uint8Array;
  /** The compressed bytes in pieces, as the codec's thread pool gave them (then data is empty): written out unjoined. */
  readonly pieces?: readonly Uint8Array[];
  readonly crc: number;
  readonly size: number;
  /** MS-DOS time and date, as the zip records them. */
  readonly time: number;
  readonly date: number;
}

const decoder = new TextDecoder("utf-8");
// Bytes decoded, or deflated, between two pauses when a caller reads or writes in time slices.
const DECODE_CHUNK = 1 << 20;
const encoder = new TextEncoder();
// Bytes deflated between two pauses of putSliced: a quarter megabyte is 20-30 ms of fflate (level 1) and CRC in V8.
const DEFLATE_SLICE = 1 << 18;

// Compressed bytes fed at a time when only the head of a part is wanted.
const HEAD_CHUNK = 1 << 12;

/** A UTF-16 part (allowed by XML, rare), which starts with its byte-order mark, as text. */
function utf16(b: Uint8Array): string {
  return new TextDecoder(b[0] === 0xff ? "utf-16le" : "utf-16be").decode(b.subarray(2));
}

/** The entries of a zip (central directory), their data sliced out of the bytes without copying. */
function readEntries(b: Uint8Array): Entry[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const damaged = () => new WorkbookProblem("damagedZip");
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw damaged();
  let count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  // Zip64: the real count and offset are in the zip64 end record the locator points to.
  if ((count === 0xffff || at === 0xffffffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = Number(v.getBigUint64(eocd - 12, true));
    if (z + 56 > b.length || v.getUint32(z, true) !== 0x06064b50) throw damaged();
    count = Number(v.getBigUint64(z + 32, true));
    at = Number(v.getBigUint64(z + 48, true));
  }
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    const cd = at;
    if (at + 46 > b.length || v.getUint32(at, true) !== 0x02014b50) throw damaged();
    const flags = v.getUint16(at + 8, true);
    const method = v.getUint16(at + 10, true);
    let csize = v.getUint32(at + 20, true);
    let size = v.getUint32(at + 24, true);
    const nameLen = v.getUint16(at + 28, true);
    const extraLen = v.getUint16(at + 30, true);
    const commentLen = v.getUint16(at + 32, true);
    let local = v.getUint32(at + 42, true);
    const name = decoder.decode(b.subarray(at + 46, at + 46 + nameLen));
    // Zip64 extra field: 64-bit values for the fields set to 0xFFFFFFFF, in this order.
    for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen;) {
      const id = v.getUint16(e, true);
      const len = v.getUint16(e + 2, true);
      if (id === 1) {
        let p = e + 4;
        const next = () => {
          const x = Number(v.getBigUint64(p, true));
          p += 8;
          return x;
        };
        if (size === 0xffffffff) size = next();
        if (csize === 0xffffffff) csize = next();
        if (local === 0xffffffff) local = next();
      }
      e += 4 + len;
    }
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    // Encrypted entries, and methods other than stored and deflate, cannot be read.
    if (flags & 1 || (method !== 0 && method !== 8)) throw damaged();
    if (local + 30 > b.length || v.getUint32(local, true) !== 0x04034b50) throw damaged();
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    if (start + csize > b.length) throw damaged();
    out.push({
      name,
      method,
      data: b.subarray(start, start + csize),
      crc: v.getUint32(cd + 16, true),
      size,
      time: v.getUint16(cd + 12, true),
      date: v.getUint16(cd + 14, true),
    });
  }
  return out;
}

/** An entry's compressed bytes as one array (joined, for reading back a part deflated in pieces). */
const compressed = (e: Entry): Uint8Array => (e.pieces ? concat(e.pieces) : e.data);

/** An entry's compressed bytes as they are held: one array or its pieces. */
const compressedPieces = (e: Entry): readonly Uint8Array[] => e.pieces ?? [e.data];

/** The current time as MS-DOS time and date fields. */
function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A zip package held in memory. Part names are compared without case, as OPC requires. */
export class ZipPackage {
  /** Entries by lower-cased name, in the order they are written. */
  private readonly entries = new Map<string, Entry>();
  /** Parts still being deflated off the thread (putSliced in the CLI), by lower-cased name: awaited before use. */
  private readonly deflating = new Map<string, Promise<void>>();
  private readonly written = new Set<string>();
  /** Bytes unpacked so far, each part counted once: reading a part again yields the same bytes. */
  private inflated = 0;
  /** Size of each part unpacked so far, so that reading it again is not counted again (a part put anew is new). */
  private readonly unpacked = new WeakMap<Entry, number>();

  private constructor(
    entries: readonly Entry[],
    readonly limits: ReadLimits,
  ) {
    for (const e of entries) this.entries.set(e.name.toLowerCase(), e);
  }

  /** Opens a package; refuses what is not one with a reason (see sniff), and a zip that cannot be read as damaged. */
  static async open(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<ZipPackage> {
    sniff(bytes);
    let entries: Entry[];
    try {
      entries = readEntries(bytes);
    } catch {
      throw new WorkbookProblem("damagedZip");
    }
    const pkg = new ZipPackage(entries, limits);
    // The sizes the zip declares refuse an honest zip bomb at once; unpacking counts again for one that lies.
    const declared = entries.reduce((n, e) => n + e.size, 0);
    if (declared > limits.maxUncompressedBytes)
      throw new WorkbookProblem("tooLarge", { limitMB: Math.round(limits.maxUncompressedBytes / 1048576) });
    if (pkg.has("mimetype")) {
      const mime = (await pkg.text("mimetype")) ?? "";
      if (mime.startsWith("application/vnd.oasis.opendocument")) throw new WorkbookProblem("ods");
    }
    return pkg;
  }

  /** A new, empty package. */
  static empty(): ZipPackage {
    return new ZipPackage([], DEFAULT_LIMITS);
  }

  private entry(name: string): Entry | undefined {
    return this.entries.get(name.replace(/^\//, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** Every part's name as stored. */
  parts(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  /** The CRC-32 the zip records for a part not changed since loading (free to get: no unpacking), else null. */
  storedCrc(name: string): number | null {
    const e = this.entry(name);
    return e && !this.written.has(e.name) ? e.crc : null;
  }

  /** A part's CRC-32 and size as "crc:size" (from the zip's directory, or recorded when written), or null. */
  stamp(name: string): string | null {
    const e = this.entry(name);
    return e ? `${(e.crc >>> 0).toString(16)}:${e.size}` : null;
  }

  /** A part's CRC-32 (recorded when the part is stored or written, so never computed again). */
  async crc(name: string): Promise<number | null> {
    return this.entry(name)?.crc ?? null;
  }

  /** "part:crc" for each part `keep` accepts, in name order: what a digest of the package's content is made from. */
  async crcLines(keep: (part: string) => boolean, pause?: Pause): Promise<string[]> {
    const lines: string[] = [];
    for (const p of this.parts().filter(keep).sort()) {
      lines.push(`${p}:${await this.crc(p)}`);
      await pause?.();
    }
    return lines;
  }

  /** A part's bytes; unpacking stops as soon as the package's uncompressed total passes the limit. */
  async bytes(name: string, pause?: Pause): Promise<Uint8Array | null> {
    await this.deflating.get(name.replace(/^\//, "").toLowerCase());
    const e = this.entry(name);
    if (!e) return null;
    const limit = this.limits.maxUncompressedBytes;
    const tooLarge = () =>
      new WorkbookProblem("tooLarge", { part: e.name, limitMB: Math.round(limit / 1048576) });
    const before = this.unpacked.get(e);
    const room = before ?? limit - this.inflated;
    const data = compressed(e);
    let out: Uint8Array | null;
    if (e.method === 0) out = data.length <= room ? data : null;
    else {
      try {
        out =
          pause && data.length > INFLATE_CHUNK
            ? await inflateSliced(data, room, pause)
            : codec.inflate(data, room, e.size);
      } catch {
        throw new WorkbookProblem("damagedZip", { part: e.name });
      }
    }
    if (out === null) throw tooLarge();
    if (before === undefined) {
      this.inflated += out.length;
      this.unpacked.set(e, out.length);
    }
    return out;
  }

  /**
   * A part as UTF-8 bytes, for the scanners that read markup from bytes without decoding it (a UTF-16 part,
   * allowed by XML and rare, is converted). Null if absent.
   */
  async utf8(name: string, pause?: Pause): Promise<Uint8Array | null> {
    const b = await this.bytes(name, pause);
    if (!b || !((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return b;
    return encoder.encode(utf16(b));
  }

  /**
   * The first `n` bytes of a part (fewer if it is shorter), unpacking no more of it than that: enough to look at
   * what comes before a large sheet's cells. Null if absent.
   */
  head(name: string, n: number): Uint8Array | null {
    const e = this.entry(name);
    if (!e) return null;
    const data = compressed(e);
    if (e.method === 0) return data.subarray(0, n);
    let native: Uint8Array | null = null;
    try {
      native = codec.inflateHead?.(data, n) ?? null;
    } catch {
      throw new WorkbookProblem("damagedZip", { part: e.name });
    }
    if (native) return native;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk) => {
      if (size < n) chunks.push(chunk);
      size += chunk.length;
    });
    try {
      for (let at = 0; at < data.length && size < n; at += HEAD_CHUNK)
        inflater.push(data.subarray(at, at + HEAD_CHUNK), at + HEAD_CHUNK >= data.length);
    } catch {
      throw new WorkbookProblem("damagedZip", { part: e.name });
    }
    return concat(chunks).subarray(0, n);
  }

  /** A part as text (UTF-8), or null if absent; with a pause, a large part is decoded a megabyte at a time. */
  async text(name: string, pause?: Pause): Promise<string | null> {
    const b = await this.bytes(name, pause);
    if (!b) return null;
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return utf16(b);
    if (!pause || b.length <= DECODE_CHUNK) return decoder.decode(b);
    const streaming = new TextDecoder("utf-8");
    const parts: string[] = [];
    for (let at = 0; at < b.length; at += DECODE_CHUNK) {
      parts.push(
        streaming.decode(b.subarray(at, at + DECODE_CHUNK), { stream: at + DECODE_CHUNK < b.length }),
      );
      await pause();
    }
    return parts.join("");
  }

  /** Adds or replaces a part; it is deflated at once, so only its compressed bytes stay in memory. */
  put(name: string, content: string | Uint8Array): void {
    const n = this.entry(name)?.name ?? name.replace(/^\//, "");
    const raw = typeof content === "string" ? encoder.encode(content) : content;
    this.entries.set(n.toLowerCase(), {
      name: n,
      method: 8,
      data: codec.deflate(raw),
      crc: codec.crc32(raw),
      size: raw.length,
      ...dosNow(),
    });
    this.written.add(n);
  }

  /**
   * put, with a pause every quarter megabyte of a large part: a 50 MB sheet deflated in one go holds the page's thread
   * for up to a second. The slices are fflate's streaming deflate (the preview's codec; the CLI never pauses).
   */
  async putSliced(name: string, pieces: readonly Uint8Array[], pause?: Pause): Promise<void> {
    const length = pieces.reduce((n, p) => n + p.length, 0);
    if (!pause && codec.deflatePieces && length > DECODE_CHUNK)
      return this.putDeflating(name, pieces, length);
    if (!pause || length <= DECODE_CHUNK) return this.put(name, concat(pieces, length));
    const chunks: Uint8Array[] = [];
    let size = 0;
    const deflater = new Deflate({ level: 1 }, (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    let crc = 0;
    let fed = 0;
    for (const raw of pieces)
      for (let at = 0; at < raw.length; at += DEFLATE_SLICE) {
        const piece = raw.subarray(at, at + DEFLATE_SLICE);
        crc = crc32(piece, crc);
        fed += piece.length;
        deflater.push(piece, fed === length);
        await pause();
      }
    const n = this.entry(name)?.name ?? name.replace(/^\//, "");
    this.entries.set(n.toLowerCase(), {
      name: n,
      method: 8,
      data: concat(chunks, size),
      crc,
      size: length,
      ...dosNow(),
    });
    this.written.add(n);
  }

  /**
   * put, the deflating left to the codec's thread pool: the part's CRC is taken here, its compressed bytes come in
   * later (generate and bytes wait for them). The pieces are not copied into one array.
   */
  private putDeflating(name: string, pieces: readonly Uint8Array[], length: number): void {
    const n = this.entry(name)?.name ?? name.replace(/^\//, "");
    const key = n.toLowerCase();
    let crc = 0;
    for (const p of pieces) crc = codec.crc32(p, crc);
    const entry: Entry = { name: n, method: 8, data: new Uint8Array(0), crc, size: length, ...dosNow() };
    this.entries.set(key, entry);
    this.written.add(n);
    const done = (codec.deflatePieces as NonNullable<ZipCodec["deflatePieces"]>)(pieces).then((out) => {
      // Unless the part was replaced or removed meanwhile.
      if (this.entries.get(key) === entry) this.entries.set(key, { ...entry, pieces: out });
    });
    // A failure surfaces where the part is awaited (generate, bytes), not as an unhandled rejection before that.
    done.catch(() => undefined);
    this.deflating.set(key, done);
  }

  /** Removes a part. */
  remove(name: string): void {
    const e = this.entry(name);
    if (!e) return;
    this.entries.delete(e.name.toLowerCase());
    this.written.delete(e.name);
  }

  /** True when the part was written since loading. */
  changed(name: string): boolean {
    const e = this.entry(name);
    return e !== undefined && this.written.has(e.name);
  }

  /** The package's bytes; parts not changed keep their compressed bytes as they were. */
  async generate(): Promise<Uint8Array> {
    return concat(await this.generatePieces());
  }

  /**
   * The package's bytes in pieces, in order (each part's header, its compressed bytes as held, then the central
   * directory): for writing to a file without first copying tens of megabytes into one array.
   */
  async generatePieces(): Promise<Uint8Array[]> {
    await Promise.all(this.deflating.values());
    this.deflating.clear();
    const list = [...this.entries.values()];
    const names = list.map((e) => encoder.encode(e.name));
    const sizes = list.map((e) => compressedPieces(e).reduce((n, p) => n + p.length, 0));
    const header = (v: DataView, at: number, k: number) => {
      const e = list[k];
      v.setUint16(at, 20, true); // version needed: 2.0 (deflate)
      v.setUint16(at + 2, 0x0800, true); // names in UTF-8
      v.setUint16(at + 4, e.method, true);
      v.setUint16(at + 6, e.time, true);
      v.setUint16(at + 8, e.date, true);
      v.setUint32(at + 10, e.crc, true);
      v.setUint32(at + 14, sizes[k], true);
      v.setUint32(at + 18, e.size, true);
      v.setUint16(at + 22, names[k].length, true);
    };
    const pieces: Uint8Array[] = [];
    const offsets: number[] = [];
    let at = 0;
    list.forEach((e, k) => {
      offsets.push(at);
      const local = new Uint8Array(30 + names[k].length);
      const v = new DataView(local.buffer);
      v.setUint32(0, 0x04034b50, true);
      header(v, 4, k);
      local.set(names[k], 30);
      pieces.push(local, ...compressedPieces(e));
      at += local.length + sizes[k];
    });
    const cd = at;
    const tail = new Uint8Array(names.reduce((n, name) => n + 46 + name.length, 22));
    const v = new DataView(tail.buffer);
    let t = 0;
    list.forEach((_, k) => {
      v.setUint32(t, 0x02014b50, true);
      v.setUint16(t + 4, 20, true); // version made by: 2.0, MS-DOS attributes
      header(v, t + 6, k);
      v.setUint32(t + 42, offsets[k], true);
      tail.set(names[k], t + 46);
      t += 46 + names[k].length;
    });
    v.setUint32(t, 0x06054b50, true);
    v.setUint16(t + 8, list.length, true);
    v.setUint16(t + 10, list.length, true);
    v.setUint32(t + 12, t, true);
    v.setUint32(t + 16, cd, true);
    pieces.push(tail);
    return pieces;
  }
}
