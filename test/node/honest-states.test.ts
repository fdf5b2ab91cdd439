// Exit codes and states tell the truth (issue 8 item 7): sync refuses a dead connection, a file the
// editor can't change is reported as such, a foreign keychain entry is never sent to Dropbox, a
// locked or unreachable keychain is not "Connected", and `token` only exits 0 on Dropbox's OK.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { TokenTrayService } from '../../electron/core/service';
import { createHandlers } from '../../electron/main/handlers';
import { asResult } from '../../electron/main/views';
import type { ErrorView } from '../../electron/shared/views';
import { errorWords } from '../../renderer/src/lib/errors';
import { describeWithKeyring, keyringScript } from '../support/keyring';
import { cliBin, runCli, useFakeDropbox } from '../support/cli';
import { tempProject } from '../support/projects';

const exec = promisify(execFile);
const { fake, newEnv, pasted } = useFakeDropbox();

const accountCallsWith = (token: string) =>
  fake.requests.filter(
    (r) => r.path === '/2/users/get_current_account' && (r.headers.authorization ?? '') === `Bearer ${token}`,
  ).length;

describeWithKeyring('sync refuses a connection Dropbox no longer accepts', () => {
  it('revoked: exit 1, the file untouched, and the message says to reconnect with the command', async () => {
    const { e } = await pasted();
    const original = 'DROPBOX_ACCESS_TOKEN=old\n';
    const dir = tempProject({ '.env': original });
    expect((await runCli(['project', 'add', dir, '--file', '.env'], e.env)).code).toBe(0);
    fake.revokeAll();
    const sync = await runCli(['sync'], e.env);
    expect(sync.code, sync.stdout + sync.stderr).toBe(1);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(original);
    expect(sync.stderr).toContain('Dropbox disconnected this app');
    expect(sync.stderr).toContain('Run `dropbox-token-tray connect` first.');
    expect(sync.stdout).not.toContain('updated');
  });

  it('expired (a pasted token): exit 1, nothing written, and the project file never created', async () => {
    const { e } = await pasted();
    const dir = tempProject({ 'README.md': 'hi\n' });
    await runCli(['project', 'add', dir, '--file', '.env'], e.env);
    fake.expireAccessTokens();
    const sync = await runCli(['sync'], e.env);
    expect(sync.code, sync.stdout + sync.stderr).toBe(1);
    expect(existsSync(path.join(dir, '.env'))).toBe(false);
    expect(sync.stderr).toContain('nothing was written');
  });
});

describeWithKeyring("a target the editor can't change is reported, not 'already current'", () => {
  it('a Python dict literal: its own outcome with the reason, exit 1, the file byte-for-byte the same', async () => {
    const { e } = await pasted();
    const original = 'CFG = {"access_token": "…"}\n';
    const dir = tempProject({ 'config.py': original });
    expect((await runCli(['project', 'add', dir, '--file', 'config.py'], e.env)).code).toBe(0);
    const sync = await runCli(['sync', '--json'], e.env);
    expect(sync.code, sync.stdout + sync.stderr).toBe(1);
    const [target] = JSON.parse(sync.stdout).targets;
    expect(target.outcome).toBe('skipped');
    expect(target.kind).toBe('file-not-updatable');
    expect(target.detail).toMatch(/access_token/);
    expect(readFileSync(path.join(dir, 'config.py'), 'utf8')).toBe(original);

    const text = await runCli(['sync'], e.env);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toContain('already current');
    expect(text.stdout).toContain("can't update");

    // The project list says the same, instead of "out of date" (which would send the user to sync).
    const [listed] = JSON.parse((await runCli(['project', 'list', '--json'], e.env)).stdout);
    expect(listed.targets[0]).toMatchObject({
      status: 'error',
      detail: expect.stringMatching(/can't update access_token/),
    });
  });
});

describeWithKeyring('the keychain: a foreign entry, a locked or unreachable keychain', () => {
  it('an entry that is not our record reads as "can\'t be read", is never sent to Dropbox, never "revoked"', async () => {
    const { e } = await pasted();
    const foreign = `someone-elses-secret-${Date.now()}`;
    await exec(
      'bash',
      ['-c', 'printf %s "$SECRET" | secret-tool store --label=foreign service "$SVC" username default:access-token'],
      { env: { ...process.env, SECRET: foreign, SVC: e.env.DTT_KEYCHAIN_SERVICE } },
    );

    const status = await runCli(['status'], e.env);
    expect(status.code).not.toBe(0);
    expect(status.stdout).toContain("The saved connection can't be read");
    expect(status.stdout).not.toContain('Dropbox disconnected this app');
    expect(status.stdout).toContain('dropbox-token-tray disconnect');
    const json = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
    expect(json.problem).toBe('keychain-unreadable');
    expect(json.state).not.toBe('revoked');

    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=old\n' });
    await runCli(['project', 'add', dir, '--file', '.env'], e.env);
    const sync = await runCli(['sync'], e.env);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain("The saved connection can't be read");
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=old\n');
    const token = await runCli(['token'], e.env);
    expect(token.code).toBe(1);
    expect(token.stdout).toBe('');
    expect(accountCallsWith(foreign)).toBe(0);

    // The way out works: disconnect removes it.
    expect((await runCli(['disconnect'], e.env)).code).toBe(0);
  });

  it('an unreachable keychain (no D-Bus session): status exits non-zero and does not say "Connected"', async () => {
    const { e } = await pasted();
    const status = await runCli(['status'], { ...e.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    expect(status.code).not.toBe(0);
    expect(status.stdout).not.toMatch(/^Connected/);
    expect(status.stdout).toContain('The system keychain is not available');
  });

  it('a locked keychain: status exits non-zero', async () => {
    const e = await newEnv();
    const token = fake.mintAppConsoleToken();
    const script = [
      'printf %s "$DTT_T" | node "$CLI" paste >/dev/null || exit 90',
      'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null || exit 91',
      'node "$CLI" status; echo "EXIT=$?"',
    ].join('\n');
    const { stdout } = await exec('bash', [keyringScript, '--fresh', 'bash', '-c', script], {
      env: { ...e.env, DTT_T: token, CLI: cliBin },
      timeout: 60_000,
    });
    expect(stdout).toContain('The system keychain is locked');
    expect(stdout).not.toMatch(/^Connected/m);
    expect(stdout).toMatch(/EXIT=[1-9]/);
  }, 70_000);
});

describeWithKeyring("token: exit 0 only on Dropbox's own OK", () => {
  const strange = [
    [
      'a 400 answer',
      { status: 400, body: 'Error in call to API function "users/get_current_account"', contentType: 'text/plain' },
    ],
    [
      'a 401 with a tag Dropbox never used',
      { status: 401, body: { error_summary: 'brand_new_tag/..', error: { '.tag': 'brand_new_tag' } } },
    ],
  ] as const;
  for (const [label, fault] of strange) {
    it(`${label}: prints the stored token, warns on stderr, exits 3`, async () => {
      const { e, token } = await pasted();
      fake.injectFault({ route: 'users/get_current_account', ...fault, times: 2 });
      const r = await runCli(['token'], e.env);
      fake.clearFaults();
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout.trim()).toBe(token);
      expect(r.stderr).toMatch(/^Warning: /);
      expect(r.stderr).not.toContain(token);
    });
  }

  // An answer that isn't Dropbox's (a portal's page, a broken body) proves nothing about the token,
  // and the script's own calls would meet the same page: nothing is printed (issue 10, item 5).
  const notDropbox = [
    [
      'an HTML page (a proxy login page)',
      { status: 200, body: '<html><body>Please log in to the proxy</body></html>' },
    ],
    ['a non-JSON 200', { status: 200, body: 'ok', contentType: 'application/json' }],
  ] as const;
  for (const [label, fault] of notDropbox) {
    it(`${label}: prints no token, says it may be a Wi-Fi sign-in page, exits 1`, async () => {
      const { e, token } = await pasted();
      fake.injectFault({ route: 'users/get_current_account', ...fault, times: 2 });
      const r = await runCli(['token'], e.env);
      fake.clearFaults();
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/Wi-Fi sign-in page/);
      expect(r.stderr).not.toContain(token);
    });
  }

  it('a real OK: exit 0; offline: the token with a warning and exit 3; revoked: nothing printed, exit 1', async () => {
    const { e, token } = await pasted();
    const ok = await runCli(['token'], e.env);
    expect([ok.code, ok.stdout.trim(), ok.stderr]).toEqual([0, token, '']);

    fake.injectFault({ route: 'users/get_current_account', drop: true, times: Infinity });
    const offline = await runCli(['token'], e.env);
    fake.clearFaults();
    expect(offline.code).toBe(3);
    expect(offline.stdout.trim()).toBe(token);
    expect(offline.stderr).toContain("Dropbox can't be reached");

    fake.revokeAll();
    const revoked = await runCli(['token'], e.env);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toBe('');
  });

  it('run is in the main --help with an example', async () => {
    const help = await runCli(['--help'], {});
    expect(help.stdout).toMatch(/^\s+run \[options\] <command> \[args\.\.\.\]/m);
    expect(help.stdout).toContain('dropbox-token-tray run -- python daily_retrain.py');
  });

  it('--help documents the exit codes', async () => {
    const help = await runCli(['token', '--help'], {});
    expect(help.stdout).toMatch(/Exit codes?:/);
    expect(help.stdout).toMatch(/3\b.*not checked/);
  });
});

describeWithKeyring("the window's sync refuses the same way, naming the button", () => {
  it('Sync now after Dropbox disconnected the app: sync-revoked, nothing written, the action names "Reconnect"', async () => {
    const e = await newEnv();
    const service = new TokenTrayService({ env: e.env, retry: { baseDelayMs: 10 } });
    await service.pasteToken(fake.mintAppConsoleToken());
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=old\n' });
    service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }]);
    fake.revokeAll();
    const handlers = createHandlers({
      service,
      openExternal: async () => {},
      openPath: async () => {},
      chooseFolder: async () => null,
      setStartAtLogin: async () => {},
    });
    const result = await asResult(() => handlers['dtt:projects-sync']({}));
    expect(result.ok).toBe(false);
    const error = (result as { ok: false; error: ErrorView }).error;
    expect(error.kind).toBe('sync-revoked');
    const words = errorWords(error);
    expect(words.title).toBe('Dropbox disconnected this app');
    expect(words.action).toBe('Click "Reconnect" first.');
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=old\n');
    expect(service.status().state).toBe('revoked');
  });
});
