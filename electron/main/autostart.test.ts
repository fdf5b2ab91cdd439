import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText } from '../shared/error-catalog';
import {
  autostartFile,
  desktopEntry,
  loginItemProblem,
  openedAtLogin,
  setLinuxAutostart,
  startAtLoginPlan,
} from './autostart';

describe('Linux autostart entry', () => {
  it('quotes paths with spaces and prefers the AppImage', () => {
    expect(desktopEntry('/opt/Dropbox Token Tray/dtt', {})).toContain('Exec="/opt/Dropbox Token Tray/dtt" --hidden');
    expect(desktopEntry('/tmp/.mount/dtt', { APPIMAGE: '/home/d/DTT.AppImage' })).toContain(
      'Exec=/home/d/DTT.AppImage --hidden',
    );
  });
  it('writes and removes the file under XDG_CONFIG_HOME', () => {
    const env = { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), 'xdg-')) };
    setLinuxAutostart(true, '/usr/bin/dtt', env);
    const file = autostartFile(env);
    expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    setLinuxAutostart(false, '/usr/bin/dtt', env);
    expect(existsSync(file)).toBe(false);
  });
});

describe('start at login: what to ask the system', () => {
  it('never registers a development run, but always lets it switch off', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(startAtLoginPlan(true, platform, false)).toEqual({ kind: 'refused', reason: 'autostart-dev-run' });
      expect(startAtLoginPlan(false, platform, false).kind).not.toBe('refused');
    }
  });
  it('uses XDG autostart on Linux, --hidden on Windows, a plain login item on macOS', () => {
    expect(startAtLoginPlan(true, 'linux', true)).toEqual({ kind: 'xdg-autostart' });
    expect(startAtLoginPlan(true, 'win32', true)).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: true, args: ['--hidden'] },
    });
    expect(startAtLoginPlan(true, 'darwin', true)).toEqual({ kind: 'login-item', settings: { openAtLogin: true } });
  });
  it("maps macOS's login item status to what the user must do", () => {
    const darwin = (status: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found') =>
      loginItemProblem(true, 'darwin', { openAtLogin: status === 'enabled', status });
    expect(darwin('enabled')).toBeNull();
    expect(darwin('requires-approval')).toBe('login-item-needs-approval');
    expect(darwin('not-registered')).toBe('login-item-failed');
    expect(darwin('not-found')).toBe('login-item-failed');
    expect(loginItemProblem(false, 'darwin', { openAtLogin: false, status: 'not-registered' })).toBeNull();
    expect(loginItemProblem(true, 'win32', { openAtLogin: true })).toBeNull();
    expect(loginItemProblem(true, 'win32', { openAtLogin: false })).toBe('login-item-failed');
    expect(errorText('login-item-needs-approval', 'window').action).toContain(
      'System Settings → General → Login Items',
    );
  });
  it('knows it was started at login', () => {
    const never = () => ({ wasOpenedAtLogin: false });
    expect(openedAtLogin('win32', ['app.exe', '--hidden'], never)).toBe(true);
    expect(openedAtLogin('darwin', ['app'], () => ({ wasOpenedAtLogin: true }))).toBe(true);
    expect(openedAtLogin('darwin', ['app'], never)).toBe(false);
    expect(openedAtLogin('linux', ['app'], () => ({ wasOpenedAtLogin: true }))).toBe(false);
  });
});
