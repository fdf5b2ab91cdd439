import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { runCli, useFakeDropbox } from '../support/cli';
import { findJargon } from '../support/jargon';

// What a sync into a file the disk won't take says in the terminal: plain words (no ENOSPC or
// EROFS outside --verbose), the command to run, and the same in `project list` / `status`.

const { pasted } = useFakeDropbox();

/** A tiny disk of its own (root only): lets a test fill it, or make it read-only. */
function tinyDisk(): string | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  if (r.status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
});
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const dir = tinyDisk();
  if (dir) spawnSync('umount', [dir]);
  mounts.length = 0;
  return dir !== undefined;
})();
if (!canMount)
  console.warn(
    '[cli-file-messages] skipping the full-disk and read-only disk tests: they mount a tiny tmpfs, which needs root with permission to mount',
  );

function plain(text: string): void {
  // "[dotenv]" in `project list` names the file's format, as the user chose it when adding.
  expect(findJargon(text.replace(/\[dotenv\b[^\]]*\]/g, '')), text).toEqual([]);
  expect(text, text).not.toMatch(/sync again/i);
}

async function addedProject(dir: string) {
  const { e } = await pasted();
  const added = await runCli(['project', 'add', dir, '--file', '.env', '--yes'], e.env);
  expect(added.code, added.stdout + added.stderr).toBe(0);
  return e;
}

async function expectPlainEverywhere(env: NodeJS.ProcessEnv, dir: string, code: RegExp): Promise<string> {
  const sync = await runCli(['sync', dir], env);
  const text = sync.stdout + sync.stderr;
  expect(sync.code, text).not.toBe(0);
  plain(text);
  expect(text).toMatch(/What to do: .*`dropbox-token-tray sync /);
  const verbose = await runCli(['sync', dir, '--verbose'], env);
  expect(verbose.stdout + verbose.stderr).toMatch(code);
  for (const args of [['project', 'list'], ['status']]) {
    const r = await runCli(args, env);
    plain(r.stdout + r.stderr);
  }
  return text;
}

describeWithKeyring('CLI file failure messages', () => {
  it('a vanished project folder: plain words, the command to run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-gone-'));
    const e = await addedProject(dir);
    rmSync(dir, { recursive: true, force: true });
    const sync = await runCli(['sync', dir], e.env);
    const text = sync.stdout + sync.stderr;
    expect(sync.code, text).not.toBe(0);
    plain(text);
    expect(text).toMatch(/What to do: .*`dropbox-token-tray project (add|remove) /);
    for (const args of [['project', 'list'], ['status']]) {
      const r = await runCli(args, e.env);
      plain(r.stdout + r.stderr);
      expect(r.stdout, args.join(' ')).toMatch(/`dropbox-token-tray project (add|remove) /);
    }
  });

  it.skipIf(!canMount)('a full disk: says the disk is full, the code only with --verbose', async () => {
    const dir = path.join(tinyDisk()!, 'project');
    mkdirSync(dir);
    const e = await addedProject(dir);
    writeFileSync(path.join(path.dirname(dir), 'filler'), Buffer.alloc(60 * 1024));
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(path.dirname(dir), 'rest')}`, 'bs=1k', 'count=64'], {
      stdio: 'ignore',
    });
    const text = await expectPlainEverywhere(e.env, dir, /ENOSPC/);
    expect(text).toMatch(/disk is full/);
  });

  it.skipIf(!canMount)('a read-only file system: says read-only, the code only with --verbose', async () => {
    const disk = tinyDisk()!;
    const dir = path.join(disk, 'project');
    mkdirSync(dir);
    const e = await addedProject(dir);
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const text = await expectPlainEverywhere(e.env, dir, /EROFS/);
    expect(text).toMatch(/read-only/);
  });
});
