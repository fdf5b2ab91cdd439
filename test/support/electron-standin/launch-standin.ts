import { TokenTrayService } from '../../../electron/core/service';
import { startApp } from '../../../electron/main/app';
import { electronNetFetch } from '../../../electron/main/net-fetch';
import { iconName, type AppUnderTest } from './app-under-test';
import { openInBrowser, sharedChromium } from './chromium';
import { createElectronStandIn } from './index';

export interface ResolvedLaunch {
  env: NodeJS.ProcessEnv;
  rendererDir: string;
  preloadPath: string;
  assetsDir: string;
  localOrigin: string;
  startHidden: boolean;
  autoTicks: boolean;
  platform?: NodeJS.Platform;
  packaged?: boolean;
  trayHost?: 'present' | 'absent' | 'unknown';
  /** Removes temp folders; runs after the app is gone. */
  cleanup(): void;
}

/** The real core and the real main-process glue, in this process, on the strict stand-in. */
export async function launchStandIn(r: ResolvedLaunch): Promise<AppUnderTest> {
  const standIn = createElectronStandIn({ browser: sharedChromium, platform: r.platform, isPackaged: r.packaged });
  // As electron/main/index.ts does: the core's requests go through (the stand-in's) net.fetch.
  const service = new TokenTrayService({ env: r.env, fetchImpl: electronNetFetch(standIn.electron.net) });
  const trayHost = r.trayHost;
  const handle = await startApp(standIn.electron, {
    platform: standIn.ctx.platform,
    ...(trayHost ? { trayHost: async () => trayHost } : {}),
    service,
    assetsDir: r.assetsDir,
    rendererDir: r.rendererDir,
    preloadPath: r.preloadPath,
    localOrigin: r.localOrigin,
    startHidden: r.startHidden,
    devTools: false,
  });
  if (!handle) throw new Error('startApp returned null: the single-instance lock was refused');
  // The first check is 2 s after start and the next minutes later; specs tick explicitly so
  // that "after one tick" means exactly one check.
  if (!r.autoTicks) handle.monitor.stop();

  // Like the Electron backend: wait for the window if main has yet to create it.
  const page = async () => {
    for (
      const deadline = Date.now() + 10_000;
      !handle.window();
      await new Promise((resolve) => setTimeout(resolve, 50))
    ) {
      if (Date.now() > deadline)
        throw new Error(
          'the app opened no window (it starts hidden when connected; try secondInstance() or clickMenu("open"))',
        );
    }
    return standIn.page();
  };
  // Actions run async behind a click (void action(id)); let them start before returning.
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  return {
    backend: 'stand-in',
    env: r.env,
    service,
    standIn,
    tray: async () => {
      const t = standIn.tray();
      return { icon: t.icon, iconName: iconName(t.icon), tooltip: t.tooltip, menu: t.menu };
    },
    menuIds: async () => standIn.menuIds(),
    clickMenu: async (id) => {
      standIn.clickMenu(id);
      await settle();
    },
    notifications: async () => standIn.notifications().map((n) => ({ ...n })),
    clickNotification: async (i) => {
      standIn.clickNotification(i);
      await settle();
    },
    page,
    windowVisible: async () => Boolean(standIn.window()?.isVisible()),
    closeWindow: async () => void standIn.window()?.close(),
    loadInWindow: async (url) => {
      const win = standIn.window();
      if (!win) throw new Error('no window is open');
      await win.loadURL(url);
    },
    webPreferences: async () => standIn.ctx.webPreferences.map((p) => ({ ...p })),
    tick: async () => {
      const status = await handle.monitor.wake('manual');
      await standIn.flushEvents();
      return status;
    },
    openedUrls: async () => [...standIn.ctx.openedUrls],
    ipcLog: async () => {
      await standIn.flushEvents();
      return standIn.ctx.ipcLog.map((e) => ({ ...e }));
    },
    secondInstance: async () => {
      standIn.secondInstance();
      await settle();
    },
    queueOpenDialog: async (answer) => standIn.queueOpenDialog(answer),
    emitPowerMonitor: async (event) => {
      standIn.emitPowerMonitor(event);
      await settle();
    },
    openInBrowser,
    close: async () => {
      // Quitting mid-load would fail main's loadFile() (as in Electron); let the page settle.
      // A browser sign-in still waiting keeps its loopback port and a 5-minute timer: cancel it.
      const win = handle.window();
      if (win && !win.isDestroyed()) {
        const p = await standIn.page().catch(() => undefined);
        await p
          ?.evaluate(() => (window as unknown as { dtt?: { cancelConnect(): Promise<unknown> } }).dtt?.cancelConnect())
          .catch(() => undefined);
      }
      standIn.quit();
      await standIn.dispose();
      await service['vault'].clear().catch(() => undefined);
      r.cleanup();
    },
  };
}
