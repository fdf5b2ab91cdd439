import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ErrorKind } from '../../shared/error-catalog';
import { GitNoAnswer, GitNotFound, runSafeGit, type GitResult } from './safe-git';
import { trackedWarning, unignoredWarning, unknownWarning, type GitFix } from './git-guard-text';

// Before a token goes into a file, ask git whether that file would be committed. Only git
// itself knows (nested .gitignore files, global excludes, the index), so we ask it rather
// than parse ignore rules ourselves. When git can't answer inside a repository, the answer is
// "unknown", and unknown blocks like tracked: the guard fails closed, never open.

export { addToGitignore } from './git-guard-gitignore';
export type { GitFix } from './git-guard-text';

export type GitFileState = 'tracked' | 'untracked-unignored' | 'ignored' | 'not-a-repo' | 'no-git' | 'unknown';

export interface GitVerdict {
  state: GitFileState;
  warning?: string;
  fix?: GitFix;
}

/** git answered, but not with an answer (unreadable repository, unexpected exit). */
class GitCantRead extends Error {}

/** The deepest existing folder on the way to the file (git -C needs one) and the file's real path. */
function locate(absFile: string): { cwd: string; realFile: string } {
  const missing: string[] = [path.basename(absFile)];
  let dir = path.dirname(absFile);
  for (;;) {
    try {
      if (statSync(dir).isDirectory()) return { cwd: dir, realFile: path.join(realpathSync(dir), ...missing) };
    } catch {
      // keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { cwd: dir, realFile: absFile };
    missing.unshift(path.basename(dir));
    dir = parent;
  }
}

/** The nearest folder at or above `dir` holding a `.git` (folder or file), as git would look. */
function dotGitRoot(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** git's first complaint, in one short line without its "fatal:" prefix. */
function complaint(result: GitResult): string {
  const text = result.stderr
    .split('\n')
    .filter((l) => !/^warning:/i.test(l))
    .join(' ')
    .replace(/\b(fatal|error):\s*/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (text || `git stopped with exit code ${result.code}`).slice(0, 200);
}

/** Remembers each folder's repository lookup for the length of one sync (one git call a folder). */
export type GitCache = Map<string, Promise<{ top: GitResult; otherOwner: boolean }>>;

async function findRepo(cwd: string): Promise<{ top: GitResult; otherOwner: boolean }> {
  const top = await runSafeGit(cwd, ['rev-parse', '--show-toplevel']);
  // A repository owned by another account (sudo, a shared drive) makes git refuse to read it.
  // Nothing of the repository can run under safe-git, so reading it anyway is safe.
  if (top.code !== 0 && top.stderr.includes('dubious ownership')) {
    return { top: await runSafeGit(cwd, ['rev-parse', '--show-toplevel'], { otherOwner: true }), otherOwner: true };
  }
  return { top, otherOwner: false };
}

async function ask(cwd: string, realFile: string, cache?: GitCache): Promise<GitVerdict> {
  let lookup = cache?.get(cwd);
  if (!lookup) {
    lookup = findRepo(cwd);
    cache?.set(cwd, lookup);
  }
  const { top, otherOwner } = await lookup;
  const root = top.stdout.trim();
  if (top.code !== 0 || !root) {
    // "Not a repository" is only believable where no .git is in sight; otherwise git failed
    // to read one (a newer format, a broken .git file) and we can't tell.
    if (dotGitRoot(cwd) === null) return { state: 'not-a-repo' };
    throw new GitCantRead(complaint(top));
  }

  const realRoot = realpathSync(root);
  const rel = path.relative(realRoot, realFile);
  if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { state: 'not-a-repo' };
  const file = rel.split(path.sep).join('/');

  const listed = await runSafeGit(realRoot, ['--literal-pathspecs', 'ls-files', '-z', '--', file], { otherOwner });
  if (listed.code !== 0) throw new GitCantRead(complaint(listed));
  if (listed.stdout.split('\0').includes(file)) return { state: 'tracked', ...trackedWarning(file) };

  const ignored = await runSafeGit(realRoot, ['check-ignore', '-q', '--', file], { otherOwner });
  if (ignored.code === 0) return { state: 'ignored' };
  if (ignored.code === 1)
    return { state: 'untracked-unignored', ...unignoredWarning(file, path.join(realRoot, '.gitignore')) };
  throw new GitCantRead(complaint(ignored));
}

/** Why git gave no answer, in plain words. */
function reasonFor(error: unknown): string {
  if (error instanceof GitNotFound) return 'git is not installed on this computer, and the folder is a git repository';
  if (error instanceof GitNoAnswer) return error.reason;
  if (error instanceof GitCantRead) return `git could not read the repository (${error.message})`;
  return `git could not be asked (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * What git would do with this file: tracked (a commit takes the token along), untracked and
 * not ignored (`git add .` would), ignored (safe), no repository / no git at all, or unknown
 * (git could not answer inside a repository). Works for files that don't exist yet. Never throws.
 */
export async function gitVerdict(absFile: string, cache?: GitCache): Promise<GitVerdict> {
  const { cwd, realFile } = locate(path.resolve(absFile));
  try {
    return await ask(cwd, realFile, cache);
  } catch (error) {
    const repo = dotGitRoot(cwd);
    if (error instanceof GitNotFound && repo === null) return { state: 'no-git' };
    const base = repo ? safeRealpath(repo) : path.dirname(realFile);
    const file = path.relative(base, realFile).split(path.sep).join('/') || path.basename(realFile);
    return { state: 'unknown', ...unknownWarning(file, reasonFor(error)) };
  }
}

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** True when writing a token here could end up in a commit, or we can't tell whether it would. */
export function isBlocking(v: GitVerdict): boolean {
  return v.state === 'tracked' || v.state === 'untracked-unignored' || v.state === 'unknown';
}

/** The error kind a blocked write is reported with. */
export function blockedKind(v: GitVerdict): ErrorKind {
  return v.state === 'unknown' ? 'file-git-unknown' : 'file-tracked';
}
