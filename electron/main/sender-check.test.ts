import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRendererFileUrl } from './sender-check';

// How Chromium spells a file URL: it percent-encodes spaces, "#", "%" and non-ASCII, but leaves
// "~", "[" and "]" as they are; Node's pathToFileURL also encodes "~" etc. Both must pass.
function chromiumFileUrl(file: string, windows = false): string {
  const slashed = windows ? '/' + file.replace(/\\/g, '/') : file;
  return (
    'file://' +
    slashed
      .split('/')
      .map((seg) => encodeURIComponent(seg).replace(/%7E/gi, '~').replace(/%5B/gi, '[').replace(/%5D/gi, ']'))
      .join('/')
      .replace(/^\/([A-Za-z])%3A/, '/$1:')
  );
}

const POSIX_DIRS = [
  '/opt/Dropbox Token Tray/resources/app.asar/build/renderer',
  '/home/jo~1/apps/dtt/build/renderer',
  '/home/jo/[work]/dtt/build/renderer',
  '/home/jo/#1 tools/dtt/build/renderer',
  '/home/jo/100% done/dtt/build/renderer',
  '/home/jöhn/Программы/dtt/build/renderer',
];
const WINDOWS_DIRS = [
  'C:\\Users\\JOHNSM~1\\AppData\\Local\\Programs\\Dropbox Token Tray\\resources\\app.asar\\build\\renderer',
  'C:\\Users\\[jo]\\#dev\\100%\\dtt\\build\\renderer',
  'D:\\Données\\dtt\\build\\renderer',
];

describe('isRendererFileUrl', () => {
  it.each(POSIX_DIRS)('accepts our page under %s, however the URL is escaped', (dir) => {
    const page = path.posix.join(dir, 'index.html');
    expect(isRendererFileUrl(pathToFileURL(page).href, dir, 'linux')).toBe(true);
    expect(isRendererFileUrl(chromiumFileUrl(page), dir, 'linux')).toBe(true);
    expect(isRendererFileUrl(chromiumFileUrl(page) + '#/settings', dir, 'darwin')).toBe(true);
  });

  it.each(WINDOWS_DIRS)('accepts our page under %s on Windows', (dir) => {
    const page = path.win32.join(dir, 'index.html');
    expect(isRendererFileUrl(chromiumFileUrl(page, true), dir, 'win32')).toBe(true);
    // Windows paths are case-insensitive; Chromium may report the drive letter in lower case.
    const lower = chromiumFileUrl(page, true).replace(
      /^file:\/\/\/([A-Z]):/,
      (_m, d: string) => `file:///${d.toLowerCase()}:`,
    );
    expect(isRendererFileUrl(lower, dir, 'win32')).toBe(true);
  });

  it.each(POSIX_DIRS)('refuses pages outside %s', (dir) => {
    const outside = [
      chromiumFileUrl(path.posix.join(path.posix.dirname(dir), 'renderer-evil', 'index.html')),
      chromiumFileUrl(path.posix.join(dir, '..', '..', 'x.html')).replace(/\/[^/]+\/\.\.\/[^/]+\/\.\.\//, '/../../'),
      chromiumFileUrl(dir),
      'https://example.com' + chromiumFileUrl(path.posix.join(dir, 'index.html')).slice('file://'.length),
      'file://evil.example.com' + chromiumFileUrl(path.posix.join(dir, 'index.html')).slice('file://'.length),
      'about:blank',
      'not a url',
      'file:///etc/passwd',
      chromiumFileUrl(path.posix.join(dir, 'index.html')).replace('/index.html', '%2F..%2F..%2Fx.html'),
    ];
    for (const url of outside) expect(isRendererFileUrl(url, dir, 'linux'), url).toBe(false);
  });

  it('refuses another drive or a UNC share on Windows', () => {
    const dir = WINDOWS_DIRS[0]!;
    expect(isRendererFileUrl('file:///D:/Users/x/index.html', dir, 'win32')).toBe(false);
    expect(isRendererFileUrl('file://server/share/build/renderer/index.html', dir, 'win32')).toBe(false);
  });
});
