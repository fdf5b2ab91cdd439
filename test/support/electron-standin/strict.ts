// Every stand-in object goes through strict(): reading a member it does not define throws,
// so main-process code that starts using more of Electron fails loudly here instead of
// passing against a stand-in that silently returns undefined.

// Probed by Promise resolution, inspection and vitest's pretty-printer; absent is the truth.
const PROBES = new Set<PropertyKey>(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor']);

export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || PROBES.has(prop) || prop in obj) return Reflect.get(obj, prop, receiver);
      throw new Error(`electron stand-in does not model ${name}.${prop}`);
    },
  });
}

/** For event names: Electron accepts any string, the stand-in only those it models. */
export function checkEvent<K extends string>(name: string, event: string, modelled: readonly K[]): asserts event is K {
  if (!(modelled as readonly string[]).includes(event))
    throw new Error(`electron stand-in does not model ${name}.on('${event}')`);
}

type Listener = (...args: never[]) => unknown;

/**
 * A tiny listener list, so stand-ins don't inherit all of EventEmitter's (unmodelled) surface.
 * `Events` is the listener types main registers (electron-api.ts), so what the stand-in emits
 * is checked against what Electron passes.
 */
export class Listeners<Events extends Record<string, Listener>> {
  private readonly map = new Map<keyof Events, Listener[]>();

  /** From `on(event: string, listener)`: the event name was checked, the listener is main's. */
  add(event: keyof Events, fn: Listener): void {
    this.map.set(event, [...(this.map.get(event) ?? []), fn]);
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): number {
    const list = [...(this.map.get(event) ?? [])];
    for (const fn of list) (fn as (...a: unknown[]) => unknown)(...args);
    return list.length;
  }
}
