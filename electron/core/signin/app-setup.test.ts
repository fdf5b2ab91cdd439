import { describe, expect, it } from 'vitest';
import { sanitizeRemoteText } from './remote-text';
import { readAuthorizeAnswer } from './app-setup';

const ctx = { appKey: 'abcdefghijklmno', redirectUri: 'http://127.0.0.1:17345/callback' };
const page = (detail: string) =>
  `<html><head><style>h1{color:red}</style></head><body><h1>Error (400)</h1><p>${detail}</p></body></html>`;

describe('readAuthorizeAnswer', () => {
  it.each([
    ['Invalid client_id: "abcdefghijklmno".', 'app-key-invalid'],
    [
      "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured.",
      'redirect-unregistered',
    ],
    ['PKCE is not allowed for this app. Enable "Allow public clients".', 'pkce-disabled'],
    ['This app has reached its user limit. Apply for production status.', 'app-user-limit'],
    ['Something else entirely.', 'dropbox-error'],
  ])('%s → %s', (detail, kind) => {
    const e = readAuthorizeAnswer(400, page(detail), ctx);
    expect(e?.kind).toBe(kind);
    expect(e?.moreInfo).toContain(detail.slice(0, 20));
  });
  it('names the exact address to register', () => {
    expect(readAuthorizeAnswer(400, page('Invalid redirect_uri.'), ctx)?.detail).toContain(ctx.redirectUri);
  });
  it('treats any other status as a sign-in page (advisory only)', () => {
    expect(readAuthorizeAnswer(200, page('Invalid client_id'), ctx)).toBeNull();
    expect(readAuthorizeAnswer(302, '', ctx)).toBeNull();
  });
});

describe('sanitizeRemoteText', () => {
  it('strips control and bidi characters, joins lines, caps the length', () => {
    expect(sanitizeRemoteText('a\u001b[31mb\r\nc\u202ed')).toBe('a [31mb c d');
    const long = sanitizeRemoteText('x'.repeat(1000));
    expect(long.length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
  });
});
