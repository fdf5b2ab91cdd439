// What a paste and a renewal cost and say: the keychain calls each makes (counted on the real
// vault over an in-memory keychain) and the `status` pushes the views get, against the fake Dropbox.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenTrayService } from '../../electron/core/service';
import type { SyncReport } from '../../electron/core/projects/sync';
import type { PublicStatus } from '../../electron/shared/state';
import { freePort } from '../support/cli';
import { countingVault } from '../support/counting-vault';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { tempProject } from '../support/projects';

let fake: FakeDropbox;
const APP_KEY = 'testappkey123456';

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY });
});
afterAll(() => fake.close());

async function setup(opts: { writeDelayMs?: number } = {}) {
  const port = await freePort();
  fake.registerRedirect(`http://127.0.0.1:${port}/callback`);
  const counting = countingVault(opts);
  const service = new TokenTrayService({
    env: {
      DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-events-')),
      DTT_DROPBOX_ORIGIN: fake.origin,
      DTT_APP_KEY: APP_KEY,
      DTT_REDIRECT_PORT: String(port),
    },
    vault: counting.vault,
    retry: { baseDelayMs: 10 },
  });
  // Like the tray: a listener for each push (without one, the service computes no push at all).
  const statuses: PublicStatus[] = [];
  const synced: SyncReport[] = [];
  service.on('status', (s) => statuses.push(s));
  service.on('projects-synced', (r) => synced.push(r));
  const reset = () => {
    counting.reset();
    statuses.length = synced.length = 0;
  };
  return { service, counting, statuses, synced, reset };
}

async function signInWithBrowser(service: TokenTrayService): Promise<void> {
  const signIn = await service.startBrowserSignIn();
  const { location } = await fake.approve(signIn.url);
  await fetch(location!);
  await signIn.result;
}

function keptInSync(service: TokenTrayService, on = true): string {
  const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=old\n' });
  service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }], { keepInSync: on });
  return path.join(dir, '.env');
}

/** Makes the stored token due for renewal by our clock (straight to the vault, before counting). */
async function makeDue(vault: ReturnType<typeof countingVault>['vault']): Promise<string> {
  const access = (await vault.getAccess())!;
  await vault.setAccess({ token: access.token, expiresAt: new Date(Date.now() - 1000).toISOString() });
  return access.token;
}

const later = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('a paste costs only the keychain calls it needs, and pushes once', () => {
  it('first paste: 4 calls (7 keychain operations)', async () => {
    const { service, counting, statuses, reset } = await setup();
    reset();
    await service.pasteToken(fake.mintAppConsoleToken());
    // check: the keychain keeps what is written (set, get, delete a probe: 3 operations), before
    //   Dropbox is asked. getAccess: the connection this one replaces, to stop it at Dropbox (none).
    // clear: nothing of an old connection survives (access and refresh entry: 2). setAccess: the token.
    // No project: the pushed status reads no token (nothing to compare files with).
    expect(counting.calls).toEqual(['check', 'getAccess', 'clear', 'setAccess']);
    expect(counting.native).toHaveLength(7);
    await later();
    expect(statuses.map((s) => s.state)).toEqual(['connected']);
  });

  it('a paste over a connection: 5 calls (8 operations; it was 12 in the tray with the window open)', async () => {
    const { service, counting, statuses, reset } = await setup();
    await service.pasteToken(fake.mintAppConsoleToken());
    reset();
    await service.pasteToken(fake.mintAppConsoleToken());
    // As above, plus getRefresh: the replaced connection's refresh token, to revoke it too.
    // It used to cost 4 more: the pushed status read the access and refresh tokens to compare
    // project files (there were none), and the window then pulled the status and read both again.
    expect(counting.calls).toEqual(['check', 'getAccess', 'getRefresh', 'clear', 'setAccess']);
    expect(counting.native).toHaveLength(8);
    await later();
    expect(statuses).toHaveLength(1);
  });

  it('with projects: one access-token read per thing that compares or writes files', async () => {
    const { service, counting, statuses, synced, reset } = await setup();
    await service.pasteToken(fake.mintAppConsoleToken());
    const watched = keptInSync(service);
    keptInSync(service, false);
    reset();
    const pasted = fake.mintAppConsoleToken();
    const result = await service.pasteToken(pasted);
    // readAccess once for keep-in-sync to write the file, once for the pushed status to compare
    // both projects' files. No refresh token: a pasted connection has none.
    expect(counting.calls).toEqual([
      'check',
      'getAccess',
      'getRefresh',
      'clear',
      'setAccess',
      'readAccess',
      'readAccess',
    ]);
    expect(result.projects?.projectsUpdated).toBe(1);
    expect(readFileSync(watched, 'utf8')).toContain(pasted);
    await later();
    expect(synced).toHaveLength(1);
    // One push, after the file was written: it already shows the kept project current.
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.projects?.map((p) => p.targets[0]!.status)).toEqual(['current', 'stale']);
  });
});

describe('a renewal writes the new token, then pushes once', () => {
  it('renewed by a check: keep-in-sync writes the NEW token, and one status follows it', async () => {
    const { service, counting, statuses, synced, reset } = await setup();
    await signInWithBrowser(service);
    const file = keptInSync(service);
    const old = await makeDue(counting.vault);
    reset();
    const checked = await service.check();
    expect(checked.state).toBe('connected');
    // readAccess (due) → getRefresh + setAccess (the renewal) → readAccess (keep-in-sync writes;
    // its target takes no refresh token) → readAccess (the push compares the file).
    expect([...counting.calls].sort()).toEqual(['getRefresh', 'readAccess', 'readAccess', 'readAccess', 'setAccess']);
    const fresh = await service.UNSAFE_accessToken();
    expect(fresh).not.toBe(old);
    expect(readFileSync(file, 'utf8')).toContain(`DROPBOX_ACCESS_TOKEN=${fresh}`);
    await later();
    expect(synced).toHaveLength(1);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.projects?.[0]?.targets[0]?.status).toBe('current');
  });

  it('Dropbox ended the token early: keep-in-sync runs only once the renewal is stored, and writes the NEW token', async () => {
    // Our clock says the old token is fine, so nothing but the order of events keeps a sync that
    // reads too early from writing it. Slow keychain writes, as a real keychain's, widen that window.
    const { service, statuses, reset } = await setup({ writeDelayMs: 30 });
    await signInWithBrowser(service);
    const file = keptInSync(service);
    const old = await service.UNSAFE_accessToken();
    fake.expireAccessTokens();
    reset();
    expect((await service.check()).state).toBe('connected');
    const fresh = await service.UNSAFE_accessToken();
    expect(fresh).not.toBe(old);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`DROPBOX_ACCESS_TOKEN=${fresh}`);
    expect(text).not.toContain(old);
    await later();
    expect(statuses).toHaveLength(1);
  });

  it('renewed outside a check (a script asked for the token): the same, one push after the file', async () => {
    const { service, counting, statuses, synced, reset } = await setup();
    await signInWithBrowser(service);
    const file = keptInSync(service);
    const old = await makeDue(counting.vault);
    reset();
    const pushed = new Promise<PublicStatus>((resolve) => service.once('status', resolve));
    const fresh = await service.UNSAFE_accessToken();
    expect(fresh).not.toBe(old);
    const status = await pushed;
    expect(readFileSync(file, 'utf8')).toContain(`DROPBOX_ACCESS_TOKEN=${fresh}`);
    expect(status.projects?.[0]?.targets[0]?.status).toBe('current');
    await later();
    expect(synced).toHaveLength(1);
    expect(statuses).toHaveLength(1);
  });
});
