import { existsSync } from 'node:fs';
import type { MainWindow, MainWindowOptions, WindowEvents } from '../../../electron/main/electron-api';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { cancellable } from './app-modules';
import type { StandInContext } from './context';
import type { IpcMainStandIn } from './ipc-main';
import { preloadInitScript } from './preload-script';
import { checkEvent, Listeners, strict } from './strict';
import { WebContentsStandIn } from './web-contents';

const WINDOW_OPTIONS: ReadonlySet<string> = new Set<keyof MainWindowOptions>([
  'width',
  'height',
  'minWidth',
  'minHeight',
  'show',
  'title',
  'webPreferences',
]);
const WINDOW_EVENTS: readonly (keyof WindowEvents)[] = ['close'];

export interface WindowHooks {
  ctx: StandInContext;
  ipc: IpcMainStandIn;
  windows: Set<BrowserWindowStandIn>;
  /** Electron's app emits window-all-closed when the last window goes, unless quitting. */
  allClosed(): void;
}

/** A BrowserWindow whose page is a real Chromium page (one browser context per window). */
export function browserWindowClass(hooks: WindowHooks) {
  const { ctx } = hooks;
  return class BrowserWindow implements BrowserWindowStandIn, MainWindow {
    readonly webContents: WebContentsStandIn;
    readonly ready: Promise<Page>;
    readonly listeners = new Listeners<WindowEvents>();
    readonly options: Record<string, unknown>;
    visible: boolean;
    focused = false;
    destroyed = false;
    /** The latest main-initiated load, settled either way. */
    loading: Promise<void> = Promise.resolve();
    private browserContext: BrowserContext | undefined;

    constructor(options: MainWindowOptions = {}) {
      for (const key of Object.keys(options))
        if (!WINDOW_OPTIONS.has(key)) throw new Error(`electron stand-in does not model BrowserWindow option "${key}"`);
      this.options = { ...options };
      const prefs: Record<string, unknown> = { ...options.webPreferences };
      ctx.webPreferences.push(prefs);
      const preload = prefs.preload;
      if (preload !== undefined && (typeof preload !== 'string' || !existsSync(preload))) {
        throw new Error(`preload script not found: ${String(preload)} (run npm run build)`);
      }
      const names = {
        binding: `__dttStandIn_${randomBytes(6).toString('hex')}`,
        deliver: `__dttDeliver_${randomBytes(6).toString('hex')}`,
      };
      this.webContents = strict('webContents', new WebContentsStandIn(ctx, hooks.ipc, names.deliver));
      this.visible = options.show !== false;
      this.ready = this.open(
        typeof preload === 'string' ? preloadInitScript(preload, names) : undefined,
        names.binding,
      );
      this.ready.catch((error: unknown) => ctx.faults.push(`opening the window's page failed: ${String(error)}`));
      const self = strict('BrowserWindow', this);
      hooks.windows.add(self);
      return self;
    }

    private async open(initScript: string | undefined, binding: string): Promise<Page> {
      const browser = await ctx.browser();
      this.browserContext = await browser.newContext({
        viewport: { width: Number(this.options.width ?? 800), height: Number(this.options.height ?? 600) },
      });
      const page = await this.browserContext.newPage();
      // The binding must exist before the init script runs, which captures and hides it.
      await page.exposeBinding(binding, async ({ frame }, op: string, ...args: unknown[]) => {
        if (op === 'invoke') return this.webContents.invokeFrom(frame, String(args[0]), (args[1] as unknown[]) ?? []);
        if (op === 'window-open') return void this.webContents.windowOpen(String(args[0]));
        throw new Error(`unknown stand-in op ${op}`);
      });
      if (initScript) await page.addInitScript({ content: initScript });
      await page.route('**/*', (route) => this.route(route, page));
      page.on('popup', (popup) => {
        ctx.faults.push(`a popup the stand-in does not model was opened: ${popup.url()}`);
        void popup.close();
      });
      this.webContents.attach(page);
      return page;
    }

    /** Renderer-started main-frame navigations go through will-navigate, as in Electron. */
    private async route(route: Route, page: Page): Promise<void> {
      const req = route.request();
      const guarded =
        req.isNavigationRequest() && req.frame() === page.mainFrame() && !this.webContents.isExpectedLoad(req.url());
      const blocked = guarded && this.webContents.willNavigate(req.url());
      await (blocked ? route.abort('aborted') : route.continue()).catch(() => undefined);
    }

    async loadFile(filePath: string): Promise<void> {
      return this.loadURL(pathToFileURL(filePath).href);
    }

    /** Main-initiated loads don't fire will-navigate. */
    loadURL(url: string): Promise<void> {
      const load = (async () => {
        const page = await this.ready;
        const done = this.webContents.expectLoad(url);
        try {
          await page.goto(url);
        } finally {
          done();
        }
      })();
      this.loading = load.catch(() => undefined);
      return load;
    }

    show(): void {
      this.alive();
      this.visible = true;
    }

    hide(): void {
      this.alive();
      this.visible = false;
      this.focused = false;
    }

    focus(): void {
      this.alive();
      this.focused = true;
    }

    isVisible(): boolean {
      return !this.destroyed && this.visible;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    on(event: string, listener: (...args: never[]) => void): this {
      checkEvent('BrowserWindow', event, WINDOW_EVENTS);
      this.listeners.add(event, listener);
      return this;
    }

    /** The user's close button, or main's win.close(): cancellable through 'close'. */
    close(): void {
      if (this.destroyed) return;
      const event = cancellable();
      this.listeners.emit('close', event);
      if (!event.defaultPrevented) this.destroy();
    }

    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.visible = false;
      this.webContents.destroyed = true;
      hooks.windows.delete(this);
      void this.ready.then(() => this.browserContext?.close()).catch(() => undefined);
      if (hooks.windows.size === 0) hooks.allClosed();
    }

    private alive(): void {
      if (this.destroyed) throw new Error('Object has been destroyed');
    }
  };
}

export interface BrowserWindowStandIn {
  readonly webContents: WebContentsStandIn;
  readonly ready: Promise<Page>;
  readonly options: Record<string, unknown>;
  visible: boolean;
  focused: boolean;
  loading: Promise<void>;
  loadURL(url: string): Promise<void>;
  isVisible(): boolean;
  isDestroyed(): boolean;
  close(): void;
  destroy(): void;
}
