import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirect, sendHtml, sendJson, withQuery } from './http-util';
import { authorizePage, codePage, deniedPage, errorPage } from './pages';
import type { FakeState } from './state';

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string | null;
  state: string | null;
  codeChallenge: string | null;
  scopes: string[];
  offline: boolean;
}

type Checked = { ok: true; req: AuthorizeRequest } | { ok: false; detail: string };

/** Shared by the page and the form post, since a browser can replay or edit the form. */
function checkAuthorize(p: URLSearchParams, s: FakeState): Checked {
  const fail = (detail: string): Checked => ({ ok: false, detail });
  const clientId = p.get('client_id');
  if (!clientId) return fail('Missing "client_id" parameter.');
  if (clientId !== s.appKey) return fail(`Invalid client_id: "${clientId}".`);
  const redirectUri = p.get('redirect_uri');
  if (redirectUri !== null && !s.redirectUris.has(redirectUri)) {
    return fail(
      "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
    );
  }
  const responseType = p.get('response_type');
  if (responseType !== 'code')
    return fail(`Unsupported response_type: "${responseType ?? ''}". This server only does "code".`);
  const state = p.get('state');
  if (state !== null && Buffer.byteLength(state) > 500) return fail('"state" must be at most 500 bytes.');
  const challenge = p.get('code_challenge');
  const method = p.get('code_challenge_method');
  // Wording from users' reports of other apps; Dropbox's exact text is unconfirmed (see the API notes).
  if (challenge !== null && !s.allowPublicClients)
    return fail(
      'PKCE is not allowed for this app. Enable "Allow public clients (Implicit Grant & PKCE)" to use code_challenge.',
    );
  if (challenge !== null || method !== null) {
    if (method !== 'S256') return fail('"code_challenge_method" must be "S256".');
    if (!challenge || !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge))
      return fail('"code_challenge" must be 43-128 characters of [A-Za-z0-9._~-].');
  }
  const tat = p.get('token_access_type');
  if (tat !== null && !['offline', 'online', 'legacy'].includes(tat))
    return fail(`Invalid token_access_type: "${tat}".`);
  const asked = p.get('scope');
  let scopes = [...s.appScopes];
  if (asked !== null) {
    scopes = [...new Set(asked.split(/\s+/).filter(Boolean))];
    const unknown = scopes.filter((x) => !s.appScopes.includes(x));
    if (unknown.length)
      return fail(`Invalid scope: ${unknown.join(', ')}. Your app does not have these scopes enabled.`);
    if (!scopes.length) return fail('"scope" is empty.');
  }
  if (s.userLimitReached)
    return fail('This app has reached its user limit. The app developer must apply for production status.');
  return {
    ok: true,
    req: { clientId, redirectUri, state, codeChallenge: challenge, scopes, offline: tat === 'offline' },
  };
}

export function handleAuthorizePage(url: URL, res: ServerResponse, s: FakeState): void {
  const checked = checkAuthorize(url.searchParams, s);
  if (!checked.ok) return sendHtml(res, 400, errorPage(checked.detail));
  sendHtml(res, 200, authorizePage(url.searchParams, checked.req.scopes, s.account.email));
}

export function handleDecide(body: string, res: ServerResponse, s: FakeState): void {
  const form = new URLSearchParams(body);
  const checked = checkAuthorize(form, s);
  if (!checked.ok) return sendHtml(res, 400, errorPage(checked.detail));
  const r = checked.req;
  if (form.get('decision') === 'allow') {
    const code = s.issueCode({
      clientId: r.clientId,
      redirectUri: r.redirectUri,
      codeChallenge: r.codeChallenge,
      scopes: r.scopes,
      offline: r.offline,
    });
    if (r.redirectUri === null) return sendHtml(res, 200, codePage(code));
    return redirect(res, withQuery(r.redirectUri, { code, state: r.state }));
  }
  if (r.redirectUri === null) return sendHtml(res, 200, deniedPage());
  redirect(
    res,
    withQuery(r.redirectUri, {
      error: 'access_denied',
      error_description: 'The user chose not to give your app access to their Dropbox account.',
      state: r.state,
    }),
  );
}

function tokenError(res: ServerResponse, error: string, description: string): void {
  sendJson(res, 400, { error, error_description: description });
}

/** The JS SDK puts params in the query string, the Python SDK in a form body; clients may also use HTTP Basic for client credentials. */
function tokenParams(req: IncomingMessage, url: URL, body: string): URLSearchParams {
  const p = new URLSearchParams(url.searchParams);
  if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body)) p.set(k, v);
  }
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    if (id && !p.has('client_id')) p.set('client_id', id);
    if (secret && !p.has('client_secret')) p.set('client_secret', secret);
  }
  return p;
}

export function handleToken(req: IncomingMessage, url: URL, body: string, res: ServerResponse, s: FakeState): void {
  const p = tokenParams(req, url, body);
  const grant = p.get('grant_type');
  if (grant !== 'authorization_code' && grant !== 'refresh_token') {
    return tokenError(
      res,
      'unsupported_grant_type',
      grant ? `unsupported grant_type: "${grant}"` : 'missing grant_type',
    );
  }
  if (p.get('client_id') !== s.appKey) return tokenError(res, 'invalid_client', 'Invalid client_id or client_secret');
  const hasSecret = p.has('client_secret');
  if (grant === 'refresh_token') {
    const rt = p.get('refresh_token') ?? '';
    const rec = s.refresh.get(rt);
    if (!rec) return tokenError(res, 'invalid_grant', 'refresh token is invalid or revoked');
    if (!rec.pkce && !hasSecret)
      return tokenError(res, 'invalid_request', 'No auth function available for given request');
    const accessToken = s.issueAccessToken(rec.scopes, s.lifetimeSec, rt);
    return sendJson(res, 200, {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: s.lifetimeSec,
      scope: rec.scopes.join(' '),
    });
  }
  const code = p.get('code');
  if (!code) return tokenError(res, 'invalid_request', 'missing required field "code"');
  const rec = s.takeCode(code);
  if (!rec || rec.clientId !== p.get('client_id'))
    return tokenError(res, 'invalid_grant', "code doesn't exist or has expired");
  if (p.get('redirect_uri') !== rec.redirectUri) return tokenError(res, 'invalid_grant', 'redirect_uri mismatch');
  const verifier = p.get('code_verifier');
  if (rec.codeChallenge !== null && verifier !== null) {
    if (createHash('sha256').update(verifier).digest('base64url') !== rec.codeChallenge) {
      return tokenError(res, 'invalid_grant', 'invalid code verifier');
    }
  } else if (!hasSecret) {
    return tokenError(res, 'invalid_request', 'No auth function available for given request');
  }
  const pkce = rec.codeChallenge !== null && verifier !== null;
  const refreshToken = rec.offline ? s.issueRefreshToken(rec.scopes, pkce) : undefined;
  const accessToken = s.issueAccessToken(rec.scopes, s.lifetimeSec, refreshToken);
  sendJson(res, 200, {
    access_token: accessToken,
    expires_in: s.lifetimeSec,
    token_type: 'bearer',
    scope: rec.scopes.join(' '),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    account_id: s.account.accountId,
    uid: s.uid,
  });
}
