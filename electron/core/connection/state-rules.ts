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
    case 'network-proxy-refused':
    case 'network-tls-intercepted':
    case 'network-not-dropbox': // a captive portal's page is not Dropbox's answer: never revocation
    case 'rate-limited':
    case 'dropbox-unavailable':
      return 'offline';
    case 'not-connected':
      return 'disconnected';
    default:
      return previous;
  }
}

/**
 * May `token` hand out the stored token unchecked (with a warning, exit 3)? When Dropbox can't be
 * reached, or Dropbox itself answered something we don't understand (a 400, a new error tag): the
 * token may well work. Not when the answer wasn't Dropbox's at all: a captive portal answering in
 * Dropbox's place means the script's own calls will meet the portal too, so printing the token
 * would only pretend that something works.
 */
export function unverifiedTokenUsable(state: ConnectionState, problem: string | null): boolean {
  return (state === 'offline' || state === 'connected') && problem !== 'network-not-dropbox';
}
