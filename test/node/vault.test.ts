// The keychain vault against a real Secret Service: the private GNOME keyring npm test starts
// (test/support/keyring/with-keyring.sh). Skipped, with the reason printed, without it.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { MAX_SECRET_BYTES, openVault, type Vault } from '../../electron/core/vault';
import { readAllFiles, repoRoot } from '../support/cli';
import { describeWithKeyring, keyringDir, keyringScript, uniqueService } from '../support/keyring';
import type { ChildResult } from '../support/keyring/vault-child';

const run = promisify(execFile);
const childScript = path.join(repoRoot, 'test', 'support', 'keyring', 'vault-child.ts');

/** 'sl.u.' + random [A-Za-z0-9_-], made at run time: 1,450 characters by default. */
function makeToken(length = 1450): string {
  let body = '';
  while (body.length < length - 5) body += randomBytes(length).toString('base64url');
  return `sl.u.${body.slice(0, length - 5)}`;
}

/** What the Secret Service holds for an entry, read with secret-tool (not through the vault). */
async function secretToolLookup(service: string, account: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'username', account], {
      timeout: 10_000,
    });
    return stdout;
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
}

/** Every item the Secret Service holds for a service (labels and attributes only). */
async function secretToolItems(service: string): Promise<string[]> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', service], {
    timeout: 10_000,
  }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
  return `${stdout}\n${stderr}`.split('\n').filter((l) => l.startsWith('attribute.username = '));
}

/** Runs test/support/keyring/vault-child.ts and returns its RESULT line. */
function runChild(args: {
  mode: string;
  service: string;
  token: string;
  env?: NodeJS.ProcessEnv;
  wrap?: string[];
  timeoutMs?: number;
}): Promise<{ result: ChildResult; stdout: string; stderr: string; exitedInMs: number | null }> {
  return new Promise((resolve, reject) => {
    const command = [...(args.wrap ?? []), process.execPath, '--import', 'tsx', childScript, args.mode, args.service];
    const [file, ...rest] = args.wrap ? ['bash', ...command] : command;
    const started = Date.now();
    const child = spawn(file!, rest, {
      cwd: repoRoot,
      env: {
        ...process.env,
        DTT_CHILD_TOKEN: args.token,
        ...(args.timeoutMs ? { DTT_CHILD_TIMEOUT_MS: String(args.timeoutMs) } : {}),
        ...args.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a stuck run can be stopped as a whole
    });
    let stdout = '';
    let stderr = '';
    let result: ChildResult | undefined;
    const killAll = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    const guard = setTimeout(() => {
      killAll();
      reject(new Error(`vault-child ${args.mode} did not finish in 25 s\n${stdout}\n${stderr}`));
    }, 25_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (line && !result) result = JSON.parse(line.slice('RESULT '.length)) as ChildResult;
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      if (!result)
        return reject(new Error(`vault-child ${args.mode} exited ${code} without a result\n${stdout}\n${stderr}`));
      resolve({ result, stdout, stderr, exitedInMs: Date.now() - started });
    });
  });
}

function attempt(result: ChildResult, name: string) {
  const found = result.attempts.find((a) => a.name === name);
  if (!found) throw new Error(`no attempt ${name} in ${JSON.stringify(result)}`);
  return found;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {});
});

/** A vault on a service of its own, cleared after the test. */
function freshVault(): { vault: Vault; service: string } {
  const service = uniqueService('vault');
  const vault = openVault({ service });
  cleanups.push(() => vault.clear());
  return { vault, service };
}

describeWithKeyring('keychain vault on a real Secret Service (private GNOME keyring)', () => {
  it('names the store, and check() leaves nothing behind', async () => {
    const { vault, service } = freshVault();
    expect(vault.storageName).toBe('GNOME Keyring');
    await vault.check();
    expect(await secretToolItems(service)).toEqual([]);
  });

  it('round-trips a 1,450-character access token with its expiry, stored in the Secret Service as compact JSON', async () => {
    const { vault, service } = freshVault();
    const token = makeToken();
    expect(token).toHaveLength(1450);
    const rec = { token, expiresAt: new Date(Date.now() + 4 * 3600_000).toISOString() };
    expect(await vault.getAccess()).toBeNull();
    await vault.setAccess(rec);
    expect(await vault.getAccess()).toEqual(rec);

    // Really in the Secret Service (readable by secret-tool), not in some other store.
    const raw = await secretToolLookup(service, 'default:access-token');
    expect(raw).toBe(JSON.stringify(rec));
    expect(Buffer.byteLength(raw!, 'utf8')).toBeLessThanOrEqual(MAX_SECRET_BYTES);

    // Overwrites in place: one entry, the newest value.
    const next = { token: makeToken(), expiresAt: null };
    await vault.setAccess(next);
    expect(await vault.getAccess()).toEqual(next);
    expect(await secretToolItems(service)).toEqual(['attribute.username = default:access-token']);
  });

  it('keeps the refresh token in its own entry', async () => {
    const { vault, service } = freshVault();
    const access = { token: makeToken(), expiresAt: '2030-01-01T00:00:00.000Z' };
    const refresh = `${randomBytes(48).toString('base64url')}`;
    await vault.setAccess(access);
    await vault.setRefresh(refresh);
    expect(await vault.getRefresh()).toBe(refresh);
    expect(await vault.getAccess()).toEqual(access);
    expect(await secretToolLookup(service, 'default:refresh-token')).toBe(refresh);
    expect((await secretToolItems(service)).sort()).toEqual([
      'attribute.username = default:access-token',
      'attribute.username = default:refresh-token',
    ]);
  });

  it('clear() removes both entries, and is fine when they are already gone', async () => {
    const { vault, service } = freshVault();
    await vault.setAccess({ token: makeToken(), expiresAt: null });
    await vault.setRefresh(randomBytes(32).toString('base64url'));
    expect(await secretToolItems(service)).toHaveLength(2);
    await vault.clear();
    expect(await vault.getAccess()).toBeNull();
    expect(await vault.getRefresh()).toBeNull();
    expect(await secretToolItems(service)).toEqual([]);
    await expect(vault.clear()).resolves.toBeUndefined();
  });

  it('writes the token to no file in plain text: not the config folder, not the keyring files', async () => {
    const dir = keyringDir();
    expect(dir, 'with-keyring.sh exports DTT_TEST_KEYRING_DIR').toBeTruthy();
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'dtt-cfg-'));
    const previous = process.env.DTT_CONFIG_DIR;
    process.env.DTT_CONFIG_DIR = configDir;
    try {
      const login = path.join(dir!, 'login.keyring');
      const before = readFileSync(login);
      const { vault } = freshVault();
      const token = makeToken();
      await vault.setAccess({ token, expiresAt: null });
      await vault.setRefresh(`${token.slice(0, 40)}refresh`);

      // The keyring did save it to disk (the file grew by at least the token's size)…
      const after = readFileSync(login);
      expect(after.length).toBeGreaterThan(before.length + 1000);
      // …encrypted: no part of the token is in any keyring file.
      const files = readdirSync(dir!)
        .map((name) => path.join(dir!, name))
        .filter((f) => statSync(f).isFile());
      for (const file of files) {
        const text = readFileSync(file, 'latin1');
        for (const slice of [token.slice(5, 40), token.slice(700, 740), token.slice(-35)])
          expect(text).not.toContain(slice);
      }
      // And nothing in the settings folder.
      expect(readAllFiles(configDir)).not.toContain(token.slice(5, 40));
    } finally {
      if (previous === undefined) delete process.env.DTT_CONFIG_DIR;
      else process.env.DTT_CONFIG_DIR = previous;
      rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('without a D-Bus session: keychain-unavailable naming GNOME Keyring, and no silent fallback', async () => {
    const service = uniqueService('unavailable');
    const token = makeToken();
    const { result, stdout, stderr } = await runChild({
      mode: 'unavailable',
      service,
      token,
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    });
    for (const name of ['setAccess', 'setRefresh', 'getAccess', 'getRefresh', 'check', 'clear']) {
      const a = attempt(result, name);
      expect(a.ok, `${name}: ${JSON.stringify(a)}`).toBe(false);
      expect(a.kind).toBe('keychain-unavailable');
      expect(a.message).toContain(
        'GNOME Keyring (Secret Service) is not running or not reachable: no D-Bus session. Log in to a desktop session or start gnome-keyring, then try again.',
      );
    }
    // Nothing went to the kernel keyutils keyring (the library's fallback without the pin)…
    expect(result.keyutils).not.toEqual({ found: true });
    // …nor anywhere the normal session can see: the same service reads as empty.
    const vault = openVault({ service });
    expect(await vault.getAccess()).toBeNull();
    expect(await vault.getRefresh()).toBeNull();
    expect(await secretToolItems(service)).toEqual([]);
    // And no message carried the token.
    expect(stdout + stderr).not.toContain(token.slice(5, 40));
  });

  it('a locked keyring: keychain-locked at once, for reads, writes, check and clear', async () => {
    const token = makeToken();
    // Its own private keyring: locking the shared one would break tests running in parallel.
    const { result, stdout, stderr } = await runChild({
      mode: 'locked',
      service: uniqueService('locked'),
      token,
      wrap: [keyringScript, '--fresh'],
    });
    expect(attempt(result, 'setAccess (unlocked)').ok).toBe(true);
    expect(attempt(result, 'setRefresh (unlocked)').ok).toBe(true);
    expect(result.lockedBefore).toBe(true);
    for (const name of ['getAccess', 'getRefresh', 'setAccess', 'check', 'clear']) {
      const a = attempt(result, name);
      expect(a.ok, `${name}: ${JSON.stringify(a)}`).toBe(false);
      expect(a.kind).toBe('keychain-locked');
      expect(a.message).toContain('GNOME Keyring (Secret Service) is locked');
      expect(a.ms).toBeLessThan(5_000);
    }
    expect(stdout + stderr).not.toContain(token.slice(5, 40));
  });

  it('an unlock prompt nobody answers: keychain-locked after the timeout, not a hang', async () => {
    const token = makeToken();
    const { result } = await runChild({
      mode: 'stuck',
      service: uniqueService('stuck'),
      token,
      wrap: [keyringScript, '--stuck-prompter'],
      timeoutMs: 1500,
      env: { DTT_TEST_STUCK_PROMPTER_MS: '5000' },
    });
    expect(attempt(result, 'setAccess (unlocked)').ok).toBe(true);
    expect(result.lockedBefore).toBe(true);
    const get = attempt(result, 'getAccess');
    expect(get.kind, JSON.stringify(get)).toBe('keychain-locked');
    expect(get.message).toMatch(/did not answer within 1\.5 seconds/);
    // Reported at the timeout, well before the (simulated) prompt gives up after 5 s.
    expect(get.ms).toBeGreaterThanOrEqual(1400);
    expect(get.ms).toBeLessThan(4000);
  });
});
