import type { ErrorKind } from '../../shared/error-catalog';
import type { TransportReason } from './transport-error';

/**
 * What Dropbox said, kept apart from what we make of it. Matching is on error tags, never on
 * whole `error_summary` strings (their trailing dots vary).
 */
export class DropboxApiError extends Error {
  constructor(
    readonly status: number,
    /** `.tag` of the RPC error, or `error` of the OAuth token endpoint. */
    readonly tag: string | undefined,
    readonly body: string,
    readonly extra: { requiredScope?: string; retryAfterSec?: number; description?: string } = {},
  ) {
    super(`Dropbox answered ${status}${tag ? ` (${tag})` : ''}`);
    this.name = 'DropboxApiError';
  }
}

/** Not an answer from Dropbox at all: DNS, refused, reset, timeout, proxy, TLS. Never means "revoked". */
export class DropboxNetworkError extends Error {
  constructor(
    message: string,
    options?: { cause?: unknown },
    readonly reason: TransportReason = 'offline',
  ) {
    super(message, options);
    this.name = 'DropboxNetworkError';
  }
}

/**
 * An answer, but not one Dropbox gives: the wrong content type, an HTML page, a redirect. A captive
 * portal or a filtering proxy answered in Dropbox's place, so it says nothing about the connection.
 */
export class NotDropboxAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string,
  ) {
    super(`An answer that is not Dropbox's (status ${status}, content type "${contentType || 'none'}")`);
    this.name = 'NotDropboxAnswerError';
  }
}

const NETWORK_KINDS: Record<TransportReason, ErrorKind> = {
  offline: 'network-offline',
  dropped: 'network-offline',
  timeout: 'network-offline',
  proxy: 'network-proxy-refused',
  tls: 'network-tls-intercepted',
};

/**
 * Dropbox's answer → the error kind users see. Only Dropbox's own words mean "reconnect":
 * 401 invalid_access_token and invalid_grant. Network trouble, 429 and 5xx are never revocation.
 */
export function classifyDropboxError(error: unknown): ErrorKind {
  if (error instanceof DropboxNetworkError) return NETWORK_KINDS[error.reason];
  if (error instanceof NotDropboxAnswerError) return 'network-not-dropbox';
  if (!(error instanceof DropboxApiError)) return 'internal';
  const { status, tag, body } = error;
  if (status === 407) return 'network-proxy-refused';
  if (status === 429) return 'rate-limited';
  if (status >= 500 || status === 408) return 'dropbox-unavailable';
  if (status === 401) {
    switch (tag) {
      case 'expired_access_token':
        return 'token-expired';
      case 'invalid_access_token':
        return 'token-revoked';
      case 'missing_scope':
        return 'scope-missing';
      case 'user_suspended':
        return 'account-suspended';
      default:
        return 'dropbox-error';
    }
  }
  if (status === 400) {
    if (tag === 'invalid_grant') return 'token-revoked';
    if (tag?.startsWith('invalid_client')) return 'app-key-invalid';
    if (/access token is malformed/i.test(body)) return 'token-malformed';
    if (/not permitted to access this endpoint|does not have the required scope/i.test(body))
      return 'app-scope-missing';
    return 'dropbox-error';
  }
  return 'dropbox-error';
}

/** True for answers worth retrying after a pause (a proxy, TLS or portal problem won't pass by itself in seconds). */
export function isTransient(error: unknown): boolean {
  const kind = classifyDropboxError(error);
  return kind === 'network-offline' || kind === 'rate-limited' || kind === 'dropbox-unavailable';
}
