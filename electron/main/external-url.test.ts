import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './external-url';

describe('isSafeExternalUrl', () => {
  it('allows https only', () => {
    expect(isSafeExternalUrl('https://www.dropbox.com/oauth2/authorize?x=1')).toBe(true);
    expect(isSafeExternalUrl('http://www.dropbox.com/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@evil.example/')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
  it('allows http only for the configured loopback origin', () => {
    expect(isSafeExternalUrl('http://127.0.0.1:8787/oauth2/authorize', 'http://127.0.0.1:8787')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:9999/', 'http://127.0.0.1:8787')).toBe(false);
    expect(isSafeExternalUrl('http://proxy.corp:80/', 'http://proxy.corp:80')).toBe(false);
  });
});
