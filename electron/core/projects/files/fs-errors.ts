import { DttError } from '../../errors';

// Node reports file failures as errno codes; users need one plain sentence naming the file and
// what to do. Every helper in this folder funnels its failures through here so the wording
// stays the same whether reading, writing or restoring.

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The same for reads and writes: the path is gone, or names a folder. */
function pathError(label: string, code: string | undefined, error: unknown): DttError | undefined {
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new DttError('file-missing', `the folder of ${label} no longer exists; check the project folder`, {
      cause: error,
    });
  if (code === 'EISDIR')
    return new DttError('file-binary', `${label} is a folder, not a file; choose the config file inside it`, {
      cause: error,
    });
  return undefined;
}

/**
 * The system's own words (ENOSPC: no space left…) are for IT: they go behind --verbose / "More
 * info". The detail says what happened in plain words; the catalog's action names the command or
 * button, so the detail doesn't repeat "sync again".
 */
function systemNote(code: string | undefined, error: unknown): { cause: unknown; moreInfo: string } {
  const message = error instanceof Error ? error.message : String(error);
  const moreInfo = code && !message.includes(code) ? `${code}: ${message}` : message || (code ?? 'unknown error');
  return { cause: error, moreInfo: `The system said: ${moreInfo}` };
}

/** Maps a failed write (temp file, rename, chmod) to the error the user sees. */
export function writeError(label: string, error: unknown): DttError {
  if (error instanceof DttError) return error;
  const code = errnoCode(error);
  const missing = pathError(label, code, error);
  if (missing) return missing;
  const note = systemNote(code, error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new DttError(
        'file-write-failed',
        `${label} could not be written because the disk is full; the old file is unchanged`,
        note,
      );
    case 'EIO':
    case 'EFBIG':
      return new DttError(
        'file-write-failed',
        `${label} could not be written because the disk reported a problem; the old file is unchanged`,
        note,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DttError('file-readonly', `${label} or its folder is read-only for you; nothing was changed`, note);
    case 'EBUSY':
      return new DttError(
        'file-readonly',
        `${label} is locked by another program; close that program. Nothing was changed`,
        note,
      );
    case 'ELOOP':
      return new DttError('file-symlink', `${label} is a link that loops back on itself; choose the real file`, note);
    default:
      return new DttError('file-write-failed', `${label} could not be written; the old file is unchanged`, note);
  }
}

/** Maps a failed read to the error the user sees. */
export function readError(label: string, error: unknown): DttError {
  if (error instanceof DttError) return error;
  const code = errnoCode(error);
  const missing = pathError(label, code, error);
  if (missing) return missing;
  const note = systemNote(code, error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new DttError(
        'file-readonly',
        `${label} can't be read: you don't have permission to open it; nothing was changed`,
        note,
      );
    case 'ELOOP':
      return new DttError(
        'file-symlink',
        `${label} is a link; choose the real file or allow writing through the link`,
        note,
      );
    default:
      return new DttError('internal', `${label} could not be read; nothing was changed`, note);
  }
}
