import { describe, expect, it } from 'vitest';
import { stateAfterProblem } from './state-rules';

describe('stateAfterProblem', () => {
  it.each([
    ['token-revoked', 'revoked'],
    ['token-expired', 'expired'],
    ['network-offline', 'offline'],
    ['rate-limited', 'offline'],
    ['dropbox-unavailable', 'offline'],
    ['not-connected', 'disconnected'],
  ] as const)('%s → %s', (kind, state) => {
    expect(stateAfterProblem(kind, 'connected')).toBe(state);
  });
  it('never calls network trouble a revocation', () => {
    for (const kind of ['network-offline', 'rate-limited', 'dropbox-unavailable'] as const) {
      expect(stateAfterProblem(kind, 'connected')).not.toBe('revoked');
    }
  });
  it('keeps the state for problems that say nothing about the credential', () => {
    expect(stateAfterProblem('keychain-locked', 'connected')).toBe('connected');
    expect(stateAfterProblem('dropbox-error', 'offline')).toBe('offline');
  });
});
