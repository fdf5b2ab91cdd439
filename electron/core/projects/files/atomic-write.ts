import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, open, readlink, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../../errors';
import { errnoCode, writeError } from './fs-errors';

// A config file is either the old version or the new one, never half of each: write a temp
// file next to it, flush it to disk, then rename it over the original in one step.

export const NEW_FILE_MODE = 0o600;

/** The part of a file handle atomicWrite uses. A node:fs/promises FileHandle fits. */
export interface AtomicFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  chmod(mode: number): Promise<void>;
  chown?(uid: number, gid: number): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls atomicWrite makes; swap it in tests to make a step fail. */
export interface AtomicFs {
  open(file: string, flags: string, mode: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  open: (file, flags, mode) => open(file, flags, mode),
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
};

export interface WriteOptions {
  /** Permission bits to give the file. Default: keep the current ones; 0o600 for a new file. */
  mode?: number | null;
  fs?: AtomicFs;
  /** mtimeMs from readTarget: refuse to write if the file was edited or deleted since. */
  expectUnchangedSince?: number;
  /** How the file is named in errors, e.g. its path relative to the project. Default: base name. */
  label?: string;
}

/** Follows a chain of links to the path that really holds the data, even if it doesn't exist yet. */
async function dataPath(absPath: string): Promise<string> {
  let current = absPath;
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(current).catch((error: unknown) => {
      if (errnoCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (!info?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw Object.assign(new Error('too many links'), { code: 'ELOOP' });
}

async function assertUnchanged(file: string, since: number | undefined, label: string): Promise<void> {
  if (since === undefined) return;
  const now = await stat(file).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  });
  // A deletion is the user's decision: we don't bring the file back behind their back.
  if (!now)
    throw new DttError(
      'file-missing',
      `${label} was deleted while we were syncing, so nothing was written; sync again to create it`,
    );
  if (now.mtimeMs !== since)
    throw new DttError('file-write-failed', `${label} changed while we were writing; sync again`);
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

// Makes the rename itself survive a power cut. Not possible (nor needed) on Windows.
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/**
 * Replaces the file's contents all at once. On any failure the original is left byte-for-byte
 * as it was and no temp file stays behind. Writes through a symlink, so the link stays a link.
 */
export async function atomicWrite(absPath: string, text: string, opts: WriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? nodeAtomicFs;
  const label = opts.label ?? path.basename(absPath);
  let temp: string | null = null;
  let handle: AtomicFileHandle | null = null;
  try {
    const target = await dataPath(absPath);
    const current = await stat(target).catch((error: unknown) => {
      if (errnoCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (current && !current.isFile())
      throw new DttError('file-binary', `${label} is not a regular file; choose the config file itself`);
    // A rename only needs a writable folder, so it would replace a file the user made
    // read-only on purpose. Respect the file's own read-only flag, as editors do.
    if (current) await access(target, constants.W_OK);
    const mode = opts.mode ?? (current ? current.mode & 0o7777 : NEW_FILE_MODE);

    const candidate = path.join(
      path.dirname(target),
      `.${path.basename(target)}.dtt-${randomBytes(6).toString('hex')}.tmp`,
    );
    // 0600 until the rename: the token is never readable by others, even for a moment.
    handle = await fs.open(candidate, 'wx', 0o600);
    temp = candidate;
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, done);
      if (bytesWritten <= 0) throw Object.assign(new Error('nothing written'), { code: 'EIO' });
      done += bytesWritten;
    }
    await handle.sync();
    // Run as root (sudo), the replacement would otherwise belong to root and lock the user out.
    if (current && process.getuid?.() === 0 && current.uid !== 0)
      await handle.chown?.(current.uid, current.gid).catch(() => undefined);
    await handle.chmod(mode);
    await handle.close();
    handle = null;

    await assertUnchanged(target, opts.expectUnchangedSince, label);
    await renameOver(fs, candidate, target);
    temp = null;
    await syncFolder(path.dirname(target));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (temp) await fs.unlink(temp).catch(() => undefined);
    throw writeError(label, error);
  }
}
