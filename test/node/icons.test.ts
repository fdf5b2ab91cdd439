// Every icon the tray and the packager ask for exists, is a well-formed image of the right size,
// and matches what scripts/make-icons.mjs draws today (so a glyph edit can't be half-committed).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { iconPathFor } from '../../electron/main/tray-icons';
import type { TrayIcon } from '../../electron/main/tray-model';

const root = path.resolve(import.meta.dirname, '..', '..');
const assets = path.join(root, 'assets');
const ICONS: TrayIcon[] = ['normal', 'attention', 'disconnected'];

interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** A minimal PNG reader: 8-bit RGBA, non-interlaced, the five row filters. Throws on anything else. */
function decodePng(buf: Buffer): Image {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      expect([...data.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (pred === undefined) throw new Error(`bad PNG filter ${filter}`);
      rgba[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** A 32-bit BMP as stored in an ICO (double height for the AND mask, bottom-up BGRA). */
function decodeIcoBmp(buf: Buffer): Image {
  expect(buf.readUInt32LE(0)).toBe(40);
  expect(buf.readUInt16LE(14)).toBe(32);
  const width = buf.readInt32LE(4);
  const height = buf.readInt32LE(8) / 2;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = 40 + ((height - 1 - y) * width + x) * 4;
      rgba.set([buf[s + 2]!, buf[s + 1]!, buf[s]!, buf[s + 3]!], (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}

function decodeIco(buf: Buffer): Image[] {
  expect([buf.readUInt16LE(0), buf.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: buf.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const data = buf.subarray(buf.readUInt32LE(e + 12), buf.readUInt32LE(e + 12) + buf.readUInt32LE(e + 8));
    const img = data.subarray(0, 4).toString('hex') === '89504e47' ? decodePng(data) : decodeIcoBmp(data);
    expect(img.width).toBe(buf[e] || 256);
    expect(img.height).toBe(buf[e + 1] || 256);
    return img;
  });
}

function decodeIcns(buf: Buffer): Array<Image & { type: string }> {
  expect(buf.toString('latin1', 0, 4)).toBe('icns');
  expect(buf.readUInt32BE(4)).toBe(buf.length);
  const out: Array<Image & { type: string }> = [];
  for (let at = 8; at < buf.length; at += buf.readUInt32BE(at + 4)) {
    out.push({
      type: buf.toString('latin1', at, at + 4),
      ...decodePng(buf.subarray(at + 8, at + buf.readUInt32BE(at + 4))),
    });
  }
  return out;
}

function decodeFile(file: string): Image[] {
  const buf = readFileSync(file);
  if (file.endsWith('.png')) return [decodePng(buf)];
  if (file.endsWith('.ico')) return decodeIco(buf);
  return decodeIcns(buf);
}

const sizes = (imgs: Image[]) => imgs.map((i) => `${i.width}x${i.height}`);
const isMonochrome = (img: Image) => img.rgba.every((v, i) => i % 4 === 3 || v === 0);
const hasInk = (img: Image) => img.rgba.some((v, i) => i % 4 === 3 && v > 0);

describe('tray icons', () => {
  it.each(ICONS)('%s: macOS template images are black + alpha, 16 px and @2x 32 px', (icon) => {
    const base = iconPathFor(icon, 'darwin', assets);
    for (const [file, px] of [
      [base, 16],
      [base.replace('.png', '@2x.png'), 32],
    ] as const) {
      const [img] = decodeFile(file);
      expect(sizes([img!])).toEqual([`${px}x${px}`]);
      expect(isMonochrome(img!)).toBe(true);
      expect(hasInk(img!)).toBe(true);
    }
  });

  it.each(ICONS)('%s: Windows .ico holds every tray DPI size', (icon) => {
    expect(sizes(decodeFile(iconPathFor(icon, 'win32', assets)))).toEqual(['16x16', '20x20', '24x24', '32x32']);
  });

  it.each(ICONS)('%s: Linux PNG is 16 px with a 32 px @2x', (icon) => {
    const base = iconPathFor(icon, 'linux', assets);
    expect(sizes(decodeFile(base))).toEqual(['16x16']);
    expect(sizes(decodeFile(base.replace('.png', '@2x.png')))).toEqual(['32x32']);
  });

  it('draws each state differently, in colour and in the template', () => {
    const hash = (f: string) => createHash('sha256').update(decodeFile(f)[0]!.rgba).digest('hex');
    for (const platform of ['darwin', 'linux'] as const) {
      expect(new Set(ICONS.map((i) => hash(iconPathFor(i, platform, assets)))).size).toBe(3);
    }
  });
});

describe('app icons', () => {
  it('has a 512 px PNG, a Windows .ico up to 256 px and a macOS .icns up to 1024 px', () => {
    expect(sizes(decodeFile(path.join(assets, 'icon.png')))).toEqual(['512x512']);
    expect(sizes(decodeFile(path.join(assets, 'icon.ico')))).toContain('256x256');
    const icns = decodeIcns(readFileSync(path.join(assets, 'icon.icns')));
    const want: Record<string, number> = {
      ic11: 32,
      ic12: 64,
      ic07: 128,
      ic13: 256,
      ic08: 256,
      ic14: 512,
      ic09: 512,
      ic10: 1024,
    };
    expect(Object.fromEntries(icns.map((e) => [e.type, e.width]))).toEqual(want);
  });

  it('has a Linux icon set whose file names state their size', () => {
    const dir = path.join(assets, 'linux-icons');
    for (const name of readdirSync(dir)) {
      const px = /^(\d+)x\1\.png$/.exec(name)?.[1];
      expect(px, name).toBeDefined();
      expect(sizes(decodeFile(path.join(dir, name)))).toEqual([`${px}x${px}`]);
    }
  });
});

describe('scripts/make-icons.mjs', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'dtt-icons-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('regenerates exactly the committed pixels, and nothing the repo lacks', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'make-icons.mjs'), '--out', out]);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(path.join(dir, d.name)).map((f) => `${d.name}/${f}`) : [d.name],
      );
    const generated = walk(out).sort();
    expect(generated.length).toBeGreaterThan(20);
    for (const name of generated) {
      expect(existsSync(path.join(assets, name)), `assets/${name} is missing: run node scripts/make-icons.mjs`).toBe(
        true,
      );
      // Pixels, not bytes: zlib output may differ between Node versions.
      const pixels = (f: string) => decodeFile(f).map((i) => createHash('sha256').update(i.rgba).digest('hex'));
      expect(pixels(path.join(assets, name)), `assets/${name} is stale: run node scripts/make-icons.mjs`).toEqual(
        pixels(path.join(out, name)),
      );
    }
  });
});
