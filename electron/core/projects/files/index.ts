// The file safety layer the sync engine writes through: path checks, careful reads, atomic
// writes, undo backups and a cross-process lock.
export { assertFolderInside, linkTextAt, resolveInside } from './resolve-inside';
export { readTarget, MAX_TARGET_BYTES, type ReadOptions, type ReadResult } from './read-target';
export {
  atomicWrite,
  nodeAtomicFs,
  NEW_FILE_MODE,
  type AtomicFileHandle,
  type AtomicFs,
  type WriteOptions,
} from './atomic-write';
export { openBackupStore, type BackupEntry, type BackupStore, type UndoResult } from './backup-store';
export { removeLeftovers, tempNameFor, tempPathFor } from './temp-files';
export { makePrivate } from './make-private';
export type { FileIdentity, FolderIdentity } from './identity';
export { withLock } from './lock';
