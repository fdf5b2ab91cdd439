import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DttError, isDttError } from '../errors';
import type { KeyringBackend, KeyringEntry } from './backend';
import { KeychainTimeout, toKeychainError } from './keychain-errors';
import { decodeAccessEntry, decodeAccessRecord, encodeAccessRecord, MAX_SECRET_BYTES } from './record';
import { describeStore } from './store-name';
import { openVault } from './vault';

/** 'sl.u.' + random [A-Za-z0-9_-], generated at run time (never a literal). */
function fakeToken(length: number): string {
  return `sl.u.${randomBytes(length)
    .toString('base64url')
    .slice(0, length - 5)}`;
}

async function caught(p: Promise<unknown>): Promise<DttError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DttError) return error;
    throw error;
  }
  throw new Error('expected a DttError');
}

/** An in-memory keychain. `behave` can make a call hang or fail. */
function fakeBackend(behave: (op: string, account: string) => 'ok' | 'hang' | Error = () => 'ok') {
  const items = new Map<string, Uint8Array>();
  const log: string[] = [];
  const act = async <T>(op: string, key: string, run: () => T): Promise<T> => {
    log.push(`${op} ${key}`);
    const b = behave(op, key.split('|')[1] ?? '');
    if (b === 'hang') await new Promise((resolve) => setTimeout(resolve, 300));
    else if (b instanceof Error) throw b;
    return run();
  };
  const backend: KeyringBackend = {
    async entry(service, account) {
      const b = behave('entry', account);
      if (b instanceof Error) throw b;
      const key = `${service}|${account}`;
      const entry: KeyringEntry = {
        setSecret: (secret) => act('set', key, () => void items.set(key, Uint8Array.from(secret))),
        getSecret: () => act('get', key, () => (items.has(key) ? Array.from(items.get(key)!) : null)),
        deleteCredential: () => act('delete', key, () => items.delete(key)),
      };
      return entry;
    },
  };
  return { backend, items, log };
}

describe('describeStore names the keychain in plain words', () => {
  it('per OS', () => {
    expect(describeStore('darwin')).toBe('macOS Keychain');
    expect(describeStore('win32')).toBe('Windows Credential Manager');
    expect(describeStore('linux', { GNOME_KEYRING_CONTROL: '/run/user/1000/keyring' })).toBe('GNOME Keyring');
    expect(describeStore('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe('GNOME Keyring');
    expect(describeStore('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe('KDE Wallet');
    expect(describeStore('linux', {})).toBe('Secret Service (GNOME Keyring / KWallet)');
    expect(describeStore('freebsd', {})).toBe('Secret Service (GNOME Keyring / KWallet)');
  });

  it('ignores desktop hints on macOS and Windows', () => {
    expect(describeStore('darwin', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe('macOS Keychain');
  });
});

describe('the access entry', () => {
  it('is compact UTF-8 JSON, and a 1,450-character token with its expiry fits the 2,560-byte limit', () => {
    const rec = { token: fakeToken(1450), expiresAt: '2030-01-01T04:00:00.000Z' };
    const bytes = encodeAccessRecord(rec);
    const text = new TextDecoder().decode(bytes);
    expect(text).toBe(`{"token":"${rec.token}","expiresAt":"2030-01-01T04:00:00.000Z"}`);
    expect(bytes.byteLength).toBeLessThanOrEqual(MAX_SECRET_BYTES);
    expect(MAX_SECRET_BYTES).toBe(2560);
    expect(decodeAccessRecord(bytes)).toEqual(rec);
    expect(decodeAccessRecord(encodeAccessRecord({ token: rec.token, expiresAt: null }))).toEqual({
      token: rec.token,
      expiresAt: null,
    });
  });

  it('refuses what would not fit, without the token in the message', () => {
    const token = fakeToken(2600);
    const error = (() => {
      try {
        encodeAccessRecord({ token, expiresAt: null });
      } catch (e) {
        return e as DttError;
      }
      throw new Error('expected a throw');
    })();
    expect(error.kind).toBe('internal');
    expect(error.message).toMatch(/2,560/);
    expect(error.message).not.toContain(token.slice(10, 40));
  });

  it('reads only our JSON record: anything else is "unreadable" (never taken for a token), empty is absent', () => {
    const bare = fakeToken(64);
    const enc = (text: string) => new TextEncoder().encode(text);
    // A bare string under our name was written by someone else: sending it to Dropbox would look like revocation.
    expect(decodeAccessEntry(enc(bare))).toBe('unreadable');
    expect(decodeAccessRecord(enc(bare))).toBeNull();
    for (const text of [
      '{"token":',
      '{"expiresAt":null}',
      '{"token":"a b"}',
      '{"token":"x","expiresAt":5}',
      '[1]',
      'null',
    ])
      expect(decodeAccessEntry(enc(text)), text).toBe('unreadable');
    expect(decodeAccessEntry([0xff, 0xfe, 0x41])).toBe('unreadable');
    expect(decodeAccessEntry([])).toBeNull();
    expect(decodeAccessEntry(enc(JSON.stringify({ token: bare })))).toEqual({ token: bare, expiresAt: null });
    expect(decodeAccessRecord(new TextEncoder().encode('{"token":'))).toBeNull();
    expect(decodeAccessRecord(new TextEncoder().encode('{"expiresAt":null}'))).toBeNull();
    expect(decodeAccessRecord([0xff, 0xfe, 0x41])).toBeNull();
    expect(decodeAccessRecord([])).toBeNull();
  });
});

describe('keychain errors map to plain words', () => {
  const linux = { storageName: 'GNOME Keyring', platform: 'linux' };
  const lib = (message: string, cause?: string) =>
    Object.assign(new Error(message, cause ? { cause: new Error(cause) } : undefined), { code: 'GenericFailure' });

  it('no D-Bus session → keychain-unavailable naming the store', () => {
    for (const message of [
      'Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory',
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
    ]) {
      const e = toKeychainError(lib(message), linux);
      expect(e.kind).toBe('keychain-unavailable');
      expect(e.detail).toBe(
        'GNOME Keyring (Secret Service) is not running or not reachable: no D-Bus session. Log in to a desktop session or start gnome-keyring, then try again.',
      );
    }
  });

  it('a bus without a Secret Service, a keyring without a default collection, a silent daemon', () => {
    const none = toKeychainError(
      lib('Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files'),
      linux,
    );
    expect(none.kind).toBe('keychain-unavailable');
    expect(none.detail).toMatch(/GNOME Keyring \(Secret Service\) is not running/);
    const noDefault = toKeychainError(lib("Couldn't access platform storage: Secret Service: no result found"), linux);
    expect(noDefault.detail).toMatch(/no default keyring/);
    const silent = toKeychainError(lib('Platform failure: DBus error: Did not receive a reply.'), linux);
    expect(silent.detail).toMatch(/not responding/);
  });

  it('a locked keyring or a dismissed prompt → keychain-locked', () => {
    const e = toKeychainError(
      lib(
        "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
        'Secret Service: unlock prompt was dismissed',
      ),
      linux,
    );
    expect(e.kind).toBe('keychain-locked');
    expect(e.detail).toMatch(/^GNOME Keyring \(Secret Service\) is locked/);
    const mac = toKeychainError(lib('Platform secure storage failure: User interaction is not allowed.'), {
      storageName: 'macOS Keychain',
      platform: 'darwin',
    });
    expect(mac.kind).toBe('keychain-locked');
    expect(mac.detail).toMatch(/Keychain Access/);
  });

  it('our own timeout → keychain-locked, mentioning the prompt', () => {
    const e = toKeychainError(new KeychainTimeout(10_000), linux);
    expect(e.kind).toBe('keychain-locked');
    expect(e.detail).toMatch(/did not answer within 10 seconds.*password prompt/);
  });

  it('never repeats a token from a library message', () => {
    const token = fakeToken(300);
    const e = toKeychainError(lib(`odd failure near ${token}`), { ...linux, known: [token] });
    expect(e.kind).toBe('keychain-unavailable');
    expect(`${e.message} ${String((e.cause as Error).message)}`).not.toContain(token.slice(8, 60));
  });
});

describe('openVault (with an in-memory keychain)', () => {
  it('keeps access and refresh tokens in two entries, as UTF-8 bytes', async () => {
    const fake = fakeBackend();
    const vault = openVault({ service: 'svc', account: 'acct', backend: fake.backend });
    const access = { token: fakeToken(1450), expiresAt: '2030-01-01T00:00:00.000Z' };
    await vault.setAccess(access);
    await vault.setRefresh('refresh-token-value');
    expect([...fake.items.keys()].sort()).toEqual(['svc|acct:access-token', 'svc|acct:refresh-token']);
    expect(new TextDecoder().decode(fake.items.get('svc|acct:access-token'))).toBe(JSON.stringify(access));
    expect(await vault.getAccess()).toEqual(access);
    expect(await vault.getRefresh()).toBe('refresh-token-value');
    await vault.clear();
    expect(fake.items.size).toBe(0);
    await expect(vault.clear()).resolves.toBeUndefined();
    expect(await vault.getAccess()).toBeNull();
    expect(await vault.getRefresh()).toBeNull();
  });

  it('service: explicit, else DTT_KEYCHAIN_SERVICE, else "Dropbox Token Tray"; account "default"', async () => {
    for (const [opts, expected] of [
      [{ service: 'explicit', env: { DTT_KEYCHAIN_SERVICE: 'env' } }, 'explicit|default:refresh-token'],
      [{ service: undefined, env: { DTT_KEYCHAIN_SERVICE: 'env' } }, 'env|default:refresh-token'],
      [{ service: '', env: {} }, 'Dropbox Token Tray|default:refresh-token'],
    ] as const) {
      const fake = fakeBackend();
      await openVault({ ...opts, backend: fake.backend }).setRefresh('r');
      expect([...fake.items.keys()]).toEqual([expected]);
    }
  });

  it('check writes, reads back and deletes a probe, leaving nothing', async () => {
    const fake = fakeBackend();
    await openVault({ backend: fake.backend, env: {} }).check();
    expect(fake.items.size).toBe(0);
    expect(fake.log.map((l) => l.split(' ')[0])).toEqual(['set', 'get', 'delete']);
  });

  it('check fails when the store gives back something else, and still removes the probe', async () => {
    const fake = fakeBackend();
    const backend: KeyringBackend = {
      async entry(service, account) {
        const real = await fake.backend.entry(service, account);
        return { ...real, getSecret: async () => [0x78] };
      },
    };
    const error = await caught(openVault({ backend }).check());
    expect(error.kind).toBe('keychain-unavailable');
    expect(fake.items.size).toBe(0);
  });

  it('a store that cannot be reached fails every call, and nothing is kept anywhere', async () => {
    const fake = fakeBackend((op) =>
      op === 'entry'
        ? new Error('Platform failure: DBus error: Failed to connect to socket /x: No such file or directory')
        : 'ok',
    );
    const vault = openVault({ backend: fake.backend, platform: 'linux', env: { GNOME_KEYRING_CONTROL: '/x' } });
    for (const call of [
      () => vault.setAccess({ token: fakeToken(200), expiresAt: null }),
      () => vault.getAccess(),
      () => vault.check(),
      () => vault.clear(),
    ]) {
      const error = await caught(call());
      expect(error.kind).toBe('keychain-unavailable');
      expect(error.message).toContain(
        'GNOME Keyring (Secret Service) is not running or not reachable: no D-Bus session',
      );
    }
    expect(fake.items.size).toBe(0);
  });

  it('a call that hangs (an unanswered unlock prompt) is keychain-locked after the timeout', async () => {
    const fake = fakeBackend((op) => (op === 'get' ? 'hang' : 'ok'));
    const vault = openVault({ backend: fake.backend, timeoutMs: 50 });
    const started = Date.now();
    const error = await caught(vault.getAccess());
    expect(error.kind).toBe('keychain-locked');
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('a check whose write finishes after the timeout still removes its probe', async () => {
    const fake = fakeBackend((op) => (op === 'set' ? 'hang' : 'ok'));
    const error = await caught(openVault({ backend: fake.backend, timeoutMs: 50 }).check());
    expect(error.kind).toBe('keychain-locked');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.log.some((l) => l.startsWith('set '))).toBe(true);
    expect(fake.items.size).toBe(0);
  });

  it('clear tries both entries even when the first fails', async () => {
    const fake = fakeBackend((op, account) =>
      op === 'delete' && account.endsWith('access-token')
        ? new Error('Secret Service: unlock prompt was dismissed')
        : 'ok',
    );
    const vault = openVault({ backend: fake.backend, env: {} });
    await vault.setRefresh('r');
    const error = await caught(vault.clear());
    expect(isDttError(error, 'keychain-locked')).toBe(true);
    expect(fake.items.has('Dropbox Token Tray|default:refresh-token')).toBe(false);
  });
});

describe('check() on a keychain that gets stuck after the write', () => {
  it('reports keychain-locked after one timeout (not one per step) and still removes the probe', async () => {
    const fake = fakeBackend((op) => (op === 'get' ? 'hang' : 'ok'));
    const started = Date.now();
    const error = await caught(openVault({ backend: fake.backend, timeoutMs: 50, env: {} }).check());
    expect(error.kind).toBe('keychain-locked');
    expect(Date.now() - started).toBeLessThan(250);
    // It did not queue a delete behind the stuck read…
    expect(fake.log.map((l) => l.split(' ')[0])).toEqual(['set', 'get']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // …the probe went when the read finished.
    expect(fake.log.map((l) => l.split(' ')[0])).toEqual(['set', 'get', 'delete']);
    expect(fake.items.size).toBe(0);
  });
});
