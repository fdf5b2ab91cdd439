import { describe, expect, it } from 'vitest';
import { stateAfterProblem, unverifiedTokenUsable } from './state-rules';

describe('stateAfterProblem', () => {
  it.each([
    ['token-revoked', 'revoked'],
    ['token-expired', 'expired'],
    ['network-offline', 'offline'],
    ['rate-limited', 'offline'],
    ['dropbox-unavailable', 'offline'],
    ['network-proxy-refused', 'offline'],
    ['network-tls-intercepted', 'offline'],
    ['network-not-dropbox', 'offline'],
    ['not-connected', 'disconnected'],
  ] as const)('%s → %s', (kind, state) => {
    expect(stateAfterProblem(kind, 'connected')).toBe(state);
  });
  it('never calls network trouble a revocation', () => {
    for (const kind of [
      'network-offline',
      'network-proxy-refused',
      'network-tls-intercepted',
      'network-not-dropbox',
      'rate-limited',
      'dropbox-unavailable',
    ] as const) {
      expect(stateAfterProblem(kind, 'connected')).not.toBe('revoked');
    }
  });
  it('keeps the state for problems that say nothing about the credential', () => {
    expect(stateAfterProblem('keychain-locked', 'connected')).toBe('connected');
    expect(stateAfterProblem('dropbox-error', 'offline')).toBe('offline');
  });
});

describe('unverifiedTokenUsable', () => {
  it('hands out an unchecked token only when Dropbox is unreachable or its own answer was odd', () => {
    expect(unverifiedTokenUsable('offline', 'network-offline')).toBe(true);
    expect(unverifiedTokenUsable('connected', 'dropbox-error')).toBe(true);
    expect(unverifiedTokenUsable('connected', 'network-not-dropbox')).toBe(false);
    expect(unverifiedTokenUsable('expired', 'token-expired')).toBe(false);
    expect(unverifiedTokenUsable('offline', 'network-proxy-refused')).toBe(true);
    expect(unverifiedTokenUsable('offline', 'network-not-dropbox')).toBe(false);
    expect(unverifiedTokenUsable('revoked', 'token-revoked')).toBe(false);
  });
});
