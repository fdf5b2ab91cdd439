import type { ConnectionState, PublicStatus } from './state';

/**
 * The redacted view when nothing about a connection is known: no account, no token, no check
 * yet. The CLI's quick `status` (nothing saved) and the monitor's answer to a first check that
 * threw both start from it, so a field added to PublicStatus can't be forgotten in one of them.
 */
export function noConnectionStatus(
  state: ConnectionState,
  storage: string,
  problem: string | null = null,
): PublicStatus {
  return {
    state,
    expiresSoon: false,
    account: null,
    method: null,
    accessTokenExpiresAt: null,
    renewable: false,
    scopes: [],
    storage,
    lastCheckedAt: null,
    problem,
  };
}
