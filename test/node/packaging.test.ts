// electron-builder.yml says what we mean: the hardening fuses, a menu-bar-only Mac app, the
// targets per platform, and icons that exist. No Electron binary is needed to check any of it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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
