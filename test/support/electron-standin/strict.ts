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
export function checkEvent(name: string, event: string, modelled: readonly string[]): void {
  if (!modelled.includes(event)) throw new Error(`electron stand-in does not model ${name}.on('${event}')`);
}

/** A tiny listener list, so stand-ins don't inherit all of EventEmitter's (unmodelled) surface. */
export class Listeners {
  private readonly map = new Map<string, Array<(...args: unknown[]) => unknown>>();

  add(event: string, fn: (...args: never[]) => unknown): void {
    const list = this.map.get(event) ?? [];
    list.push(fn as (...args: unknown[]) => unknown);
    this.map.set(event, list);
  }

  remove(event: string, fn: (...args: never[]) => unknown): void {
    const list = this.map.get(event) ?? [];
    this.map.set(
      event,
      list.filter((f) => f !== fn),
    );
  }

  emit(event: string, ...args: unknown[]): number {
    const list = [...(this.map.get(event) ?? [])];
    for (const fn of list) fn(...args);
    return list.length;
  }

  count(event: string): number {
    return this.map.get(event)?.length ?? 0;
  }
}
