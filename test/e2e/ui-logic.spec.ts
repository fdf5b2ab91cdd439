import { describe, expect, it } from 'vitest';
import type { PublicStatus } from '../../electron/shared/state';
import { doctorReportText } from '../../renderer/src/lib/report-text';
import { validate } from '../../renderer/src/lib/settings-form';
import { initials, stateWords } from '../../renderer/src/lib/state-words';
import { formatDuration } from '../../renderer/src/lib/time';
import { tabsFor, visibleRoute } from '../../renderer/src/routes';

// The window's pure rules, without a browser.

const status = (over: Partial<PublicStatus> = {}): PublicStatus => ({
  state: 'connected',
  expiresSoon: false,
  account: { name: 'Dana Okafor', email: 'dana@example.com', accountId: 'dbid:1' },
  method: 'oauth',
  accessTokenExpiresAt: null,
  renewable: true,
  scopes: [],
  storage: 'GNOME Keyring',
  lastCheckedAt: null,
  problem: null,
  ...over,
});

describe('window rules', () => {
  it('rounds time left down, never promising more than there is', () => {
    expect(formatDuration(((3 * 60 + 12) * 60 + 59) * 1000)).toBe('3 h 12 min');
    expect(formatDuration(2 * 3600_000)).toBe('2 h');
    expect(formatDuration(45 * 60_000 + 30_000)).toBe('45 min');
    expect(formatDuration(59_000)).toBe('less than a minute');
  });

  it('follows the connection: connected screens need one, sign-in screens stay put', () => {
    expect(visibleRoute({ name: 'projects' }, false)).toEqual({ name: 'welcome' });
    expect(visibleRoute({ name: 'welcome' }, true)).toEqual({ name: 'home' });
    expect(visibleRoute({ name: 'welcome', error: { kind: 'port-busy' } }, true)).toEqual({
      name: 'home',
      error: { kind: 'port-busy' },
    });
    expect(visibleRoute({ name: 'settings' }, false)).toEqual({ name: 'settings' });
    expect(tabsFor(true).map((t) => t.label)).toEqual(['Home', 'Projects', 'Check', 'Settings']);
    expect(tabsFor(false).map((t) => t.label)).toEqual(['Connect', 'Check', 'Settings']);
  });

  it('names the state as the tray shows it', () => {
    expect(stateWords(status()).label).toBe('Connected');
    expect(stateWords(status({ expiresSoon: true })).label).toBe('Expiring soon');
    expect(stateWords(status({ state: 'offline' })).tone).toBe('warn');
    expect(stateWords(status({ state: 'revoked' })).label).toBe('Disconnected by Dropbox');
    expect(initials('Dana Okafor', 'x')).toBe('DO');
    expect(initials('', 'ada@example.com')).toBe('AD');
  });

  it('checks settings like main does and sends only what changed', () => {
    const saved = {
      appKey: 'abc123',
      redirectPort: 53682,
      redirectUri: 'http://127.0.0.1:53682/callback',
      checkIntervalMinutes: 15,
      startAtLogin: false,
      notifications: true,
      fromEnvironment: [] as Array<'appKey' | 'redirectPort'>,
    };
    const form = {
      appKey: 'abc123',
      redirectPort: '53682',
      checkIntervalMinutes: '15',
      startAtLogin: false,
      notifications: true,
    };
    expect(validate({ ...form, redirectPort: '80', checkIntervalMinutes: '1.5', appKey: 'a b' }, saved).errors).toEqual(
      {
        redirectPort: expect.any(String),
        checkIntervalMinutes: expect.any(String),
        appKey: expect.any(String),
      },
    );
    expect(validate({ ...form, checkIntervalMinutes: ' 30 ', notifications: false }, saved)).toEqual({
      errors: {},
      patch: { checkIntervalMinutes: 30, notifications: false },
    });
    // A port in use that the form would refuse (set by DTT_REDIRECT_PORT) is left alone when untouched.
    const fromEnv = { ...saved, redirectPort: 55000 };
    expect(validate({ ...form, redirectPort: '55000', notifications: false }, fromEnv)).toEqual({
      errors: {},
      patch: { notifications: false },
    });
  });

  it('redacts anything token-shaped from the report for IT', () => {
    const token = `sl.u.${'A'.repeat(1300)}`;
    const text = doctorReportText(
      {
        ok: false,
        checks: [
          {
            id: 'token-valid',
            label: 'Dropbox accepts the token',
            status: 'fail',
            detail: `rejected ${token}`,
            kind: 'token-invalid',
            fix: 'Paste a new one.',
          },
        ],
      },
      status(),
    );
    expect(text).not.toContain(token);
    expect(text).toContain('[FAIL] Dropbox accepts the token');
    expect(text).toContain('fix: Paste a new one.');
  });
});
