import { errorText, type ErrorKind } from '../../shared/error-catalog';
import { missingFileScopes } from '../../shared/permissions';
import type { AccountSummary, ConnectMethod } from '../../shared/state';
import { DttError, toDttError } from '../errors';
import type { DropboxHttp } from '../dropbox/http';
import { getCurrentAccount, probeRead, probeWrite } from '../dropbox/account';
import type { Settings } from '../settings';
import type { Vault } from '../vault';
import { revokeAtDropbox, type OldConnection } from './retire';

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
  /** A problem the connection starts with (a missing permission): stored, shown, never "Connected". */
  problem?: ErrorKind | null;
}

export interface ConnectResult {
  account: AccountSummary;
  method: ConnectMethod;
  renewable: boolean;
  accessTokenExpiresAt: string | null;
  scopes: string[];
  /** Plain-language notes to show after success (e.g. "this pasted token stops in 4 hours"). */
  notes: string[];
  /** File permissions this connection lacks (empty when all is well). */
  missingScopes: string[];
  /** The account of the connection this one replaced, when it was a different one. */
  previousAccount?: AccountSummary;
}

export async function verifyAccount(
  http: DropboxHttp,
  token: string,
  overrides: Parameters<typeof toDttError>[1] = {},
): Promise<AccountSummary> {
  try {
    return await getCurrentAccount(http, token);
  } catch (error) {
    throw toDttError(error, overrides);
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
    const error = toDttError(outcome.error);
    if (error.kind === 'scope-missing') {
      // The permission's own name is for IT: under More info / --verbose.
      throw new DttError('scope-missing', `this token cannot ${verb} files`, {
        moreInfo: `The token lacks ${scope}. In the App Console → Permissions, enable files.content.read and files.content.write, then generate a new token or reconnect.`,
      });
    }
    if (error.kind === 'app-scope-missing')
      throw new DttError('app-scope-missing', `the app can't ${verb} files`, { moreInfo: `The app lacks ${scope}.` });
    throw error;
  }
}

/**
 * Which file permissions a new connection lacks: what Dropbox says it granted (when it says) and
 * what the read/write probes find. Network trouble during a probe is thrown, not counted as missing.
 */
export async function probeFilePermissions(http: DropboxHttp, token: string, granted: string[]): Promise<string[]> {
  const missing = new Set<string>(granted.length ? missingFileScopes(granted) : []);
  for (const [probe, scope] of [
    [probeRead, 'files.content.read'],
    [probeWrite, 'files.content.write'],
  ] as const) {
    if (missing.has(scope)) continue;
    const outcome = await probe(http, token);
    if (outcome.ok) continue;
    const kind = toDttError(outcome.error).kind;
    if (kind === 'scope-missing' || kind === 'app-scope-missing') missing.add(scope);
    else throw toDttError(outcome.error);
  }
  return [...missing];
}

/** What is saved now, so it can be retired at Dropbox once its replacement is safely stored. */
async function readOld(vault: Vault): Promise<OldConnection | null> {
  try {
    const access = await vault.getAccess();
    if (!access) return null;
    return { accessToken: access.token, refreshToken: await vault.getRefresh() };
  } catch {
    return null;
  }
}

/**
 * Saves a verified credential: keychain first, settings last, so settings never claim a
 * connection the keychain doesn't hold. On any failure nothing is left half-stored. Then the
 * connection it replaced is revoked at Dropbox, so a reconnect never leaves an old token alive.
 */
export async function storeCredential(
  deps: ConnectDeps,
  cred: NewCredential,
  account: AccountSummary,
): Promise<ConnectResult> {
  const { vault, settings } = deps;
  const now = deps.now?.() ?? Date.now();
  const old = await readOld(vault);
  const oldAccount = settings.get('connection')?.account;
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
      lastProblem: cred.problem ?? null,
      lastCheckedAt: new Date(now).toISOString(),
    });
  } catch (error) {
    await vault.clear().catch(() => {});
    settings.set('connection', null);
    throw error;
  }
  const result: ConnectResult = {
    account,
    method: cred.method,
    renewable: cred.refreshToken !== null,
    accessTokenExpiresAt: cred.expiresAt,
    scopes: cred.scopes,
    notes: [],
    missingScopes: missingFileScopes(cred.scopes),
    ...(oldAccount && oldAccount.accountId !== account.accountId ? { previousAccount: oldAccount } : {}),
  };
  if (
    old &&
    old.accessToken !== cred.accessToken &&
    (old.refreshToken === null || old.refreshToken !== cred.refreshToken)
  ) {
    const retired = await revokeAtDropbox(deps.http, settings.appKey(), old);
    if (!retired.confirmed) {
      result.notes.push(
        `The previous connection could not be stopped at Dropbox (${new DttError(retired.kind).title}). ${errorText('revoke-unconfirmed', 'window').action}`,
      );
    }
  }
  return result;
}
