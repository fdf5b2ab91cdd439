// Runs vault calls in a separate process for test/node/vault.test.ts, for situations the test
// process itself must not be in: no D-Bus session, or a keyring that gets locked (in its own
// private keyring, started with `with-keyring.sh --fresh`, so other tests keep theirs unlocked).
//
//   node --import tsx vault-child.ts <unavailable|locked|stuck> <service>
//   env: DTT_CHILD_TOKEN (the access token to try to store), DTT_CHILD_TIMEOUT_MS
//
// Prints one line `RESULT <json>`. Never prints a token: only whether what came back matched.
import { execFileSync } from 'node:child_process';
import { isDttError } from '../../../electron/core/errors';
import { accessAccount, DEFAULT_ACCOUNT, openVault, type AccessTokenRecord } from '../../../electron/core/vault';

export interface Attempt {
  name: string;
  ok: boolean;
  /** For reads: whether something came back, and whether it was the token written. */
  found?: boolean;
  matches?: boolean;
  kind?: string;
  message?: string;
  ms: number;
}

export interface ChildResult {
  mode: string;
  storageName: string;
  attempts: Attempt[];
  /** unavailable: what the kernel keyutils keyring holds under the same name (must be nothing). */
  keyutils?: { found: boolean } | { error: string };
  /** locked/stuck: whether the collection was locked before the calls. */
  lockedBefore?: boolean;
}

const [mode = '', service = ''] = process.argv.slice(2);
const token = process.env.DTT_CHILD_TOKEN ?? '';
const refresh = `${token.slice(0, 12)}-refresh`;
const timeoutMs = Number(process.env.DTT_CHILD_TIMEOUT_MS || 10_000);
const rec: AccessTokenRecord = { token, expiresAt: '2030-01-01T00:00:00.000Z' };
const vault = openVault({ service, timeoutMs });

async function attempt(name: string, fn: () => Promise<unknown>): Promise<Attempt> {
  const started = performance.now();
  try {
    const value = await fn();
    const ms = Math.round(performance.now() - started);
    if (value === undefined) return { name, ok: true, ms };
    const got = value && typeof value === 'object' && 'token' in value ? (value as AccessTokenRecord).token : value;
    return { name, ok: true, found: value !== null, matches: got === token || got === refresh, ms };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    return {
      name,
      ok: false,
      kind: isDttError(error) ? error.kind : `not a DttError: ${(error as Error)?.name}`,
      message: error instanceof Error ? error.message : String(error),
      ms,
    };
  }
}

function lockLogin(): boolean {
  execFileSync(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      'array:objpath:/org/freedesktop/secrets/collection/login',
    ],
    { stdio: 'ignore', timeout: 10_000 },
  );
  const out = execFileSync(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets/collection/login',
      'org.freedesktop.DBus.Properties.Get',
      'string:org.freedesktop.Secret.Collection',
      'string:Locked',
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  return /boolean true/.test(out);
}

async function main(): Promise<ChildResult> {
  const result: ChildResult = { mode, storageName: vault.storageName, attempts: [] };
  const run = async (name: string, fn: () => Promise<unknown>) => result.attempts.push(await attempt(name, fn));

  if (mode === 'unavailable') {
    await run('setAccess', () => vault.setAccess(rec));
    await run('setRefresh', () => vault.setRefresh(refresh));
    await run('getAccess', () => vault.getAccess());
    await run('getRefresh', () => vault.getRefresh());
    await run('check', () => vault.check());
    await run('clear', () => vault.clear());
    // The fallback @napi-rs/keyring would use without the pin: it must hold nothing.
    try {
      const { Entry } = await import('@napi-rs/keyring');
      const entry = new Entry(service, accessAccount(DEFAULT_ACCOUNT), { linux: { store: 'keyutils' } });
      result.keyutils = { found: entry.getPassword() !== null };
    } catch (error) {
      result.keyutils = { error: (error as Error).message };
    }
  } else if (mode === 'locked') {
    await run('setAccess (unlocked)', () => vault.setAccess(rec));
    await run('setRefresh (unlocked)', () => vault.setRefresh(refresh));
    result.lockedBefore = lockLogin();
    await run('getAccess', () => vault.getAccess());
    await run('getRefresh', () => vault.getRefresh());
    await run('setAccess', () => vault.setAccess(rec));
    await run('check', () => vault.check());
    await run('clear', () => vault.clear());
  } else if (mode === 'stuck') {
    await run('setAccess (unlocked)', () => vault.setAccess(rec));
    result.lockedBefore = lockLogin();
    await run('getAccess', () => vault.getAccess());
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  return result;
}

main().then(
  (result) => {
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    // A native call stuck on a prompt keeps a thread busy and delays exit until it ends; the
    // parent does not wait for that.
    process.exitCode = 0;
  },
  (error: unknown) => {
    process.stderr.write(`vault-child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
