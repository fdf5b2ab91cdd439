import { describe, expect, it } from 'vitest';
import { createElectronStandIn, type ElectronStandIn, type PowerEvent } from '../support/electron-standin';
import { POWER_EVENT_PLATFORMS } from '../support/electron-standin/power-monitor';
import { sharedChromium } from '../support/electron-standin/chromium';

// The stand-in plays one platform at a time and models only what Electron 45 does there
// (Electron's docs and source), so a main that leans on another platform's behaviour fails
// here instead of on a user's desktop. No window is opened: these need no browser.

const on = (platform: NodeJS.Platform): ElectronStandIn => createElectronStandIn({ browser: sharedChromium, platform });

describe('app members that exist on one platform only', () => {
  it('has setAppUserModelId on Windows only', () => {
    const win = on('win32');
    win.electron.app.setAppUserModelId('com.example.app');
    expect(win.ctx.appUserModelIds).toEqual(['com.example.app']);
    for (const platform of ['darwin', 'linux'] as const)
      expect(() => on(platform).electron.app.setAppUserModelId('x')).toThrow(/Windows only/);
  });

  it('has setActivationPolicy on macOS only', () => {
    expect(() => on('darwin').electron.app.setActivationPolicy('accessory')).not.toThrow();
    for (const platform of ['win32', 'linux'] as const)
      expect(() => on(platform).electron.app.setActivationPolicy('accessory')).toThrow(/macOS only/);
  });

  it("emits 'activate' on macOS only", () => {
    const mac = on('darwin');
    let shown = 0;
    mac.electron.app.on('activate', () => void shown++);
    mac.activate();
    expect(shown).toBe(1);
    for (const platform of ['win32', 'linux'] as const) {
      expect(() => on(platform).electron.app.on('activate', () => undefined)).toThrow("app.on('activate')");
      expect(() => on(platform).activate()).toThrow('macOS only');
    }
  });
});

describe('login items', () => {
  it('answers status on macOS only, where openAtLogin follows it and args mean nothing', () => {
    const mac = on('darwin');
    mac.electron.app.setLoginItemSettings({ openAtLogin: true });
    expect(mac.electron.app.getLoginItemSettings()).toEqual({
      openAtLogin: true,
      status: 'enabled',
      wasOpenedAtLogin: false,
    });
    mac.ctx.loginItemStatusWhenOn = 'requires-approval';
    expect(mac.electron.app.getLoginItemSettings()).toMatchObject({ openAtLogin: false, status: 'requires-approval' });
  });

  it('on Windows has no status and reads openAtLogin for the args the Run entry was written with', () => {
    const win = on('win32');
    // Approval is a macOS notion: it must not leak into the Windows answer.
    win.ctx.loginItemStatusWhenOn = 'requires-approval';
    win.electron.app.setLoginItemSettings({ openAtLogin: true, args: ['--hidden'] });
    const answer = win.electron.app.getLoginItemSettings({ args: ['--hidden'] });
    expect(answer).toEqual({ openAtLogin: true, wasOpenedAtLogin: false });
    expect('status' in answer).toBe(false);
    expect(win.electron.app.getLoginItemSettings().openAtLogin).toBe(false);
  });

  it('refuses them on Linux, where Electron ignores them (main writes an autostart entry)', () => {
    const linux = on('linux');
    expect(() => linux.electron.app.setLoginItemSettings({ openAtLogin: true })).toThrow(/XDG autostart/);
    expect(() => linux.electron.app.getLoginItemSettings()).toThrow(/Linux/);
  });
});

describe('powerMonitor events', () => {
  const cases: Array<[PowerEvent, NodeJS.Platform[], NodeJS.Platform[]]> = [
    ['resume', ['darwin', 'win32', 'linux'], []],
    ['suspend', ['darwin', 'win32', 'linux'], []],
    ['unlock-screen', ['darwin', 'win32'], ['linux']],
    ['lock-screen', ['darwin', 'win32'], ['linux']],
    ['on-ac', ['darwin', 'win32'], ['linux']],
    ['on-battery', ['darwin'], ['win32', 'linux']],
    ['shutdown', ['darwin', 'linux'], ['win32']],
  ];

  it.each(cases)('emits %s only where Electron does', (event, emitted, never) => {
    for (const platform of emitted)
      expect(() => on(platform).emitPowerMonitor(event), `${event} on ${platform}`).not.toThrow();
    for (const platform of never)
      expect(() => on(platform).emitPowerMonitor(event), `${event} on ${platform}`).toThrow(/never emitted/);
  });

  it("reaches main's listeners", () => {
    const s = on('win32');
    s.electron.powerMonitor.on('resume', () => undefined);
    s.electron.powerMonitor.on('unlock-screen', () => undefined);
    expect([s.emitPowerMonitor('resume'), s.emitPowerMonitor('unlock-screen'), s.emitPowerMonitor('suspend')]).toEqual([
      1, 1, 0,
    ]);
  });

  it('covers every event it models', () => {
    expect(cases.map(([e]) => e).sort()).toEqual(Object.keys(POWER_EVENT_PLATFORMS).sort());
  });
});
