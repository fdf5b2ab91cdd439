import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { TokenTrayService } from '../core/service';
import { startApp } from './app';

// The real entry: the only file that imports the electron module itself.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const handle = await startApp(electron, {
  service: new TokenTrayService({ env: process.env }),
  assetsDir: path.join(root, 'assets'),
  rendererDir: path.join(root, 'build', 'renderer'),
  preloadPath: path.join(here, 'preload.cjs'),
  localOrigin: process.env.DTT_DROPBOX_ORIGIN,
  startHidden: process.argv.includes('--hidden'),
  devTools: !electron.app.isPackaged,
});
// Lets the real-Electron end-to-end specs reach the app through Playwright's evaluate().
if (handle && process.env.DTT_E2E === '1') (globalThis as Record<string, unknown>).__dtt = handle;
