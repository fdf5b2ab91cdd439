// electron-builder.yml says what we mean: the hardening fuses, a menu-bar-only Mac app, the
// targets per platform, and icons that exist. No Electron binary is needed to check any of it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, PRODUCT_NAME } from '../../electron/shared/app-identity';

const root = path.resolve(import.meta.dirname, '..', '..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; productName: string };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema (catches misspelt keys)", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('com.example.dropboxtokentray');
    expect(config.productName).toBe('Dropbox Token Tray');
    expect(config.productName).toBe(pkg.productName);
    // The name the code says and shows (and keeps settings and the keychain entry under).
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.appId).toBe(APP_ID);
  });

  it('packs only the compiled app, its icons and package.json, into an asar', () => {
    expect(config.files).toEqual(['build/**', 'assets/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(pkg.main.startsWith('build/')).toBe(true);
    // electron-builder silently drops the buildResources folder from the app: it must be neither
    // the compiled code nor the tray icons the app loads at run time.
    expect(config.directories.buildResources).toBeDefined();
    expect(['build', 'assets']).not.toContain(String(config.directories.buildResources).replace(/\/$/, ''));
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('builds a menu-bar-only Mac app as dmg and zip', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.category).toBe('public.app-category.utilities');
    expect(config.mac.extendInfo).toEqual({ LSUIElement: true });
  });

  it('builds an NSIS installer for Windows and AppImage + deb for Linux', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('points every icon at a file that exists, in the format its platform wants', () => {
    const icon = (p: string) => path.join(root, p);
    expect(config.mac.icon).toMatch(/\.icns$/);
    expect(existsSync(icon(config.mac.icon))).toBe(true);
    expect(config.win.icon).toMatch(/\.ico$/);
    expect(existsSync(icon(config.win.icon))).toBe(true);
    const linux = icon(config.linux.icon);
    expect(statSync(linux).isDirectory() || linux.endsWith('.png')).toBe(true);
    expect(existsSync(linux)).toBe(true);
  });
});

describe('platform integration', () => {
  const pkgFull = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, any>;

  it('takes the Windows AppUserModelID main sets from the same appId electron-builder writes', async () => {
    const { APP_ID } = await import('../../electron/shared/app-identity');
    expect(config.appId).toBe(APP_ID);
    const app = readFileSync(path.join(root, 'electron', 'main', 'app.ts'), 'utf8');
    expect(app).toContain('app.setAppUserModelId(APP_ID)');
  });

  it('ties Linux windows to the installed .desktop file', async () => {
    const { LINUX_DESKTOP_NAME } = await import('../../electron/shared/app-identity');
    expect(pkgFull.desktopName).toBe(LINUX_DESKTOP_NAME);
    // With syncDesktopName the installed file is named after desktopName; it must also be the
    // executable's name so the deb's launcher, the window and notifications agree.
    expect(config.linux.syncDesktopName).toBe(true);
    expect(LINUX_DESKTOP_NAME).toBe(`${config.linux.executableName}.desktop`);
  });

  it('signs and notarises the Mac app through electron-builder, with entitlements kept in the repo', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    for (const key of ['entitlements', 'entitlementsInherit'] as const) {
      const file = String(config.mac[key]);
      expect(file.startsWith('assets/'), `${key} must not live in gitignored build/`).toBe(true);
      const plist = readFileSync(path.join(root, file), 'utf8');
      expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
      // Electron 12+ needs no unsigned-executable-memory; it only widens the attack surface.
      expect(plist).not.toContain('allow-unsigned-executable-memory');
      expect(plist).not.toContain('disable-library-validation');
    }
    // No identity or credentials in the file: they come from CSC_LINK / APPLE_* at build time.
    expect(config.mac.identity).toBeUndefined();
    expect(JSON.stringify(config)).not.toMatch(/APPLE_APP_SPECIFIC_PASSWORD|CSC_KEY_PASSWORD\s*:/);
  });

  it('has one command for the e2e specs on real Electron', () => {
    expect(pkgFull.scripts['test:electron']).toContain('test/run-on-electron.ts');
    expect(existsSync(path.join(root, 'test', 'run-on-electron.ts'))).toBe(true);
  });
});
