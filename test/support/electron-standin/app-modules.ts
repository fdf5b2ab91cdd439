import { existsSync } from 'node:fs';
import type { ElectronApi } from '../../../electron/main/electron-api';
import type { StandInContext } from './context';
import { checkEvent, Listeners, strict } from './strict';

// app, shell, dialog, powerMonitor, net and nativeImage: the process-level modules.

const APP_EVENTS = ['second-instance', 'before-quit', 'window-all-closed'] as const;
// Electron emits 'activate' on macOS only (Dock click, Finder/Spotlight reopening the app).
const DARWIN_APP_EVENTS = [...APP_EVENTS, 'activate'] as const;

export type LoginItemStatus = 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';

export class AppStandIn {
  readonly listeners = new Listeners();
  quitRequested = false;
  /** app.exit(code)'s code; the process would be gone. */
  exitCode: number | null = null;
  private lockTaken = false;
  private openAtLogin = false;
  private loginArgs: string[] = [];

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

  hasSingleInstanceLock(): boolean {
    return this.lockTaken;
  }

  on(event: string, listener: (...args: never[]) => unknown): this {
    checkEvent('app', event, this.ctx.platform === 'darwin' ? DARWIN_APP_EVENTS : APP_EVENTS);
    this.listeners.add(event, listener);
    return this;
  }

  /** Immediately, without before-quit or will-quit: windows are destroyed, not asked. */
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    this.quitRequested = true;
  }

  setAppUserModelId(id: string): void {
    if (this.ctx.platform !== 'win32') throw new Error('app.setAppUserModelId exists on Windows only');
    this.ctx.appUserModelIds.push(id);
  }

  getLoginItemSettings(options?: { path?: string; args?: string[] }) {
    if (this.ctx.platform === 'linux') throw new Error('app.getLoginItemSettings is for macOS and Windows only');
    const status: LoginItemStatus = this.openAtLogin ? this.ctx.loginItemStatusWhenOn : 'not-registered';
    // Windows: openAtLogin is true only for the Run entry with exactly these args.
    const argsMatch =
      this.ctx.platform !== 'win32' || JSON.stringify(options?.args ?? []) === JSON.stringify(this.loginArgs);
    return {
      openAtLogin: this.openAtLogin && status === 'enabled' && argsMatch,
      wasOpenedAtLogin: false,
      status,
      executableWillLaunchAtLogin: this.openAtLogin,
      launchItems: [],
    };
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

  setActivationPolicy(policy: string): void {
    if (this.ctx.platform !== 'darwin') throw new Error('app.setActivationPolicy exists on macOS only');
    this.ctx.loginItemSettings.push({ activationPolicy: policy });
  }

  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void {
    if (this.ctx.platform === 'linux')
      throw new Error('app.setLoginItemSettings does nothing on Linux; Electron documents it for macOS and Windows');
    this.openAtLogin = Boolean(settings.openAtLogin);
    this.loginArgs = settings.args ?? [];
    this.ctx.loginItemSettings.push(settings);
  }

  /** What Electron does in the first instance when the app is started again. */
  secondInstance(argv: string[] = [], cwd = process.cwd()): void {
    if (!this.lockTaken) throw new Error('second-instance only reaches the instance holding the lock');
    this.listeners.emit('second-instance', cancellable(), argv, cwd, {});
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

export function createShell(ctx: StandInContext) {
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

export function createDialog(ctx: StandInContext) {
  return strict('dialog', {
    showErrorBox(title: string, content: string): void {
      ctx.errorBoxes.push({ title, content });
    },
    async showMessageBox(...args: unknown[]) {
      const options = (args.length > 1 ? args[1] : args[0]) as { message?: unknown; detail?: unknown } | undefined;
      if (!options || typeof options.message !== 'string') throw new Error('dialog.showMessageBox needs a message');
      ctx.messageBoxes.push({ message: options.message, detail: String(options.detail ?? '') });
      return { response: 0, checkboxChecked: false };
    },
    async showOpenDialog(...args: unknown[]) {
      const options = (args.length > 1 ? args[1] : args[0]) as { properties?: string[] } | undefined;
      if (!options || typeof options !== 'object') throw new Error('dialog.showOpenDialog needs options');
      const answer = ctx.dialogAnswers.shift();
      if (!answer)
        throw new Error('electron stand-in: showOpenDialog was called but the test queued no answer (queueOpenDialog)');
      return answer;
    },
  });
}

const POWER_EVENTS = ['suspend', 'resume', 'lock-screen', 'unlock-screen', 'on-ac', 'on-battery', 'shutdown'] as const;

export function createPowerMonitor(platform: NodeJS.Platform) {
  const listeners = new Listeners();
  const api = strict('powerMonitor', {
    on(event: string, listener: (...args: never[]) => unknown) {
      checkEvent('powerMonitor', event, POWER_EVENTS);
      listeners.add(event, listener);
      return api;
    },
  });
  const emit = (event: (typeof POWER_EVENTS)[number]): number => {
    // Electron documents lock-screen/unlock-screen for macOS and Windows only: Linux never emits them.
    if ((event === 'lock-screen' || event === 'unlock-screen') && platform === 'linux')
      throw new Error(`powerMonitor '${event}' is never emitted on Linux`);
    return listeners.emit(event, cancellable());
  };
  return { api, emit };
}

export function createNet(ctx: StandInContext) {
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
export interface ImageStandIn {
  readonly path: string;
  template: boolean;
  setTemplateImage(on: boolean): void;
  isTemplateImage(): boolean;
  isEmpty(): boolean;
}

export function createNativeImage() {
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
        isTemplateImage: () => image.template,
        isEmpty: () => false,
      });
      return image;
    },
  });
}
