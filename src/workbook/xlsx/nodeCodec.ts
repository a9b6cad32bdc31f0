/** Node's native zlib as the zip codec (Node only: the CLI installs it; the browser keeps fflate). */
import zlib from "node:zlib";
import { crc32, type ZipCodec } from "./zipPackage";

// The largest output buffer allocated at once.
const MAX_CHUNK = 64 << 20;
// inflateHead's first cut of the compressed bytes, and the most a cut may unpack to.
const HEAD_CUT = 1 << 10;
const HEAD_MAX = 16 << 20;

export const NODE_CODEC: ZipCodec = {
  inflate(data, max, size) {
    try {
      // One output buffer of the declared size (plus one byte, to see the end) saves copying the pieces of
      // zlib's default 16 KB ones into one; never smaller than those nor past 64 MB, as the size may be a lie.
      const chunkSize =
        size === undefined
          ? undefined
          : Math.max(zlib.constants.Z_DEFAULT_CHUNK, Math.min(size + 1, max + 1, MAX_CHUNK));
      const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, max), chunkSize });
      return out.length > max ? null : out;
    } catch (e) {
      // Output past maxOutputLength; anything else is damaged data.
      if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") return null;
      throw e;
    }
  },
  inflateHead(data, n) {
    // Ever longer cuts of the compressed bytes (4 times each time) until one unpacks to n bytes: a sync flush as the
    // finish lets a cut stream end without an error. (fflate's streaming inflate took 10-50 ms for 64 KB of a sheet.)
    for (let k = Math.min(data.length, HEAD_CUT); ; k = Math.min(data.length, k * 4)) {
      let out: Buffer;
      try {
        out = zlib.inflateRawSync(data.subarray(0, k), {
          finishFlush: zlib.constants.Z_SYNC_FLUSH,
          maxOutputLength: HEAD_MAX,
        });
      } catch (e) {
        // A cut that unpacks to more than HEAD_MAX (a zip bomb's head): left to the streaming path, which stops at n.
        if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") return null;
        throw e;
      }
      if (out.length >= n || k === data.length) return out.subarray(0, n);
    }
  },
  deflate: (data) => zlib.deflateRawSync(data, { level: 1 }),
  // zlib.crc32 came with Node 20.15 and 22.2.
  crc32: typeof zlib.crc32 === "function" ? (data, previous = 0) => zlib.crc32(data, previous) >>> 0 : crc32,
  deflatePieces: async (pieces) =>
    (
      await Promise.all(
        pieces.map(
          (piece, k) =>
            new Promise<Uint8Array[]>((resolve, reject) => {
              const z = zlib.createDeflateRaw({
                level: 1,
                // Every piece but the last ends on a byte boundary with its blocks open (a sync flush), so the
                // pieces, deflated on their own, join into one stream (RFC 1951 §3.2.3: blocks follow each other).
                finishFlush: k === pieces.length - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
                // Output room for an eighth of the piece (sheet XML deflates to about a tenth): mostly done in one go
                // on a pool thread, with no round trip to the main thread per 16 KB.
                chunkSize: Math.max(zlib.constants.Z_DEFAULT_CHUNK, (piece.length >> 3) + 1024),
              });
              // The output as zlib hands it over, views of its output buffers: neither copied nor joined here (filling
              // fresh memory is slow: at 3,500 units the copies took about half a second of the main thread).
              const out: Uint8Array[] = [];
              z.on("data", (chunk: Buffer) => out.push(chunk));
              z.on("end", () => resolve(out));
              z.on("error", reject);
              z.end(piece);
            }),
        ),
      )
    ).flat(),
};
