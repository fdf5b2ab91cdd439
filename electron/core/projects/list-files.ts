import { fdir } from 'fdir';
import path from 'node:path';
import { runSafeGit } from './safe-git';

// Every file of a project that could hold the token, without reading any. A repository is
// listed by git itself (tracked + untracked, then its ignored folders walked, since an ignored
// `.env` is exactly where a token belongs); any other folder is walked. Vendored and generated
// trees are never listed: they are not the project's own config.

export const SKIP_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  'site-packages',
  'vendor',
  'third_party',
  'dist',
  'build',
  '.tox',
  '.nox',
  '.cache',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.next',
  '.yarn',
]);

export interface FileList {
  /** Relative to the project, with `/` separators, sorted. */
  files: string[];
  /** The file or time budget ran out: some files were not listed. */
  truncated: boolean;
}

interface Budget {
  maxFiles: number;
  signal: AbortSignal;
}

/** True when some folder on the way to `rel` is one we never search. */
function inSkippedDir(rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (SKIP_DIRS.has(parts[i] as string)) return true;
  return false;
}

/** Walks a folder: no symlinked folder is followed (fdir reports a link as a file, never enters it). */
async function walk(root: string, budget: Budget): Promise<string[]> {
  const found = await new fdir()
    .withRelativePaths()
    .withMaxFiles(budget.maxFiles + 1)
    .withAbortSignal(budget.signal)
    .exclude((name) => SKIP_DIRS.has(name))
    .crawl(root)
    .withPromise();
  return path.sep === '/' ? found : found.map((f) => f.split(path.sep).join('/'));
}

const nulList = (stdout: string) => stdout.split('\0').filter((f) => f !== '');

const GITLINK_MODE = '160000';

/**
 * git's answer, or undefined when the folder isn't a repository git can read for us. Folders git
 * lists as one entry (ignored ones, a repository inside this one, a submodule) are walked.
 */
async function gitList(root: string, budget: Budget): Promise<string[] | undefined> {
  let tracked, untracked, ignored;
  try {
    [tracked, untracked, ignored] = await Promise.all([
      runSafeGit(root, ['ls-files', '-z', '--cached', '--stage']),
      runSafeGit(root, ['ls-files', '-z', '--others', '--exclude-standard']),
      runSafeGit(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']),
    ]);
  } catch {
    return undefined;
  }
  if (tracked.code !== 0 || untracked.code !== 0 || ignored.code !== 0) return undefined;
  const files: string[] = [];
  const folders: string[] = [];
  // `<mode> <object> <stage>\t<path>`
  for (const entry of nulList(tracked.stdout)) {
    const tab = entry.indexOf('\t');
    const file = entry.slice(tab + 1);
    if (entry.startsWith(GITLINK_MODE)) folders.push(`${file}/`);
    else files.push(file);
  }
  for (const entry of [...nulList(untracked.stdout), ...nulList(ignored.stdout)])
    (entry.endsWith('/') ? folders : files).push(entry);
  for (const folder of folders) {
    if (files.length > budget.maxFiles || budget.signal.aborted) break;
    if (inSkippedDir(folder) || SKIP_DIRS.has(folder.split('/').at(-2) as string)) continue;
    for (const f of await walk(path.join(root, folder), budget)) files.push(folder + f);
  }
  return files;
}

/** A virtualenv can have any name; pyvenv.cfg at its top gives it away. */
function withoutVirtualenvs(files: string[]): string[] {
  const venvs = files.filter((f) => f.endsWith('/pyvenv.cfg')).map((f) => f.slice(0, -'pyvenv.cfg'.length));
  if (venvs.length === 0) return files;
  return files.filter((f) => !venvs.some((v) => f.startsWith(v)));
}

export async function listProjectFiles(root: string, maxFiles: number, deadline: number): Promise<FileList> {
  const budget = { maxFiles, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) };
  const listed = (await gitList(root, budget)) ?? (await walk(root, budget));
  const files = withoutVirtualenvs([...new Set(listed)].filter((f) => !inSkippedDir(f))).sort();
  const truncated = listed.length > maxFiles || budget.signal.aborted;
  return { files: truncated ? files.slice(0, maxFiles) : files, truncated };
}
