import type { ErrorKind } from '../../shared/error-catalog';
import { missingFileScopes } from '../../shared/permissions';
import { isExpiringSoon, type PublicStatus } from '../../shared/state';
import type { CheckOutcome } from '../connection/check';
import { DttError } from '../errors';
import type { Settings } from '../settings';

/** The redacted view, from what we last knew; no network, no keychain. */
export function statusFrom(settings: Settings, storage: string, now = Date.now()): PublicStatus {
  const c = settings.get('connection');
  return {
    state: c ? c.lastState : 'disconnected',
    expiresSoon: c ? isExpiringSoon(c.method, c.accessTokenExpiresAt, c.renewable, now) : false,
    account: c?.account ?? null,
    method: c?.method ?? null,
    accessTokenExpiresAt: c?.accessTokenExpiresAt ?? null,
    renewable: c?.renewable ?? false,
    scopes: c?.scopes ?? [],
    storage,
    lastCheckedAt: c?.lastCheckedAt ?? null,
    problem: c?.lastProblem ?? null,
  };
}

/**
 * Records what a check found; a connection made without a file permission stays a problem until
 * replaced. Only onto the connection it checked (`connectedAt`): a check of the old one that
 * answers after a reconnect says nothing about the new one.
 */
export function recordCheck(settings: Settings, outcome: CheckOutcome, connectedAt: string): void {
  const scopes = settings.get('connection')?.scopes ?? [];
  if (outcome.state === 'connected' && missingFileScopes(scopes).length) outcome.problem = 'app-scope-missing';
  settings.update(
    'connection',
    (cur) =>
      cur &&
      (cur.connectedAt !== connectedAt
        ? cur
        : {
            ...cur,
            account: outcome.account ?? cur.account,
            lastState: outcome.state,
            lastProblem: outcome.problem,
            lastCheckedAt: new Date().toISOString(),
          }),
  );
}

/**
 * Why a connection must not be written into projects, from a fresh check. Dropbox's refusal, or a
 * keychain we can't use, stops the sync; "offline" does not (network trouble is not revocation).
 */
export function writeRefusal(status: PublicStatus): DttError | null {
  if (status.state === 'revoked') return new DttError('sync-revoked');
  if (status.state === 'expired') return new DttError('sync-expired');
  if (status.state === 'disconnected') return new DttError('not-connected');
  if (status.problem?.startsWith('keychain-')) return new DttError(status.problem as ErrorKind);
  return null;
}
