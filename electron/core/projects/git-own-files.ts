import { lstat, mkdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../errors';
import { atomicWrite } from './files';
import type { GitRun } from './keep-out-of-git';

// The files of a clone's git folder that "keep it out of git" writes: info/attributes,
// info/exclude, and config (through `git config`). A downloaded project's .git is as untrusted as
// the rest of it: any of these can be a link to one of the user's own files (~/.bashrc,
// ~/.gitconfig), or info/ a link to one of their folders, and a plain write follows the link. So
// each is checked to be the git folder's own, and written whole (temp + rename): a link or a
// folder elsewhere is refused, and a failed write leaves the old file as it was.

const refused = (file: string, why: string) =>
  new DttError('keep-out-failed', `${file} ${why}, so nothing was changed there; remove it and sync again`);

const orNull = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });

/** Where git keeps `name` (e.g. 'info/exclude') for this clone, once it is safe to write there. */
export async function gitOwnFile(repoRoot: string, name: string, git: GitRun): Promise<string> {
  const [where, common] = await Promise.all([
    git(repoRoot, ['rev-parse', '--git-path', name]),
    git(repoRoot, ['rev-parse', '--git-common-dir']),
  ]);
  if (where.code !== 0 || common.code !== 0)
    throw new DttError('keep-out-failed', `git could not name its ${name}: ${(where.stderr || common.stderr).trim()}`);
  const file = path.resolve(repoRoot, where.stdout.trim());
  const gitDir = await realpath(path.resolve(repoRoot, common.stdout.trim()));
  const folder = await orNull(realpath(path.dirname(file)));
  if (folder !== null && folder !== path.join(gitDir, path.dirname(name)))
    throw refused(path.dirname(file), `is a link to ${folder}, outside the repository's git folder`);
  const info = await orNull(lstat(file));
  if (info?.isSymbolicLink()) throw refused(file, 'is a link to another file');
  if (info && !info.isFile()) throw refused(file, 'is not a plain file');
  return file;
}

/** The file's text, or '' when there is none yet. */
export async function readGitFile(file: string): Promise<string> {
  return (await orNull(readFile(file, 'utf8'))) ?? '';
}

/** Replaces a file gitOwnFile named, all at once. */
export async function writeGitFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await atomicWrite(file, text, { label: file });
}
