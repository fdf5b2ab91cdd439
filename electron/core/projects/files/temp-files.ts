import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';

// Every temp file the app makes is `.<name>.dtt-<12 hex>.tmp` beside the file it replaces, and
// stays 0600 until it has been renamed into place. A `kill -9` can still leave one behind; the
// next sync removes it, but only when it can prove the file is ours: the name pattern for this
// very target, a regular file owned by us, 0600, one name (or two: the second being the target
// itself, left by a crash between link and unlink), and content that is ours: it holds the
// target's key (the caller recognises it), or is empty or the start of the target (a crash
// before the token was written).

const PATTERN = /^\.(.+)\.dtt-[0-9a-f]{12}\.tmp$/;
const MAX_TEMP_BYTES = 5 * 1024 * 1024;

/** A temp file's name for `base`; `id` is 12 hex digits (or a glob standing for them). */
export const tempNameFor = (base: string, id: string): string => `.${base}.dtt-${id}.tmp`;

export function tempPathFor(dir: string, base: string): string {
  return path.join(dir, tempNameFor(base, randomBytes(6).toString('hex')));
}

/** True for a name our temp files use for `base`. */
export function isTempNameFor(name: string, base: string): boolean {
  return PATTERN.exec(name)?.[1] === base;
}

/** Removes crash leftovers for `base` in `dir`; returns how many. Never throws. */
export async function removeLeftovers(
  dir: string,
  base: string,
  recognise: (text: string) => boolean,
): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const target = await lstat(path.join(dir, base)).catch(() => null);
  const targetText =
    target?.isFile() && target.size <= MAX_TEMP_BYTES ? await readNoFollow(path.join(dir, base)) : null;
  let removed = 0;
  for (const name of names.filter((n) => isTempNameFor(n, base))) {
    const full = path.join(dir, name);
    try {
      const info = await lstat(full);
      if (!info.isFile() || info.size > MAX_TEMP_BYTES) continue;
      const uid = process.getuid?.();
      if (uid !== undefined && (info.uid !== uid || (info.mode & 0o777) !== 0o600)) continue;
      const sameAsTarget = target !== null && target.dev === info.dev && target.ino === info.ino;
      if (info.nlink > 1 && !(info.nlink === 2 && sameAsTarget)) continue;
      const text = await readNoFollow(full, info);
      if (text === null) continue;
      const startOfTarget = targetText !== null && targetText.startsWith(text);
      if (!sameAsTarget && !startOfTarget && !recognise(text)) continue;
      await unlink(full);
      removed++;
    } catch {
      // Gone meanwhile, or not readable: not provably ours, so it stays.
    }
  }
  return removed;
}

/** The file's text, opened without following a link; null if it is no longer the file we saw. */
async function readNoFollow(file: string, seen?: Stats): Promise<string | null> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch(
    () => null,
  );
  if (!handle) return null;
  try {
    const now = await handle.stat();
    if (seen && (now.ino !== seen.ino || now.dev !== seen.dev)) return null;
    return (await handle.readFile()).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
