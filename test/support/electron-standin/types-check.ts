import type * as Electron from 'electron';
import type { AppEvents, ElectronApi } from '../../../electron/main/electron-api';
import type { AppStandIn, createDialog, createNet } from './app-modules';
import type { browserWindowClass } from './browser-window';
import type { IpcMainStandIn } from './ipc-main';
import type { Listeners } from './strict';
import type { createPowerMonitor } from './power-monitor';
import type { MenuStandIn, notificationClass, trayClass } from './tray-menu';

// A compile-time test, run by `npm run typecheck` (tsc -p test), never executed: the stand-in is
// held to Electron's own types through ElectronApi. Each @ts-expect-error is a stand-in with
// one wrong signature; if it ever compiled, the directive would be unused and tsc would fail.

/** Stand-in type T with member K replaced by V. */
type With<T, K extends keyof T, V> = Omit<T, K> & Record<K, V>;
type Class<T extends abstract new (...args: never[]) => unknown> = InstanceType<T>;
type Dialog = ReturnType<typeof createDialog>;
type Net = ReturnType<typeof createNet>;
type BrowserWindowStandIn = Class<ReturnType<typeof browserWindowClass>>;
type TrayStandIn = Class<ReturnType<typeof trayClass>>;
type NotificationStandIn = ReturnType<typeof notificationClass>;
type NotificationWithShow = new (
  options: Electron.NotificationConstructorOptions,
) => With<Class<NotificationStandIn>, 'show', (times: number) => void>;

/** `fits<T>(a<U>())` compiles only if a U is a T. */
declare function fits<T>(value: T): void;
declare function a<T>(): T;
declare const electron: typeof Electron;
declare const appListeners: Listeners<AppEvents>;
declare const event: Electron.Event;

/** Never called: compiling it is the test. */
export function standInTypeChecks(): void {
  // ElectronApi is a part of Electron: the real module fits it, and it can't invent a member.
  fits<ElectronApi>(electron);
  // @ts-expect-error Electron's app has no `setTrayHost`
  fits<ElectronApi & { app: { setTrayHost(on: boolean): void } }>(electron);

  // Each stand-in module as it is (also where index.ts assembles them, but not only there).
  fits<ElectronApi['app']>(a<AppStandIn>());
  fits<ElectronApi['BrowserWindow']>(a<ReturnType<typeof browserWindowClass>>());
  fits<ElectronApi['Tray']>(a<ReturnType<typeof trayClass>>());
  fits<ElectronApi['Menu']>(a<typeof MenuStandIn>());
  fits<ElectronApi['Notification']>(a<NotificationStandIn>());
  fits<ElectronApi['ipcMain']>(a<IpcMainStandIn>());
  fits<ElectronApi['powerMonitor']>(a<ReturnType<typeof createPowerMonitor>['api']>());

  // app: a wrong return type, a wrong parameter type, a missing member.
  // @ts-expect-error whenReady resolves a promise in Electron
  fits<ElectronApi['app']>(a<With<AppStandIn, 'whenReady', () => void>>());
  // @ts-expect-error setAppUserModelId takes a string
  fits<ElectronApi['app']>(a<With<AppStandIn, 'setAppUserModelId', (id: number) => void>>());
  // @ts-expect-error Windows and macOS answer openAtLogin
  fits<ElectronApi['app']>(a<With<AppStandIn, 'getLoginItemSettings', () => { status: 'enabled' }>>());
  // @ts-expect-error main calls app.quit
  fits<ElectronApi['app']>(a<Omit<AppStandIn, 'quit'>>());

  // The stand-in must call main's listeners with what Electron passes.
  appListeners.emit('activate', event, false);
  // @ts-expect-error 'activate' passes hasVisibleWindows, a boolean
  appListeners.emit('activate', event, 'yes');
  // @ts-expect-error 'second-instance' passes the event, argv and the working directory
  appListeners.emit('second-instance', event);

  // Modules and classes.
  // @ts-expect-error showMessageBox resolves { response, checkboxChecked }
  fits<ElectronApi['dialog']>(a<With<Dialog, 'showMessageBox', () => Promise<number>>>());
  // @ts-expect-error net.isOnline answers a boolean
  fits<ElectronApi['net']>(a<With<Net, 'isOnline', () => 'yes'>>());
  // @ts-expect-error an ipcMain.handle listener gets the event first
  fits<ElectronApi['ipcMain']>(a<With<IpcMainStandIn, 'handle', (c: string, l: (n: number) => void) => void>>());
  // @ts-expect-error the Tray is made from an image
  fits<ElectronApi['Tray']>(a<new (image: number) => TrayStandIn>());
  // @ts-expect-error webContents.send is how main reaches the page
  fits<ElectronApi['BrowserWindow']>(a<new (options: object) => With<BrowserWindowStandIn, 'webContents', object>>());
  // @ts-expect-error a notification's show() takes nothing
  fits<ElectronApi['Notification']>(a<Pick<NotificationStandIn, 'isSupported'> & NotificationWithShow>());
}
