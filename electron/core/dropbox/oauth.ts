import { DttError } from '../errors';
import { DropboxApiError, DropboxNetworkError } from './api-error';
import type { DropboxHttp } from './http';

export interface AuthorizeParams {
  appKey: string;
  challenge: string;
  state?: string;
  /** Absent for the copy-code flow: Dropbox then shows the code on its own page. */
  redirectUri?: string;
}

export function buildAuthorizeUrl(webOrigin: string, p: AuthorizeParams): string {
  const url = new URL('/oauth2/authorize', webOrigin);
  url.searchParams.set('client_id', p.appKey);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('token_access_type', 'offline');
  url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (p.redirectUri) url.searchParams.set('redirect_uri', p.redirectUri);
  if (p.state) url.searchParams.set('state', p.state);
  return url.toString();
}

export interface TokenGrant {
  accessToken: string;
  expiresAt: string | null;
  refreshToken: string | null;
  scopes: string[];
  accountId: string | null;
}

interface TokenResponse {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  account_id?: string;
}

function toGrant(res: TokenResponse, now: number): TokenGrant {
  return {
    accessToken: res.access_token,
    // Use expires_in, never a constant: Dropbox may change the lifetime.
    expiresAt: typeof res.expires_in === 'number' ? new Date(now + res.expires_in * 1000).toISOString() : null,
    refreshToken: res.refresh_token ?? null,
    scopes: res.scope ? res.scope.split(' ').filter(Boolean) : [],
    accountId: res.account_id ?? null,
  };
}

/**
 * Did the exchange fail after Dropbox may have consumed the code? A server error, or a connection
 * lost once the request was on its way. (Refused or unresolvable means nothing was sent.)
 */
function mayHaveConsumedCode(error: unknown): boolean {
  if (error instanceof DropboxApiError) return error.status >= 500 || error.status === 408;
  return error instanceof DropboxNetworkError && (error.reason === 'dropped' || error.reason === 'timeout');
}

/**
 * `redirectUri` must be exactly what authorize got, or absent if authorize had none. Sent exactly
 * once: codes are single-use, so a retry could only ever be told "invalid_grant" — the sign-in
 * has to start over instead.
 */
export async function exchangeCode(
  http: DropboxHttp,
  p: { appKey: string; code: string; verifier: string; redirectUri?: string },
): Promise<TokenGrant> {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code: p.code,
    client_id: p.appKey,
    code_verifier: p.verifier,
  };
  if (p.redirectUri) params.redirect_uri = p.redirectUri;
  try {
    return toGrant(await http.token<TokenResponse>(params, { once: true }), Date.now());
  } catch (error) {
    // No detail: "answered 500" is for IT (the technical note), not for the person signing in.
    if (mayHaveConsumedCode(error)) throw new DttError('signin-exchange-failed', undefined, { cause: error });
    throw error;
  }
}

/** Refresh tokens are not rotated, so the caller keeps the one it has. */
export async function refreshAccessToken(
  http: DropboxHttp,
  p: { appKey: string; refreshToken: string },
): Promise<TokenGrant> {
  const res = await http.token<TokenResponse>({
    grant_type: 'refresh_token',
    refresh_token: p.refreshToken,
    client_id: p.appKey,
  });
  return toGrant(res, Date.now());
}

/** Kills the access token and the refresh token it came from. */
export async function revokeToken(http: DropboxHttp, accessToken: string): Promise<void> {
  await http.rpc('auth/token/revoke', accessToken);
}
