import type * as Electron from 'electron';
import type { Browser, Page } from 'playwright-core';
import type { ElectronApi } from '../../../electron/main/electron-api';
import { AppStandIn, createDialog, createNativeImage, createNet, createPowerMonitor, createShell } from './app-modules';
import { browserWindowClass, type BrowserWindowStandIn } from './browser-window';
import { newContext, type StandInContext } from './context';
import { IpcMainStandIn, type InvokeOutcome } from './ipc-main';
import type { TrayRecord } from './records';
import { strict } from './strict';
import { MenuStandIn, notificationClass, trayClass } from './tray-menu';

export type { IpcRecord, MenuItemRecord, NotificationRecord, TrayRecord } from './records';
export type { InvokeOutcome } from './ipc-main';

export interface StandInOptions {
  /** Chromium for the windows; shared across stand-ins so each test doesn't pay for a launch. */
  browser: () => Promise<Browser>;
  platform?: NodeJS.Platform;
  /** false = another instance holds the lock, so requestSingleInstanceLock() answers false. */
  singleInstanceLock?: boolean;
  /** app.isPackaged: false (a development run) unless the test plays an installed app. */
  isPackaged?: boolean;
}

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'on-ac' | 'on-battery' | 'shutdown';

/**
 * A strict Electron for running the real main-process code in Node: exactly the modules in
 * ElectronApi, each throwing on members it does not model. `electron` is what startApp gets;
 * the rest are the test's hands and eyes.
 */
export function createElectronStandIn(opts: StandInOptions) {
  const ctx: StandInContext = newContext(opts.browser, opts.platform ?? process.platform);
  const ipc = new IpcMainStandIn(ctx);
  const windows = new Set<BrowserWindowStandIn>();
  const closeAll = (): boolean => {
    for (const w of [...windows]) w.close();
    return windows.size === 0;
  };
  const app = new AppStandIn(ctx, opts.singleInstanceLock ?? true, closeAll, opts.isPackaged ?? false);
  const power = createPowerMonitor(ctx.platform);
  const BrowserWindow = browserWindowClass({
    ctx,
    ipc,
    windows,
    allClosed: () => void (app.quitRequested || app.listeners.emit('window-all-closed')),
  });

  // Each process-level module is checked against Electron's own declaration of the members it
  // models: a wrong signature here is a compile error, not a test that passes against a fiction.
  // Not yet checked: `on` (Electron types it as returning the full emitter; checkEvent guards
  // event names at run time) and the classes (BrowserWindow, Tray, Notification, Menu,
  // nativeImage's images), hence the one cast below.
  const typedApp = app satisfies Pick<
    Electron.App,
    | 'isPackaged'
    | 'requestSingleInstanceLock'
    | 'hasSingleInstanceLock'
    | 'whenReady'
    | 'quit'
    | 'exit'
    | 'setActivationPolicy'
    | 'setLoginItemSettings'
    | 'getLoginItemSettings'
    | 'setAppUserModelId'
  >;
  const shell = createShell(ctx) satisfies Pick<Electron.Shell, 'openExternal' | 'openPath'>;
  const dialog = createDialog(ctx) satisfies Pick<
    Electron.Dialog,
    'showErrorBox' | 'showOpenDialog' | 'showMessageBox'
  >;
  const net = createNet(ctx) satisfies Pick<typeof Electron.net, 'isOnline'>;
  const ipcMain = ipc satisfies Pick<Electron.IpcMain, 'handle'>;
  const modules = {
    app: strict('app', typedApp),
    BrowserWindow,
    Tray: trayClass(ctx),
    Menu: MenuStandIn,
    Notification: notificationClass(ctx) satisfies Pick<typeof Electron.Notification, 'isSupported'>,
    ipcMain: strict('ipcMain', ipcMain),
    shell,
    dialog,
    powerMonitor: power.api,
    nativeImage: createNativeImage(),
    net,
  };
  // The one place the stand-in is called Electron: the compiler can't check a model, the strict proxies do.
  const electron = strict('electron', modules) as unknown as ElectronApi;

  const lastTray = () => {
    const tray = ctx.trayObjects.at(-1);
    if (!tray) throw new Error('no Tray was created');
    return tray;
  };
  const lastWindow = (): BrowserWindowStandIn | undefined => [...windows].at(-1);

  return {
    electron,
    ctx,
    tray: (): TrayRecord => lastTray().record,
    menuIds: (): string[] => lastTray().menu?.ids() ?? [],
    /** Clicks a tray menu item by id, at any depth; refuses disabled items like a user would. */
    clickMenu(id: string): void {
      const menu = lastTray().menu;
      if (!menu) throw new Error('the tray has no menu');
      menu.click(id);
    },
    clickTray: (): number => lastTray().listeners.emit('click', {}),
    notifications: () => ctx.notifications,
    clickNotification(i: number): void {
      const n = ctx.notificationObjects[i];
      if (!n) throw new Error(`no notification #${i} (${ctx.notifications.length} shown)`);
      n.userClick();
    },
    dismissNotification: (i: number): void => ctx.notificationObjects[i]?.dismiss(),
    emitPowerMonitor: (event: PowerEvent): number => power.emit(event),
    secondInstance: (argv: string[] = []): void => app.secondInstance(argv),
    /** macOS: the user opens the app again from Finder, Spotlight or the Dock. */
    activate: (): number => app.activate(),
    /** app.exit()'s code, or null while the app runs. */
    exitCode: (): number | null => app.exitCode,
    errorBoxes: () => ctx.errorBoxes,
    messageBoxes: () => ctx.messageBoxes,
    failNotifications(reason: string | null): void {
      ctx.notificationFailure = reason;
    },
    setOnline(on: boolean): void {
      ctx.online = on;
    },
    queueOpenDialog(answer: { canceled: boolean; filePaths: string[] }): void {
      ctx.dialogAnswers.push(answer);
    },
    window: lastWindow,
    /** The window's page, once the load main started has finished. */
    async page(): Promise<Page> {
      const w = lastWindow();
      if (!w) throw new Error('no window is open');
      const page = await w.ready;
      await w.loading;
      return page;
    },
    /** Sends an invoke as if from another frame of the window (an iframe at `url`). */
    invokeFromOtherFrame(url: string, channel: string, ...args: unknown[]): Promise<InvokeOutcome> {
      const w = lastWindow();
      if (!w) throw new Error('no window is open');
      return w.webContents.invokeFromOtherFrame(url, channel, args);
    },
    requestPermission(permission: string): Promise<boolean> {
      const w = lastWindow();
      if (!w) throw new Error('no window is open');
      return w.webContents.requestPermission(permission);
    },
    /** Waits until every event main has sent has been delivered to (or dropped by) the page. */
    async flushEvents(): Promise<void> {
      await Promise.all([...windows].map((w) => w.webContents.flush()));
    },
    ipcChannels: (): string[] => ipc.channels(),
    quit: (): void => app.quit(),
    isQuitting: (): boolean => app.quitRequested,
    /** Closes every page without asking main (test teardown). */
    async dispose(): Promise<void> {
      for (const w of [...windows]) w.destroy();
      await Promise.all([...windows].map((w) => w.ready.then((p) => p.context().close()).catch(() => undefined)));
    },
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
