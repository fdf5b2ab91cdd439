import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli';

/** A temp copy of the guide's training-engine layout (settings.py + daily_retrain.py). */
export function engineProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-engine-'));
  cpSync(path.join(repoRoot, 'test/fixtures/engine'), dir, { recursive: true });
  return dir;
}

export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-proj-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A real git repository with isolated config (the developer's global config is never read). */
export function gitInit(dir: string): void {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  git('add', '-A');
  git('commit', '-qm', 'initial', '--allow-empty');
}

export function pythonParses(file: string): boolean {
  try {
    execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Git with isolated config, as the tests run it on a user's folder (never the developer's own). */
export function git(dir: string, ...args: string[]): string {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: 'pipe' });
}

/**
 * The guide's engine as staff really have it: a clone (from a bare origin) with both Python
 * files committed, in a folder with a name people use (`…/training-engine`), inside `parent`
 * when given (the clone's parent folders are made), else beside its origin in a temp folder.
 * `upstream` is the clone the files were first pushed from.
 */
export function engineRepo(
  name = 'training-engine',
  parent?: string,
): { dir: string; origin: string; upstream: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'dtt-repo-'));
  const origin = path.join(base, 'origin.git');
  const upstream = path.join(base, 'upstream');
  git(base, 'init', '-q', '--bare', origin);
  git(base, 'clone', '-q', origin, upstream);
  cpSync(path.join(repoRoot, 'test/fixtures/engine'), upstream, { recursive: true });
  git(upstream, 'config', 'user.email', 'staff@example.com');
  git(upstream, 'config', 'user.name', 'Staff');
  git(upstream, 'add', '-A');
  git(upstream, 'commit', '-qm', 'engine');
  git(upstream, 'push', '-q', 'origin', 'HEAD:main');
  const dir = path.join(parent ?? base, name);
  git(base, 'clone', '-q', '--branch', 'main', origin, dir);
  return { dir, origin, upstream };
}
