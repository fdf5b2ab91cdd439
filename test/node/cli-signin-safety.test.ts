// Sign-in and disconnect against the mistakes admins make and the pages that poke the listener
// (issues 8 and 10): every case through the real CLI, the real keychain and the fake Dropbox.
import { connect } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_APP_SCOPES } from '../support/fake-dropbox/state';
import { describeWithKeyring } from '../support/keyring';
import { runCli, startCli, useFakeDropbox, type CliEnv } from '../support/cli';

const DANA = {
  givenName: 'Dana',
  surname: 'Okafor',
  email: 'dana@example.com',
  accountId: 'dbid:AAH4f99T0taONIb-Dana',
};
const LEE = { givenName: 'Lee', surname: 'Park', email: 'lee@example.com', accountId: 'dbid:AAH4f99T0taONIb-Lee0' };
const { fake, appKey, newEnv } = useFakeDropbox({ account: DANA });
afterEach(() => {
  fake.setAppScopes(DEFAULT_APP_SCOPES);
  fake.setAccount(DANA);
  fake.setAllowPublicClients(true);
  fake.setUserLimitReached(false);
  fake.clearFaults();
});

async function freshEnv(extra: NodeJS.ProcessEnv = {}): Promise<CliEnv> {
  const e = await newEnv(extra);
  fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
  return e;
}

// --force: reconnecting over a connection is the point of several tests here (a script must say so).
async function browserConnect(e: CliEnv, args: string[] = []) {
  const cli = startCli(['connect', '--no-browser', '--force', ...args], e.env);
  const url = await cli.waitForLine(/\/oauth2\/authorize\?/);
  const { location } = await fake.approve(url.trim());
  await fetch(location!);
  return cli.result;
}

async function codeConnect(e: CliEnv) {
  const cli = startCli(['connect', '--copy-code', '--no-browser', '--force'], e.env);
  const { code } = await fake.approve((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
  cli.send(`${code}\n`);
  return cli.result;
}

async function status(e: CliEnv) {
  const r = await runCli(['status', '--json'], e.env);
  return { code: r.code, json: JSON.parse(r.stdout) as Record<string, any> };
}

/** Raw bytes to the sign-in port; resolves with the status line of the answer (or '' if closed). */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(bytes);
    setTimeout(() => socket.end(), 300);
  });
}

describeWithKeyring('the sign-in listener survives anything (issue 8 item 6)', () => {
  it('answers 400 to malformed requests during a sign-in, then completes it', async () => {
    const e = await freshEnv();
    const port = Number(e.env.DTT_REDIRECT_PORT);
    const cli = startCli(['connect', '--no-browser'], e.env);
    const url = (await cli.waitForLine(/\/oauth2\/authorize\?/)).trim();
    const hostile = [
      'GET //a:99999/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'POST /callback?code=abc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc',
      `GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
      '\u0000\u0001garbage\r\n\r\n',
      'GET /callback?%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    ];
    for (const request of hostile) {
      expect(await raw(port, request), JSON.stringify(request.slice(0, 40))).toMatch(/^HTTP\/1\.[01] 400/);
    }
    const { location } = await fake.approve(url);
    expect(await (await fetch(location!)).text()).toContain('Connected — you can close this tab');
    const r = await cli.result;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Connected as Dana Okafor');
  });

  it("puts Dropbox's error words in our own, and its description only behind --verbose, cleaned", async () => {
    for (const verbose of [false, true]) {
      const e = await freshEnv();
      const cli = startCli(['connect', '--no-browser', ...(verbose ? ['--verbose'] : [])], e.env);
      const url = new URL((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
      const state = url.searchParams.get('state')!;
      const description = `Your account is locked, call +1 555 0100\u001b[31m now${'!'.repeat(500)}`;
      const cb = new URL(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
      cb.search = new URLSearchParams({ state, error: 'server_error', error_description: description }).toString();
      const page = await (await fetch(cb)).text();
      expect(page).not.toContain('call +1 555');
      const r = await cli.result;
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Dropbox could not finish the sign-in');
      expect(r.stderr).not.toContain('\u001b');
      if (verbose) {
        expect(r.stderr).toContain('call +1 555 0100');
        expect(r.stderr.match(/!+/)?.[0].length ?? 0).toBeLessThan(200);
      } else {
        expect(r.stderr).not.toContain('call +1 555');
      }
    }
  });
});

describeWithKeyring('disconnect tells the truth (issue 8 item 7)', () => {
  it('after an early expiry it renews, revokes, and the refresh token is dead at Dropbox', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const refreshToken = fake.refreshTokens().at(-1)!;
    expect(fake.refreshTokenStatus(refreshToken)).toBe('live');
    fake.expireAccessTokens();
    const r = await runCli(['disconnect'], e.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Dropbox no longer accepts the old token');
    expect(fake.refreshTokenStatus(refreshToken)).toBe('revoked');
    const renew = await fetch(`${fake.origin}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: appKey }),
    });
    expect(renew.status).toBe(400);
    expect(await renew.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await status(e)).json.state).toBe('disconnected');
  });

  it('when Dropbox cannot be told, says so plainly and what it means', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const refreshToken = fake.refreshTokens().at(-1)!;
    fake.injectFault({ route: 'auth/token/revoke', status: 500, times: Infinity });
    const r = await runCli(['disconnect'], e.env);
    expect(r.stdout).toContain('Dropbox could not be told');
    expect(r.stdout).toMatch(/may keep working/);
    expect(r.stdout).not.toContain('no longer accepts');
    expect(fake.refreshTokenStatus(refreshToken)).toBe('live');
    expect((await status(e)).json.state).toBe('disconnected');
  });
});

describeWithKeyring('permissions are checked at every sign-in (issue 10 item 1)', () => {
  const readOnly = ['account_info.read', 'files.metadata.read', 'files.content.read'];

  it.each([
    ['browser', browserConnect],
    ['copy-code', codeConnect],
  ] as const)('%s: an app without write permission is not "Connected"', async (_label, signIn) => {
    fake.setAppScopes(readOnly);
    const e = await freshEnv();
    const r = await signIn(e);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('save files');
    expect(r.stdout + r.stderr).toContain('App Console → Permissions');
    const s = await status(e);
    expect(s.code).toBe(1);
    expect(s.json).toMatchObject({ state: 'connected', problem: 'app-scope-missing' });
    const text = await runCli(['status'], e.env);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("can't save files to Dropbox");
    expect(text.stdout).not.toMatch(/^Connected as/m);
  });

  it('the browser tab does not say "Connected" either: it names the missing permission', async () => {
    fake.setAppScopes(readOnly);
    const e = await freshEnv();
    const cli = startCli(['connect', '--no-browser', '--force'], e.env);
    const { location } = await fake.approve((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
    const page = await (await fetch(location!)).text();
    expect((await cli.result).code).toBe(1);
    expect(page).not.toContain('Connected');
    expect(page).toContain('The Dropbox app itself lacks a permission');
    expect(page).toMatch(/Signed in as [^<]+, but/);
  });

  it('the write probe catches what the granted list does not show', async () => {
    const e = await freshEnv();
    // The exchange lists every scope, but the app lost write permission right after.
    const cli = startCli(['connect', '--no-browser'], e.env);
    const url = (await cli.waitForLine(/\/oauth2\/authorize\?/)).trim();
    const { location } = await fake.approve(url);
    fake.setAppScopes(readOnly);
    await fetch(location!);
    const r = await cli.result;
    expect(r.code).toBe(1);
    expect((await status(e)).json.problem).toBe('app-scope-missing');
  });
});

describeWithKeyring('the App Console setup is checked before the browser opens (issue 10 item 2)', () => {
  const expectFast = async (e: CliEnv, args: string[] = []) => {
    const started = Date.now();
    const r = await runCli(['connect', '--no-browser', ...args], e.env);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/oauth2\/authorize/);
    return r;
  };

  it('unknown app key', async () => {
    const e = await freshEnv({ DTT_APP_KEY: 'wrongappkey0000' });
    const r = await expectFast(e);
    expect(r.stderr).toContain('Dropbox does not recognise the app key');
    expect(r.stderr).toContain('wrongappkey0000');
  });

  it('unregistered redirect: names the exact address to register and offers the code sign-in', async () => {
    const e = await newEnv();
    const r = await expectFast(e);
    expect(r.stderr).toContain('The sign-in address is not registered');
    expect(r.stderr).toContain(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
    expect(r.stderr).toContain('connect --copy-code');
    expect(r.stderr).not.toMatch(/redirect_uri|PKCE|HTTP 400/);
  });

  it('"Allow public clients" switched off', async () => {
    fake.setAllowPublicClients(false);
    const e = await freshEnv();
    for (const args of [[], ['--copy-code']]) {
      const r = await expectFast(e, args);
      expect(r.stderr).toMatch(/allow public clients in the App Console/i);
    }
  });

  it('Development-status user limit', async () => {
    fake.setUserLimitReached(true);
    const e = await freshEnv();
    const r = await expectFast(e);
    expect(r.stderr).toContain('no more people can connect');
    expect(r.stderr).toContain('Production');
  });

  it('doctor has a "Dropbox app settings" check', async () => {
    const e = await freshEnv();
    const ok = JSON.parse((await runCli(['doctor', '--json'], e.env)).stdout);
    expect(ok.checks.find((c: any) => c.id === 'app-settings')).toMatchObject({ status: 'pass' });
    fake.setAllowPublicClients(false);
    const bad = await runCli(['doctor'], e.env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ Dropbox app settings[^\n]*\n\s+Fix: .*allow public clients/i);
  });
});

describeWithKeyring('reconnecting retires what it replaces (issue 10 item 4)', () => {
  it('revokes the old connection and names both accounts when they differ', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const first = fake.refreshTokens().at(-1)!;
    fake.setAccount(LEE);
    const r = await codeConnect(e);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Now connected as Lee Park (lee@example.com) — before: Dana Okafor (dana@example.com)');
    expect(fake.refreshTokenStatus(first)).toBe('revoked');
    const second = fake.refreshTokens().at(-1)!;
    expect(fake.refreshTokenStatus(second)).toBe('live');
    expect((await status(e)).json.account.email).toBe('lee@example.com');
  });

  it('same account again: old one revoked, no account-change line', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const first = fake.refreshTokens().at(-1)!;
    const r = await browserConnect(e);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('before:');
    expect(fake.refreshTokenStatus(first)).toBe('revoked');
  });

  it('when the old connection cannot be stopped at Dropbox, the new one is kept and that is said', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const first = fake.refreshTokens().at(-1)!;
    fake.injectFault({ route: 'auth/token/revoke', status: 500, times: Infinity });
    const r = await codeConnect(e);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('The previous connection could not be stopped at Dropbox');
    expect(r.stdout).toContain('Connected apps');
    expect(fake.refreshTokenStatus(first)).toBe('live');
    expect((await status(e)).json.state).toBe('connected');
  });

  it('pasting a token over a browser connection retires the browser one', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const first = fake.refreshTokens().at(-1)!;
    const r = await runCli(['paste'], e.env, fake.mintAppConsoleToken());
    expect(r.code, r.stderr).toBe(0);
    expect(fake.refreshTokenStatus(first)).toBe('revoked');
  });
});

describeWithKeyring('token shapes: ask Dropbox when in doubt (issue 10 item 6)', () => {
  it('a refresh token pasted by mistake says what to paste instead', async () => {
    const e = await freshEnv();
    expect((await browserConnect(e)).code).toBe(0);
    const refreshToken = fake.refreshTokens().at(-1)!;
    const other = await freshEnv();
    const r = await runCli(['paste'], other.env, refreshToken);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('This looks like a renewal code');
    expect(r.stderr).toContain('sl.');
  });

  it('a short sl.u. token is checked with Dropbox first; the length hint comes only after it is refused', async () => {
    const e = await freshEnv();
    const cut = fake.mintAppConsoleToken().slice(0, 300);
    const before = fake.requests.length;
    const r = await runCli(['paste'], e.env, cut);
    expect(fake.requests.slice(before).some((q) => q.path === '/2/users/get_current_account')).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The token is cut short');
    expect(r.stderr).toContain('300 characters');
  });
});
