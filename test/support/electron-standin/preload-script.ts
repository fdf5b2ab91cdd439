import { readFileSync } from 'node:fs';

// Runs the real preload bundle in the page, the way a sandboxed Electron preload runs: a
// CommonJS function whose require('electron') is the only module, here a shim whose
// ipcRenderer talks to the stand-in's ipcMain over a Playwright binding.
//
// Known differences from Electron, kept small on purpose:
// - Electron runs the preload in an isolated world and copies the exposed API across; here it
//   runs in the page's own world and the API object is deep-frozen instead. Page scripts can't
//   reach ipcRenderer either way: it lives in this closure, and the binding global is deleted.
// - One extra non-enumerable global (the event delivery function) exists in the page.

export interface PreloadNames {
  /** The Playwright binding (deleted from the page as soon as the shim has captured it). */
  binding: string;
  /** Where main→renderer events are delivered. */
  deliver: string;
}

type Call = (op: string, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, ...args: unknown[]) => void;
type Preload = (
  this: unknown,
  require: (id: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
) => void;

/** Runs inside the page. Self-contained: Playwright serialises it to text. */
function pageSide(names: PreloadNames, preload: Preload): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const call = g[names.binding] as Call | undefined;
  delete g[names.binding];
  // Electron runs preloads in the top frame only (nodeIntegrationInSubFrames is off).
  if (typeof call !== 'function' || window !== window.top) return;

  const strictObject = <T extends object>(name: string, obj: T): T =>
    new Proxy(obj, {
      get(o, p, r) {
        if (typeof p === 'symbol' || p in o || p === 'then' || p === 'toJSON') return Reflect.get(o, p, r);
        throw new Error(`electron stand-in does not model ${name}.${p} in the preload`);
      },
    });
  const deepFreeze = (value: unknown): unknown => {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      for (const key of Object.getOwnPropertyNames(value)) {
        const d = Object.getOwnPropertyDescriptor(value, key);
        if (d && 'value' in d) deepFreeze(d.value);
      }
      Object.freeze(value);
    }
    return value;
  };

  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = strictObject('ipcRenderer', {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const r = (await call('invoke', channel, args)) as { ok: boolean; value?: unknown; message?: string };
      if (!r.ok) throw new Error(r.message);
      return r.value;
    },
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      );
      return ipcRenderer;
    },
  });
  const contextBridge = strictObject('contextBridge', {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in window) throw new Error(`contextBridge: window.${key} already exists`);
      Object.defineProperty(window, key, {
        value: deepFreeze(api),
        enumerable: true,
        writable: false,
        configurable: false,
      });
    },
  });
  const electron = strictObject('electron', { contextBridge, ipcRenderer });
  const require = (id: string): unknown => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  const module = { exports: {} as unknown };
  preload.call(module.exports, require, module, module.exports);

  Object.defineProperty(window, names.deliver, {
    value: (channel: string, args: unknown[]) => {
      const list = listeners.get(channel) ?? [];
      for (const l of list) l(Object.freeze({ sender: ipcRenderer, senderId: 0 }), ...args);
      return list.length;
    },
    enumerable: false,
  });
  // Electron asks setWindowOpenHandler before any window exists; "deny" makes open() return null.
  Object.defineProperty(window, 'open', {
    value: (url?: string | URL) => {
      void call('window-open', new URL(String(url ?? ''), location.href).href);
      return null;
    },
    writable: false,
    configurable: false,
  });
}

/** The init script text: the shim, with the bundle inlined (eval would trip the page's CSP). */
export function preloadInitScript(preloadPath: string, names: PreloadNames): string {
  const source = readFileSync(preloadPath, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  // Under tsx (npm run dev), esbuild's keepNames wraps functions in `__name(...)`: give the
  // serialised pageSide a local no-op one.
  const side = `(() => { const __name = (f) => f; return ${pageSide.toString()}; })()`;
  return `(${side})(${JSON.stringify(names)}, function (require, module, exports) {\n${source}\n});`;
}
