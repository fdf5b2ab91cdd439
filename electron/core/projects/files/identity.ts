import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { DttError } from '../../errors';
import { errnoCode } from './fs-errors';

// Node has no openat/renameat, so a path can be swapped for a link between any two calls.
// We pin what we saw (the folder's real path and device+inode, the file's device+inode) and
// look again right before each step that writes; a difference means someone moved things
// under us, and nothing is written.

export interface FileIdentity {
  dev: number;
  ino: number;
  mtimeMs: number;
}

export interface FolderIdentity {
  /** realpath of the folder that holds the file's name. */
  real: string;
  dev: number;
  ino: number;
}

export const identityOf = (s: Stats): FileIdentity => ({ dev: s.dev, ino: s.ino, mtimeMs: s.mtimeMs });

export async function lstatOrNull(p: string): Promise<Stats | null> {
  return lstat(p).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  });
}

export function becameLink(label: string, linkText: string, what = 'nothing was written'): DttError {
  return new DttError('file-symlink', `${label} became a link to ${linkText}; ${what}`);
}

export async function folderIdentity(dir: string): Promise<FolderIdentity> {
  const real = await realpath(dir);
  const info = await stat(real);
  return { real, dev: info.dev, ino: info.ino };
}

/** Throws unless `dir` still resolves to the very folder we pinned. */
export async function assertSameFolder(
  dir: string,
  pinned: FolderIdentity,
  label: string,
  what?: string,
): Promise<void> {
  const now = await folderIdentity(dir).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return null;
    throw error;
  });
  if (now && now.real === pinned.real && now.dev === pinned.dev && now.ino === pinned.ino) return;
  throw new DttError(
    'file-symlink',
    `the folder of ${label} was moved or became a link${now ? ` to ${now.real}` : ''}; ${what ?? 'nothing was written'}`,
  );
}

/** Throws unless the name holds what we read: the same file (device+inode, mtime), or still nothing. */
export async function assertSameFile(
  file: string,
  expected: FileIdentity | 'absent',
  label: string,
  what = 'nothing was written',
): Promise<Stats | null> {
  const now = await lstatOrNull(file);
  if (now?.isSymbolicLink()) throw becameLink(label, await readlink(file).catch(() => '?'), what);
  if (expected === 'absent') {
    if (now) throw new DttError('file-changed', `${label} appeared while we were syncing; ${what}`);
    return null;
  }
  // A deletion is the user's decision: we don't bring the file back behind their back.
  if (!now)
    throw new DttError(
      'file-missing',
      `${label} was deleted while we were syncing, so ${what}; sync again to create it`,
    );
  if (now.dev !== expected.dev || now.ino !== expected.ino)
    throw new DttError('file-changed', `${label} was replaced by another file while we were syncing; ${what}`);
  if (now.mtimeMs !== expected.mtimeMs)
    throw new DttError('file-changed', `${label} changed while we were writing, so it was left as it is`);
  return now;
}
