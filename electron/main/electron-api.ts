import type * as Electron from 'electron';

/**
 * The Electron surface the main process uses, and nothing more. The real entry passes the
 * `electron` module; tests pass a strict stand-in that implements exactly this and throws on
 * anything else. Adding a module here means modelling it in test/support/electron-standin.
 */
export type ElectronApi = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'Tray'
  | 'Menu'
  | 'Notification'
  | 'ipcMain'
  | 'shell'
  | 'dialog'
  | 'powerMonitor'
  | 'nativeImage'
  | 'net'
>;
