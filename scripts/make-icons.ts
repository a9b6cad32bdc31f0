/** Writes the add-in's icons (assets/icon-<size>.png): a blue rounded square with a white bar chart, drawn pixel by pixel. */
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import path from "node:path";

const SIZES = [16, 32, 64, 80, 128];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA pixels of the icon at a size. */
function pixels(n: number): Buffer {
  const px = Buffer.alloc(n * n * 4);
  const r = Math.max(2, Math.round(n * 0.18));
  const bars = [0.45, 0.7, 0.95];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const i = (y * n + x) * 4;
      const dx = Math.max(r - x, x - (n - 1 - r), 0);
      const dy = Math.max(r - y, y - (n - 1 - r), 0);
      if (dx * dx + dy * dy > r * r) continue; // transparent corner
      let [R, G, B] = [0x1f, 0x4e, 0x79];
      const bw = n / 6;
      bars.forEach((h, k) => {
        const x0 = n * 0.2 + k * bw * 1.5;
        const top = n * 0.85 - h * n * 0.6;
        if (x >= x0 && x < x0 + bw && y >= top && y < n * 0.85)
          [R, G, B] = k === 2 ? [0xff, 0xc0, 0x00] : [0xff, 0xff, 0xff];
      });
      px.set([R, G, B, 255], i);
    }
  return px;
}

function png(n: number): Buffer {
  const raw = Buffer.alloc((n * 4 + 1) * n);
  const px = pixels(n);
  for (let y = 0; y < n; y++) px.copy(raw, y * (n * 4 + 1) + 1, y * n * 4, (y + 1) * n * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const n of SIZES) writeFileSync(path.join(__dirname, "..", "assets", `icon-${n}.png`), png(n));
console.log(`Written: assets/icon-{${SIZES.join(",")}}.png`);
