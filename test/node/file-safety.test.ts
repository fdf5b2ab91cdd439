import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDttError } from '../../electron/core/errors';
import {
  atomicWrite,
  nodeAtomicFs,
  openBackupStore,
  readTarget,
  resolveInside,
  withLock,
  type AtomicFs,
} from '../../electron/core/projects/files';

// Real folders, real modes, real links. Root ignores permission bits, so read-only cases use
// the immutable attribute (chattr +i), which stops root too; as a normal user, chmod does.

const made: string[] = [];
const immutable: string[] = [];

function tempDir(prefix = 'dtt-files-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const p of immutable.splice(0)) spawnSync('chattr', ['-i', p]);
  for (const dir of made.splice(0)) {
    try {
      chmodSync(dir, 0o700);
    } catch {
      // already gone: some tests delete their own folder
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

const isRoot = process.getuid?.() === 0;

/** Makes a file or folder read-only in a way that stops the current user, root included. */
function makeReadOnly(p: string): boolean {
  if (!isRoot) {
    chmodSync(p, statSync(p).isDirectory() ? 0o555 : 0o444);
    return true;
  }
  if (spawnSync('chattr', ['+i', p]).status !== 0) return false;
  immutable.push(p);
  return true;
}

const canMakeReadOnly = (() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-probe-'));
  const probe = path.join(dir, 'probe');
  writeFileSync(probe, 'x');
  const ok = !isRoot || spawnSync('chattr', ['+i', probe]).status === 0;
  spawnSync('chattr', ['-i', probe]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
})();

async function caught(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, but it succeeded');
}

function expectKind(error: unknown, kind: string, detail?: RegExp | string): void {
  expect(isDttError(error), String(error)).toBe(true);
  const e = error as { kind: string; detail?: string };
  expect(e.kind).toBe(kind);
  if (detail !== undefined) expect(e.detail ?? '').toMatch(detail);
}

const modeOf = (p: string) => statSync(p).mode & 0o777;
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('.dtt-') && n.endsWith('.tmp'));

describe('atomicWrite', () => {
  it('keeps an existing mode and gives new files 0600', async () => {
    const dir = tempDir();
    const kept = path.join(dir, 'settings.py');
    writeFileSync(kept, 'TOKEN = ""\n');
    chmodSync(kept, 0o640);
    await atomicWrite(kept, 'TOKEN = "new"\n');
    expect(readFileSync(kept, 'utf8')).toBe('TOKEN = "new"\n');
    expect(modeOf(kept)).toBe(0o640);

    const fresh = path.join(dir, '.env');
    await atomicWrite(fresh, 'DROPBOX_ACCESS_TOKEN=x\n');
    expect(modeOf(fresh)).toBe(0o600);
    expect(leftovers(dir)).toEqual([]);
  });

  it('goes through a symlink only when allowed, and the link stays a link', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'shared'));
    const real = path.join(dir, 'shared', 'real.env');
    writeFileSync(real, 'A=1\n');
    chmodSync(real, 0o640);
    const link = path.join(dir, '.env');
    symlinkSync('shared/real.env', link);

    expectKind(await caught(readTarget(link, { label: '.env' })), 'file-symlink', /^\.env points to shared\/real\.env/);
    const read = await readTarget(link, { allowSymlink: true });
    expect(read).toMatchObject({ exists: true, text: 'A=1\n', symlinkTarget: 'shared/real.env', mode: 0o640 });

    // Without naming the accepted link, the write refuses it; naming it writes through.
    expectKind(await caught(atomicWrite(link, 'A=2\n', { label: '.env' })), 'file-symlink', /^\.env became a link/);
    await atomicWrite(link, 'A=2\n', {
      mode: read.mode,
      expect: read.identity!,
      allowLinkTo: read.symlinkTarget,
    });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('A=2\n');
    expect(modeOf(real)).toBe(0o640);
    expect(leftovers(path.join(dir, 'shared'))).toEqual([]);
  });

  it('leaves the original byte-for-byte and no temp file when the disk fills up midway', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.json');
    const original = Buffer.from('{\n  "token": "old"\n}\r\n\u00e9');
    writeFileSync(file, original);
    const temps: string[] = [];
    const diskFull: AtomicFs = {
      ...nodeAtomicFs,
      async open(p, flags, mode) {
        temps.push(p);
        const real = (await nodeAtomicFs.open(p, flags, mode)) as FileHandle;
        return {
          sync: () => real.sync(),
          chmod: (m) => real.chmod(m),
          close: () => real.close(),
          async write(buffer, offset, length, position) {
            await real.write(buffer, offset, Math.floor(length / 2), position);
            throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          },
        };
      },
    };
    const error = await caught(atomicWrite(file, `{\n  "token": "${'n'.repeat(4000)}"\n}\n`, { fs: diskFull }));
    expectKind(error, 'file-write-failed', /config\.json could not be written because the disk is full/);
    expect((error as { moreInfo?: string }).moreInfo).toMatch(/ENOSPC/);
    expect(temps).toHaveLength(1);
    expect(path.dirname(temps[0]!)).toBe(dir);
    expect(path.basename(temps[0]!)).toMatch(/^\.config\.json\.dtt-[0-9a-f]+\.tmp$/);
    expect(existsSync(temps[0]!)).toBe(false);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('leaves the original intact when the rename fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.env');
    writeFileSync(file, 'A=old\n');
    for (const [code, kind] of [
      ['EIO', 'file-write-failed'],
      ['EACCES', 'file-readonly'],
    ] as const) {
      const failingRename: AtomicFs = {
        ...nodeAtomicFs,
        rename: async () => Promise.reject(Object.assign(new Error(code), { code })),
      };
      expectKind(
        await caught(atomicWrite(file, 'A=new\n', { fs: failingRename, label: 'config/.env' })),
        kind,
        /^config\/\.env /,
      );
      expect(readFileSync(file, 'utf8')).toBe('A=old\n');
      expect(readdirSync(dir)).toEqual(['.env']);
    }
  });

  it.skipIf(!canMakeReadOnly)('refuses a read-only file or folder with file-readonly and changes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.py');
    writeFileSync(file, 'TOKEN = "old"\n');
    expect(makeReadOnly(file)).toBe(true);
    expectKind(
      await caught(atomicWrite(file, 'TOKEN = "new"\n')),
      'file-readonly',
      /settings\.py or its folder is read-only/,
    );
    expect(readFileSync(file, 'utf8')).toBe('TOKEN = "old"\n');
    expect(leftovers(dir)).toEqual([]);

    const locked = tempDir();
    writeFileSync(path.join(locked, '.env'), 'A=old\n');
    expect(makeReadOnly(locked)).toBe(true);
    expectKind(await caught(atomicWrite(path.join(locked, '.env'), 'A=new\n')), 'file-readonly');
    expectKind(await caught(atomicWrite(path.join(locked, 'new.env'), 'A=new\n')), 'file-readonly');
    expect(readdirSync(locked)).toEqual(['.env']);
    expect(readFileSync(path.join(locked, '.env'), 'utf8')).toBe('A=old\n');
  });

  // The permission bits themselves (not chattr): root ignores them, so the write runs in a child
  // process as `nobody`. As a normal user this runs in-process via makeReadOnly's chmod.
  it.skipIf(!isRoot)('respects chmod read-only for an ordinary user, even when the folder is writable', () => {
    const dir = tempDir();
    const open = path.join(dir, 'open');
    const closed = path.join(dir, 'closed');
    mkdirSync(open, { mode: 0o777 });
    mkdirSync(closed, { mode: 0o755 });
    chmodSync(open, 0o777);
    chmodSync(dir, 0o755);
    const file = path.join(open, 'settings.py');
    writeFileSync(file, 'TOKEN = "old"\n');
    chmodSync(file, 0o444);
    const script = path.join(dir, 'write-as-nobody.mjs');
    const writeModule = path.resolve(import.meta.dirname, '../../electron/core/projects/files/atomic-write.ts');
    writeFileSync(
      script,
      `import { atomicWrite } from ${JSON.stringify(writeModule)};
const kinds = [];
for (const f of process.argv.slice(2)) kinds.push(await atomicWrite(f, 'TOKEN = "new"\\n').then(() => 'written', (e) => e.kind ?? e.code));
console.log(JSON.stringify(kinds));
`,
    );
    chmodSync(script, 0o644);
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const run = spawnSync(tsx, [script, file, path.join(closed, 'new.env'), path.join(open, 'new.env')], {
      uid: 65534,
      gid: 65534,
      cwd: os.tmpdir(),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['file-readonly', 'file-readonly', 'written']);
    expect(readFileSync(file, 'utf8')).toBe('TOKEN = "old"\n');
    expect(readdirSync(open).sort()).toEqual(['new.env', 'settings.py']);
    expect(readdirSync(closed)).toEqual([]);
  });

  it('does not bring back a file deleted between read and write, and refuses one edited meanwhile', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.env');
    writeFileSync(file, 'A=old\n');
    const read = await readTarget(file);
    rmSync(file);
    expectKind(
      await caught(atomicWrite(file, 'A=new\n', { expectUnchangedSince: read.mtimeMs! })),
      'file-missing',
      /deleted while we were syncing/,
    );
    expect(readdirSync(dir)).toEqual([]);

    writeFileSync(file, 'A=old\n');
    const again = await readTarget(file);
    writeFileSync(file, 'A=edited by hand\n');
    utimesSync(file, new Date(), new Date(again.mtimeMs! + 5000));
    expectKind(
      await caught(atomicWrite(file, 'A=new\n', { expectUnchangedSince: again.mtimeMs!, label: '.env' })),
      // Its own kind: the advice is to sync again once the other program is done, not to free disk space.
      'file-changed',
      '.env changed while we were writing, so it was left as it is',
    );
    expect(readFileSync(file, 'utf8')).toBe('A=edited by hand\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('reports a vanished folder as file-missing', async () => {
    const dir = tempDir();
    expectKind(
      await caught(atomicWrite(path.join(dir, 'gone', '.env'), 'A=1\n', { label: 'gone/.env' })),
      'file-missing',
      /gone\/\.env/,
    );
  });
});

describe('readTarget', () => {
  it('reads text with its mode and mtime, and reports a missing file without failing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.env');
    writeFileSync(file, '\ufeffA=1\n');
    chmodSync(file, 0o640);
    const read = await readTarget(file);
    // The BOM is kept so that a rewrite does not drop it.
    expect(read).toMatchObject({ exists: true, text: '\ufeffA=1\n', mode: 0o640, symlinkTarget: null });
    expect(read.mtimeMs).toBe(statSync(file).mtimeMs);
    expect(await readTarget(path.join(dir, 'b.env'))).toMatchObject({
      exists: false,
      text: '',
      mode: null,
      symlinkTarget: null,
      mtimeMs: null,
    });
    expectKind(
      await caught(readTarget(path.join(dir, 'nope', 'c.env'), { label: 'nope/c.env' })),
      'file-missing',
      /the folder of nope\/c\.env no longer exists/,
    );
  });

  it('refuses binary, non-UTF-8 and oversized files without quoting them', async () => {
    const dir = tempDir();
    const marker = 'SECRET-MARKER-123';
    writeFileSync(path.join(dir, 'nul.env'), Buffer.concat([Buffer.from(`${marker}=1\n`), Buffer.from([0, 1, 2])]));
    writeFileSync(path.join(dir, 'latin1.env'), Buffer.from([0x41, 0x3d, 0xe9, 0x0a]));
    writeFileSync(path.join(dir, 'big.env'), `${marker}=${'x'.repeat(5 * 1024 * 1024)}\n`);
    writeFileSync(path.join(dir, 'small-limit.env'), `${marker}=12345\n`);
    const errors = [
      await caught(readTarget(path.join(dir, 'nul.env'))),
      await caught(readTarget(path.join(dir, 'latin1.env'))),
      await caught(readTarget(path.join(dir, 'big.env'))),
      await caught(readTarget(path.join(dir, 'small-limit.env'), { maxBytes: 10 })),
      await caught(readTarget(dir)),
    ];
    expectKind(errors[0], 'file-binary', /nul\.env contains binary data/);
    expectKind(errors[1], 'file-binary', /latin1\.env is not UTF-8 text/);
    expectKind(errors[2], 'file-too-large', /big\.env is 5\.0 MB; files over 5\.0 MB are not edited/);
    expectKind(errors[3], 'file-too-large', /small-limit\.env/);
    expectKind(errors[4], 'file-binary', /not a regular file/);
    for (const e of errors) expect(String((e as Error).message)).not.toContain(marker);
  });
});

describe('resolveInside', () => {
  it('returns paths inside the project, even for files and folders that do not exist yet', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'config'));
    expect(resolveInside(dir, 'config/.env')).toBe(path.join(dir, 'config', '.env'));
    expect(resolveInside(dir, 'new/deeper/.env')).toBe(path.join(dir, 'new', 'deeper', '.env'));
    // A linked folder that stays inside the project is fine.
    symlinkSync('config', path.join(dir, 'cfg'));
    expect(resolveInside(dir, 'cfg/.env')).toBe(path.join(dir, 'cfg', '.env'));
  });

  it('refuses .., absolute paths and linked folders that lead outside', async () => {
    const dir = tempDir();
    const outside = tempDir('dtt-outside-');
    symlinkSync(outside, path.join(dir, 'linked'));
    for (const [file, detail] of [
      ['../x.env', /climbs out of the project/],
      ['config/../../x.env', /climbs out/],
      ['..\\x.env', /climbs out/],
      ['/etc/passwd', /is an absolute path/],
      ['C:\\Users\\x.env', /is an absolute path/],
      ['linked/.env', /linked folder that leads to .*outside the project/],
      ['linked/sub/new.env', /outside the project/],
    ] as const) {
      expectKind(await caught(() => resolveInside(dir, file)), 'path-outside-project', detail);
    }
  });

  it('reports a project folder that is gone as project-missing', async () => {
    const dir = tempDir();
    rmSync(dir, { recursive: true });
    expectKind(await caught(() => resolveInside(dir, '.env')), 'project-missing', /no longer exists/);
  });
});

describe('undo backups', () => {
  it('restores the last sync: old text and mode back, created files deleted, then nothing to undo', async () => {
    const project = tempDir();
    const store = openBackupStore(path.join(tempDir(), 'backups'));
    const settings = path.join(project, 'settings.py');
    writeFileSync(settings, 'TOKEN = "first"\n');
    chmodSync(settings, 0o640);

    expect(await store.has(project)).toBe(false);
    await store.save(project, [{ relativeFile: 'settings.py', previous: 'TOKEN = "zero"\n', mode: 0o640 }]);
    // The second sync replaces the first backup set: undo goes back one sync, not two.
    await store.save(project, [
      { relativeFile: 'settings.py', previous: 'TOKEN = "first"\n', mode: 0o640, written: 'TOKEN = "second"\n' },
      { relativeFile: 'config/.env', previous: null, mode: null, written: 'A=second\n' },
    ]);
    mkdirSync(path.join(project, 'config'));
    writeFileSync(settings, 'TOKEN = "second"\n');
    chmodSync(settings, 0o600);
    writeFileSync(path.join(project, 'config', '.env'), 'A=second\n');
    expect(await store.has(project)).toBe(true);

    expect(await store.restore(project)).toEqual([
      { relativeFile: 'settings.py', action: 'restored' },
      { relativeFile: 'config/.env', action: 'deleted' },
    ]);
    expect(readFileSync(settings, 'utf8')).toBe('TOKEN = "first"\n');
    expect(modeOf(settings)).toBe(0o640);
    expect(existsSync(path.join(project, 'config', '.env'))).toBe(false);
    expect(await store.has(project)).toBe(false);
    expectKind(await caught(store.restore(project)), 'nothing-to-undo');
  });

  it('keeps backups private: folder 0700 (tightened if it existed), files 0600', async () => {
    const backups = path.join(tempDir(), 'backups');
    mkdirSync(backups, { mode: 0o755 });
    chmodSync(backups, 0o755);
    const store = openBackupStore(backups);
    await store.save(tempDir(), [{ relativeFile: '.env', previous: 'A=old\n', mode: 0o600 }]);
    expect(modeOf(backups)).toBe(0o700);
    const files = readdirSync(backups);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(modeOf(path.join(backups, files[0]!))).toBe(0o600);
  });

  it('refuses a tampered backup that points outside the project', async () => {
    const project = tempDir();
    const store = openBackupStore(path.join(tempDir(), 'backups'));
    await store.save(project, [{ relativeFile: '../escape.env', previous: 'A=1\n', mode: null }]);
    expectKind(await caught(store.restore(project)), 'path-outside-project');
    expect(existsSync(path.join(path.dirname(project), 'escape.env'))).toBe(false);
  });
});

describe('withLock', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Checks the log's enter/exit lines strictly alternate and their times never overlap. */
  function expectNoOverlap(lines: string[], expectedRuns: number): void {
    const events = lines.filter(Boolean).map((l) => {
      const [who, what, at] = l.split(' ');
      return { who, what, at: Number(at) };
    });
    expect(events).toHaveLength(expectedRuns * 2);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]).toMatchObject({ what: 'enter' });
      expect(events[i + 1]).toMatchObject({ what: 'exit', who: events[i]!.who });
      if (i > 0) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    }
  }

  it('never lets two calls in the same process overlap, and releases after a failure', async () => {
    const locks = tempDir();
    const log: string[] = [];
    const run = (id: number) =>
      withLock(locks, 'sync', async () => {
        log.push(`${id} enter ${Date.now()}`);
        await sleep(10);
        log.push(`${id} exit ${Date.now()}`);
        if (id === 2) throw new Error('boom');
        return id;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(run));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expectNoOverlap(log, 5);
    expect(readdirSync(locks)).toEqual([]);
  });

  it('never lets two processes overlap', async () => {
    const locks = tempDir();
    const logFile = path.join(tempDir(), 'log.txt');
    const script = path.join(tempDir(), 'hold-lock.mjs');
    const lockModule = path.resolve(import.meta.dirname, '../../electron/core/projects/files/lock.ts');
    writeFileSync(
      script,
      `import { appendFileSync } from 'node:fs';
import { withLock } from ${JSON.stringify(lockModule)};
const [locks, log, id] = process.argv.slice(2);
for (let i = 0; i < 8; i++) {
  await withLock(locks, 'sync', async () => {
    appendFileSync(log, id + ' enter ' + Date.now() + '\\n');
    await new Promise((r) => setTimeout(r, 15));
    appendFileSync(log, id + ' exit ' + Date.now() + '\\n');
  }, { waitMs: 20000 });
}
`,
    );
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const child = (id: string) =>
      new Promise<number | null>((resolve) => {
        const p = spawn(tsx, [script, locks, logFile, id], { stdio: 'inherit' });
        p.on('exit', resolve);
      });
    expect(await Promise.all([child('a'), child('b')])).toEqual([0, 0]);
    const lines = readFileSync(logFile, 'utf8').split('\n');
    expectNoOverlap(lines, 16);
    expect(new Set(lines.filter(Boolean).map((l) => l.split(' ')[0]))).toEqual(new Set(['a', 'b']));
    expect(readdirSync(locks)).toEqual([]);
  });

  it('takes over a lock left by a dead process, or one nobody has touched for staleMs', async () => {
    const locks = tempDir();
    const lockFile = path.join(locks, 'sync.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(
      lockFile,
      JSON.stringify({ pid: dead, host: os.hostname(), at: new Date().toISOString(), nonce: 'x' }),
    );
    const started = Date.now();
    expect(await withLock(locks, 'sync', async () => readFileSync(lockFile, 'utf8'), { waitMs: 3000 })).toContain(
      `"pid":${process.pid}`,
    );
    expect(Date.now() - started).toBeLessThan(1000);

    // pid 1 is alive, so only the age can make this lock stale.
    writeFileSync(lockFile, JSON.stringify({ pid: 1, host: os.hostname(), at: new Date().toISOString(), nonce: 'y' }));
    const old = new Date(Date.now() - 120_000);
    utimesSync(lockFile, old, old);
    expect(await withLock(locks, 'sync', async () => 'ran', { waitMs: 3000 })).toBe('ran');
    expect(existsSync(lockFile)).toBe(false);
  });

  it('gives up with sync-busy after waitMs while a live sync holds the lock', async () => {
    const locks = tempDir();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = withLock(locks, 'sync', async () => {
      entered();
      await held;
    });
    await inside;
    const started = Date.now();
    const error = await caught(withLock(locks, 'sync', async () => 'never', { waitMs: 300 }));
    expectKind(error, 'sync-busy', new RegExp(`process ${process.pid}\\) is still writing these files`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    release();
    await first;
    expect(await withLock(locks, 'sync', async () => 'next', { waitMs: 300 })).toBe('next');
  });
});
