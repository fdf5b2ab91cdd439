import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { readAllFiles, runCli, startCli, useFakeDropbox, type CliEnv } from '../support/cli';
import { isPortFree } from '../../electron/core/signin/loopback';

const { fake, newEnv } = useFakeDropbox();

/** A new connection environment whose redirect URI the fake has registered. */
async function freshEnv(extra: NodeJS.ProcessEnv = {}): Promise<CliEnv> {
  const e = await newEnv(extra);
  fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
  return e;
}

async function browserConnect(e: CliEnv): Promise<void> {
  const cli = startCli(['connect', '--no-browser'], e.env);
  const url = await cli.waitForLine(/\/oauth2\/authorize\?/);
  const { location } = await fake.approve(url.trim());
  const page = await fetch(location!);
  expect(await page.text()).toContain('Connected — you can close this tab');
  const result = await cli.result;
  expect(result.code, result.stderr).toBe(0);
}

async function statusJson(e: CliEnv) {
  const r = await runCli(['status', '--json'], e.env);
  return { code: r.code, json: JSON.parse(r.stdout) as Record<string, any>, raw: r };
}

describe('CLI basics', () => {
  it('lists its commands in --help', async () => {
    const r = await runCli(['--help'], process.env);
    expect(r.code).toBe(0);
    for (const cmd of ['connect', 'paste', 'status', 'token', 'doctor', 'disconnect']) expect(r.stdout).toContain(cmd);
  });
});

describeWithKeyring('browser sign-in (PKCE, loopback)', () => {
  it('connects, shows the account, keeps secrets out of settings and output', async () => {
    const e = await freshEnv();
    const cli = startCli(['connect', '--no-browser'], e.env);
    const url = new URL((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('token_access_type')).toBe('offline');
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
    const { location } = await fake.approve(url.toString());
    expect(await (await fetch(location!)).text()).toContain('Connected — you can close this tab');
    const done = await cli.result;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Connected as Dana Okafor (dana@example.com)');

    // One-shot: a second hit of the callback finds nobody listening.
    await expect(fetch(location!)).rejects.toThrow();

    const { code, json, raw } = await statusJson(e);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      state: 'connected',
      method: 'oauth',
      renewable: true,
      account: { name: 'Dana Okafor', email: 'dana@example.com' },
    });
    expect(json.scopes).toContain('files.content.write');

    const token = (await runCli(['token'], e.env)).stdout.trim();
    expect(token).toMatch(/^sl\.u\./);
    const everywhere = readAllFiles(e.configDir) + done.stdout + done.stderr + raw.stdout + raw.stderr;
    expect(everywhere).not.toContain(token);
    expect(everywhere).not.toMatch(/sl\.u\.[A-Za-z0-9_-]{40}/);
    expect(fake.requests.some((r) => /client_secret/.test(r.body) || 'client_secret' in r.query)).toBe(false);
  });

  it('ignores a callback with the wrong state and keeps waiting', async () => {
    const e = await freshEnv();
    const cli = startCli(['connect', '--no-browser'], e.env);
    const url = (await cli.waitForLine(/\/oauth2\/authorize\?/)).trim();
    const forged = await fetch(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback?code=abc&state=forged`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('did not come from this app');
    const { location } = await fake.approve(url);
    await fetch(location!);
    expect((await cli.result).code).toBe(0);
  });

  it('reports Deny plainly and stores nothing', async () => {
    const e = await freshEnv();
    const cli = startCli(['connect', '--no-browser'], e.env);
    const { location } = await fake.deny((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
    const page = await (await fetch(location!)).text();
    expect(page).toContain('Sign-in was cancelled in Dropbox');
    const r = await cli.result;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Sign-in was cancelled in Dropbox');
    expect((await statusJson(e)).json.state).toBe('disconnected');
  });

  it('offers the copy-code flow when the port is busy', async () => {
    const e = await freshEnv();
    const blocker = createServer().listen(Number(e.env.DTT_REDIRECT_PORT), '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const r = await runCli(['connect', '--no-browser'], e.env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Another program is using the sign-in port');
      expect(r.stderr).toContain('connect --copy-code');
    } finally {
      blocker.close();
    }
  });

  it('an unregistered redirect is found before the browser opens; the port is free and nothing is stored', async () => {
    const e = await newEnv();
    const r = await runCli(['connect', '--no-browser'], e.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The sign-in address is not registered');
    expect(await isPortFree(Number(e.env.DTT_REDIRECT_PORT))).toBe(true);
    expect((await statusJson(e)).json.state).toBe('disconnected');
  });
});

describeWithKeyring('copy-code sign-in', () => {
  it('connects with the code Dropbox shows', async () => {
    const e = await freshEnv();
    const cli = startCli(['connect', '--copy-code', '--no-browser'], e.env);
    const url = new URL((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
    expect(url.searchParams.has('redirect_uri')).toBe(false);
    const { code } = await fake.approve(url.toString());
    cli.send(`  ${code}\n`);
    const r = await cli.result;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Connected as Dana Okafor');
    expect((await statusJson(e)).json).toMatchObject({ state: 'connected', method: 'code' });
  });

  it('a wrong code says so and stores nothing', async () => {
    const e = await freshEnv();
    const cli = startCli(['connect', '--copy-code', '--no-browser'], e.env);
    await cli.waitForLine(/\/oauth2\/authorize\?/);
    cli.send('notTheRightCode123\n');
    const r = await cli.result;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('That code did not work');
    expect((await statusJson(e)).json.state).toBe('disconnected');
  });
});

describeWithKeyring('renewal, revocation, disconnect', () => {
  it('renews an expired access token by itself', async () => {
    const e = await freshEnv();
    await browserConnect(e);
    const before = (await runCli(['token'], e.env)).stdout.trim();
    fake.expireAccessTokens();
    const { code, json } = await statusJson(e);
    expect(code).toBe(0);
    expect(json.state).toBe('connected');
    const after = (await runCli(['token'], e.env)).stdout.trim();
    expect(after).toMatch(/^sl\.u\./);
    expect(after).not.toBe(before);
  });

  it('detects revocation, and a 500 is offline, not revoked', async () => {
    const e = await freshEnv();
    await browserConnect(e);
    fake.injectFault({ status: 500, times: Infinity });
    let s = await statusJson(e);
    fake.clearFaults();
    expect(s.code).toBe(1);
    expect(s.json).toMatchObject({ state: 'offline', problem: 'dropbox-unavailable' });
    fake.revokeAll();
    s = await statusJson(e);
    expect(s.json.state).toBe('revoked');
    expect(s.code).toBe(1);
  });

  it('disconnect revokes at Dropbox and removes everything here', async () => {
    const e = await freshEnv();
    await browserConnect(e);
    const token = (await runCli(['token'], e.env)).stdout.trim();
    const r = await runCli(['disconnect'], e.env);
    expect(r.stdout).toContain('Dropbox no longer accepts the old token');
    const check = await fetch(`${fake.origin}/2/users/get_current_account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(check.status).toBe(401);
    expect((await statusJson(e)).json.state).toBe('disconnected');
    const t = await runCli(['token'], e.env);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('Not connected to Dropbox');
  });

  it('disconnect without Dropbox still removes locally and says so', async () => {
    const e = await freshEnv();
    await browserConnect(e);
    const offline = { ...e.env, DTT_DROPBOX_ORIGIN: 'http://127.0.0.1:9' };
    const r = await runCli(['disconnect'], offline);
    expect(r.stdout).toContain('Dropbox could not be told');
    expect((await statusJson(e)).json.state).toBe('disconnected');
  });
});

describeWithKeyring('wrong app key and doctor', () => {
  it('a wrong app key ends in a plain message at once, with nothing stored', async () => {
    const e = await freshEnv({ DTT_APP_KEY: 'wrongappkey0000' });
    // Dropbox shows its own error page for an unknown app key, so the pre-check stops there.
    const r = await runCli(['connect', '--copy-code', '--no-browser'], e.env);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/oauth2\/authorize/);
    expect(r.stderr).toContain('Dropbox does not recognise the app key');
    expect((await statusJson(e)).json.state).toBe('disconnected');
  });

  it('doctor passes every check when all is well, and names the fix when not', async () => {
    const e = await freshEnv();
    await browserConnect(e);
    const ok = await runCli(['doctor', '--json'], e.env);
    expect(ok.code, ok.stdout).toBe(0);
    const checks = Object.fromEntries(JSON.parse(ok.stdout).checks.map((c: any) => [c.id, c.status]));
    expect(checks).toEqual({
      keychain: 'pass',
      'app-key': 'pass',
      'app-settings': 'pass',
      'redirect-port': 'pass',
      connection: 'pass',
      'token-format': 'pass',
      'token-valid': 'pass',
      'scope-read': 'pass',
      'scope-write': 'pass',
    });

    fake.setAppScopes(['account_info.read', 'files.metadata.read', 'files.content.read']);
    try {
      const scoped = await runCli(['doctor'], e.env);
      expect(scoped.code).toBe(1);
      expect(scoped.stdout).toMatch(/✓ Can read files/);
      expect(scoped.stdout).toMatch(/✗ Can write files[^\n]*\n\s+Fix: .*App Console → Permissions/);
    } finally {
      fake.setAppScopes(['account_info.read', 'files.metadata.read', 'files.content.read', 'files.content.write']);
    }

    fake.revokeAll();
    const revoked = JSON.parse((await runCli(['doctor', '--json'], e.env)).stdout);
    const valid = revoked.checks.find((c: any) => c.id === 'token-valid');
    expect(valid).toMatchObject({ status: 'fail', kind: 'token-revoked' });
    expect(valid.fix.cli).toContain('dropbox-token-tray connect');
    expect(valid.fix.window).toContain('Reconnect');
  });
});
