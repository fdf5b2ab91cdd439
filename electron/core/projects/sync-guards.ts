import path from 'node:path';
import { DttError } from '../errors';
import type { ProjectRecord, ProjectTarget } from '../settings-schema';
import { removeLeftovers, resolveInside, type ReadResult } from './files';
import { editorFor } from './formats';

// Two checks the sync makes around each target before writing: the renewal token only goes
// into a private file, and temp files a crash left beside the target are swept first.

/** The renewal token never expires: it only goes into a file no one else can read. */
export function assertPrivate(abs: string, read: ReadResult, label: string): void {
  if (process.platform === 'win32' || read.mode === null || (read.mode & 0o044) === 0) return;
  throw new DttError(
    'file-not-private',
    `${label} can be read by others (mode ${(read.mode & 0o777).toString(8).padStart(4, '0')}), and the renewal token never expires, so nothing was written; make it private: chmod 600 ${abs}`,
  );
}

/** Crash leftovers (our temp files) beside a target go before anything else happens. */
export async function sweepLeftovers(project: ProjectRecord, target: ProjectTarget): Promise<void> {
  let abs: string;
  try {
    abs = resolveInside(project.path, target.file);
  } catch {
    return; // plan() reports it
  }
  const editor = editorFor(target.format);
  await removeLeftovers(path.dirname(abs), path.basename(abs), (text) => {
    try {
      return Boolean(editor.read(text, target.key));
    } catch {
      return false;
    }
  });
}
