import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBin } from '../support/cli';

// The settings file as something odd sits in its place: a named pipe (a read would wait for a
// writer forever), a folder, a link to a pipe, or JSON the settings store refuses. `status --json`
// is answered by the entry's quick reader (quick-status.ts) and `--verbose status --json` goes
// through commander: each must answer at once, both the same, and the file stays as it was.

const mkfifo = (file: string) => spawnSync('mkfifo', [file]).status === 0;
const canMakeFifo = process.platform !== 'win32' && mkfifo(path.join(mkdtempSync(path.join(os.tmpdir(), 'f-')), 'p'));

function run(configDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cliBin, ...args], {
    env: { ...process.env, DTT_CONFIG_DIR: configDir, DEBUG: '' },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { hung: r.error !== undefined || r.signal !== null, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the file is (type, mode and bytes), to see that nothing changed it. */
function shape(file: string): string {
  const info = lstatSync(file);
  const bytes = info.isFile() ? readFileSync(file, 'utf8') : '';
  return `${info.mode.toString(8)} ${bytes}`;
}

function expectSameAnswers(configDir: string): ReturnType<typeof run> {
  const quick = run(configDir, 'status', '--json');
  const full = run(configDir, '--verbose', 'status', '--json');
  const plain = run(configDir, 'status');
  expect(quick.hung, 'status --json hung').toBe(false);
  expect(full.hung, '--verbose status --json hung').toBe(false);
  expect(plain.hung, 'status hung').toBe(false);
  expect(quick.stdout).toBe(full.stdout);
  expect(quick.code).toBe(full.code);
  // The same message; only the last line differs (--verbose gives the technical details).
  const message = (text: string) => text.split('\n').slice(0, 3).join('\n');
  expect(message(quick.stderr)).toBe(message(full.stderr));
  return quick;
}

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'dtt-settings-odd-'));

describe('an odd settings file: answered at once, the same by both ways, and left as it is', () => {
  it.runIf(canMakeFifo)('a named pipe', () => {
    const d = dir();
    const file = path.join(d, 'config.json');
    mkfifo(file);
    const before = shape(file);
    expect(expectSameAnswers(d).stderr).toContain("settings file can't be read");
    expect(shape(file)).toBe(before);
  });

  it.runIf(canMakeFifo)('a link to a named pipe', () => {
    const d = dir();
    mkfifo(path.join(d, 'pipe'));
    symlinkSync(path.join(d, 'pipe'), path.join(d, 'config.json'));
    expect(expectSameAnswers(d).stderr).toContain("settings file can't be read");
  });

  it('a link that points to itself', () => {
    const d = dir();
    symlinkSync('config.json', path.join(d, 'config.json'));
    expect(expectSameAnswers(d).stderr).toContain("settings file can't be read");
  });

  it('a folder', () => {
    const d = dir();
    const file = path.join(d, 'config.json');
    mkdirSync(file, { mode: 0o755 });
    const before = shape(file);
    expect(expectSameAnswers(d).stderr).toContain("settings file can't be read");
    expect(shape(file)).toBe(before);
  });

  for (const [name, text] of [
    ['a port that is not a number', '{"redirectPort": "abc"}'],
    ['a port out of range', '{"redirectPort": 99999}'],
    ['an array', '[{"connection": {"account": "x"}}]'],
    ['a project whose folder is not text', '{"projects": [{"path": 5, "targets": []}]}'],
    ['a project file without a name', '{"projects": [{"path": "/srv/p", "targets": [{"format": "dotenv"}]}]}'],
  ] as const) {
    it(`JSON the settings store refuses: ${name}`, () => {
      const d = dir();
      const file = path.join(d, 'config.json');
      writeFileSync(file, text, { mode: 0o600 });
      expect(expectSameAnswers(d).stderr).toContain("settings file can't be read");
      // A command that would write settings refuses too, and leaves the file as it was.
      const set = run(d, 'config', 'notifications', 'off');
      expect(set.hung).toBe(false);
      expect(set.stderr).toContain("settings file can't be read");
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  }

  it('a plain file with nothing connected is still answered as disconnected (the quick way works)', () => {
    const d = dir();
    writeFileSync(path.join(d, 'config.json'), '{"appKey": "abc123", "connection": null, "projects": []}', {
      mode: 0o600,
    });
    expect(JSON.parse(expectSameAnswers(d).stdout)).toMatchObject({ state: 'disconnected' });
  });
});
