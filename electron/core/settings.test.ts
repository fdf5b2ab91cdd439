import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { openSettings, type StoreOptions } from './settings';

const tempEnv = () => ({ DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-set-')) });

describe('settings', () => {
  it('opens <userData>/config.json with the options electron-store takes', () => {
    const env = tempEnv();
    let seen: StoreOptions | undefined;
    const settings = openSettings(env, (o) => {
      seen = o;
      return new Conf({
        cwd: o.cwd,
        configName: o.name,
        projectName: 'x',
        defaults: o.defaults,
        schema: o.schema as never,
      });
    });
    expect(seen).toMatchObject({ cwd: env.DTT_CONFIG_DIR, name: 'config', clearInvalidConfig: false });
    expect(settings.file).toBe(path.join(env.DTT_CONFIG_DIR, 'config.json'));
  });

  it('refuses to write anything token-shaped into the file', () => {
    const settings = openSettings(tempEnv());
    const token = `sl.u.${'A'.repeat(60)}`;
    expect(() => settings.set('appKey', token)).toThrow(/refused to write a token/);
    expect(readFileSync(settings.file, 'utf8').includes(token)).toBe(false);
  });

  it('rejects values outside the schema', () => {
    const settings = openSettings(tempEnv());
    expect(() => settings.set('redirectPort', 80)).toThrow();
    expect(settings.redirectPort()).toBe(17345);
  });

  it('lets DTT_APP_KEY and DTT_REDIRECT_PORT win', () => {
    const env = { ...tempEnv(), DTT_APP_KEY: ' envkey ', DTT_REDIRECT_PORT: '23456' };
    const settings = openSettings(env);
    settings.set('appKey', 'stored');
    expect(settings.appKey()).toBe('envkey');
    expect(settings.redirectPort()).toBe(23456);
    expect(settings.fromEnvironment()).toEqual(['appKey', 'redirectPort']);
    expect(openSettings(tempEnv()).fromEnvironment()).toEqual([]);
  });
});
