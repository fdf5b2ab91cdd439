import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { isPermissionGranted } from './permissions';

const dir = { dir: '/opt/Dropbox Token Tray/resources/app.asar/build/renderer' };
const ours = pathToFileURL(`${dir.dir}/index.html`).href;

describe('isPermissionGranted', () => {
  it('lets our own page write text to the clipboard', () => {
    expect(
      isPermissionGranted('clipboard-sanitized-write', { requestingUrl: ours, isMainFrame: true }, dir, 'linux'),
    ).toBe(true);
  });
  it('refuses every other permission, and the clipboard to other pages or frames', () => {
    for (const p of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen'])
      expect(isPermissionGranted(p, { requestingUrl: ours, isMainFrame: true }, dir, 'linux'), p).toBe(false);
    for (const requestingUrl of ['https://example.com/', 'file:///tmp/evil.html', 'about:blank'])
      expect(
        isPermissionGranted('clipboard-sanitized-write', { requestingUrl, isMainFrame: true }, dir, 'linux'),
        requestingUrl,
      ).toBe(false);
    expect(
      isPermissionGranted('clipboard-sanitized-write', { requestingUrl: ours, isMainFrame: false }, dir, 'linux'),
    ).toBe(false);
  });
});
