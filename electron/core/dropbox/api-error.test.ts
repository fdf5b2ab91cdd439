import { describe, expect, it } from 'vitest';
import {
  classifyDropboxError,
  DropboxApiError,
  DropboxNetworkError,
  isTransient,
  NotDropboxAnswerError,
} from './api-error';
import { parseError } from './http';

const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  parseError(status, new Headers({ 'content-type': 'application/json', ...extra }), JSON.stringify(body));
const text = (status: number, body: string) =>
  parseError(status, new Headers({ 'content-type': 'text/plain; charset=utf-8' }), body);

describe('classifyDropboxError', () => {
  it.each([
    [
      json(401, { error_summary: 'expired_access_token/..', error: { '.tag': 'expired_access_token' } }),
      'token-expired',
    ],
    [
      json(401, { error_summary: 'invalid_access_token/...', error: { '.tag': 'invalid_access_token' } }),
      'token-revoked',
    ],
    [
      json(401, {
        error_summary: 'missing_scope/.',
        error: { '.tag': 'missing_scope', required_scope: 'files.content.write' },
      }),
      'scope-missing',
    ],
    [json(401, { error: { '.tag': 'user_suspended' } }), 'account-suspended'],
    [json(400, { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' }), 'token-revoked'],
    [json(400, { error: 'invalid_client: Invalid client_id or client_secret' }), 'app-key-invalid'],
    [
      text(
        400,
        'Error in call to API function "users/get_current_account": The given OAuth 2 access token is malformed.',
      ),
      'token-malformed',
    ],
    [
      text(
        400,
        'Error in call to API function "files/download": Your app is not permitted to access this endpoint because it does not have the required scope \'files.content.read\'.',
      ),
      'app-scope-missing',
    ],
    [
      json(
        429,
        { error_summary: 'too_many_requests/', error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 } },
        { 'retry-after': '3' },
      ),
      'rate-limited',
    ],
    [text(429, 'Too many requests'), 'rate-limited'],
    [text(500, 'Internal Server Error'), 'dropbox-unavailable'],
    [text(503, ''), 'dropbox-unavailable'],
    [new DropboxNetworkError('ECONNREFUSED'), 'network-offline'],
    [new DropboxNetworkError('reset', {}, 'dropped'), 'network-offline'],
    [new DropboxNetworkError('407', {}, 'proxy'), 'network-proxy-refused'],
    [new DropboxNetworkError('self-signed', {}, 'tls'), 'network-tls-intercepted'],
    [new NotDropboxAnswerError(200, 'text/html'), 'network-not-dropbox'],
    [text(407, ''), 'network-proxy-refused'],
  ])('%# → %s', (error, kind) => {
    expect(classifyDropboxError(error)).toBe(kind);
  });

  it('reads the scope and Retry-After', () => {
    const scope = json(401, { error: { '.tag': 'missing_scope', required_scope: 'files.content.read' } });
    expect(scope.extra.requiredScope).toBe('files.content.read');
    const limited = json(
      429,
      { error: { reason: { '.tag': 'too_many_requests' }, retry_after: 7 } },
      { 'retry-after': '7' },
    );
    expect(limited.extra.retryAfterSec).toBe(7);
    expect(text(429, 'slow down').tag).toBe('too_many_requests');
  });

  it('treats only network, 429 and 5xx as transient', () => {
    expect(isTransient(new DropboxNetworkError('x'))).toBe(true);
    expect(isTransient(new DropboxApiError(503, undefined, ''))).toBe(true);
    expect(isTransient(json(401, { error: { '.tag': 'invalid_access_token' } }))).toBe(false);
    expect(isTransient(json(400, { error: 'invalid_grant' }))).toBe(false);
    // Won't pass by itself in seconds: fail fast with the specific message.
    expect(isTransient(new DropboxNetworkError('x', {}, 'proxy'))).toBe(false);
    expect(isTransient(new DropboxNetworkError('x', {}, 'tls'))).toBe(false);
    expect(isTransient(new NotDropboxAnswerError(200, 'text/html'))).toBe(false);
  });
});
