// Draws the app icon (seven bands in the timeline's scale colours on a dark tile) as PNGs.
// Run once: node scripts/build/make-icons.mjs; the PNGs are committed in public/icons.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const COLORS = ['#b2182b', '#e05a3a', '#f4a261', '#e9c46a', '#8ab17d', '#2a9d8f', '#264f73'];
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function icon(size, maskable) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const pad = maskable ? size * 0.2 : size * 0.12;
  const inner = size - 2 * pad;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let rgb = [22, 24, 30];
      if (x >= pad && x < size - pad && y >= pad && y < size - pad) {
        const band = Math.min(6, Math.floor(((x - pad) / inner) * 7));
        const h = inner * (0.35 + 0.65 * Math.abs(Math.sin(band * 1.3 + 0.4)));
        if (y >= size - pad - h) rgb = hex(COLORS[band]);
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync('public/icons/icon-192.png', icon(192, false));
writeFileSync('public/icons/icon-512.png', icon(512, false));
writeFileSync('public/icons/icon-maskable-512.png', icon(512, true));
console.log('icons written');
