import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { TokenTrayService } from '../../../electron/core/service';
import { startApp } from '../../../electron/main/app';
import { devRendererUrl } from '../../../electron/main/dev-renderer';
import { electronNetFetch } from '../../../electron/main/net-fetch';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './chromium';
import { createElectronStandIn } from './index';

// `npm run dev` without an Electron binary: the real core and main-process code in this Node
// process, on the strict stand-in, with the window in Chromium. scripts/dev.mjs starts this
// again whenever main or the preload is rebuilt.

const root = path.resolve(import.meta.dirname, '../../..');
const inspectPort = process.env.DTT_DEV_INSPECT_PORT;
let browser: Promise<Browser> | undefined;
const launch = () =>
  (browser ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: process.env.DTT_DEV_HEADED !== '1',
    args: [...CHROMIUM_ARGS, ...(inspectPort ? [`--remote-debugging-port=${inspectPort}`] : [])],
  }));

const standIn = createElectronStandIn({ browser: launch, isPackaged: false });
const service = new TokenTrayService({ env: process.env, fetchImpl: electronNetFetch(standIn.electron.net) });
const handle = await startApp(standIn.electron, {
  service,
  assetsDir: path.join(root, 'assets'),
  rendererDir: path.join(root, 'build', 'renderer'),
  devRendererUrl: devRendererUrl(process.env, false),
  preloadPath: path.join(root, 'build', 'preload.cjs'),
  localOrigin: process.env.DTT_DROPBOX_ORIGIN,
  startHidden: false,
  devTools: true,
});
if (!handle) throw new Error('another instance holds the lock');
handle.showWindow();

// The stand-in has no real tray: the tray menu is driven from the terminal instead.
const help = () =>
  console.log(`[dev] tray menu: ${standIn.menuIds().join(', ')} — type an id to click it, "open" to show the window`);
help();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const id = line.trim();
  if (!id) return;
  try {
    if (id === 'open') handle.showWindow();
    else standIn.clickMenu(id);
  } catch (err) {
    console.log(`[dev] ${err instanceof Error ? err.message : String(err)}`);
    help();
  }
});

const stop = async () => {
  standIn.quit();
  await (await browser?.catch(() => undefined))?.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
