import { constants, type Stats } from 'node:fs';
import { access, link, open, readlink, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../../errors';
import { errnoCode, writeError } from './fs-errors';
import {
  assertSameFile,
  assertSameFolder,
  becameLink,
  folderIdentity,
  lstatOrNull,
  type FileIdentity,
  type FolderIdentity,
} from './identity';
import { tempPathFor } from './temp-files';

// A config file is either the old version or the new one, never half of each: write a temp
// file next to it, flush it to disk, then rename it over the original in one step. Links are
// never followed unless the caller names the one link it accepts, and every name we write
// through is checked again right before the step that writes.

export const NEW_FILE_MODE = 0o600;

/** The part of a file handle atomicWrite uses. A node:fs/promises FileHandle fits. */
export interface AtomicFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  chmod(mode: number): Promise<void>;
  chown?(uid: number, gid: number): Promise<void>;
  stat?(): Promise<Stats>;
  close(): Promise<void>;
}

/** The file-system calls atomicWrite makes; swap it in tests to make a step fail. */
export interface AtomicFs {
  open(file: string, flags: string, mode: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  link?(existing: string, created: string): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  open: (file, flags, mode) => open(file, flags, mode),
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
  link: (existing, created) => link(existing, created),
};

export interface WriteOptions {
  /** Permission bits to give the file. Default: keep the current ones; 0o600 for a new file. */
  mode?: number | null;
  fs?: AtomicFs;
  /** mtimeMs from readTarget: refuse to write if the file was edited or deleted since. */
  expectUnchangedSince?: number;
  /** What readTarget saw: this very file (device+inode+mtime), or no file at all. */
  expect?: FileIdentity | 'absent';
  /** The folder readTarget saw holding the name; the write refuses if it moved or became a link. */
  expectFolder?: FolderIdentity;
  /** The one link text accepted at absPath (consent); any other link is refused. */
  allowLinkTo?: string | null;
  /** How the file is named in errors, e.g. its path relative to the project. Default: base name. */
  label?: string;
  /** The end of "…; nothing was written" in refusals (undo says "nothing was restored"). */
  nothingDone?: string;
}

/** Where the bytes land: absPath itself, or what the one accepted link points to. */
async function landingPath(absPath: string, opts: WriteOptions, label: string, what: string): Promise<string> {
  const info = await lstatOrNull(absPath);
  if (!info?.isSymbolicLink()) return absPath;
  const text = await readlink(absPath);
  if (opts.allowLinkTo == null || text !== opts.allowLinkTo) throw becameLink(label, text, what);
  return path.resolve(path.dirname(absPath), text);
}

/** uid/gid to give the replacement so it keeps the original's owner and group; throws when we can't. */
function ownerFor(current: Stats, label: string): { uid: number; gid: number } | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  if (uid === 0) return { uid: current.uid, gid: current.gid };
  if (current.uid !== uid)
    throw new DttError(
      'file-owner',
      `${label} belongs to another user (uid ${current.uid}); replacing it would make it yours, so nothing was written. Ask its owner to sync, or make it your own file`,
    );
  if (current.gid === process.getgid?.()) return null;
  if (!(process.getgroups?.() ?? []).includes(current.gid))
    throw new DttError(
      'file-owner',
      `${label} belongs to group ${current.gid}, which you are not in; replacing it would change its group, so nothing was written`,
    );
  return { uid, gid: current.gid };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Windows refuses to replace a file that a virus scanner or an editor has open for a moment.
async function renameOver(fs: AtomicFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const transient = ['EPERM', 'EACCES', 'EBUSY'].includes(errnoCode(error) ?? '');
      if (process.platform !== 'win32' || !transient || attempt >= 4) throw error;
      await sleep(20 * 2 ** attempt);
    }
  }
}

/** A new file appears only if nothing (file or link) took its name: link() refuses an existing name. */
async function placeNew(fs: AtomicFs, temp: string, target: string, label: string, what: string): Promise<void> {
  try {
    if (!fs.link) throw Object.assign(new Error('no link'), { code: 'ENOTSUP' });
    await fs.link(temp, target);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') await assertSameFile(target, 'absent', label, what);
    // File systems without hard links (FAT, some network shares): rename, just checked absent.
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP'].includes(code ?? '')) throw error;
    await assertSameFile(target, 'absent', label, what);
    return renameOver(fs, temp, target);
  }
  await fs.unlink(temp).catch(() => undefined);
}

// Makes the rename itself survive a power cut. Not possible (nor needed) on Windows.
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/**
 * Replaces the file's contents all at once, keeping its owner, group and mode. On any failure
 * the original is left byte-for-byte as it was and no temp file stays behind.
 */
export async function atomicWrite(absPath: string, text: string, opts: WriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? nodeAtomicFs;
  const label = opts.label ?? path.basename(absPath);
  const what = opts.nothingDone ?? 'nothing was written';
  let temp: string | null = null;
  let handle: AtomicFileHandle | null = null;
  try {
    if (opts.expectFolder) await assertSameFolder(path.dirname(absPath), opts.expectFolder, label, what);
    const landing = await landingPath(absPath, opts, label, what);
    const folder = await folderIdentity(path.dirname(landing));
    const target = path.join(folder.real, path.basename(landing));
    const current = await lstatOrNull(target);
    if (current?.isSymbolicLink()) throw becameLink(label, await readlink(target), what);
    if (current && !current.isFile())
      throw new DttError('file-binary', `${label} is not a regular file; choose the config file itself`);
    const expected = opts.expect ?? (opts.expectUnchangedSince === undefined ? undefined : null);
    if (expected) await assertSameFile(target, expected, label, what);
    else if (expected === null && !current)
      throw new DttError(
        'file-missing',
        `${label} was deleted while we were syncing, so ${what}; sync again to create it`,
      );
    else if (expected === null && current!.mtimeMs !== opts.expectUnchangedSince)
      throw new DttError('file-changed', `${label} changed while we were writing, so it was left as it is`);
    // Replacing one name of a hard-linked file would leave the old token under the other
    // names; writing in place would lose the all-or-nothing guarantee. So we refuse and say why.
    if (current && current.nlink > 1)
      throw new DttError(
        'file-hardlink',
        `${label} has ${current.nlink} names (hard links), and the others would keep the old token, so ${what}. Give it a single name: cp ${target} ${target}.copy && mv ${target}.copy ${target}`,
      );
    // A rename only needs a writable folder, so it would replace a file the user made
    // read-only on purpose. Respect the file's own read-only flag, as editors do.
    if (current) await access(target, constants.W_OK);
    const owner = current ? ownerFor(current, label) : null;
    const mode = opts.mode ?? (current ? current.mode & 0o7777 : NEW_FILE_MODE);

    const candidate = tempPathFor(folder.real, path.basename(target));
    handle = await fs.open(candidate, 'wx', 0o600);
    temp = candidate;
    // Before any byte of the token goes in: the temp is really in the folder we checked.
    await assertSameFolder(folder.real, folder, label, what);
    if (handle.stat) {
      const [mine, named] = await Promise.all([handle.stat(), lstatOrNull(candidate)]);
      if (!named || named.ino !== mine.ino || named.dev !== mine.dev) throw becameLink(label, candidate, what);
    }
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, done);
      if (bytesWritten <= 0) throw Object.assign(new Error('nothing written'), { code: 'EIO' });
      done += bytesWritten;
    }
    await handle.sync();
    if (owner) await handle.chown?.(owner.uid, owner.gid);

    // Last look before the swap: same folder, and the name still holds what we checked.
    await assertSameFolder(folder.real, folder, label, what);
    if (opts.expectFolder) await assertSameFolder(path.dirname(absPath), opts.expectFolder, label, what);
    if (current) {
      await assertSameFile(target, { dev: current.dev, ino: current.ino, mtimeMs: current.mtimeMs }, label, what);
      await renameOver(fs, candidate, target);
    } else {
      await placeNew(fs, candidate, target, label, what);
    }
    temp = null;
    // The temp stayed 0600 until it had replaced the file, so a kill at any point never left
    // the token readable by others; the file's own mode goes on only now, through the same fd.
    await handle.chmod(mode).catch(() => undefined);
    await handle.close();
    handle = null;
    await syncFolder(folder.real);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (temp) await fs.unlink(temp).catch(() => undefined);
    throw writeError(label, error);
  }
}
