import type { AccountSummary, ConnectMethod } from '../../shared/state';
import { DttError } from '../errors';
import { classifyDropboxError } from '../dropbox/api-error';
import type { DropboxHttp } from '../dropbox/http';
import { getCurrentAccount, probeRead, probeWrite } from '../dropbox/account';
import type { Settings } from '../settings';
import type { Vault } from '../vault';

export interface ConnectDeps {
  http: DropboxHttp;
  vault: Vault;
  settings: Settings;
  now?: () => number;
}

export interface NewCredential {
  method: ConnectMethod;
  accessToken: string;
  expiresAt: string | null;
  refreshToken: string | null;
  scopes: string[];
}

export interface ConnectResult {
  account: AccountSummary;
  method: ConnectMethod;
  renewable: boolean;
  accessTokenExpiresAt: string | null;
  scopes: string[];
  /** Plain-language notes to show after success (e.g. "this pasted token stops in 4 hours"). */
  notes: string[];
}

/** Turns whatever Dropbox or the network threw into the user-facing error. */
export function asDttError(error: unknown, overrides: Partial<Record<string, DttError['kind']>> = {}): DttError {
  if (error instanceof DttError) return error;
  const kind = classifyDropboxError(error);
  const tag = (error as { tag?: string }).tag;
  return new DttError((tag && overrides[tag]) || kind, (error as Error).message, { cause: error });
}

export async function verifyAccount(
  http: DropboxHttp,
  token: string,
  overrides: Parameters<typeof asDttError>[1] = {},
): Promise<AccountSummary> {
  try {
    return await getCurrentAccount(http, token);
  } catch (error) {
    throw asDttError(error, overrides);
  }
}

/** Proves the token can read and write files, the two permissions the team's software needs. */
export async function verifyFileScopes(http: DropboxHttp, token: string): Promise<void> {
  for (const [probe, scope, verb] of [
    [probeRead, 'files.content.read', 'read'],
    [probeWrite, 'files.content.write', 'write'],
  ] as const) {
    const outcome = await probe(http, token);
    if (outcome.ok) continue;
    const error = asDttError(outcome.error);
    if (error.kind === 'scope-missing') {
      throw new DttError(
        'scope-missing',
        `this token cannot ${verb} files (${scope}). In the App Console → Permissions, enable files.content.read and files.content.write, then generate a new token (or reconnect).`,
      );
    }
    if (error.kind === 'app-scope-missing') throw new DttError('app-scope-missing', `the app lacks ${scope}`);
    throw error;
  }
}

/**
 * Saves a verified credential: keychain first, settings last, so settings never claim a
 * connection the keychain doesn't hold. On any failure nothing is left half-stored.
 */
export async function storeCredential(
  deps: ConnectDeps,
  cred: NewCredential,
  account: AccountSummary,
): Promise<ConnectResult> {
  const { vault, settings } = deps;
  const now = deps.now?.() ?? Date.now();
  try {
    await vault.clear();
    if (cred.refreshToken) await vault.setRefresh(cred.refreshToken);
    await vault.setAccess({ token: cred.accessToken, expiresAt: cred.expiresAt });
    settings.set('connection', {
      method: cred.method,
      account,
      scopes: cred.scopes,
      accessTokenExpiresAt: cred.expiresAt,
      renewable: cred.refreshToken !== null,
      connectedAt: new Date(now).toISOString(),
      lastState: 'connected',
      lastProblem: null,
      lastCheckedAt: new Date(now).toISOString(),
    });
  } catch (error) {
    await vault.clear().catch(() => {});
    settings.set('connection', null);
    throw error;
  }
  return {
    account,
    method: cred.method,
    renewable: cred.refreshToken !== null,
    accessTokenExpiresAt: cred.expiresAt,
    scopes: cred.scopes,
    notes: [],
  };
}
