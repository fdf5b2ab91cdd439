import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import ElectronStore from 'electron-store';
import { TokenTrayService } from '../core/service';
import { openSettings } from '../core/settings';
import type { SettingsData } from '../core/settings-schema';
import { startApp } from './app';
import { openedAtLogin } from './autostart';
import { devRendererUrl } from './dev-renderer';
import { installLastResort, startOrExit } from './startup';
import { queryTrayHost } from './tray-host';
import { electronNetFetch } from './net-fetch';

// The real entry: the only file that imports the electron module itself.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

installLastResort();
// startOrExit never rejects: a failed start shows one dialog and exits 1.
const handle = await startOrExit(electron, () =>
  startApp(electron, {
    // The same file and schema the CLI opens through conf (electron-store is built on conf).
    service: new TokenTrayService({
      env: process.env,
      settings: openSettings(process.env, (o) => new ElectronStore<SettingsData>(o)),
      // Chromium's network stack: the OS proxy settings, PAC and certificate store.
      fetchImpl: electronNetFetch(electron.net),
    }),
    assetsDir: path.join(root, 'assets'),
    rendererDir: path.join(root, 'build', 'renderer'),
    devRendererUrl: devRendererUrl(process.env, electron.app.isPackaged),
    preloadPath: path.join(here, 'preload.cjs'),
    localOrigin: process.env.DTT_DROPBOX_ORIGIN,
    startHidden: openedAtLogin(process.platform, process.argv, () => electron.app.getLoginItemSettings()),
    devTools: !electron.app.isPackaged,
    trayHost: () => queryTrayHost(),
  }),
);
// Lets the real-Electron end-to-end specs reach the app through Playwright's evaluate().
if (handle && process.env.DTT_E2E === '1') (globalThis as Record<string, unknown>).__dtt = handle;
