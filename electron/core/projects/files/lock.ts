// The cross-process lock now lives in electron/core/lock.ts, shared with the settings file.
export { withLock } from '../../lock';
