import { createHash } from 'node:crypto';
import { readlink } from 'node:fs/promises';
import { DttError } from '../../errors';
import { becameLink, lstatOrNull } from './identity';
import { readTarget, type ReadResult } from './read-target';
import { resolveInside } from './resolve-inside';

// Undo puts back what a sync replaced, but only over what that sync wrote. A file edited since
// (lines typed into .env afterwards) is someone's work: it is restored only when the user says
// so (`undo --force` / "Restore anyway"), and a file the sync created is never deleted once it
// holds anything we didn't write. The backup keeps hashes of what was written, not the text:
// no extra copy of the token.

export interface WrittenFingerprint {
  /** sha256 of the whole text the sync wrote. */
  hash: string;
  /** A short hash per line, to say how many lines were added or removed since. */
  lines: string[];
}

export interface UndoFile {
  relativeFile: string;
  previous: string | null;
  mode: number | null;
  written?: WrittenFingerprint;
  /** The link text the sync wrote through (consent), if the name was a link. */
  link?: string | null;
}

export type UndoAction = 'restored' | 'deleted' | 'kept' | 'unchanged';

export interface UndoStep {
  file: UndoFile;
  abs: string;
  read: ReadResult;
  action: UndoAction;
  detail?: string;
  /** Why this file needs --force (it changed after the sync). */
  conflict?: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const splitLines = (text: string) => text.split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);

export function fingerprint(text: string): WrittenFingerprint {
  return { hash: sha(text), lines: splitLines(text).map((l) => sha(l).slice(0, 12)) };
}

/** "2 lines added, 1 removed", without showing any line (they may hold secrets). */
function describeChange(now: string, written: WrittenFingerprint): string {
  const before = new Map<string, number>();
  for (const l of written.lines) before.set(l, (before.get(l) ?? 0) + 1);
  let added = 0;
  for (const l of splitLines(now).map((x) => sha(x).slice(0, 12))) {
    const left = before.get(l) ?? 0;
    if (left > 0) before.set(l, left - 1);
    else added++;
  }
  const removed = [...before.values()].reduce((a, b) => a + b, 0);
  const parts = [
    ...(added ? [`${added} line${added === 1 ? '' : 's'} added`] : []),
    ...(removed ? [`${removed} line${removed === 1 ? '' : 's'} removed`] : []),
  ];
  return parts.length ? parts.join(', ') : 'lines reordered or line endings changed';
}

/** Looks at one file without changing anything and decides what undo would do to it. */
export async function planUndo(projectDir: string, file: UndoFile): Promise<UndoStep> {
  // The backup file could have been edited: it gets the same path checks as settings.
  const abs = resolveInside(projectDir, file.relativeFile);
  const label = file.relativeFile;
  const info = await lstatOrNull(abs);
  if (info?.isSymbolicLink()) {
    const text = await readlink(abs);
    if (file.link == null || text !== file.link) throw becameLink(label, text, 'nothing was restored');
  }
  const read = await readTarget(abs, { allowSymlink: file.link != null, label });
  const step = (action: UndoAction, extra: Partial<UndoStep> = {}): UndoStep => ({ file, abs, read, action, ...extra });
  const ours = file.written && read.exists && sha(read.text) === file.written.hash;

  if (file.previous === null) {
    if (!read.exists) return step('unchanged');
    if (ours) return step('deleted');
    const how = file.written ? describeChange(read.text, file.written) : 'it may hold more than we wrote';
    return step('kept', {
      detail: `${label} was created by the sync and changed after the sync (${how}), so it was kept; remove the token from it yourself if you no longer want it there`,
    });
  }
  if (read.exists && read.text === file.previous) return step('unchanged');
  if (ours) return step('restored');
  const conflict = !read.exists
    ? `${label} was deleted after the sync`
    : file.written
      ? `${label} was changed after the sync (${describeChange(read.text, file.written)})`
      : `${label} may have changed after the sync (this backup is from an older version and can't tell)`;
  return step('restored', { conflict });
}

export function conflictError(steps: UndoStep[]): DttError {
  const list = steps.map((s) => s.conflict).join('; ');
  return new DttError(
    'undo-conflict',
    `${list}. Nothing was restored, so those changes are safe; restoring anyway would lose them`,
  );
}
