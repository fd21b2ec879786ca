// `npm run icons`: draws the app icon from the one shape description below into resources/ — icon.svg (the same
// geometry as a vector, for reference and web use), icons/<n>x<n>.png (Linux AppImage), icon.png (the window icon),
// icon.ico (Windows: 16–48 as 32-bit BMP, 64–256 as PNG) and icon.icns (macOS: PNG entries). No image library: PNG is
// written with node:zlib and ICO/ICNS are assembled by hand, so it runs offline with nothing but Node. The outputs are
// committed; rerun after changing the shapes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources');

/** Deep blue tile with three white rising bars (performance going up). Unit square coordinates. */
export const BACKGROUND = { x: 0.0625, y: 0.0625, w: 0.875, h: 0.875, r: 0.19, color: [0x1f, 0x4e, 0x9c] };
export const BARS = [
  { x: 0.22, y: 0.56, w: 0.14, h: 0.22, r: 0.025 },
  { x: 0.43, y: 0.44, w: 0.14, h: 0.34, r: 0.025 },
  { x: 0.64, y: 0.3, w: 0.14, h: 0.48, r: 0.025 },
];
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS PNG entry types and their pixel sizes (what iconutil writes for a full .iconset). */
export const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

function inRoundRect(px, py, { x, y, w, h, r }) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** RGBA pixels, 4×4 supersampled so the small sizes keep smooth corners. */
export function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let fg = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const u = (i + (si + 0.5) / n) / size;
          const v = (j + (sj + 0.5) / n) / size;
          if (!inRoundRect(u, v, BACKGROUND)) continue;
          bg++;
          if (BARS.some((b) => inRoundRect(u, v, b))) fg++;
        }
      }
      const o = (j * size + i) * 4;
      const a = bg / (n * n);
      const white = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BACKGROUND.color[c] * (1 - white) + 255 * white);
      px[o + 3] = Math.round(a * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit ICO image: BITMAPINFOHEADER (height doubled for the AND mask), BGRA rows bottom-up, then the AND mask. */
function encodeDib(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
    }
  }
  // all-zero AND mask: the alpha channel decides transparency; rows are padded to 32 bits
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, pixels, mask]);
}

export function encodeIco(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((im) => im.data)]);
}

export function encodeIcns(entries) {
  const parts = entries.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const total = 8 + parts.reduce((n, p) => n + p.length, 0);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(total, 4);
  return Buffer.concat([h, ...parts]);
}

function svg() {
  const rect = ({ x, y, w, h, r }, fill) =>
    `<rect x="${x * 1024}" y="${y * 1024}" width="${w * 1024}" height="${h * 1024}" rx="${r * 1024}" fill="${fill}"/>`;
  const hex = '#' + BACKGROUND.color.map((c) => c.toString(16).padStart(2, '0')).join('');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">',
    '  <!-- generated by scripts/make-icons.mjs (npm run icons); edit the shapes there -->',
    `  ${rect(BACKGROUND, hex)}`,
    ...BARS.map((b) => `  ${rect(b, '#ffffff')}`),
    '</svg>',
    '',
  ].join('\n');
}

function main() {
  mkdirSync(join(out, 'icons'), { recursive: true });
  const png = new Map();
  for (const size of PNG_SIZES) {
    const bytes = encodePng(size, draw(size));
    png.set(size, bytes);
    writeFileSync(join(out, 'icons', `${size}x${size}.png`), bytes);
  }
  writeFileSync(join(out, 'icon.png'), png.get(512));
  writeFileSync(
    join(out, 'icon.ico'),
    encodeIco(
      ICO_SIZES.map((size) => ({ size, data: size <= 48 ? encodeDib(size, draw(size)) : png.get(size) })),
    ),
  );
  writeFileSync(
    join(out, 'icon.icns'),
    encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, data: png.get(size) }))),
  );
  writeFileSync(join(out, 'icon.svg'), svg());
  console.log(`[ScoreDesk] icons written to ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
