import { describe, expect, it } from 'vitest';
import { validate } from './settings-form';

// The window's pure rules, without a browser.

describe('window rules: settings form', () => {
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
});
