import type * as Electron from 'electron';

/**
 * The Electron surface the main process uses, and nothing more, written in Electron's own types
 * (Picks of `typeof import('electron')` and of its classes). Two things are checked against it:
 * the real `electron` module, where index.ts passes it to startApp, and the stand-in the tests
 * run main on (test/support/electron-standin). So a member main starts using must be added
 * here, and then the stand-in fails to compile until it models it; a stand-in signature that
 * differs from Electron's is a compile error (test/support/electron-standin/types-check.ts).
 */
export interface ElectronApi {
  app: Pick<
    Electron.App,
    | 'isPackaged'
    | 'requestSingleInstanceLock'
    | 'whenReady'
    | 'quit'
    | 'exit'
    | 'setActivationPolicy'
    | 'setLoginItemSettings'
    | 'setAppUserModelId'
  > & {
    on: On<AppEvents>;
    /** Electron types every field as always there; each platform answers only some (see LoginItemAnswer). */
    getLoginItemSettings(options?: Electron.LoginItemSettingsOptions): LoginItemAnswer;
  };
  BrowserWindow: new (options: MainWindowOptions) => MainWindow;
  Tray: typeof TrayClass;
  Menu: { buildFromTemplate(template: TrayMenuItem[]): TrayMenu };
  Notification: Pick<typeof Electron.Notification, 'isSupported'> &
    (new (options: Pick<Electron.NotificationConstructorOptions, 'title' | 'body'>) => MainNotification);
  ipcMain: { handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void };
  shell: Pick<Electron.Shell, 'openExternal' | 'openPath'>;
  dialog: Pick<Electron.Dialog, 'showErrorBox'> & {
    showOpenDialog(options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>;
    showMessageBox(window: DialogParent, options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue>;
  };
  powerMonitor: { on: On<PowerMonitorEvents> };
  nativeImage: { createFromPath(path: string): TrayImage };
  net: Pick<Electron.Net, 'isOnline' | 'fetch'>;
}

// ---- Events: `on` for the events main listens to, each listener a prefix of Electron's.

export type AppEvents = {
  'before-quit': (event: Electron.Event) => void;
  'window-all-closed': () => void;
  'second-instance': (event: Electron.Event, argv: string[], workingDirectory: string) => void;
  /** macOS only. */
  activate: (event: Electron.Event, hasVisibleWindows: boolean) => void;
};
export type WindowEvents = { close: (event: Electron.Event) => void };
export type ContentsEvents = { 'will-navigate': (event: Electron.Event, url: string) => void };
export type TrayEvents = { click: () => void };
export type NotificationEvents = {
  click: () => void;
  close: () => void;
  failed: (event: Electron.Event, error: string) => void;
};
/** unlock-screen: macOS and Windows only. */
export type PowerMonitorEvents = { resume: () => void; 'unlock-screen': () => void };

type Listener = (...args: never[]) => void;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** One overload per event, as Electron declares them (the return value is never used). */
export type On<Events extends Record<string, Listener>> = UnionToIntersection<
  { [K in keyof Events]: (event: K, listener: Events[K]) => void }[keyof Events]
>;

// ---- What main holds and hands on.

/** Electron 45 answers `status` on macOS only; `wasOpenedAtLogin` is only ever true there. */
export type LoginItemAnswer = Pick<Electron.LoginItemSettings, 'openAtLogin' | 'wasOpenedAtLogin'> &
  Partial<Pick<Electron.LoginItemSettings, 'status'>>;

/**
 * What main's window is to a dialog. Electron's showMessageBox wants a BaseWindow, which is one
 * of these; TypeScript compares method parameters both ways, so Electron's dialog fits too.
 */
export type DialogParent = Pick<Electron.BaseWindow, 'isDestroyed'>;

export type MainWindowOptions = Pick<
  Electron.BrowserWindowConstructorOptions,
  'width' | 'height' | 'minWidth' | 'minHeight' | 'show' | 'title' | 'webPreferences'
>;

export type MainWindow = DialogParent &
  Pick<Electron.BrowserWindow, 'show' | 'hide' | 'focus' | 'close' | 'isVisible' | 'loadURL' | 'loadFile'> & {
    readonly webContents: MainContents;
    on: On<WindowEvents>;
  };

export type MainContents = Pick<Electron.WebContents, 'send' | 'isDestroyed' | 'setWindowOpenHandler'> & {
  readonly mainFrame: SenderFrame;
  readonly session: { setPermissionRequestHandler(handler: PermissionHandler | null): void };
  on: On<ContentsEvents>;
};

export type SenderFrame = Pick<Electron.WebFrameMain, 'url'>;

/** What an ipcMain.handle listener reads of its event: who sent it, from which frame. */
export type InvokeEvent = { readonly sender: MainContents; readonly senderFrame: SenderFrame | null };

type RealPermissionHandler = NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>;
export type Permission = Parameters<RealPermissionHandler>[1];
/** Main decides from the permission and the request alone, never from the asking WebContents. */
export type PermissionHandler = (
  contents: unknown,
  permission: Permission,
  callback: (granted: boolean) => void,
  details: Electron.PermissionRequest,
) => void;

export type TrayImage = Pick<Electron.NativeImage, 'setTemplateImage'>;
/** A tray menu item: the fields of Electron's MenuItemConstructorOptions main sets. */
export type TrayMenuItem = Pick<
  Electron.MenuItemConstructorOptions,
  'id' | 'label' | 'type' | 'enabled' | 'checked'
> & {
  submenu?: TrayMenuItem[];
  /** Electron passes (menuItem, window, event); main reads none of them. */
  click?: () => void;
};
/** Main only hands a built menu to the tray. */
export type TrayMenu = Pick<Electron.Menu, never>;

/**
 * Electron's Tray takes a NativeImage (or a path); the stand-in's images are only what main uses
 * of one. A class declaration, because TypeScript compares constructor and method parameters
 * both ways: Electron's `new Tray(NativeImage | string)` fits, and so does the stand-in's.
 */
declare class TrayClass {
  constructor(image: TrayImage | string);
  setImage(image: TrayImage | string): void;
  setContextMenu(menu: TrayMenu | null): void;
  setToolTip: Electron.Tray['setToolTip'];
  destroy: Electron.Tray['destroy'];
  on: On<TrayEvents>;
}
export type MainTray = TrayClass;

export type MainNotification = Pick<Electron.Notification, 'show'> & { on: On<NotificationEvents> };
