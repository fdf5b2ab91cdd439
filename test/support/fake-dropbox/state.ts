import { randomBytes, randomInt } from 'node:crypto';
import type { FakeDropboxOptions, LoggedRequest } from './types';

export const DEFAULT_APP_SCOPES = [
  'account_info.read',
  'files.metadata.read',
  'files.content.read',
  'files.content.write',
];
const CODE_LIFETIME_MS = 10 * 60 * 1000;

export function randomChars(n: number): string {
  return randomBytes(Math.ceil((n * 3) / 4) + 3)
    .toString('base64url')
    .slice(0, n);
}

/** Current Dropbox short-lived tokens are `sl.u.` + roughly 1,300–1,450 URL-safe chars; vary it so clients never rely on a length. */
function shortLivedToken(): string {
  return `sl.u.${randomChars(1320 + randomInt(80))}`;
}

export interface AccessTokenRecord {
  scopes: string[];
  /** null = legacy long-lived token. */
  expiresAt: number | null;
  refreshToken?: string;
}

export interface RefreshTokenRecord {
  scopes: string[];
  /** Tokens born from a secret-authenticated exchange need the secret again to refresh. */
  pkce: boolean;
}

export interface AuthCodeRecord {
  clientId: string;
  redirectUri: string | null;
  codeChallenge: string | null;
  scopes: string[];
  offline: boolean;
  expiresAt: number;
}

export interface Account {
  accountId: string;
  givenName: string;
  surname: string;
  email: string;
}

export class FakeState {
  origin = '';
  readonly appKey: string;
  readonly redirectUris: Set<string>;
  appScopes: string[];
  readonly lifetimeSec: number;
  /** The account signed in at the authorize page; `setAccount` is another person signing in. */
  account: Account;
  /** App Console → Settings → "Allow public clients (Implicit Grant & PKCE)". */
  allowPublicClients: boolean;
  /** A Development-status app whose linked-user limit is reached. */
  userLimitReached: boolean;
  /** Refresh tokens Dropbox has revoked, so tests can ask what became of one. */
  readonly revokedRefresh = new Set<string>();
  readonly issuedRefresh: string[] = [];
  /** Dropbox's legacy numeric user id, reported as `uid` in the code exchange. */
  readonly uid = String(randomInt(10_000_000, 2_000_000_000));
  readonly requests: LoggedRequest[] = [];
  readonly access = new Map<string, AccessTokenRecord>();
  readonly refresh = new Map<string, RefreshTokenRecord>();
  readonly codes = new Map<string, AuthCodeRecord>();

  constructor(opts: FakeDropboxOptions) {
    this.appKey = opts.appKey ?? 'testappkey123456';
    this.redirectUris = new Set(opts.redirectUris ?? []);
    this.appScopes = [...(opts.appScopes ?? DEFAULT_APP_SCOPES)];
    this.lifetimeSec = opts.accessTokenLifetimeSec ?? 14400;
    this.allowPublicClients = opts.allowPublicClients ?? true;
    this.userLimitReached = opts.userLimitReached ?? false;
    this.account = {
      accountId: opts.account?.accountId ?? 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
      givenName: opts.account?.givenName ?? 'Dana',
      surname: opts.account?.surname ?? 'Okafor',
      email: opts.account?.email ?? 'dana@example.com',
    };
  }

  issueAccessToken(scopes: string[], lifetimeSec: number = this.lifetimeSec, refreshToken?: string): string {
    const token = shortLivedToken();
    this.access.set(token, { scopes: [...scopes], expiresAt: Date.now() + lifetimeSec * 1000, refreshToken });
    return token;
  }

  issueLegacyToken(): string {
    const token = randomChars(64);
    this.access.set(token, { scopes: [...this.appScopes], expiresAt: null });
    return token;
  }

  issueRefreshToken(scopes: string[], pkce: boolean): string {
    const token = randomChars(64);
    this.refresh.set(token, { scopes: [...scopes], pkce });
    this.issuedRefresh.push(token);
    return token;
  }

  issueCode(rec: Omit<AuthCodeRecord, 'expiresAt'>): string {
    const code = randomChars(43);
    this.codes.set(code, { ...rec, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Single use: any attempt to redeem consumes the code, as OAuth servers do to stop replay. */
  takeCode(code: string): AuthCodeRecord | undefined {
    const rec = this.codes.get(code);
    this.codes.delete(code);
    return rec && rec.expiresAt > Date.now() ? rec : undefined;
  }

  /** What `auth/token/revoke` does: the access token, its refresh token, and every sibling access token. */
  revokeAccessToken(token: string): void {
    const rec = this.access.get(token);
    this.access.delete(token);
    if (!rec?.refreshToken) return;
    this.refresh.delete(rec.refreshToken);
    this.revokedRefresh.add(rec.refreshToken);
    for (const [t, r] of this.access) if (r.refreshToken === rec.refreshToken) this.access.delete(t);
  }

  /** 'live' (Dropbox would renew with it), 'revoked' (by `auth/token/revoke`), or 'unknown'. */
  refreshTokenStatus(token: string): 'live' | 'revoked' | 'unknown' {
    if (this.refresh.has(token)) return 'live';
    return this.revokedRefresh.has(token) ? 'revoked' : 'unknown';
  }

  revokeAll(): void {
    for (const t of this.refresh.keys()) this.revokedRefresh.add(t);
    this.access.clear();
    this.refresh.clear();
  }

  /** Legacy long-lived tokens never expire at Dropbox, so they are left alone. */
  expireAccessTokens(): void {
    const past = Date.now() - 1000;
    for (const rec of this.access.values()) if (rec.expiresAt !== null) rec.expiresAt = past;
  }

  liveCounts(): { access: number; refresh: number } {
    const now = Date.now();
    let access = 0;
    for (const rec of this.access.values()) if (rec.expiresAt === null || rec.expiresAt > now) access++;
    return { access, refresh: this.refresh.size };
  }

  accountJson(): Record<string, unknown> {
    const { accountId, givenName, surname, email } = this.account;
    const initials = `${givenName.charAt(0)}${surname.charAt(0)}`.toUpperCase();
    return {
      account_id: accountId,
      name: {
        given_name: givenName,
        surname,
        familiar_name: givenName,
        display_name: `${givenName} ${surname}`.trim(),
        abbreviated_name: initials,
      },
      email,
      email_verified: true,
      disabled: false,
      country: 'US',
      locale: 'en',
      referral_link: 'https://www.dropbox.com/referrals/AAAfakeReferral?src=app9-000000',
      is_paired: false,
      account_type: { '.tag': 'basic' },
      root_info: { '.tag': 'user', root_namespace_id: '3235641', home_namespace_id: '3235641' },
    };
  }
}
