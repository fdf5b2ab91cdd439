import { existsSync } from 'node:fs';
import type * as Electron from 'electron';
import type {
  AppEvents,
  DialogParent,
  ElectronApi,
  LoginItemAnswer,
  TrayImage,
} from '../../../electron/main/electron-api';
import type { StandInContext } from './context';
import { loginItemReply } from './login-items';
import { checkEvent, Listeners, strict } from './strict';

// app, shell, dialog, powerMonitor, net and nativeImage: the process-level modules.

type AppEvent = keyof AppEvents;
const APP_EVENTS: readonly AppEvent[] = ['second-instance', 'before-quit', 'window-all-closed'];
// Electron emits 'activate' on macOS only (Dock click, Finder/Spotlight reopening the app).
const DARWIN_APP_EVENTS: readonly AppEvent[] = [...APP_EVENTS, 'activate'];

export type LoginItemStatus = 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';

type AppApi = ElectronApi['app'];

export class AppStandIn implements AppApi {
  readonly listeners = new Listeners<AppEvents>();
  quitRequested = false;
  /** app.exit(code)'s code; the process would be gone. */
  exitCode: number | null = null;
  private lockTaken = false;
  private openAtLogin = false;
  private loginArgs: readonly string[] = [];

  constructor(
    private readonly ctx: StandInContext,
    private readonly lockAvailable: boolean,
    /** Closes every window the way quitting does; false when one refused. */
    private readonly closeAllWindows: () => boolean,
    /** false = `electron .` from a checkout; true = an installed package. */
    readonly isPackaged: boolean,
  ) {}

  requestSingleInstanceLock(): boolean {
    this.lockTaken = this.lockAvailable;
    return this.lockAvailable;
  }

  on(event: string, listener: (...args: never[]) => void): this {
    checkEvent('app', event, this.ctx.platform === 'darwin' ? DARWIN_APP_EVENTS : APP_EVENTS);
    this.listeners.add(event, listener);
    return this;
  }

  /** Immediately, without before-quit or will-quit: windows are destroyed, not asked. */
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    this.quitRequested = true;
  }

  // Electron defines setAppUserModelId on Windows only and setActivationPolicy on macOS only:
  // elsewhere app has no such member, and calling it throws.
  setAppUserModelId(id: string): void {
    if (this.ctx.platform !== 'win32') throw new TypeError('app.setAppUserModelId is not a function (Windows only)');
    this.ctx.appUserModelIds.push(id);
  }

  setActivationPolicy(policy: Parameters<Electron.App['setActivationPolicy']>[0]): void {
    if (this.ctx.platform !== 'darwin') throw new TypeError('app.setActivationPolicy is not a function (macOS only)');
    this.ctx.loginItemSettings.push({ activationPolicy: policy });
  }

  // On Linux Electron ignores setLoginItemSettings and answers defaults: main writes an XDG
  // autostart entry instead, so a call there is a bug the stand-in reports.
  setLoginItemSettings(settings: Electron.Settings): void {
    if (this.ctx.platform !== 'darwin' && this.ctx.platform !== 'win32')
      throw new Error('app.setLoginItemSettings does nothing on Linux (Electron ignores it): use XDG autostart');
    this.openAtLogin = Boolean(settings.openAtLogin);
    // Windows writes the args into the Run entry; macOS's login items take none.
    this.loginArgs = this.ctx.platform === 'win32' ? (settings.args ?? []) : [];
    this.ctx.loginItemSettings.push(settings);
  }

  getLoginItemSettings(options?: Electron.LoginItemSettingsOptions): LoginItemAnswer {
    const platform = this.ctx.platform;
    if (platform !== 'darwin' && platform !== 'win32')
      throw new Error('app.getLoginItemSettings answers only defaults on Linux: there is nothing to read');
    const state = { openAtLogin: this.openAtLogin, args: this.loginArgs, statusWhenOn: this.ctx.loginItemStatusWhenOn };
    return loginItemReply(platform, state, options);
  }

  /** What macOS does when the app is opened again from Finder, Spotlight or the Dock. */
  activate(): number {
    if (this.ctx.platform !== 'darwin') throw new Error("'activate' is emitted on macOS only");
    return this.listeners.emit('activate', cancellable(), false);
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  /** Like Electron: before-quit (cancellable), then every window is closed, then the app is gone. */
  quit(): void {
    const event = cancellable();
    this.listeners.emit('before-quit', event);
    if (event.defaultPrevented || !this.closeAllWindows()) return;
    this.quitRequested = true;
  }

  /** What Electron does in the first instance when the app is started again. */
  secondInstance(argv: string[] = [], cwd = process.cwd()): void {
    if (!this.lockTaken) throw new Error('second-instance only reaches the instance holding the lock');
    this.listeners.emit('second-instance', cancellable(), argv, cwd);
  }
}

export function cancellable(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export function createShell(ctx: StandInContext): ElectronApi['shell'] {
  return strict('shell', {
    async openExternal(url: string): Promise<void> {
      new URL(url); // Electron rejects what can't be parsed; a relative URL here is a bug in main.
      ctx.openedUrls.push(url);
    },
    async openPath(path: string): Promise<string> {
      ctx.openedPaths.push(path);
      return existsSync(path) ? '' : `Failed to open path ${path}`;
    },
  });
}

export function createDialog(ctx: StandInContext): ElectronApi['dialog'] {
  return strict('dialog', {
    showErrorBox(title: string, content: string): void {
      ctx.errorBoxes.push({ title, content });
    },
    async showMessageBox(
      _window: DialogParent,
      options: Electron.MessageBoxOptions,
    ): Promise<Electron.MessageBoxReturnValue> {
      ctx.messageBoxes.push({ message: options.message, detail: options.detail ?? '' });
      return { response: 0, checkboxChecked: false };
    },
    async showOpenDialog(_options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> {
      const answer = ctx.dialogAnswers.shift();
      if (!answer)
        throw new Error('electron stand-in: showOpenDialog was called but the test queued no answer (queueOpenDialog)');
      return answer;
    },
  });
}

export function createNet(ctx: StandInContext): ElectronApi['net'] {
  // Chromium's stack (OS proxy, PAC, OS certificates) is not modelled: Node's fetch stands in,
  // and each URL is recorded so specs can tell the tray's requests went through net.fetch.
  const netFetch: ElectronApi['net']['fetch'] = async (input, init) => {
    ctx.netFetches.push(typeof input === 'string' ? input : input.url);
    const response = await fetch(input, init);
    // Electron's ClientRequest dies on a redirect under 'manual' (net.fetch never follows one).
    if (
      init?.redirect === 'manual' &&
      response.status >= 300 &&
      response.status < 400 &&
      response.headers.has('location')
    )
      throw new Error('Redirect was cancelled');
    return response;
  };
  return strict('net', { isOnline: () => ctx.online, fetch: netFetch });
}

/** A nativeImage that remembers which file it came from, so the tray record can name it. */
export interface ImageStandIn extends TrayImage {
  readonly path: string;
  template: boolean;
}

export function createNativeImage(): ElectronApi['nativeImage'] {
  return strict('nativeImage', {
    createFromPath(path: string): ImageStandIn {
      // Electron answers an empty image for a missing file, and the tray shows nothing; a
      // missing asset is always a bug, so the stand-in fails instead.
      if (!existsSync(path)) throw new Error(`nativeImage.createFromPath: no file at ${path}`);
      const image: ImageStandIn = strict('NativeImage', {
        path,
        template: false,
        setTemplateImage(on: boolean) {
          image.template = on;
        },
      });
      return image;
    },
  });
}
