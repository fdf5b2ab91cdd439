import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../../errors';
import { atomicWrite } from './atomic-write';
import { errnoCode, writeError } from './fs-errors';
import { resolveInside } from './resolve-inside';

// Undo keeps the files as they were before the last sync. Those old contents may hold old
// tokens, so the folder is private to the user (0700) and every backup file is 0600.

export interface BackupEntry {
  relativeFile: string;
  /** The file's text before the sync; null if the sync created the file. */
  previous: string | null;
  mode: number | null;
}

export interface BackupStore {
  /** Replaces the project's backup set: undo always restores the state before the LAST sync. */
  save(projectDir: string, files: BackupEntry[]): Promise<void>;
  /** Puts every file back (deleting the ones the sync created), then drops the backup. */
  restore(projectDir: string): Promise<Array<{ relativeFile: string; action: 'restored' | 'deleted' }>>;
  has(projectDir: string): Promise<boolean>;
}

interface BackupSet {
  version: 1;
  project: string;
  savedAt: string;
  files: BackupEntry[];
}

function isBackupSet(value: unknown): value is BackupSet {
  const v = value as BackupSet | null;
  return (
    v?.version === 1 &&
    Array.isArray(v.files) &&
    v.files.every(
      (f) =>
        typeof f?.relativeFile === 'string' &&
        (f.previous === null || typeof f.previous === 'string') &&
        (f.mode === null || typeof f.mode === 'number'),
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
        version: 1,
        project: path.resolve(projectDir),
        savedAt: new Date().toISOString(),
        files,
      };
      await atomicWrite(fileFor(projectDir), JSON.stringify(set), { mode: 0o600, label: 'the undo backup' });
    },

    async restore(projectDir) {
      const set = await load(projectDir);
      if (!set) throw new DttError('nothing-to-undo', `there is no earlier sync of ${projectDir} to undo`);
      const done: Array<{ relativeFile: string; action: 'restored' | 'deleted' }> = [];
      // On a failure the backup is kept, so undo can be tried again once the file is fixed.
      for (const file of set.files) {
        // The backup file could have been edited: it gets the same path checks as settings.
        const abs = resolveInside(projectDir, file.relativeFile);
        if (file.previous === null) {
          await unlink(abs).catch((error: unknown) => {
            if (errnoCode(error) !== 'ENOENT') throw writeError(file.relativeFile, error);
          });
          done.push({ relativeFile: file.relativeFile, action: 'deleted' });
        } else {
          await atomicWrite(abs, file.previous, { mode: file.mode, label: file.relativeFile });
          done.push({ relativeFile: file.relativeFile, action: 'restored' });
        }
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
