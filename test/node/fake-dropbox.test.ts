import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';

const APP_KEY = 'testappkey123456';
const REDIRECT = 'http://127.0.0.1:53682/callback';
const ALL_SCOPES = ['account_info.read', 'files.metadata.read', 'files.content.read', 'files.content.write'];
let fake: FakeDropbox;

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY, redirectUris: [REDIRECT] });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.setAppScopes(ALL_SCOPES);
});

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(p: Record<string, string | undefined>): string {
  const u = new URL('/oauth2/authorize', fake.origin);
  const all = {
    client_id: APP_KEY,
    response_type: 'code',
    token_access_type: 'offline',
    code_challenge_method: 'S256',
    ...p,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** What the app posts to exchange a sign-in code: PKCE, with the redirect it signed in with. */
function codeExchange(code: string, verifier: string): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    client_id: APP_KEY,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
  };
}

async function token(params: Record<string, string>, where: 'query' | 'body' = 'body') {
  const q = new URLSearchParams(params).toString();
  const res =
    where === 'query'
      ? await fetch(`${fake.origin}/oauth2/token?${q}`, { method: 'POST' })
      : await fetch(`${fake.origin}/oauth2/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: q,
        });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, any> };
}

/** A full PKCE sign-in through the approve page; returns the token response. */
async function signIn(scope?: string) {
  const { verifier, challenge } = pkce();
  const { code } = await fake.approve(
    authorizeUrl({ redirect_uri: REDIRECT, code_challenge: challenge, state: 's1', scope }),
  );
  const r = await token(codeExchange(code!, verifier));
  expect(r.status).toBe(200);
  return r.json;
}

async function rpc(route: string, tok: string | undefined, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.origin}/2/${route}`, {
    method: 'POST',
    headers: {
      ...(tok ? { Authorization: `Bearer ${tok}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('authorize page and code exchange', () => {
  it('runs the PKCE flow with a redirect and returns the documented token response', async () => {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl({ redirect_uri: REDIRECT, code_challenge: challenge, state: 'xyz 1' });
    const page = await (await fetch(url)).text();
    expect(page).toContain('Dropbox Token Tray wants to access your Dropbox');
    expect(page).toMatch(/<form method="post" action="\/oauth2\/authorize\/decide">/);
    expect(page).toMatch(/>Allow<\/button>/);
    expect(page).toMatch(/>Deny<\/button>/);

    const { location, code } = await fake.approve(url);
    expect(location).toMatch(new RegExp(`^${REDIRECT.replace(/[.?]/g, '\\$&')}\\?code=[^&]+&state=xyz\\+1$`));
    const r = await token(codeExchange(code!, verifier));
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json');
    expect(r.json.access_token).toMatch(/^sl\.u\.[A-Za-z0-9_-]{1300,1450}$/);
    expect(r.json).toMatchObject({
      expires_in: 14400,
      token_type: 'bearer',
      scope: ALL_SCOPES.join(' '),
      uid: expect.stringMatching(/^\d+$/),
    });
    expect(r.json.refresh_token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(r.json.account_id).toMatch(/^dbid:.{35}$/);
    expect(fake.requests.some((q) => /client_secret/.test(q.body) || 'client_secret' in q.query)).toBe(false);
  });

  it('copy-code flow: no redirect_uri shows the code on the page; params may come in the query string', async () => {
    const { verifier, challenge } = pkce();
    const { location, code, html } = await fake.approve(authorizeUrl({ code_challenge: challenge }));
    expect(location).toBeUndefined();
    expect(html).toContain('Enter this code into Dropbox Token Tray');
    expect(html).toContain(`<code id="auth-code">${code}</code>`);
    const r = await token(
      { grant_type: 'authorization_code', code: code!, client_id: APP_KEY, code_verifier: verifier },
      'query',
    );
    expect(r.status).toBe(200);
    expect(r.json.access_token).toMatch(/^sl\.u\./);
  });

  it('grants only the requested subset of scopes; omits the refresh token without offline access', async () => {
    const j = await signIn('account_info.read files.content.read');
    expect(j.scope).toBe('account_info.read files.content.read');
    const { verifier, challenge } = pkce();
    const { code } = await fake.approve(authorizeUrl({ code_challenge: challenge, token_access_type: undefined }));
    const r = await token({
      grant_type: 'authorization_code',
      code: code!,
      client_id: APP_KEY,
      code_verifier: verifier,
    });
    expect(r.json.access_token).toMatch(/^sl\.u\./);
    expect(r.json).not.toHaveProperty('refresh_token');
  });

  it('Deny redirects with access_denied and the state', async () => {
    const { location } = await fake.deny(
      authorizeUrl({ redirect_uri: REDIRECT, code_challenge: pkce().challenge, state: 'abc' }),
    );
    expect(location).toBe(
      `${REDIRECT}?error=access_denied&error_description=The+user+chose+not+to+give+your+app+access+to+their+Dropbox+account.&state=abc`,
    );
  });

  it('rejects a wrong verifier, a reused code and a redirect mismatch with invalid_grant', async () => {
    const { verifier, challenge } = pkce();
    const first = await fake.approve(authorizeUrl({ redirect_uri: REDIRECT, code_challenge: challenge }));
    const wrong = await token(codeExchange(first.code!, pkce().verifier));
    expect(wrong).toMatchObject({ status: 400, type: 'application/json', json: { error: 'invalid_grant' } });

    const second = await fake.approve(authorizeUrl({ redirect_uri: REDIRECT, code_challenge: challenge }));
    const ok = codeExchange(second.code!, verifier);
    expect((await token(ok)).status).toBe(200);
    const reused = await token(ok);
    expect(reused.json).toEqual({ error: 'invalid_grant', error_description: "code doesn't exist or has expired" });

    const third = await fake.approve(authorizeUrl({ redirect_uri: REDIRECT, code_challenge: challenge }));
    const missing = await token({
      grant_type: 'authorization_code',
      code: third.code!,
      client_id: APP_KEY,
      code_verifier: verifier,
    });
    expect(missing.json).toEqual({ error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
  });

  it('answers an unregistered redirect or unknown client with a 400 HTML page, never a redirect', async () => {
    const challenge = pkce().challenge;
    const unregistered = await fetch(
      authorizeUrl({ redirect_uri: 'http://localhost:53682/callback', code_challenge: challenge }),
      { redirect: 'manual' },
    );
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unregistered.headers.get('location')).toBeNull();
    expect(await unregistered.text()).toContain('Invalid redirect_uri');
    await expect(
      fake.approve(authorizeUrl({ redirect_uri: `${REDIRECT}/`, code_challenge: challenge })),
    ).rejects.toThrow(/400/);
    await expect(fake.approve(authorizeUrl({ client_id: 'nope', code_challenge: challenge }))).rejects.toThrow(
      /400.*client_id/,
    );
    await expect(
      fake.approve(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'plain' })),
    ).rejects.toThrow(/S256/);

    fake.registerRedirect('http://127.0.0.1:40001/cb');
    expect(
      (await fake.approve(authorizeUrl({ redirect_uri: 'http://127.0.0.1:40001/cb', code_challenge: challenge })))
        .location,
    ).toMatch(/^http:\/\/127\.0\.0\.1:40001\/cb\?code=/);
  });

  it('token endpoint: unknown client → invalid_client, bad grant type → unsupported_grant_type', async () => {
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'other' })).json.error).toMatch(
      /^invalid_client/,
    );
    expect(await token({ grant_type: 'password', client_id: APP_KEY })).toMatchObject({
      status: 400,
      json: { error: 'unsupported_grant_type' },
    });
    expect((await token({ client_id: APP_KEY })).json.error).toBe('unsupported_grant_type');
  });
});

describe('refresh and revocation', () => {
  it('refreshes without rotating; a revoked refresh token gets invalid_grant', async () => {
    const j = await signIn();
    const r = await token({ grant_type: 'refresh_token', refresh_token: j.refresh_token, client_id: APP_KEY }, 'query');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'bearer', expires_in: 14400, scope: ALL_SCOPES.join(' ') });
    expect(r.json).not.toHaveProperty('refresh_token');
    expect(r.json.access_token).not.toBe(j.access_token);
    expect((await rpc('users/get_current_account', j.access_token)).status).toBe(200);

    expect((await rpc('auth/token/revoke', r.json.access_token, 'null')).text).toBe('null');
    for (const t of [j.access_token, r.json.access_token])
      expect((await rpc('users/get_current_account', t)).status).toBe(401);
    const again = await token({ grant_type: 'refresh_token', refresh_token: j.refresh_token, client_id: APP_KEY });
    expect(again).toMatchObject({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' },
    });
  });

  it('revokeAll kills every token; expireAccessTokens leaves refresh working', async () => {
    const j = await signIn();
    expect(fake.tokens().refresh).toBeGreaterThan(0);
    fake.expireAccessTokens();
    const expired = await rpc('users/get_current_account', j.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="Dropbox-API"');
    expect(JSON.parse(expired.text)).toEqual({
      error_summary: 'expired_access_token/..',
      error: { '.tag': 'expired_access_token' },
    });
    const r = await token({ grant_type: 'refresh_token', refresh_token: j.refresh_token, client_id: APP_KEY });
    expect((await rpc('users/get_current_account', r.json.access_token)).status).toBe(200);

    fake.revokeAll();
    expect(fake.tokens()).toEqual({ access: 0, refresh: 0 });
    const revoked = await rpc('users/get_current_account', r.json.access_token);
    expect(JSON.parse(revoked.text).error['.tag']).toBe('invalid_access_token');
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: j.refresh_token, client_id: APP_KEY })).json.error,
    ).toBe('invalid_grant');
  });
});

describe('RPC routes', () => {
  it('returns the account, with or without a null JSON body', async () => {
    const t = fake.mintAppConsoleToken();
    expect(t).toMatch(/^sl\.u\.[A-Za-z0-9_-]{1300,1450}$/);
    const bare = await rpc('users/get_current_account', t);
    expect(bare.headers.get('content-type')).toBe('application/json');
    const acct = JSON.parse(bare.text);
    expect(acct).toMatchObject({
      email: 'dana@example.com',
      name: { display_name: 'Dana Okafor', given_name: 'Dana' },
      account_type: { '.tag': 'basic' },
    });
    expect(acct.account_id).toHaveLength(40);
    expect((await rpc('users/get_current_account', t, 'null')).status).toBe(200);
    expect(JSON.parse((await rpc('check/user', t, '{"query":"ping"}')).text)).toEqual({ result: 'ping' });
    const legacy = fake.mintLegacyToken();
    expect(legacy).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect((await rpc('users/get_current_account', legacy)).status).toBe(200);
  });

  it('tells missing header, malformed and unknown tokens apart', async () => {
    const none = await rpc('users/get_current_account', undefined);
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/^Error in call to API function "users\/get_current_account": .*Authorization/);
    expect((await rpc('users/get_current_account', 'hello')).text).toContain(
      'The given OAuth 2 access token is malformed.',
    );
    const unknown = await rpc('users/get_current_account', `sl.u.${randomBytes(1000).toString('base64url')}`);
    expect(unknown.status).toBe(401);
    expect(JSON.parse(unknown.text).error['.tag']).toBe('invalid_access_token');
    expect((await rpc('files/nope', fake.mintAppConsoleToken())).text).toContain('Unknown API function');
  });

  it("checks the app's scopes (400 text) before the token's (401 missing_scope)", async () => {
    const narrow = fake.mintAppConsoleToken({ scopes: ['account_info.read', 'files.content.read'] });
    const miss = await rpc('files/get_temporary_upload_link', narrow, '{"commit_info":{"path":"/x"},"duration":60}');
    expect(miss.status).toBe(401);
    expect(JSON.parse(miss.text)).toEqual({
      error_summary: 'missing_scope/..',
      error: { '.tag': 'missing_scope', required_scope: 'files.content.write' },
    });
    fake.setAppScopes(['account_info.read', 'files.content.read']);
    const app = await rpc('files/get_temporary_upload_link', narrow, '{"commit_info":{"path":"/x"},"duration":60}');
    expect(app.status).toBe(400);
    expect(app.text).toMatch(
      /^Error in call to API function "files\/get_temporary_upload_link": Your app is not permitted to access this endpoint because it does not have the required scope 'files\.content\.write'/,
    );
  });

  it('probes: download → 409 path/not_found, upload link → 200', async () => {
    const t = fake.mintAppConsoleToken();
    const dl = await fetch(`${fake.origin}/2/files/download`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}`, 'Dropbox-API-Arg': JSON.stringify({ path: '/dtt-probe-abc' }) },
    });
    expect(dl.status).toBe(409);
    expect(await dl.json()).toEqual({
      error_summary: 'path/not_found/..',
      error: { '.tag': 'path', path: { '.tag': 'not_found' } },
    });
    const up = await rpc(
      'files/get_temporary_upload_link',
      t,
      '{"commit_info":{"path":"/dtt-probe-abc"},"duration":60}',
    );
    expect(up.status).toBe(200);
    expect(JSON.parse(up.text).link).toMatch(new RegExp(`^${fake.origin}/upload/`));
    const noRead = fake.mintAppConsoleToken({ scopes: ['account_info.read'] });
    const dl2 = await fetch(`${fake.origin}/2/files/download`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${noRead}`, 'Dropbox-API-Arg': '{"path":"/x"}' },
    });
    expect((await dl2.json()).error.required_scope).toBe('files.content.read');
  });

  it('enforces Content-Type and JSON', async () => {
    const t = fake.mintAppConsoleToken();
    for (const ct of ['application/json; charset=utf-8', 'text/plain; charset=dropbox-cors-hack']) {
      expect((await rpc('check/user', t, '{"query":"a"}', { 'Content-Type': ct })).status).toBe(200);
    }
    const form = await rpc('users/get_current_account', t, 'null', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
    expect(form.text).toContain('Bad HTTP "Content-Type" header');
    const badJson = await rpc('check/user', t, '{query:');
    expect(badJson.status).toBe(400);
    expect(badJson.text).toContain('could not decode input as JSON');
    expect((await rpc('users/get_current_account', t, '')).status).toBe(400);
  });
});

describe('faults and the request log', () => {
  it('429 with Retry-After, JSON or text, for the given number of times', async () => {
    const t = fake.mintAppConsoleToken();
    fake.injectFault({ route: '/2/users/get_current_account', status: 429, retryAfter: 7, times: 2 });
    const a = await rpc('users/get_current_account', t);
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('7');
    expect(JSON.parse(a.text)).toEqual({
      error_summary: 'too_many_requests/..',
      error: { reason: { '.tag': 'too_many_requests' }, retry_after: 7 },
    });
    expect((await rpc('check/user', t, '{}')).status).toBe(200);
    expect((await rpc('users/get_current_account', t)).status).toBe(429);
    expect((await rpc('users/get_current_account', t)).status).toBe(200);
    fake.injectFault({ route: /^\/oauth2\/token$/, status: 429, retryAfter: 3, jsonBody: false });
    const txt = await fetch(`${fake.origin}/oauth2/token`, { method: 'POST' });
    expect(txt.status).toBe(429);
    expect(txt.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(txt.headers.get('retry-after')).toBe('3');
  });

  it('500 on any route until cleared, and dropped connections', async () => {
    const t = fake.mintAppConsoleToken();
    fake.injectFault({ status: 500, times: Infinity });
    for (let i = 0; i < 3; i++) expect((await rpc('users/get_current_account', t)).status).toBe(500);
    fake.clearFaults();
    expect((await rpc('users/get_current_account', t)).status).toBe(200);
    fake.injectFault({ route: '/2/users/get_current_account', drop: true });
    await expect(rpc('users/get_current_account', t)).rejects.toThrow();
    expect((await rpc('users/get_current_account', t)).status).toBe(200);
  });

  it('a fault after handling: the exchange consumes the code, then answers 500 or drops', async () => {
    for (const fault of [{ status: 500 }, { drop: true }]) {
      const { verifier, challenge } = pkce();
      const { code } = await fake.approve(authorizeUrl({ redirect_uri: REDIRECT, code_challenge: challenge }));
      const params = codeExchange(code!, verifier);
      fake.injectFault({ route: '/oauth2/token', afterHandling: true, ...fault });
      const send = () =>
        fetch(`${fake.origin}/oauth2/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(params).toString(),
        });
      if (fault.drop) await expect(send()).rejects.toThrow();
      else expect((await send()).status).toBe(500);
      const again = await token(params);
      expect(again).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    }
  });

  it('captive-portal mode answers every request 200 with an HTML page', async () => {
    const t = fake.mintAppConsoleToken();
    fake.setCaptivePortal(true);
    try {
      for (const res of [
        await fetch(`${fake.origin}/2/users/get_current_account`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${t}` },
        }),
        await fetch(`${fake.origin}/oauth2/token`, { method: 'POST' }),
      ]) {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await res.text()).toContain('Sign in to the Wi-Fi');
      }
    } finally {
      fake.setCaptivePortal(false);
    }
    expect((await rpc('users/get_current_account', t)).status).toBe(200);
  });

  it('logs every request with method, path, query, headers and body', async () => {
    const before = fake.requests.length;
    await fetch(`${fake.origin}/oauth2/token?grant_type=refresh_token&client_id=${APP_KEY}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'refresh_token=abc',
    });
    expect(fake.requests.length).toBe(before + 1);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/oauth2/token',
      query: { grant_type: 'refresh_token', client_id: APP_KEY },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'refresh_token=abc',
    });
  });
});
