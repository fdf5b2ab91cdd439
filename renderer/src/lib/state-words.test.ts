import { describe, expect, it } from 'vitest';
import { statusOf as status } from '../../../test/support/statuses';
import { initials, stateWords } from './state-words';

// The window's pure rules, without a browser.

describe('window rules: state words', () => {
  it('names the state as the tray shows it', () => {
    expect(stateWords(status()).label).toBe('Connected');
    expect(stateWords(status({ expiresSoon: true })).label).toBe('Expiring soon');
    expect(stateWords(status({ state: 'offline' })).tone).toBe('warn');
    expect(stateWords(status({ state: 'revoked' })).label).toBe('Disconnected by Dropbox');
    expect(initials('Dana Okafor', 'x')).toBe('DO');
    expect(initials('', 'ada@example.com')).toBe('AD');
  });
});
