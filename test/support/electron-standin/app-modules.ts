import { existsSync } from 'node:fs';
import type { ElectronApi } from '../../../electron/main/electron-api';
import type { StandInContext } from './context';
import { checkEvent, Listeners, strict } from './strict';

// app, shell, dialog, powerMonitor, net and nativeImage: the process-level modules.

const APP_EVENTS = ['second-instance', 'before-quit', 'window-all-closed'] as const;

export class AppStandIn {
  readonly isPackaged = false;
  readonly listeners = new Listeners();
  quitRequested = false;
  private lockTaken = false;

  constructor(
    private readonly ctx: StandInContext,
    private readonly lockAvailable: boolean,
    /** Closes every window the way quitting does; false when one refused. */
    private readonly closeAllWindows: () => boolean,
  ) {}

  requestSingleInstanceLock(): boolean {
    this.lockTaken = this.lockAvailable;
    return this.lockAvailable;
  }

  hasSingleInstanceLock(): boolean {
    return this.lockTaken;
  }

  on(event: string, listener: (...args: never[]) => unknown): this {
    checkEvent('app', event, APP_EVENTS);
    this.listeners.add(event, listener);
    return this;
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

  setLoginItemSettings(settings: unknown): void {
    if (this.ctx.platform === 'linux')
      throw new Error('app.setLoginItemSettings does nothing on Linux; Electron documents it for macOS and Windows');
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

export function createPowerMonitor() {
  const listeners = new Listeners();
  const api = strict('powerMonitor', {
    on(event: string, listener: (...args: never[]) => unknown) {
      checkEvent('powerMonitor', event, POWER_EVENTS);
      listeners.add(event, listener);
      return api;
    },
  });
  const emit = (event: (typeof POWER_EVENTS)[number]): number => listeners.emit(event, cancellable());
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
