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

/** `redirectUri` must be exactly what authorize got, or absent if authorize had none. */
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
  return toGrant(await http.token<TokenResponse>(params), Date.now());
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
