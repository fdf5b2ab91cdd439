import { execFile } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DttError } from '../errors';
import { trackedWarning, unignoredWarning, type GitFix } from './git-guard-text';

// Before a token goes into a file, ask git whether that file would be committed. Only git
// itself knows (nested .gitignore files, global excludes, the index), so we ask it rather
// than parse ignore rules ourselves.

export { addToGitignore } from './git-guard-gitignore';
export type { GitFix } from './git-guard-text';

export type GitFileState = 'tracked' | 'untracked-unignored' | 'ignored' | 'not-a-repo' | 'no-git';

export interface GitVerdict {
  state: GitFileState;
  warning?: string;
  fix?: GitFix;
}

const GIT_TIMEOUT_MS = 5000;
// Inherited from a git hook or an IDE terminal, these would point git at another repository.
const REPO_LOCATION_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

class NoGit extends Error {}

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of REPO_LOCATION_VARS) delete env[name];
  return env;
}

function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', cwd, ...args],
      { env: gitEnv(), timeout: GIT_TIMEOUT_MS, windowsHide: true, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean };
        if (failure.code === 'ENOENT') return reject(new NoGit());
        if (failure.killed)
          return reject(
            new DttError(
              'internal',
              `git did not answer within ${GIT_TIMEOUT_MS / 1000} s; check the file is not committed, then sync again`,
            ),
          );
        if (typeof failure.code === 'number') return resolve({ code: failure.code, stdout, stderr });
        reject(new DttError('internal', `git could not be run (${String(failure.code ?? failure.message)})`));
      },
    );
  });
}

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

function failed(what: string, result: GitResult): DttError {
  const reason = result.stderr.trim().split('\n')[0] || `exit code ${result.code}`;
  return new DttError('internal', `git could not check ${what}: ${reason}`);
}

/**
 * What git would do with this file: tracked (a commit takes the token along), untracked and
 * not ignored (`git add .` would), ignored (safe), or no repository / no git at all.
 * Works for files that don't exist yet.
 */
/** Remembers each folder's repository lookup for the length of one sync (one git call a folder). */
export type GitCache = Map<string, Promise<{ top: GitResult; config: string[] }>>;

async function findRepo(cwd: string): Promise<{ top: GitResult; config: string[] }> {
  const top = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  // A repository owned by another account (sudo, a shared drive) makes git refuse to read
  // it. We only read, so allow it for this call, with the repository's fsmonitor hook off.
  if (top.code !== 0 && top.stderr.includes('dubious ownership')) {
    const config = ['-c', 'safe.directory=*', '-c', 'core.fsmonitor=false'];
    return { top: await runGit(cwd, [...config, 'rev-parse', '--show-toplevel']), config };
  }
  return { top, config: [] };
}

export async function gitVerdict(absFile: string, cache?: GitCache): Promise<GitVerdict> {
  const { cwd, realFile } = locate(path.resolve(absFile));
  try {
    let lookup = cache?.get(cwd);
    if (!lookup) {
      lookup = findRepo(cwd);
      cache?.set(cwd, lookup);
    }
    const { top, config } = await lookup;
    const root = top.stdout.trim();
    if (top.code !== 0 || !root) return { state: 'not-a-repo' };

    const realRoot = realpathSync(root);
    const rel = path.relative(realRoot, realFile);
    if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { state: 'not-a-repo' };
    const file = rel.split(path.sep).join('/');

    const listed = await runGit(realRoot, [...config, '--literal-pathspecs', 'ls-files', '-z', '--', file]);
    if (listed.code !== 0) throw failed(file, listed);
    if (listed.stdout.split('\0').includes(file)) return { state: 'tracked', ...trackedWarning(file) };

    const ignored = await runGit(realRoot, [...config, 'check-ignore', '-q', '--', file]);
    if (ignored.code === 0) return { state: 'ignored' };
    if (ignored.code === 1)
      return { state: 'untracked-unignored', ...unignoredWarning(file, path.join(realRoot, '.gitignore')) };
    throw failed(file, ignored);
  } catch (error) {
    if (error instanceof NoGit) return { state: 'no-git' };
    throw error;
  }
}

/** True when writing a token here could end up in a commit. */
export function isBlocking(v: GitVerdict): boolean {
  return v.state === 'tracked' || v.state === 'untracked-unignored';
}
