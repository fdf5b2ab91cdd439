import { DttError, toDttError } from '../errors';
import { exchangeCode } from '../dropbox/oauth';
import { buildAuthorizeUrl } from '../dropbox/oauth';
import { createPkcePair, createState } from './pkce';
import { startLoopback } from './loopback';
import {
  probeFilePermissions,
  storeCredential,
  verifyAccount,
  type ConnectDeps,
  type ConnectResult,
} from '../connection/connect';
import { checkAppSetup } from './app-setup';
import { redirectUriFor } from './loopback';
import type { ConnectMethod } from '../../shared/state';

// At the token endpoint, invalid_grant means the code (not a connection) is bad.
const EXCHANGE_ERRORS = { invalid_grant: 'code-invalid', invalid_client: 'app-key-invalid' } as const;

function requireAppKey(deps: ConnectDeps): string {
  const appKey = deps.settings.appKey();
  if (!appKey) throw new DttError('app-key-missing');
  return appKey;
}

async function finishWithCode(
  deps: ConnectDeps,
  method: ConnectMethod,
  appKey: string,
  code: string,
  verifier: string,
  redirectUri?: string,
): Promise<ConnectResult> {
  const trimmed = code.trim();
  if (!/^[A-Za-z0-9._~-]{8,}$/.test(trimmed))
    throw new DttError(
      'code-invalid',
      'the code should be one word of letters and digits, copied from the Dropbox page',
    );
  let grant;
  try {
    grant = await exchangeCode(deps.http, { appKey, code: trimmed, verifier, redirectUri });
  } catch (error) {
    throw toDttError(error, EXCHANGE_ERRORS);
  }
  const account = await verifyAccount(deps.http, grant.accessToken);
  // The same permission check as pasting: a connection that can't use files is stored (so
  // reconnecting after the admin's fix is one click) but carries the problem, never "Connected".
  const missing = await probeFilePermissions(deps.http, grant.accessToken, grant.scopes);
  const granted = grant.scopes.length
    ? grant.scopes
    : ['account_info.read', 'files.content.read', 'files.content.write'];
  return storeCredential(
    deps,
    {
      method,
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      refreshToken: grant.refreshToken,
      scopes: granted.filter((s) => !missing.includes(s)),
      problem: missing.length ? 'app-scope-missing' : null,
    },
    account,
  );
}

export interface BrowserSignIn {
  url: string;
  redirectUri: string;
  result: Promise<ConnectResult>;
  cancel(): void;
}

/** OAuth code flow with PKCE S256 through a one-shot loopback server. No app secret, anywhere. */
export async function startBrowserSignIn(
  deps: ConnectDeps,
  opts: { port: number; timeoutMs?: number },
): Promise<BrowserSignIn> {
  const appKey = requireAppKey(deps);
  const { verifier, challenge } = createPkcePair();
  const state = createState();
  // Ask Dropbox first, so an App Console mistake fails in seconds instead of on a dead-end page.
  const planned = redirectUriFor(opts.port);
  await checkAppSetup(
    deps.http,
    buildAuthorizeUrl(deps.http.endpoints.web, { appKey, challenge, state, redirectUri: planned }),
    {
      redirectUri: planned,
      appKey,
    },
  );
  let connected: ConnectResult | undefined;
  const loop = await startLoopback({
    port: opts.port,
    state,
    timeoutMs: opts.timeoutMs ?? 5 * 60_000,
    onCode: async (code) => {
      try {
        connected = await finishWithCode(deps, 'oauth', appKey, code, verifier, loop.redirectUri);
        const who = `${connected.account.name} (${connected.account.email})`;
        if (connected.missingScopes.length)
          return {
            ok: true,
            message: `Signed in as ${who}, but the app can't use your files yet.`,
            problem: new DttError('app-scope-missing'),
          };
        return { ok: true, message: `Connected as ${who}.` };
      } catch (error) {
        return { ok: false, error: toDttError(error) };
      }
    },
  });
  const url = buildAuthorizeUrl(deps.http.endpoints.web, { appKey, challenge, state, redirectUri: loop.redirectUri });
  const result = loop.result.then(() => connected as ConnectResult);
  return { url, redirectUri: loop.redirectUri, result, cancel: loop.cancel };
}

export interface CodeSignIn {
  url: string;
  finish(code: string): Promise<ConnectResult>;
}

/** "Copy this code": authorize without redirect_uri, so Dropbox shows the code to paste back. */
export async function startCodeSignIn(deps: ConnectDeps): Promise<CodeSignIn> {
  const appKey = requireAppKey(deps);
  const { verifier, challenge } = createPkcePair();
  const url = buildAuthorizeUrl(deps.http.endpoints.web, { appKey, challenge });
  await checkAppSetup(deps.http, url, { appKey });
  return { url, finish: (code) => finishWithCode(deps, 'code', appKey, code, verifier) };
}
