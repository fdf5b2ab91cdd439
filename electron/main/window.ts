import path from 'node:path';
import { PRODUCT_NAME } from '../shared/app-identity';
import type { ElectronApi, MainWindow } from './electron-api';
import { isSafeExternalUrl } from './external-url';
import { isPermissionGranted } from './permissions';
import { isOwnRendererUrl } from './sender-check';

export interface WindowOptions {
  rendererDir: string;
  preloadPath: string;
  /** `npm run dev` only: the Vite dev server the window loads instead of rendererDir. */
  devRendererUrl?: string;
  localOrigin?: string;
  devTools: boolean;
}

/**
 * The one window, locked down per Electron's security checklist: isolated, sandboxed, no Node,
 * packaged files only (the CSP lives in index.html), no navigation away, no new windows, no
 * permissions but writing text to the clipboard. Closing hides it: the app lives in the tray.
 */
export function createMainWindow(electron: ElectronApi, opts: WindowOptions, isQuitting: () => boolean): MainWindow {
  const renderer = { dir: opts.rendererDir, devUrl: opts.devRendererUrl };
  const win = new electron.BrowserWindow({
    width: 420,
    height: 640,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: PRODUCT_NAME,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url, opts.localOrigin)) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnRendererUrl(url, renderer)) event.preventDefault();
  });
  win.webContents.session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details, renderer)),
  );
  win.on('close', (event) => {
    if (!isQuitting()) {
      event.preventDefault();
      win.hide();
    }
  });
  // A load can fail (e.g. quitting mid-load); there's nothing to recover, but don't leave an
  // unhandled rejection in main.
  const load = opts.devRendererUrl
    ? win.loadURL(opts.devRendererUrl)
    : win.loadFile(path.join(opts.rendererDir, 'index.html'));
  load.catch(() => undefined);
  return win;
}
