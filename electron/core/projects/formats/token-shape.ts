// What a Dropbox token looks like, shared by the Python editor (which must find tokens by their
// shape, not by a key) and by project detection.

/** The placeholder the engine's hand-edit guide tells staff to replace. */
export const TOKEN_PLACEHOLDER = 'YOUR_NEW_TOKEN_HERE';

/**
 * A name that holds the token itself (`DROPBOX_TOKEN`, `"token"`, `access_token`), not one that
 * describes it (`TOKEN_PLACEHOLDER`, `token_hint`) or holds another secret (`…_secret`, refresh).
 */
export function namesTheToken(name: string): boolean {
  return /token$/i.test(name) && !/placeholder|hint|example|sample|default|dummy|missing|template|refresh/i.test(name);
}

const SHORT_LIVED = /^sl\.[A-Za-z0-9._-]{20,}$/;
const LEGACY = /^[A-Za-z0-9_-]{64}$/;

export function looksLikeDropboxToken(value: string): boolean {
  return SHORT_LIVED.test(value);
}

/** Old long-lived tokens: too generic a shape to trust unless the variable's name says "token". */
export function looksLikeLegacyToken(value: string): boolean {
  return LEGACY.test(value);
}

export type SiblingRole = 'refresh' | 'appKey';

/**
 * The name of the refresh-token / app-key key that sits next to an access-token key, following
 * the key's own spelling: access_token → refresh_token, dropbox_access_token →
 * dropbox_refresh_token, accessToken → refreshToken, DROPBOX_ACCESS_TOKEN → DROPBOX_APP_KEY.
 */
export function siblingKeyName(accessKey: string, role: SiblingRole): string {
  const rules: Array<[RegExp, string, string]> = [
    [/access_token/, 'refresh_token', 'app_key'],
    [/ACCESS_TOKEN/, 'REFRESH_TOKEN', 'APP_KEY'],
    [/access-token/, 'refresh-token', 'app-key'],
    [/accessToken/, 'refreshToken', 'appKey'],
    [/AccessToken/, 'RefreshToken', 'AppKey'],
  ];
  for (const [pattern, refresh, appKey] of rules) {
    if (pattern.test(accessKey)) return accessKey.replace(pattern, role === 'refresh' ? refresh : appKey);
  }
  return role === 'refresh' ? 'refresh_token' : 'app_key';
}
