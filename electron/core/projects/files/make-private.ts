import { constants } from 'node:fs';
import { open, readlink, realpath } from 'node:fs/promises';
import { readError } from './fs-errors';
import { becameLink, lstatOrNull } from './identity';

/**
 * chmod go-rwx on a target (the window's "Make private"). Changed through an fd opened without
 * following links, so a link swapped in never gets another file's mode changed; a link is only
 * followed when it is the one recorded at `project add`.
 */
export async function makePrivate(abs: string, label: string, linkAtAdd?: string): Promise<void> {
  try {
    const info = await lstatOrNull(abs);
    let real = abs;
    if (info?.isSymbolicLink()) {
      const text = await readlink(abs);
      if (text !== linkAtAdd) throw becameLink(label, text, 'nothing was changed');
      real = await realpath(abs);
    }
    const handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    try {
      const now = await handle.stat();
      if (!now.isFile()) return;
      await handle.chmod(now.mode & 0o7700);
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (error) {
    throw readError(label, error);
  }
}
