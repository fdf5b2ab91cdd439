import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettings } from '../core/settings';
import { REQUEST_SCHEMAS } from './ipc-contract';
import { SETTING_MESSAGES, settingProblem } from './settings-rules';
import { validate } from '../../renderer/src/lib/settings-form';
import { SAVED_FORM, SAVED_SETTINGS } from '../../renderer/src/lib/settings-form.fixture';

// One rule, four users: the settings store, the IPC contract, the window's form (and the CLI's
// config, in test/node/cli-conventions.test.ts) refuse the same values with the same words.

const CASES = [
  ['appKey', 'bad key!', SETTING_MESSAGES.appKey],
  ['appKey', 'a'.repeat(65), SETTING_MESSAGES.appKeyLength],
  ['redirectPort', 80, SETTING_MESSAGES.redirectPort],
  ['redirectPort', 65536, SETTING_MESSAGES.redirectPort],
  ['redirectPort', 2000.5, SETTING_MESSAGES.redirectPort],
  ['checkIntervalMinutes', 0, SETTING_MESSAGES.checkIntervalMinutes],
  ['checkIntervalMinutes', 1441, SETTING_MESSAGES.checkIntervalMinutes],
  ['notifications', 'yes', SETTING_MESSAGES.onOff],
  ['startAtLogin', 1, SETTING_MESSAGES.onOff],
] as const;

const saved = SAVED_SETTINGS;
const form = SAVED_FORM;

describe('settings rules', () => {
  it.each(CASES)('%s = %j is refused with the same words everywhere', (name, value, message) => {
    expect(settingProblem(name, value)).toBe(message);
    const ipc = REQUEST_SCHEMAS['dtt:settings-set'].safeParse({ [name]: value });
    expect(ipc.success).toBe(false);
    expect(ipc.error?.issues[0]?.message).toBe(message);
    const settings = openSettings({ DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-rules-')) });
    expect(() => settings.set(name, value as never)).toThrow(message.replace(/\.$/, ''));
    expect(settings.has(name)).toBe(false);
    if (name === 'appKey' || name === 'redirectPort' || name === 'checkIntervalMinutes')
      expect(validate({ ...form, [name]: String(value) }, saved).errors[name]).toBe(message);
  });

  it('accepts the edges of each range, and an empty app key (not set)', () => {
    for (const [name, value] of [
      ['appKey', ''],
      ['appKey', 'a'.repeat(64)],
      ['redirectPort', 1024],
      ['redirectPort', 65535],
      ['checkIntervalMinutes', 1],
      ['checkIntervalMinutes', 1440],
    ] as const) {
      expect(settingProblem(name, value)).toBeNull();
      expect(REQUEST_SCHEMAS['dtt:settings-set'].safeParse({ [name]: value }).success).toBe(true);
    }
    const settings = openSettings({ DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-rules-')) });
    settings.set('redirectPort', 65535);
    expect(JSON.parse(readFileSync(settings.file, 'utf8'))).toMatchObject({ redirectPort: 65535 });
  });

  it('the IPC request allows only the user settings', () => {
    expect(REQUEST_SCHEMAS['dtt:settings-set'].safeParse({ connection: null }).success).toBe(false);
  });
});
