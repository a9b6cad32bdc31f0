/** Node's native zlib as the zip codec (Node only: the CLI installs it; the browser keeps fflate). */
import zlib from "node:zlib";
import { crc32, type ZipCodec } from "./zipPackage";

export const NODE_CODEC: ZipCodec = {
  inflate(data, max) {
    try {
      const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, max) });
      return out.length > max ? null : out;
    } catch (e) {
      // Output past maxOutputLength; anything else is damaged data.
      if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") return null;
      throw e;
    }
  },
  deflate: (data) => zlib.deflateRawSync(data, { level: 1 }),
  // zlib.crc32 came with Node 20.15 and 22.2.
  crc32: typeof zlib.crc32 === "function" ? (data) => zlib.crc32(data) >>> 0 : crc32,
};
