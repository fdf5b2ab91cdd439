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

/** Maps a failed write (temp file, rename, chmod) to the error the user sees. */
export function writeError(label: string, error: unknown): DttError {
  if (error instanceof DttError) return error;
  const code = errnoCode(error);
  const missing = pathError(label, code, error);
  if (missing) return missing;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EIO':
    case 'EFBIG':
      return new DttError(
        'file-write-failed',
        `${label} could not be written (${code}: disk full?); the old file is unchanged. Free some space, then sync again`,
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EBUSY':
      return new DttError(
        'file-readonly',
        `${label} or its folder is read-only (${code}); make it writable, then sync again`,
        { cause: error },
      );
    case 'ELOOP':
      return new DttError('file-symlink', `${label} is a link that loops back on itself; choose the real file`, {
        cause: error,
      });
    default:
      return new DttError(
        'file-write-failed',
        `${label} could not be written (${code ?? 'unknown error'}); the old file is unchanged`,
        { cause: error },
      );
  }
}

/** Maps a failed read to the error the user sees. */
export function readError(label: string, error: unknown): DttError {
  if (error instanceof DttError) return error;
  const code = errnoCode(error);
  const missing = pathError(label, code, error);
  if (missing) return missing;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new DttError(
        'file-readonly',
        `${label} can't be read (${code}); give yourself read and write access to it, then sync again`,
        { cause: error },
      );
    case 'ELOOP':
      return new DttError(
        'file-symlink',
        `${label} is a link; choose the real file or allow writing through the link`,
        { cause: error },
      );
    default:
      return new DttError('internal', `${label} could not be read (${code ?? 'unknown error'}); nothing was changed`, {
        cause: error,
      });
  }
}
