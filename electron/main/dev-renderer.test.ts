import { describe, expect, it } from 'vitest';
import { devRendererUrl } from './dev-renderer';
import { isOwnRendererUrl } from './sender-check';

const dev = (url: string, isPackaged = false) => devRendererUrl({ DTT_DEV_RENDERER_URL: url }, isPackaged);

describe('devRendererUrl', () => {
  it('is honoured in a development run for a loopback dev server', () => {
    expect(dev('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    expect(dev('http://localhost:41234')).toBe('http://localhost:41234/');
    expect(devRendererUrl({}, false)).toBeUndefined();
  });
  it('is ignored by a packaged app, even when it is set (and even when it is malformed)', () => {
    expect(dev('http://127.0.0.1:5173/', true)).toBeUndefined();
    expect(dev('https://evil.example/', true)).toBeUndefined();
  });
  it('refuses anything but http on loopback with a port, at the root', () => {
    for (const bad of [
      'https://127.0.0.1:5173/',
      'http://evil.example:5173/',
      'http://192.168.1.2:5173/',
      'http://127.0.0.1/',
      'http://127.0.0.1:5173/x/',
      'http://127.0.0.1:5173/?a=1',
      'http://user@127.0.0.1:5173/',
      'file:///tmp/index.html',
      'not a url',
    ])
      expect(() => dev(bad), bad).toThrow(/DTT_DEV_RENDERER_URL must look like/);
  });
});

describe('isOwnRendererUrl in dev mode', () => {
  const dir = '/opt/dtt/build/renderer';
  it('accepts exactly the dev server origin, and no longer the packaged files', () => {
    const src = { dir, devUrl: 'http://127.0.0.1:5173/' };
    expect(isOwnRendererUrl('http://127.0.0.1:5173/', src)).toBe(true);
    expect(isOwnRendererUrl('http://127.0.0.1:5173/index.html', src)).toBe(true);
    for (const other of [
      'http://127.0.0.1:5174/',
      'http://localhost:5173/',
      'https://127.0.0.1:5173/',
      `file://${dir}/index.html`,
      'about:blank',
    ])
      expect(isOwnRendererUrl(other, src), other).toBe(false);
  });
  it('without a dev server accepts only the packaged files', () => {
    expect(isOwnRendererUrl(`file://${dir}/index.html`, { dir }, 'linux')).toBe(true);
    expect(isOwnRendererUrl('http://127.0.0.1:5173/', { dir }, 'linux')).toBe(false);
  });
});
