import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DttError } from './errors';
import { errnoCode, writeError } from './projects/files/fs-errors';

// The tray and the CLI are separate processes that may sync or save settings at the same
// moment. A lock file created with O_EXCL lets exactly one of them in. The async holder touches
// the file while it works, so "older than staleMs" means its owner hung or died, and the lock
// may be taken over. The steps are written once (a generator yielding file operations) and run
// either with fs/promises (sync) or with blocking calls (settings, whose API is synchronous).

type Step =
  | { op: 'mkdir'; path: string }
  | { op: 'create'; path: string; content: string }
  | { op: 'read'; path: string }
  | { op: 'age'; path: string }
  | { op: 'unlink'; path: string }
  | { op: 'sleep'; ms: number };
type Steps<T> = Generator<Step, T, unknown>;

function* step<T>(s: Step): Steps<T> {
  return (yield s) as T;
}

export interface LockOptions {
  waitMs?: number;
  staleMs?: number;
  /** What to throw when the holder keeps it past waitMs (default: sync-busy). */
  busy?: (holderPid: number | null) => DttError;
}

const syncBusy = (pid: number | null) =>
  new DttError(
    'sync-busy',
    `${pid === null ? 'another sync' : `another sync (process ${pid})`} is still writing these files; wait a moment and try again`,
  );

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(error) === 'EPERM';
  }
}

interface Holder {
  raw: string;
  pid: number | null;
  stale: boolean;
}

function* inspect(lockPath: string, staleMs: number): Steps<Holder | null> {
  const raw = yield* step<string | null>({ op: 'read', path: lockPath });
  const age = yield* step<number | null>({ op: 'age', path: lockPath });
  if (raw === null || age === null) return null;
  let owner: { pid?: unknown; host?: unknown } = {};
  try {
    owner = JSON.parse(raw);
  } catch {
    // Just created and not written yet: judged by its age alone.
  }
  const pid = typeof owner.pid === 'number' ? owner.pid : null;
  const dead = pid !== null && owner.host === os.hostname() && !pidAlive(pid);
  return { raw, pid, stale: dead || age > staleMs };
}

/**
 * Removes a stale lock, unless someone replaced it meanwhile. The short-lived guard file keeps
 * two waiters from both "removing the stale lock" when the second one would remove a fresh one.
 */
function* takeOver(lockPath: string, staleRaw: string, staleMs: number): Steps<boolean> {
  const guard = `${lockPath}.takeover`;
  if (!(yield* step<boolean>({ op: 'create', path: guard, content: String(process.pid) }))) {
    // A guard is held for milliseconds; an old one was left by a process that died holding it.
    const age = yield* step<number | null>({ op: 'age', path: guard });
    if (age !== null && age > Math.min(staleMs, 10_000)) yield* step({ op: 'unlink', path: guard });
    return false;
  }
  try {
    const now = yield* step<string | null>({ op: 'read', path: lockPath });
    if (now !== staleRaw) return now === null;
    yield* step({ op: 'unlink', path: lockPath });
    return true;
  } finally {
    yield* step({ op: 'unlink', path: guard });
  }
}

function* acquire(lockPath: string, mine: string, opts: LockOptions): Steps<void> {
  const staleMs = opts.staleMs ?? 60_000;
  const deadline = Date.now() + (opts.waitMs ?? 5000);
  yield* step({ op: 'mkdir', path: path.dirname(lockPath) });
  for (;;) {
    if (yield* step<boolean>({ op: 'create', path: lockPath, content: mine })) return;
    const holder = yield* inspect(lockPath, staleMs);
    if (holder === null) continue;
    if (holder.stale && (yield* takeOver(lockPath, holder.raw, staleMs))) continue;
    if (Date.now() >= deadline) throw (opts.busy ?? syncBusy)(holder.pid);
    yield* step({ op: 'sleep', ms: 5 + Math.random() * 40 });
  }
}

/** Only removes our own lock: if we were too slow and it was taken over, it isn't ours now. */
function* release(lockPath: string, mine: string): Steps<void> {
  if ((yield* step<string | null>({ op: 'read', path: lockPath })) === mine)
    yield* step({ op: 'unlink', path: lockPath });
}

const missingIsNull = <T>(fn: () => T): T | null => {
  try {
    return fn();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
};

function createSync(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeFileSync(fd, content);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return true;
}

const blocker = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  try {
    Atomics.wait(blocker, 0, 0, ms);
  } catch {
    // A thread that may not block (not the case in Node or Electron's main process): spin.
    const until = Date.now() + ms;
    while (Date.now() < until);
  }
}
function doSync(s: Step): unknown {
  if (s.op === 'unlink') {
    try {
      fs.rmSync(s.path, { force: true });
    } catch {
      // Best effort: a lock we fail to remove is judged stale by its age later.
    }
    return undefined;
  }
  switch (s.op) {
    case 'mkdir':
      return fs.mkdirSync(s.path, { recursive: true, mode: 0o700 });
    case 'create':
      return createSync(s.path, s.content);
    case 'read':
      return missingIsNull(() => fs.readFileSync(s.path, 'utf8'));
    case 'age':
      return missingIsNull(() => Date.now() - fs.statSync(s.path).mtimeMs);
    case 'sleep':
      return sleepSync(s.ms);
  }
}

async function doAsync(s: Step): Promise<unknown> {
  if (s.op === 'sleep') return new Promise((resolve) => setTimeout(resolve, s.ms));
  if (s.op === 'create' || s.op === 'mkdir' || s.op === 'unlink') return doSync(s);
  const missing = async <T>(p: Promise<T>) =>
    p.catch((error) => {
      if (errnoCode(error) === 'ENOENT') return null;
      throw error;
    });
  if (s.op === 'read') return missing(fsp.readFile(s.path, 'utf8'));
  return missing(fsp.stat(s.path).then((st) => Date.now() - st.mtimeMs));
}

function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = doSync(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await doAsync(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

const ownerRecord = () =>
  JSON.stringify({
    pid: process.pid,
    host: os.hostname(),
    at: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  });

/** Runs fn while holding `<lockDir>/<name>.lock`; waits up to waitMs, then throws opts.busy (sync-busy). */
export async function withLock<T>(
  lockDir: string,
  name: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const lockPath = path.join(lockDir, `${name}.lock`);
  const mine = ownerRecord();
  try {
    await runAsync(acquire(lockPath, mine, opts));
  } catch (error) {
    throw writeError(`the lock file ${lockPath}`, error);
  }
  const touch = () => {
    const now = new Date();
    fsp.utimes(lockPath, now, now).catch(() => undefined);
  };
  const heartbeat = setInterval(touch, Math.max(100, Math.floor((opts.staleMs ?? 60_000) / 4)));
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await runAsync(release(lockPath, mine)).catch(() => undefined);
  }
}

/**
 * The same lock for short synchronous work (a settings read-modify-write): blocks while waiting.
 * No heartbeat is needed: nothing else runs in this process until fn returns.
 */
export function withLockSync<T>(lockDir: string, name: string, fn: () => T, opts: LockOptions = {}): T {
  const lockPath = path.join(lockDir, `${name}.lock`);
  const mine = ownerRecord();
  try {
    runSync(acquire(lockPath, mine, opts));
  } catch (error) {
    throw writeError(`the lock file ${lockPath}`, error);
  }
  try {
    return fn();
  } finally {
    try {
      runSync(release(lockPath, mine));
    } catch {
      // Left behind, it is judged stale by its dead owner or its age.
    }
  }
}
