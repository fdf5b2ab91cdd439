import type { Browser, Page } from 'playwright-core';
import type { ElectronApi, Permission } from '../../../electron/main/electron-api';
import { AppStandIn, createDialog, createNativeImage, createNet, createShell } from './app-modules';
import { createPowerMonitor, type PowerEvent } from './power-monitor';
import { browserWindowClass, type BrowserWindowStandIn } from './browser-window';
import { newContext, type StandInContext } from './context';
import { IpcMainStandIn, type InvokeOutcome } from './ipc-main';
import type { TrayRecord } from './records';
import { strict } from './strict';
import { MenuStandIn, notificationClass, trayClass } from './tray-menu';

export type { IpcRecord, MenuItemRecord, NotificationRecord, TrayRecord } from './records';
export type { InvokeOutcome } from './ipc-main';
export type { PowerEvent } from './power-monitor';

export interface StandInOptions {
  /** Chromium for the windows; shared across stand-ins so each test doesn't pay for a launch. */
  browser: () => Promise<Browser>;
  platform?: NodeJS.Platform;
  /** false = another instance holds the lock, so requestSingleInstanceLock() answers false. */
  singleInstanceLock?: boolean;
  /** app.isPackaged: false (a development run) unless the test plays an installed app. */
  isPackaged?: boolean;
}

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

  // Typed as ElectronApi, the Electron surface main uses in Electron's own types: a stand-in
  // member whose signature differs from Electron's does not compile (see types-check.ts).
  const electron: ElectronApi = strict('electron', {
    app: strict('app', app),
    BrowserWindow,
    Tray: trayClass(ctx),
    Menu: MenuStandIn,
    Notification: notificationClass(ctx),
    ipcMain: strict('ipcMain', ipc),
    shell: createShell(ctx),
    dialog: createDialog(ctx),
    powerMonitor: power.api,
    nativeImage: createNativeImage(),
    net: createNet(ctx),
  });

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
    clickTray: (): number => lastTray().listeners.emit('click'),
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
    requestPermission(permission: Permission): Promise<boolean> {
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
