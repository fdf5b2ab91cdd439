import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TokenTrayService } from '../../electron/core/service';
import { openSettings } from '../../electron/core/settings';
import { startApp } from '../../electron/main/app';
import { startOrExit } from '../../electron/main/startup';
import { APP_ID } from '../../electron/shared/app-identity';
import { errorText } from '../../electron/shared/error-catalog';
import { repoRoot } from '../support/cli';
import { sharedChromium } from '../support/electron-standin/chromium';
import { createElectronStandIn } from '../support/electron-standin';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { describeWithKeyring, uniqueService } from '../support/keyring';
import { closeBrowsers, launchApp, type AppUnderTest, type LaunchOptions } from '../support/launch-app';
import { tempProject } from '../support/projects';
import { connectFromTray, until } from './support';

// What each desktop does differently, played on the stand-in (it models only what Electron
// does on the platform it pretends to be). What only a real desktop can show is listed in README.

const APP_KEY = 'platformkey12345';
let fake: FakeDropbox;
let app: AppUnderTest | undefined;
const temp: string[] = [];

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await closeBrowsers();
  await fake?.close();
});

async function start(opts: Partial<LaunchOptions>): Promise<AppUnderTest> {
  app = await launchApp({ fake, appKey: APP_KEY, ...opts });
  return app;
}

type SettingsBridge = { dtt: { settings: { set(p: unknown): Promise<{ ok: boolean; error?: { kind: string } }> } } };
async function setStartAtLogin(a: AppUnderTest, on: boolean) {
  const page = await a.page();
  return page.evaluate((v) => (window as unknown as SettingsBridge).dtt.settings.set({ startAtLogin: v }), on);
}

describe('Windows', () => {
  it('sets the AppUserModelID from electron-builder.yml before any notification', async () => {
    const a = await start({ platform: 'win32' });
    expect(a.standIn!.ctx.appUserModelIds).toEqual([APP_ID]);
    expect(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')).toContain(`appId: ${APP_ID}\n`);
  });

  it('starts at login hidden, through the Run key, and reads it back with the same args', async () => {
    const a = await start({ platform: 'win32', packaged: true });
    expect(await setStartAtLogin(a, true)).toMatchObject({ ok: true });
    expect(a.standIn!.ctx.loginItemSettings.at(-1)).toEqual({ openAtLogin: true, args: ['--hidden'] });
    expect(a.service.setting('startAtLogin')).toBe(true);
  });
});

describe('macOS', () => {
  it('shows the window when the app is opened again from Finder or Spotlight (activate)', async () => {
    const a = await start({ platform: 'darwin', startHidden: true });
    expect(await a.windowVisible()).toBe(false);
    expect(a.standIn!.activate()).toBe(1);
    expect(await a.windowVisible()).toBe(true);
  });

  it('says start at login needs approval in System Settings when macOS says so', async () => {
    const a = await start({ platform: 'darwin', packaged: true });
    a.standIn!.ctx.loginItemStatusWhenOn = 'requires-approval';
    const answer = await setStartAtLogin(a, true);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'login-item-needs-approval' } });
    expect(a.standIn!.ctx.loginItemSettings.at(-1)).toEqual({ openAtLogin: true });
    a.standIn!.ctx.loginItemStatusWhenOn = 'enabled';
    expect(await setStartAtLogin(a, true)).toMatchObject({ ok: true });
    expect(a.service.setting('startAtLogin')).toBe(true);
  });
});

describe('Linux', () => {
  it('never registers a development run to start at login', async () => {
    const xdg = mkdtempSync(path.join(os.tmpdir(), 'dtt-xdg-'));
    temp.push(xdg);
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = xdg;
    try {
      const a = await start({ platform: 'linux', packaged: false });
      expect(await setStartAtLogin(a, true)).toMatchObject({ ok: false, error: { kind: 'autostart-dev-run' } });
      expect(a.service.setting('startAtLogin')).toBe(false);
      expect(() => readFileSync(path.join(xdg, 'autostart', 'dropbox-token-tray.desktop'))).toThrow(/ENOENT/);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it('opens the window and says why when the desktop shows no tray icons', async () => {
    const a = await start({ platform: 'linux', startHidden: true, trayHost: 'absent' });
    await until(() => a.windowVisible(), 'the window to open without a tray host');
    await until(async () => a.standIn!.messageBoxes().length === 1, 'the explanation');
    const box = a.standIn!.messageBoxes()[0]!;
    expect(box.message).toBe(errorText('tray-not-shown', 'window').title);
    expect(box.detail).toContain('AppIndicator and KStatusNotifierItem Support');
  });

  it('stays in the tray at a hidden start when a tray host is there, and has no unlock-screen', async () => {
    const a = await start({ platform: 'linux', startHidden: true, trayHost: 'present' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await a.windowVisible()).toBe(false);
    expect(a.standIn!.messageBoxes()).toEqual([]);
    expect(() => a.standIn!.emitPowerMonitor('unlock-screen')).toThrow(/never emitted on Linux/);
  });
});

describe('a start-up that fails', () => {
  async function failedStart(prepare: (configDir: string) => { assetsDir?: string }) {
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'dtt-start-'));
    temp.push(configDir);
    const { assetsDir = path.join(repoRoot, 'assets') } = prepare(configDir);
    const standIn = createElectronStandIn({ browser: sharedChromium });
    const env = { DTT_CONFIG_DIR: configDir, DTT_KEYCHAIN_SERVICE: uniqueService('start'), DTT_APP_KEY: APP_KEY };
    const logged: string[] = [];
    const handle = await startOrExit(
      standIn.electron,
      () =>
        startApp(standIn.electron, {
          service: new TokenTrayService({ env, settings: openSettings(env) }),
          assetsDir,
          rendererDir: path.join(repoRoot, 'build', 'renderer'),
          preloadPath: path.join(repoRoot, 'build', 'preload.cjs'),
          startHidden: true,
          devTools: false,
        }),
      (line) => logged.push(line),
    );
    await standIn.dispose();
    return { handle, standIn, logged };
  }

  it('shows one plain dialog and exits 1 when the settings file cannot be opened', async () => {
    const { handle, standIn, logged } = await failedStart((dir) => {
      mkdirSync(path.join(dir, 'config.json')); // a folder where the file should be: EISDIR
      return {};
    });
    expect(handle).toBeNull();
    expect(standIn.exitCode()).toBe(1);
    expect(standIn.errorBoxes()).toHaveLength(1);
    expect(standIn.errorBoxes()[0]!.title).toBe('Dropbox Token Tray could not start');
    expect(standIn.errorBoxes()[0]!.content).toContain("The app's settings file can't be read");
    expect(standIn.errorBoxes()[0]!.content).toContain('config.json');
    expect(standIn.ctx.trays).toEqual([]);
    expect(logged.join('\n')).toContain('start-up failed');
  });

  it('shows one plain dialog and exits 1 when the tray cannot be created', async () => {
    const { handle, standIn } = await failedStart((dir) => ({ assetsDir: path.join(dir, 'no-assets') }));
    expect(handle).toBeNull();
    expect(standIn.exitCode()).toBe(1);
    expect(standIn.errorBoxes()).toHaveLength(1);
    expect(standIn.errorBoxes()[0]!.content).toContain('no-assets');
  });
});

describeWithKeyring('a notification that cannot be shown', () => {
  it('raises the tray attention icon instead, until the window is opened', async () => {
    const a = await start({ startHidden: true });
    a.standIn!.failNotifications('toast activation failed');
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    a.service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }], { keepInSync: true });
    await connectFromTray(a);
    await until(async () => (await a.tray()).iconName === 'attention', 'the attention icon');
    expect(await a.notifications()).toEqual([]);
    await a.secondInstance();
    expect((await a.tray()).iconName).toBe('normal');
  });

  it('opens the window when the notice asked the user to reconnect', async () => {
    const a = await start({ startHidden: true });
    await connectFromTray(a);
    await a.closeWindow();
    a.standIn!.failNotifications('not signed');
    fake.revokeAll();
    expect((await a.tick()).state).toBe('revoked');
    await until(() => a.windowVisible(), 'the window, since the revocation notice could not be shown');
    expect(await a.notifications()).toEqual([]);
  });
});
