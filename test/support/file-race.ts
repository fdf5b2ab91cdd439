import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Projects } from '../../electron/core/projects/projects';
import { openSettings } from '../../electron/core/settings';

// In-process projects on real files with a throwaway settings folder, and an attacker that runs
// in its own process so its swaps really interleave with the sync's system calls.

const made: string[] = [];

export function tempDir(prefix = 'dtt-race-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const mintToken = () =>
  `sl.u.${Buffer.from(Array.from({ length: 90 }, () => Math.random() * 256)).toString('base64url')}`;

export function projectsFor(values: { accessToken: string; refreshToken?: string; appKey?: string }): {
  projects: Projects;
  configDir: string;
} {
  const configDir = tempDir('dtt-cfg-');
  const settings = openSettings({ DTT_CONFIG_DIR: configDir, DTT_CACHE_DIR: `${configDir}/cache` });
  return { projects: new Projects(settings, { values: async () => values }), configDir };
}

const ATTACKER = `
const fs = require('node:fs');
const [mode, a, b, ms] = process.argv.slice(1);
const end = Date.now() + Number(ms);
let swaps = 0;
while (Date.now() < end) {
  try {
    if (mode === 'file') {
      // a = the target path, b = the outside file: swap the real file for a link and back.
      fs.renameSync(a, a + '.real');
      fs.symlinkSync(b, a);
      for (let i = 0; i < 200; i++);
      fs.unlinkSync(a);
      fs.renameSync(a + '.real', a);
    } else if (mode === 'new') {
      // the target does not exist: a link appears and disappears.
      fs.symlinkSync(b, a);
      for (let i = 0; i < 200; i++);
      fs.unlinkSync(a);
    } else {
      // a = a folder inside the project, b = an outside folder.
      fs.renameSync(a, a + '.real');
      fs.symlinkSync(b, a);
      for (let i = 0; i < 200; i++);
      fs.unlinkSync(a);
      fs.renameSync(a + '.real', a);
    }
    swaps++;
  } catch {
    // a sync's rename can land between our steps; put things back and go on
    try { if (fs.lstatSync(a).isSymbolicLink()) fs.unlinkSync(a); } catch {}
    try { fs.renameSync(a + '.real', a); } catch {}
  }
}
try { if (fs.lstatSync(a).isSymbolicLink()) fs.unlinkSync(a); } catch {}
try { fs.renameSync(a + '.real', a); } catch {}
console.log(swaps);
`;

/** Swaps `a` for a link to `b` (and back) for `ms`; resolves with the number of swaps. */
export function attacker(mode: 'file' | 'new' | 'dir', a: string, b: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ATTACKER, mode, a, b, String(ms)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(Number(out.trim())));
  });
}

/** Every file under `dir` (links not followed) whose bytes contain `needle`. */
export function filesHolding(dir: string, needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesHolding(full, needle));
    else if (entry.isFile() && readFileSync(full).includes(needle)) found.push(full);
  }
  return found;
}

export const modeOf = (p: string) => statSync(p).mode & 0o777;

export const isRoot = process.getuid?.() === 0;

/** Deletes the throwaway user and its groups (see throwawayUser). */
export function removeThrowawayUser(): void {
  if (!isRoot) return;
  const name = `dtt${process.pid % 100000}`;
  spawnSync('userdel', [name]);
  spawnSync('groupdel', [`${name}x`]);
  spawnSync('groupdel', [name]);
}

/** A throwaway system user and group for ownership tests (root only); a reason string otherwise. */
export function throwawayUser(): { uid: number; gid: number; name: string } | string {
  if (!isRoot) return 'not running as root, so no throwaway user can be made';
  const name = `dtt${process.pid % 100000}`;
  spawnSync('groupadd', ['-f', name]);
  const add = spawnSync('useradd', ['-M', '-N', '-g', name, '-s', '/usr/sbin/nologin', name], { encoding: 'utf8' });
  if (add.status !== 0 && !/already exists/.test(add.stderr)) return `useradd failed: ${add.stderr.trim()}`;
  const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g'), name };
}

export function writeScript(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
