import type * as Electron from 'electron';
import type { Frame, Page } from 'playwright-core';
import type {
  ContentsEvents,
  MainContents,
  Permission,
  PermissionHandler,
  SenderFrame,
} from '../../../electron/main/electron-api';
import { cancellable } from './app-modules';
import type { StandInContext } from './context';
import type { IpcMainStandIn, InvokeOutcome } from './ipc-main';
import { checkEvent, Listeners, strict } from './strict';

type OpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

const CONTENTS_EVENTS: readonly (keyof ContentsEvents)[] = ['will-navigate'];

/**
 * webContents of one window: IPC in both directions, the window-open and navigation guards,
 * and the permission handler. `mainFrame` is one stable object, as in Electron, so identity
 * checks (frame === contents.mainFrame) mean the same thing here. Always used through its
 * strict() proxy, so `this` inside is the very object main holds as `event.sender`.
 */
export class WebContentsStandIn implements MainContents {
  readonly mainFrame: SenderFrame;
  readonly session: { setPermissionRequestHandler(handler: PermissionHandler | null): void };
  readonly listeners = new Listeners<ContentsEvents>();
  destroyed = false;
  private page: Page | undefined;
  private openHandler: OpenHandler | undefined;
  private permissionHandler: PermissionHandler | null | undefined;
  private readonly subFrames = new WeakMap<Frame, SenderFrame>();
  private expectedLoads = new Set<string>();
  private sendQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: StandInContext,
    private readonly ipc: IpcMainStandIn,
    private readonly deliverName: string,
  ) {
    // The frame's getters run with the frame as `this` and must read this WebContents.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const contents = this;
    this.mainFrame = strict('WebFrameMain', {
      get url() {
        return contents.page && !contents.page.isClosed() ? contents.page.mainFrame().url() : '';
      },
    });
    this.session = strict('Session', {
      setPermissionRequestHandler: (handler: PermissionHandler | null) => void (this.permissionHandler = handler),
    });
  }

  attach(page: Page): void {
    this.page = page;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const record = {
      direction: 'main→renderer' as const,
      kind: 'event' as const,
      channel,
      payload: args.length <= 1 ? args[0] : args,
      delivered: false,
    };
    this.ctx.ipcLog.push(record);
    // Electron's send is fire-and-forget but ordered; so is this queue.
    this.sendQueue = this.sendQueue.then(async () => {
      const page = this.page;
      if (!page || page.isClosed()) return;
      const delivered = await page
        .evaluate(
          ([name, c, a]) => {
            const deliver = (window as unknown as Record<string, unknown>)[name as string];
            return typeof deliver === 'function' ? (deliver as (c: unknown, a: unknown) => number)(c, a) >= 0 : false;
          },
          [this.deliverName, channel, args] as const,
        )
        .catch(() => false);
      record.delivered = delivered;
    });
  }

  /** Resolves when every event sent so far has reached the page (or was dropped). */
  flush(): Promise<unknown> {
    return this.sendQueue;
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }

  on(event: string, listener: (...args: never[]) => void): this {
    checkEvent('webContents', event, CONTENTS_EVENTS);
    this.listeners.add(event, listener);
    return this;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  // ---- Driven by the window and by tests.

  expectLoad(url: string): () => void {
    this.expectedLoads.add(url);
    return () => this.expectedLoads.delete(url);
  }

  isExpectedLoad(url: string): boolean {
    return this.expectedLoads.has(url);
  }

  /** A navigation the page started. True when a listener prevented it. */
  willNavigate(url: string): boolean {
    const event = Object.assign(cancellable(), { url, isMainFrame: true, isSameDocument: false });
    this.listeners.emit('will-navigate', event, url);
    this.ctx.navigations.push({ url, prevented: event.defaultPrevented });
    return event.defaultPrevented;
  }

  windowOpen(url: string): void {
    // Without a handler Electron opens a new BrowserWindow; the stand-in does not model that.
    const action = this.openHandler
      ? this.openHandler({
          url,
          frameName: '',
          features: '',
          disposition: 'new-window',
          referrer: { url: '', policy: 'default' },
        }).action
      : 'allow';
    this.ctx.windowOpens.push({ url, action });
    if (action !== 'deny')
      this.ctx.faults.push(`window.open(${url}) was allowed: the stand-in does not model new windows`);
  }

  /** Asks the permission handler like Chromium does; Electron grants everything without one. */
  requestPermission(permission: Permission): Promise<boolean> {
    const handler = this.permissionHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(this, permission, resolve, { requestingUrl: this.mainFrame.url, isMainFrame: true }),
    );
  }

  /** An invoke from a frame of this page (the preload's ipcRenderer.invoke). */
  invokeFrom(frame: Frame, channel: string, args: unknown[]): Promise<InvokeOutcome> {
    const senderFrame = frame === this.page?.mainFrame() ? this.mainFrame : this.subFrame(frame);
    return this.ipc.dispatch({ sender: this, senderFrame }, channel, args);
  }

  /** An invoke as if sent by some other frame of this window, at `url` (an iframe, say). */
  invokeFromOtherFrame(url: string, channel: string, args: unknown[]): Promise<InvokeOutcome> {
    return this.ipc.dispatch({ sender: this, senderFrame: strict('WebFrameMain', { url }) }, channel, args);
  }

  private subFrame(frame: Frame): SenderFrame {
    let f = this.subFrames.get(frame);
    if (!f) {
      f = strict('WebFrameMain', {
        get url() {
          return frame.url();
        },
      });
      this.subFrames.set(frame, f);
    }
    return f;
  }
}
