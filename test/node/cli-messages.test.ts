import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { runCli, useFakeDropbox } from '../support/cli';
import { findJargon } from '../support/jargon';

// The terminal's failure messages follow the catalog's rules: plain words, each said once, no
// "..", and advice that names a command (never a window button).

const { fake, newEnv } = useFakeDropbox();

function checkMessage(text: string): void {
  expect(findJargon(text), text).toEqual([]);
  expect(text, text).not.toMatch(/\.\./);
  const lines = text
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  expect(new Set(lines).size, text).toBe(lines.length);
  expect(text).not.toMatch(/\bClick\b|in Settings/);
  // "Error: Nothing was pasted — nothing was pasted."
  expect(text).not.toMatch(/(\b[\w ]{8,}) — \1/i);
}

describeWithKeyring('CLI failure messages', () => {
  it('not connected, bad paste, unknown project: plain, once, with the command', async () => {
    const e = await newEnv();
    const cases: Array<[string[], string]> = [
      [['status'], ''],
      [['token'], ''],
      [['paste'], ''],
      [['paste'], 'hello there'],
      [['paste'], 'sl.short'],
      [['sync', path.join(os.tmpdir(), 'dtt-nowhere-xyz')], ''],
      [['project', 'remove', path.join(os.tmpdir(), 'dtt-nowhere-xyz')], ''],
    ];
    for (const [args, input] of cases) {
      const r = await runCli(args, e.env, input);
      const text = `${r.stdout}${r.stderr}`;
      expect(r.code, `${args.join(' ')}: ${text}`).not.toBe(0);
      checkMessage(text);
      expect(text, args.join(' ')).toMatch(/dropbox-token-tray [a-z]/);
    }
  });

  it('undo with nothing to undo is not an error: exit 0, no "Error:", said once', async () => {
    const e = await newEnv();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-engine-'));
    expect((await runCli(['paste'], e.env, fake.mintAppConsoleToken())).code).toBe(0);
    const added = await runCli(['project', 'add', dir, '--file', '.env', '--yes'], e.env);
    expect(added.code, added.stderr).toBe(0);
    const r = await runCli(['undo', dir], e.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Error:');
    expect(r.stdout).toMatch(/^Nothing to undo/);
    checkMessage(r.stdout);
  });

  it('a damaged settings file: named, left as it is, and the way out; what the parser said only with --verbose', async () => {
    const e = await newEnv();
    const file = path.join(e.env.DTT_CONFIG_DIR!, 'config.json');
    const damaged = '{"connection": null, "projects": [\n';
    writeFileSync(file, damaged);
    for (const args of [['status'], ['sync'], ['project', 'list']]) {
      const r = await runCli(args, e.env);
      expect(r.code, args.join(' ')).toBe(1);
      checkMessage(r.stderr);
      expect(r.stderr).toContain("Error: The app's settings file can't be read");
      expect(r.stderr).toContain(file);
      expect(r.stderr).not.toMatch(/unexpected problem|not valid JSON|Unexpected end/i);
      expect(r.stderr).toMatch(/dropbox-token-tray connect/);
    }
    const verbose = await runCli(['--verbose', 'status'], e.env);
    expect(verbose.stderr).toMatch(/More info: .*JSON/);
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });
});
