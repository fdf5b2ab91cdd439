import { describe, expect, it } from 'vitest';
import { validate } from './settings-form';
import { SAVED_FORM, SAVED_SETTINGS } from './settings-form.fixture';

// The window's pure rules, without a browser.

describe('window rules: settings form', () => {
  it('checks settings like main does and sends only what changed', () => {
    const saved = SAVED_SETTINGS;
    const form = SAVED_FORM;
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
