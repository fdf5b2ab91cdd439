import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
    // Opening no longer writes the defaults, so the file may not exist yet.
    expect(existsSync(settings.file) && readFileSync(settings.file, 'utf8').includes(token)).toBe(false);
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

const mode = (p: string) => statSync(p).mode & 0o777;
const worker = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/support/settings-worker.ts');

describe('settings privacy and concurrency', () => {
  it('keeps the folder 0700 and the file 0600, fixing looser ones on open', () => {
    const env = tempEnv();
    const fresh = { DTT_CONFIG_DIR: path.join(env.DTT_CONFIG_DIR, 'new', 'Dropbox Token Tray') };
    const created = openSettings(fresh);
    created.set('appKey', 'abc');
    expect(mode(created.dir)).toBe(0o700);
    expect(mode(created.file)).toBe(0o600);

    chmodSync(env.DTT_CONFIG_DIR, 0o755);
    writeFileSync(path.join(env.DTT_CONFIG_DIR, 'config.json'), '{}', { mode: 0o644 });
    chmodSync(path.join(env.DTT_CONFIG_DIR, 'config.json'), 0o644);
    const settings = openSettings(env);
    expect(mode(settings.dir)).toBe(0o700);
    expect(mode(settings.file)).toBe(0o600);
    settings.set('appKey', 'abc');
    expect(mode(settings.file)).toBe(0o600);
  });

  it('loses no update when two processes update at the same time', async () => {
    const env = tempEnv();
    mkdirSync(env.DTT_CONFIG_DIR, { recursive: true });
    const run = promisify(execFile);
    const count = 40;
    await Promise.all(
      ['a', 'b'].map((tag) =>
        run(process.execPath, ['--import', 'tsx', worker, tag, String(count)], {
          env: { ...process.env, ...env },
        }),
      ),
    );
    const names = openSettings(env)
      .get('projects')
      .map((p) => p.name)
      .sort();
    const expected = ['a', 'b'].flatMap((t) => Array.from({ length: count }, (_, i) => `${t}-${i}`)).sort();
    expect(names).toEqual(expected);
  }, 60_000);

  it('takes over a settings lock left by a process that died holding it', () => {
    const env = tempEnv();
    const locks = path.join(env.DTT_CONFIG_DIR, 'locks');
    mkdirSync(locks, { recursive: true });
    // A pid that can't be alive, on this host: what kill -9 in the middle of a write leaves.
    writeFileSync(path.join(locks, 'settings.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname() }));
    const started = Date.now();
    openSettings(env).set('appKey', 'aftercrash');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(openSettings(env).get('appKey')).toBe('aftercrash');
  });

  it('sees a change another process wrote before modifying', () => {
    const env = tempEnv();
    const mine = openSettings(env);
    const theirs = openSettings(env);
    theirs.set('appKey', 'theirs');
    mine.update('projects', (all) => [...all, { path: '/tmp/p', name: 'p', keepInSync: false, targets: [] }]);
    const after = openSettings(env);
    expect(after.get('appKey')).toBe('theirs');
    expect(after.get('projects')).toHaveLength(1);
  });
});
