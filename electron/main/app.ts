import type { TokenTrayService } from '../core/service';
import { APP_ID, PRODUCT_NAME } from '../shared/app-identity';
import { errorText } from '../shared/error-catalog';
import type { ElectronApi, MainWindow as BrowserWindowType } from './electron-api';
import { applyStartAtLogin } from './autostart';
import { isSafeExternalUrl } from './external-url';
import { createHandlers } from './handlers';
import { registerIpcHandlers, sendEvent, senderCheck } from './ipc';
import { Notifier } from './notifier';
import { stderrLog } from './startup';
import { TrayController } from './tray';
import type { TrayHost } from './tray-host';
import type { TrayAction, TrayView } from './tray-model';
import { toConnectView, toErrorView, toSyncView } from './views';
import { createMainWindow } from './window';

export interface AppOptions {
  service: TokenTrayService;
  assetsDir: string;
  rendererDir: string;
  /** `npm run dev` only (see dev-renderer.ts): the window loads this instead of rendererDir. */
  devRendererUrl?: string;
  preloadPath: string;
  /** DTT_DROPBOX_ORIGIN, the one http origin the browser may be sent to (a local fake or proxy). */
  localOrigin?: string;
  startHidden: boolean;
  devTools: boolean;
  /** The platform Electron runs on (the stand-in can play another). */
  platform?: NodeJS.Platform;
  /** Linux: whether the desktop shows tray icons at all (see tray-host.ts). */
  trayHost?: () => Promise<TrayHost>;
}

export interface AppHandle {
  /** The service's background checks: the end-to-end specs stop them and tick by hand. */
  monitor: { stop(): void; wake: TokenTrayService['wake'] };
  window(): BrowserWindowType | undefined;
  showWindow(): void;
  action(action: TrayAction): Promise<void>;
}

function unreachable(action: never): never {
  throw new Error(`unknown tray action ${JSON.stringify(action)}`);
}

/** Electron glue only: every decision lives in electron/core or a pure model beside this file. */
export async function startApp(electron: ElectronApi, opts: AppOptions): Promise<AppHandle | null> {
  const { app } = electron;
  const { service } = opts;
  const platform = opts.platform ?? process.platform;
  // Before any notification: Windows shows toasts only for an id that a Start-menu shortcut
  // carries, and the NSIS shortcut carries electron-builder's appId (Electron's default differs).
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let quitting = false;
  let syncing = false;
  let win: BrowserWindowType | undefined;
  app.on('before-quit', () => {
    quitting = true;
    service.stopWatching();
  });
  // Keep running in the tray when the window is closed.
  app.on('window-all-closed', () => {});
  if (platform === 'darwin') app.setActivationPolicy('accessory');
  await app.whenReady();

  const showWindow = () => {
    if (!win || win.isDestroyed()) {
      win = createMainWindow(
        electron,
        {
          rendererDir: opts.rendererDir,
          devRendererUrl: opts.devRendererUrl,
          preloadPath: opts.preloadPath,
          localOrigin: opts.localOrigin,
          devTools: opts.devTools,
        },
        () => quitting,
      );
    }
    win.show();
    win.focus();
    if (missedNotice) {
      missedNotice = false;
      tray.render(view());
    }
  };
  app.on('second-instance', showWindow);
  // macOS reopens a running app (Finder, Spotlight, Dock) with 'activate', not a second instance.
  if (platform === 'darwin') app.on('activate', showWindow);
  /** A notification that could not be shown: the tray's attention icon says it instead. */
  let missedNotice = false;

  /** The system's login item first, then the setting that remembers it (the window and the tray alike). */
  const setStartAtLogin = async (on: boolean) => {
    await applyStartAtLogin(app, on, platform);
    service.setSettings({ startAtLogin: on });
  };
  const openExternal = async (url: string) => {
    if (!isSafeExternalUrl(url, opts.localOrigin)) throw new Error('only https links can be opened');
    await electron.shell.openExternal(url);
  };
  const handlers = createHandlers({
    service,
    openExternal,
    openPath: async (dir) => void (await electron.shell.openPath(dir)),
    chooseFolder: async () => {
      const picked = await electron.dialog.showOpenDialog({
        title: 'Choose a project folder',
        properties: ['openDirectory'],
      });
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    setStartAtLogin,
  });
  registerIpcHandlers(
    electron.ipcMain,
    handlers,
    senderCheck(() => win?.webContents, { dir: opts.rendererDir, devUrl: opts.devRendererUrl }),
  );

  const view = (): TrayView => ({
    status: service.status(),
    syncing,
    missedNotice,
    startAtLogin: service.setting('startAtLogin'),
    projects: service.listProjects().map((p) => ({ path: p.path, name: p.name })),
  });
  const connect = async () => {
    showWindow();
    try {
      const started = await service.signIn.startBrowser();
      await openExternal(started.url);
      sendEvent(win?.webContents, 'dtt:signin-started', started);
    } catch (error) {
      // e.g. the port is busy: the window takes over and offers the copy-code flow.
      sendEvent(win?.webContents, 'dtt:signin-finished', { ok: false, error: toErrorView(error) });
    }
  };
  const sync = async (paths: string[] = []) => {
    syncing = true;
    tray.render(view());
    try {
      const report = await service.syncProjects(paths.map((p) => service.projectPath(p)));
      sendEvent(win?.webContents, 'dtt:sync-finished', toSyncView(report));
    } finally {
      syncing = false;
      tray.render(view());
    }
  };
  const action = async (a: TrayAction): Promise<void> => {
    switch (a.kind) {
      case 'open':
        return showWindow();
      case 'connect':
        return connect();
      case 'sync-all':
        return sync();
      case 'sync':
        return sync([a.path]);
      case 'open-folder':
        return void (await electron.shell.openPath(service.projectPath(a.path)));
      case 'start-at-login': {
        await setStartAtLogin(!service.setting('startAtLogin'));
        return tray.render(view());
      }
      case 'quit':
        return app.quit();
      default:
        return unreachable(a);
    }
  };
  const tray = new TrayController(electron, opts.assetsDir, (a) => void action(a).catch(() => undefined), view());
  const notifier = new Notifier(
    electron,
    () => service.setting('notifications'),
    (a) => void (a === 'reconnect' ? connect() : showWindow()),
    (reason, action) => {
      // e.g. an unsigned macOS app, or Windows without our shortcut: say it through the tray,
      // and open the window when the user has something to do (reconnect).
      stderrLog(`a notification could not be shown: ${reason}`);
      missedNotice = true;
      tray.render(view());
      if (action === 'reconnect') showWindow();
    },
  );

  // Core decides what happened and says it once; main only draws it and shows notifications.
  service.on('status', (status) => {
    tray.render(view());
    sendEvent(win?.webContents, 'dtt:state-changed', status);
  });
  service.on('projects-synced', (report) => sendEvent(win?.webContents, 'dtt:sync-finished', toSyncView(report)));
  service.on('incident', (incident) => notifier.show(incident));
  service.signIn.on('finished', (end) =>
    sendEvent(
      win?.webContents,
      'dtt:signin-finished',
      end.ok ? { ok: true, result: toConnectView(end.result) } : { ok: false, error: toErrorView(end.error) },
    ),
  );
  electron.powerMonitor.on('resume', () => void service.wake('resume'));
  // macOS and Windows only; Linux has no such event.
  if (platform !== 'linux') electron.powerMonitor.on('unlock-screen', () => void service.wake('unlock'));
  // Electron's main process has no "online" event: poll cheaply while we are offline.
  let wasOnline = electron.net.isOnline();
  const netTimer = setInterval(() => {
    const online = electron.net.isOnline();
    if (online && !wasOnline) void service.wake('online');
    wasOnline = online;
  }, 15_000);
  netTimer.unref();
  app.on('before-quit', () => clearInterval(netTimer));

  service.startWatching();
  if (!opts.startHidden && service.status().state !== 'connected') showWindow();
  if (platform === 'linux' && opts.trayHost) {
    // Without a tray host the tray icon is invisible, so a hidden start would be a lost app.
    void opts.trayHost().then(async (host) => {
      if (host !== 'absent') return;
      showWindow();
      const text = errorText('tray-not-shown', 'window');
      await electron.dialog.showMessageBox(win!, {
        type: 'info',
        title: PRODUCT_NAME,
        message: text.title,
        detail: `${text.explanation}\n\n${text.action}`,
      });
    });
  }
  const monitor = { stop: service.stopWatching, wake: service.wake };
  return { monitor, window: () => win, showWindow, action };
}
