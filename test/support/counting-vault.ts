// The real vault (electron/core/vault) over an in-memory keychain, counting every call at both
// levels: `calls` are Vault methods, `native` the keychain operations they make (what costs a
// prompt or a D-Bus round trip). Nothing is written to the machine's own keychain.
import type { KeyringBackend } from '../../electron/core/vault/backend';
import { openVault, type Vault } from '../../electron/core/vault';

export interface CountingVault {
  vault: Vault;
  /** Vault methods called, in order ('check', 'getAccess', …). */
  calls: string[];
  /** Native keychain operations, in order ('set default:access-token', …). */
  native: string[];
  reset(): void;
}

/** `writeDelayMs`: each write takes this long, as a real keychain's does (a D-Bus round trip). */
export function countingVault(opts: { writeDelayMs?: number } = {}): CountingVault {
  const items = new Map<string, Uint8Array>();
  const native: string[] = [];
  const calls: string[] = [];
  const backend: KeyringBackend = {
    async entry(_service, account) {
      const name = account.replace(/keychain-check-[0-9a-f]+$/, 'keychain-check');
      return {
        setSecret: async (secret) => {
          native.push(`set ${name}`);
          if (opts.writeDelayMs) await new Promise((resolve) => setTimeout(resolve, opts.writeDelayMs));
          items.set(account, Uint8Array.from(secret));
        },
        getSecret: async () => (
          native.push(`get ${name}`),
          items.has(account) ? Array.from(items.get(account)!) : null
        ),
        deleteCredential: async () => (native.push(`delete ${name}`), items.delete(account)),
      };
    },
  };
  const inner = openVault({ service: 'counting', backend, platform: 'linux', env: {} });
  const count =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls.push(name);
      return fn(...args);
    };
  // Spelled out, not a Proxy: a method added to Vault fails to compile here until it is counted.
  const vault: Vault = {
    storageName: inner.storageName,
    check: count('check', () => inner.check()),
    getAccess: count('getAccess', () => inner.getAccess()),
    readAccess: count('readAccess', () => inner.readAccess()),
    setAccess: count('setAccess', (rec) => inner.setAccess(rec)),
    getRefresh: count('getRefresh', () => inner.getRefresh()),
    setRefresh: count('setRefresh', (token) => inner.setRefresh(token)),
    clear: count('clear', () => inner.clear()),
  };
  return {
    vault,
    calls,
    native,
    reset: () => {
      calls.length = 0;
      native.length = 0;
    },
  };
}
