#!/usr/bin/env node
// Draws every icon the app ships from the one glyph definition below and writes them to assets/.
// Pure Node (zlib only): shapes are signed-distance functions, so edges are anti-aliased at any
// size without ImageMagick or rsvg, and CI needs nothing installed. Re-runnable and deterministic.
//   node scripts/make-icons.mjs [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

// ---- Shapes: signed distance (negative inside) in a 16-unit design grid, y pointing down.
const box = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const line = (ax, ay, bx, by, width) => (x, y) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - width / 2;
};
const union =
  (...fs) =>
  (x, y) =>
    Math.min(...fs.map((f) => f(x, y)));
const minus = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
const outline = (f, width) => (x, y) => Math.max(f(x, y), -(f(x, y) + width));

// ---- The glyph: a storage box with a lid (a token kept in a tray).
// Edges sit on whole units so the 16 px images stay crisp.
const lid = box(8, 4, 7, 2, 0.75);
const body = box(8, 10.5, 6, 3.5, 1);
const handle = box(8, 9.5, 2, 0.5, 0.5);
const solid = union(lid, minus(body, handle));
const dot = circle(12.75, 3.25, 2.75);
const slash = line(2, 1.5, 14, 14.5, 1.5);

const BLUE = [47, 111, 235];
const AMBER = [245, 158, 11];
const GREY = [139, 149, 161];
const WHITE = [255, 255, 255];

/** Layers per tray state, painted in order. A clear gap keeps the badge and slash readable in one colour. */
const TRAY = {
  normal: [{ shape: solid, color: BLUE }],
  attention: [
    { shape: minus(solid, circle(12.75, 3.25, 4)), color: BLUE },
    { shape: dot, color: AMBER },
  ],
  disconnected: [
    { shape: minus(union(outline(lid, 1), outline(body, 1)), line(2, 1.5, 14, 14.5, 3.5)), color: GREY },
    { shape: slash, color: GREY },
  ],
};

// The app icon: the glyph in white on a rounded blue square (macOS grid: 824/1024, radius 185).
const APP = [
  { shape: box(8, 8, 6.44, 6.44, 2.89), color: BLUE },
  { shape: (x, y) => solid((x - 8) * 1.6 + 8, (y - 7.92) * 1.6 + 8) / 1.6, color: WHITE },
];

// ---- Rasteriser: coverage from the distance at each pixel centre, composited "over".
function render(layers, size, { template = false } = {}) {
  const rgba = new Uint8Array(size * size * 4);
  const scale = 16 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [x, y] = [(px + 0.5) * scale, (py + 0.5) * scale];
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const cover = Math.max(0, Math.min(1, 0.5 - layer.shape(x, y) / scale));
        if (cover === 0) continue;
        const [lr, lg, lb] = template ? [0, 0, 0] : layer.color;
        r = lr * cover + r * (1 - cover);
        g = lg * cover + g * (1 - cover);
        b = lb * cover + b * (1 - cover);
        a = cover + a * (1 - cover);
      }
      const i = (py * size + px) * 4;
      // Stored premultiplied above; PNG wants straight alpha.
      rgba.set(
        a === 0 ? [0, 0, 0, 0] : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a * 255)],
        i,
      );
    }
  }
  return { size, rgba };
}

// ---- Encoders.
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png({ size, rgba }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Small ICO entries are 32-bit BMPs, not PNGs: NSIS and some Windows shell paths only accept
// PNG compression for the 256 px image.
function bmp({ size, rgba }) {
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8); // colour + mask height
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y; // bottom-up
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      out.set([rgba[s + 2], rgba[s + 1], rgba[s], rgba[s + 3]], 40 + (row * size + x) * 4);
      if (rgba[s + 3] === 0) out[40 + size * size * 4 + row * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return out;
}

function ico(images) {
  const datas = images.map((img) => (img.size >= 256 ? png(img) : bmp(img)));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((img, i) => {
    const e = 6 + 16 * i;
    header[e] = img.size >= 256 ? 0 : img.size;
    header[e + 1] = img.size >= 256 ? 0 : img.size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(datas[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += datas[i].length;
  });
  return Buffer.concat([header, ...datas]);
}

// PNG-payload icon types, as iconutil writes them (16/32 px come from the @2x slots).
const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];
function icns(draw) {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const data = png(draw(size));
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

// ---- What the app asks for (see electron/main/tray-icons.ts and electron-builder.yml).
export const TRAY_ICO_SIZES = [16, 20, 24, 32];
export const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];

export function iconFiles() {
  const files = new Map();
  const drawApp = (size) => render(APP, size);
  for (const [state, layers] of Object.entries(TRAY)) {
    // Linux and Windows tray: colour; nativeImage picks the @2x file on HiDPI screens.
    files.set(`tray/${state}.png`, png(render(layers, 16)));
    files.set(`tray/${state}@2x.png`, png(render(layers, 32)));
    // macOS menu bar: black + alpha only, so the system can tint it for light and dark bars.
    files.set(`tray/${state}Template.png`, png(render(layers, 16, { template: true })));
    files.set(`tray/${state}Template@2x.png`, png(render(layers, 32, { template: true })));
    files.set(`tray/${state}.ico`, ico(TRAY_ICO_SIZES.map((s) => render(layers, s))));
  }
  files.set('icon.png', png(drawApp(512)));
  files.set('icon.ico', ico(APP_ICO_SIZES.map(drawApp)));
  files.set('icon.icns', icns(drawApp));
  for (const s of LINUX_ICON_SIZES) files.set(`linux-icons/${s}x${s}.png`, png(drawApp(s)));
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outDir =
    at > 0
      ? path.resolve(process.argv[at + 1])
      : path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  const files = iconFiles();
  for (const [name, data] of files) {
    mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
    writeFileSync(path.join(outDir, name), data);
  }
  console.log(`wrote ${files.size} icons to ${outDir}`);
}
