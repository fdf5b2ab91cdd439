import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DttError } from '../../errors';
import { errnoCode, writeError } from './fs-errors';

// The tray and the CLI are separate processes that may sync at the same moment. A lock file
// created with O_EXCL lets exactly one of them in. The holder touches the file while it works,
// so "older than staleMs" means its owner hung or died, and the lock may be taken over.

interface Holder {
  raw: string;
  pid: number | null;
  stale: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(error) === 'EPERM';
  }
}

async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(lockPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

async function inspect(lockPath: string, staleMs: number): Promise<Holder | null> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    let owner: { pid?: unknown; host?: unknown } = {};
    try {
      owner = JSON.parse(raw);
    } catch {
      // Just created and not written yet: judged by its age alone.
    }
    const pid = typeof owner.pid === 'number' ? owner.pid : null;
    const dead = pid !== null && owner.host === os.hostname() && !pidAlive(pid);
    return { raw, pid, stale: dead || Date.now() - info.mtimeMs > staleMs };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Removes a stale lock, unless someone replaced it meanwhile. The short-lived guard file keeps
 * two waiters from both "removing the stale lock" when the second one would remove a fresh one.
 */
async function takeOver(lockPath: string, staleRaw: string, staleMs: number): Promise<boolean> {
  const guard = `${lockPath}.takeover`;
  if (!(await tryCreate(guard, String(process.pid)))) {
    // A guard is held for milliseconds; an old one was left by a process that died holding it.
    const info = await stat(guard).catch(() => null);
    if (info && Date.now() - info.mtimeMs > Math.min(staleMs, 10_000)) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const now = await readFile(lockPath, 'utf8').catch(() => null);
    if (now !== staleRaw) return now === null;
    await unlink(lockPath).catch(() => undefined);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** Runs fn while holding `<lockDir>/<name>.lock`; waits up to waitMs, then throws sync-busy. */
export async function withLock<T>(
  lockDir: string,
  name: string,
  fn: () => Promise<T>,
  opts: { waitMs?: number; staleMs?: number } = {},
): Promise<T> {
  const waitMs = opts.waitMs ?? 5000;
  const staleMs = opts.staleMs ?? 60_000;
  const lockPath = path.join(lockDir, `${name}.lock`);
  const mine = JSON.stringify({
    pid: process.pid,
    host: os.hostname(),
    at: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  });
  const deadline = Date.now() + waitMs;
  try {
    await mkdir(lockDir, { recursive: true, mode: 0o700 });
    for (;;) {
      if (await tryCreate(lockPath, mine)) break;
      const holder = await inspect(lockPath, staleMs);
      if (holder === null) continue;
      if (holder.stale && (await takeOver(lockPath, holder.raw, staleMs))) continue;
      if (Date.now() >= deadline) {
        const who = holder.pid === null ? 'another sync' : `another sync (process ${holder.pid})`;
        throw new DttError('sync-busy', `${who} is still writing these files; wait a moment and try again`);
      }
      await sleep(20 + Math.random() * 40);
    }
  } catch (error) {
    throw writeError(`the lock file ${lockPath}`, error);
  }

  const touch = () => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  };
  const heartbeat = setInterval(touch, Math.max(100, Math.floor(staleMs / 4)));
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    // Only remove our own lock: if we were too slow and it was taken over, it isn't ours now.
    const now = await readFile(lockPath, 'utf8').catch(() => null);
    if (now === mine) await unlink(lockPath).catch(() => undefined);
  }
}
