import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

// A downloaded project's folder name can hold a line break, terminal escapes (ESC ] 0 ; … BEL
// retitles the window), a right-to-left override (U+202E shows "evil‮gpj" backwards) or an
// invisible space. Whatever the CLI prints about it, the next-step commands too, shows each one
// as an escape: nothing it prints can fake a line, move the cursor or make a name look like another.

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('project folders with hostile names, printed by the CLI', () => {
  it('project add and project list (its "To update it, run …" command too) print no raw control characters', async () => {
    const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-names-')));
    const dir = path.join(base, 'evil\u202egpj.\nFake: line\u001b]0;title\u0007x\u200b');
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    const env = { ...process.env, DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-names-config-')) };
    const added = await runCli(['project', 'add', dir, '--yes'], env);
    expect(added.code, added.stderr).toBe(0);
    const listed = await runCli(['project', 'list'], env);
    expect(listed.code, listed.stderr).toBe(0);
    for (const out of [added.stdout, added.stderr, listed.stdout, listed.stderr]) {
      expect(out).not.toMatch(RAW);
      // Each printed line is one line of ours: the folder's line break did not start another.
      expect(out).not.toMatch(/^Fake: line/m);
    }
    // …and the command it suggests still names that very folder, in the shells staff use.
    const quoted = /dropbox-token-tray sync (.+)`\.$/m.exec(listed.stdout)?.[1];
    expect(quoted).toBeDefined();
    for (const shell of ['bash', 'zsh'].filter((s) => spawnSync(s, ['-c', 'true']).status === 0))
      expect(spawnSync(shell, ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }).stdout, shell).toBe(dir);
  });
});
