import type { ErrorKind } from '../../shared/error-catalog';
import type { ConnectionState } from '../../shared/state';

/**
 * What a failed check means for the connection. Only Dropbox's own answers move the state to
 * `expired` or `revoked`; trouble reaching Dropbox is `offline`; anything else (a keychain
 * hiccup, an odd answer) leaves the state as it was and is shown as a problem.
 */
export function stateAfterProblem(kind: ErrorKind, previous: ConnectionState): ConnectionState {
  switch (kind) {
    case 'token-revoked':
    case 'token-invalid':
    case 'token-malformed':
    case 'account-suspended':
      return 'revoked';
    case 'token-expired':
      return 'expired';
    case 'network-offline':
    case 'rate-limited':
    case 'dropbox-unavailable':
      return 'offline';
    case 'not-connected':
      return 'disconnected';
    default:
      return previous;
  }
}
