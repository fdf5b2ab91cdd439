import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../../errors';
import { atomicWrite } from './atomic-write';
import { errnoCode, writeError } from './fs-errors';
import { assertSameFile, assertSameFolder } from './identity';
import { removeLeftovers } from './temp-files';
import { conflictError, fingerprint, planUndo, type UndoAction, type UndoFile } from './undo-plan';

// Undo keeps the files as they were before the last sync. Those old contents may hold old
// tokens, so the folder is private to the user (0700) and every backup file is 0600.

export interface BackupEntry {
  relativeFile: string;
  /** The file's text before the sync; null if the sync created the file. */
  previous: string | null;
  mode: number | null;
  /** The text the sync is about to write; only its fingerprint is kept. */
  written?: string;
  /** The link text the sync writes through (consent), if the name is a link. */
  link?: string | null;
}

export interface UndoResult {
  relativeFile: string;
  action: UndoAction;
  /** Why a file was kept instead of deleted. */
  detail?: string;
}

export interface BackupStore {
  /** Replaces the project's backup set: undo always restores the state before the LAST sync. */
  save(projectDir: string, files: BackupEntry[]): Promise<void>;
  /**
   * Puts every file back (deleting the ones the sync created), then drops the backup. Refuses
   * (undo-conflict, nothing changed) when a file changed after the sync, unless `force`.
   */
  restore(projectDir: string, opts?: { force?: boolean }): Promise<UndoResult[]>;
  has(projectDir: string): Promise<boolean>;
}

interface BackupSet {
  version: 1 | 2;
  project: string;
  savedAt: string;
  files: UndoFile[];
}

function isBackupSet(value: unknown): value is BackupSet {
  const v = value as BackupSet | null;
  return (
    (v?.version === 1 || v?.version === 2) &&
    Array.isArray(v.files) &&
    v.files.every(
      (f) =>
        typeof f?.relativeFile === 'string' &&
        (f.previous === null || typeof f.previous === 'string') &&
        (f.mode === null || typeof f.mode === 'number') &&
        (f.written === undefined || (typeof f.written?.hash === 'string' && Array.isArray(f.written.lines))) &&
        (f.link == null || typeof f.link === 'string'),
    )
  );
}

export function openBackupStore(dir: string): BackupStore {
  // Named by a hash so the folder listing doesn't reveal which projects exist.
  const fileFor = (projectDir: string) =>
    path.join(dir, `${createHash('sha256').update(path.resolve(projectDir)).digest('hex').slice(0, 32)}.json`);

  async function privateFolder(): Promise<void> {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // mkdir leaves an existing folder's mode alone; tighten it in case it was made looser.
      if (process.platform !== 'win32') await chmod(dir, 0o700);
    } catch (error) {
      throw writeError(`the undo folder ${dir}`, error);
    }
  }

  async function load(projectDir: string): Promise<BackupSet | null> {
    let raw: string;
    try {
      raw = await readFile(fileFor(projectDir), 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw writeError('the undo backup', error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    if (!isBackupSet(parsed))
      throw new DttError('nothing-to-undo', `the undo backup for ${projectDir} is damaged, so it can't be restored`);
    return parsed;
  }

  return {
    async save(projectDir, files) {
      await privateFolder();
      const set: BackupSet = {
        version: 2,
        project: path.resolve(projectDir),
        savedAt: new Date().toISOString(),
        files: files.map(({ written, link, ...f }) => ({
          ...f,
          ...(written !== undefined ? { written: fingerprint(written) } : {}),
          ...(link ? { link } : {}),
        })),
      };
      // A crash while saving leaves a temp copy in this private folder; it is ours, and goes now.
      await removeLeftovers(dir, path.basename(fileFor(projectDir)), () => true);
      await atomicWrite(fileFor(projectDir), JSON.stringify(set), { mode: 0o600, label: 'the undo backup' });
    },

    async restore(projectDir, opts = {}) {
      const set = await load(projectDir);
      if (!set) throw new DttError('nothing-to-undo', `there is no earlier sync of ${projectDir} to undo`);
      // Look at every file before touching any: a refusal leaves all of them as they are.
      const steps = [];
      for (const file of set.files) steps.push(await planUndo(projectDir, file));
      const conflicts = steps.filter((s) => s.conflict);
      if (conflicts.length > 0 && !opts.force) throw conflictError(conflicts);
      const done: UndoResult[] = [];
      // On a failure the backup is kept, so undo can be tried again once the file is fixed.
      for (const s of steps) {
        const label = s.file.relativeFile;
        const what = 'nothing was restored';
        if (s.action === 'deleted') {
          // unlink removes a name, never what a link points to; the name must still be our file.
          if (s.read.folder) await assertSameFolder(path.dirname(s.abs), s.read.folder, label, what);
          if (s.read.identity) await assertSameFile(s.abs, s.read.identity, label, what);
          await unlink(s.abs).catch((error: unknown) => {
            if (errnoCode(error) !== 'ENOENT') throw writeError(label, error);
          });
        } else if (s.action === 'restored') {
          await atomicWrite(s.abs, s.file.previous!, {
            mode: s.file.mode,
            expect: s.read.identity ?? 'absent',
            ...(s.read.folder ? { expectFolder: s.read.folder } : {}),
            allowLinkTo: s.file.link ?? null,
            label,
            nothingDone: what,
          });
        }
        done.push({ relativeFile: label, action: s.action, ...(s.detail ? { detail: s.detail } : {}) });
      }
      await unlink(fileFor(projectDir)).catch(() => undefined);
      return done;
    },

    async has(projectDir) {
      return stat(fileFor(projectDir)).then(
        () => true,
        () => false,
      );
    },
  };
}
