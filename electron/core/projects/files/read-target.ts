import { constants } from 'node:fs';
import { lstat, open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../../errors';
import { encodingProblem } from './encoding';
import { errnoCode, readError } from './fs-errors';
import {
  assertSameFolder,
  becameLink,
  folderIdentity,
  identityOf,
  type FileIdentity,
  type FolderIdentity,
} from './identity';

export const MAX_TARGET_BYTES = 5 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;

export interface ReadResult {
  exists: boolean;
  text: string;
  /** Permission bits (e.g. 0o640) of the real file, to keep on write. */
  mode: number | null;
  /** Where the link points (as written in the link), when the path is a symlink. */
  symlinkTarget: string | null;
  /** Pass to atomicWrite's expectUnchangedSince to catch an edit made between read and write. */
  mtimeMs: number | null;
  /** Pass to atomicWrite's `expect`: the file read (device+inode+mtime), or null if it was missing. */
  identity: FileIdentity | null;
  /** Pass to atomicWrite's `expectFolder`: the folder that holds the name, as it was when read. */
  folder: FolderIdentity | null;
  /** Owner, group and number of names of the real file; null when missing. */
  uid: number | null;
  gid: number | null;
  nlink: number | null;
}

export interface ReadOptions {
  maxBytes?: number;
  allowSymlink?: boolean;
  /**
   * With allowSymlink: the link text recorded when the project was added (null: it was no link
   * then). A link that differs was made afterwards, and is refused like any link without consent.
   */
  linkAtAdd?: string | null;
  /** How the file is named in errors, e.g. its path relative to the project. Default: base name. */
  label?: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function missing(absPath: string, label: string, symlinkTarget: string | null): Promise<ReadResult> {
  const folder = await folderIdentity(path.dirname(absPath)).catch(() => null);
  if (!folder || !(await stat(folder.real).catch(() => null))?.isDirectory()) {
    throw new DttError(
      'file-missing',
      `the folder of ${label} no longer exists; check the project folder, or remove this file from the project`,
    );
  }
  return {
    exists: false,
    text: '',
    mode: null,
    symlinkTarget,
    mtimeMs: null,
    identity: null,
    folder,
    uid: null,
    gid: null,
    nlink: null,
  };
}

async function readUpTo(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function decode(bytes: Buffer, label: string): string {
  const encoding = encodingProblem(bytes);
  if (encoding) throw new DttError('file-utf16', `${label} is ${encoding}`);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    throw new DttError(
      'file-binary',
      `${label} contains binary data; choose the text config file your project reads its token from`,
    );
  }
  try {
    // ignoreBOM keeps a leading BOM in the text, so a rewrite doesn't silently drop it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DttError(
      'file-binary',
      `${label} is not UTF-8 text (it may be binary or saved in another encoding); save it as UTF-8 or choose another file`,
    );
  }
}

/**
 * Reads a target file for editing. A missing file is not an error (the caller decides whether
 * to create it); links, binaries, huge files and unreadable files are, each with its own kind.
 */
export async function readTarget(absPath: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const label = opts.label ?? path.basename(absPath);
  const maxBytes = opts.maxBytes ?? MAX_TARGET_BYTES;
  let symlinkTarget: string | null = null;
  let folder: FolderIdentity;
  try {
    folder = await folderIdentity(path.dirname(absPath));
    const link = await lstat(absPath);
    if (link.isSymbolicLink()) {
      symlinkTarget = await readlink(absPath);
      if (!opts.allowSymlink) {
        throw new DttError(
          'file-symlink',
          `${label} points to ${symlinkTarget}; choose the real file, or allow writing through the link`,
        );
      }
      if (opts.linkAtAdd !== undefined && opts.linkAtAdd !== symlinkTarget)
        throw becameLink(
          label,
          symlinkTarget,
          'nothing was written. If you made this link, add the project again to allow it',
        );
    }
    // Checked before opening: opening a FIFO or device for reading could block or have effects.
    const real = symlinkTarget === null ? link : await stat(absPath);
    if (!real.isFile())
      throw new DttError(
        'file-binary',
        `${label} is not a regular file (a folder, pipe or device); choose the config file itself`,
      );
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return missing(absPath, label, symlinkTarget);
    throw readError(label, error);
  }

  // O_NOFOLLOW closes the gap where the file is swapped for a link after the lstat above. An
  // accepted link is resolved first, so the open itself still never follows one.
  let handle: FileHandle;
  try {
    const real = symlinkTarget === null ? absPath : await realpath(absPath);
    handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return missing(absPath, label, symlinkTarget);
    // O_NOFOLLOW hit a link that was not there at the lstat: swapped in just now.
    if (errnoCode(error) === 'ELOOP') throw becameLink(label, await readlink(absPath).catch(() => '?'));
    throw readError(label, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new DttError('file-binary', `${label} is not a regular file; choose the config file itself`);
    if (info.size > maxBytes) {
      throw new DttError(
        'file-too-large',
        `${label} is ${megabytes(info.size)}; files over ${megabytes(maxBytes)} are not edited. Choose the small config file your project reads its token from`,
      );
    }
    // Sized to the file (plus room for it having grown since the stat), not to the 5 MB cap:
    // zero-filling 5 MB for every small config file made syncs slow.
    const bytes = await readUpTo(handle, Math.min(maxBytes + 1, info.size + 64 * 1024));
    if (bytes.length > maxBytes) {
      throw new DttError(
        'file-too-large',
        `${label} is over ${megabytes(maxBytes)}; choose the small config file your project reads its token from`,
      );
    }
    // The name must not have moved to another folder while we read (a folder swapped for a link).
    await assertSameFolder(path.dirname(absPath), folder, label, 'nothing was written');
    return {
      exists: true,
      text: decode(bytes, label),
      mode: info.mode & 0o7777,
      symlinkTarget,
      mtimeMs: info.mtimeMs,
      identity: identityOf(info),
      folder,
      uid: info.uid,
      gid: info.gid,
      nlink: info.nlink,
    };
  } catch (error) {
    throw readError(label, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
