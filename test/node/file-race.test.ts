import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isDttError } from '../../electron/core/errors';
import {
  attacker,
  cleanTempDirs,
  filesHolding,
  mintToken,
  modeOf,
  projectsFor,
  removeThrowawayUser,
  tempDir,
  throwawayUser,
  writeScript,
} from '../support/file-race';

// Real files, a real second process swapping paths for links, real owners and groups.

afterEach(cleanTempDirs);
afterAll(removeThrowawayUser);

const dotenv = (file: string, includeRefreshToken = false) => ({
  file,
  format: 'dotenv' as const,
  includeRefreshToken,
});

async function caught(promise: Promise<unknown>): Promise<{ kind?: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(isDttError(error), String(error)).toBe(true);
    return error as { kind: string; detail: string };
  }
  throw new Error('expected a failure, but it succeeded');
}

/** Syncs with a fresh token again and again while the attacker swaps; returns every outcome. */
async function syncDuring(
  swaps: Promise<number>,
  values: { accessToken: string },
  run: () => Promise<{ targets: Array<{ outcome: string; kind?: string; detail?: string }> }>,
  between: () => void = () => undefined,
) {
  let done = false;
  void swaps.then(() => (done = true));
  const outcomes: Array<{ outcome: string; kind?: string; detail?: string }> = [];
  while (!done) {
    values.accessToken = mintToken();
    outcomes.push(...(await run()).targets);
    between();
  }
  return { outcomes, swaps: await swaps };
}

describe('a symlink swapped in while syncs run never redirects a write', () => {
  const DURATION = 2500;

  it('an existing .env swapped for a link to a file outside: the outside file is never touched', async () => {
    const dir = tempDir();
    const outsideDir = tempDir('dtt-outside-');
    const outside = path.join(outsideDir, 'authorized_keys');
    writeFileSync(outside, 'ssh-ed25519 AAAA the-user\n');
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    const values = { accessToken: mintToken() };
    const { projects } = projectsFor(values);
    projects.add(dir, [dotenv('.env')]);

    const { outcomes, swaps } = await syncDuring(
      attacker('file', path.join(dir, '.env'), outside, DURATION),
      values,
      () => projects.sync(),
    );
    expect(swaps).toBeGreaterThan(10);
    expect(outcomes.length).toBeGreaterThan(5);
    expect(readFileSync(outside, 'utf8')).toBe('ssh-ed25519 AAAA the-user\n');
    expect(readdirSync(outsideDir)).toEqual(['authorized_keys']);
    for (const o of outcomes.filter((o) => o.kind === 'file-symlink'))
      expect(o.detail).toMatch(/^\.env (points to|became a link to)/);
    // Whatever happened, the only copies of any token are in the registered file.
    expect(readdirSync(dir).filter((n) => n !== '.env')).toEqual([]);
  });

  it('a link appearing where a new .env is about to be created is not followed', async () => {
    const dir = tempDir();
    const outsideDir = tempDir('dtt-outside-');
    const outside = path.join(outsideDir, 'profile');
    writeFileSync(outside, 'export PATH=/usr/bin\n');
    const values = { accessToken: mintToken() };
    const { projects } = projectsFor(values);
    projects.add(dir, [dotenv('.env')]);
    const target = path.join(dir, '.env');

    await syncDuring(
      attacker('new', target, outside, DURATION),
      values,
      () => projects.sync(),
      () => {
        // Start every round from "no file yet" so each sync creates it.
        try {
          if (!lstatSync(target).isSymbolicLink()) rmSync(target);
        } catch {
          // the attacker's link came and went meanwhile
        }
      },
    );
    expect(readFileSync(outside, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(readdirSync(outsideDir)).toEqual(['profile']);
  });

  it('a folder of the project swapped for a link to an outside folder gets no file in it', async () => {
    const dir = tempDir();
    const outsideDir = tempDir('dtt-outside-');
    writeFileSync(path.join(outsideDir, '.env'), 'OUTSIDE=1\n');
    mkdirSync(path.join(dir, 'config'));
    writeFileSync(path.join(dir, 'config', '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    const values = { accessToken: mintToken() };
    const { projects } = projectsFor(values);
    projects.add(dir, [dotenv('config/.env')]);

    await syncDuring(attacker('dir', path.join(dir, 'config'), outsideDir, DURATION), values, () => projects.sync());
    expect(readFileSync(path.join(outsideDir, '.env'), 'utf8')).toBe('OUTSIDE=1\n');
    expect(readdirSync(outsideDir)).toEqual(['.env']);
  });

  it('--allow-symlinks writes through a link that existed at add, not one re-pointed afterwards', async () => {
    const dir = tempDir();
    const shared = tempDir('dtt-shared-');
    const outsideDir = tempDir('dtt-outside-');
    writeFileSync(path.join(shared, 'team.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    writeFileSync(path.join(outsideDir, 'other.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    symlinkSync(path.join(shared, 'team.env'), path.join(dir, '.env'));
    const values = { accessToken: mintToken() };
    const { projects } = projectsFor(values);
    projects.add(dir, [dotenv('.env')]);
    expect((await projects.sync([], { allowSymlinks: true })).targets[0]).toMatchObject({ outcome: 'updated' });
    expect(readFileSync(path.join(shared, 'team.env'), 'utf8')).toContain(values.accessToken);

    rmSync(path.join(dir, '.env'));
    symlinkSync(path.join(outsideDir, 'other.env'), path.join(dir, '.env'));
    const moved = (await projects.sync([], { allowSymlinks: true })).targets[0]!;
    expect(moved).toMatchObject({ outcome: 'skipped', kind: 'file-symlink' });
    expect(moved.detail).toContain(`.env became a link to ${path.join(outsideDir, 'other.env')}`);
    expect(readFileSync(path.join(outsideDir, 'other.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=\n');
  });
});

describe('undo never writes through links nor destroys later work', () => {
  it('refuses to restore through a link that replaced the file after the sync', async () => {
    const dir = tempDir();
    const outside = path.join(tempDir('dtt-outside-'), 'authorized_keys');
    writeFileSync(outside, 'ssh-ed25519 AAAA the-user\n');
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=old\n');
    const { projects } = projectsFor({ accessToken: mintToken() });
    projects.add(dir, [dotenv('.env')]);
    await projects.sync();
    rmSync(path.join(dir, '.env'));
    symlinkSync(outside, path.join(dir, '.env'));

    const error = await caught(projects.undo(dir));
    expect(error.kind).toBe('file-symlink');
    expect(error.detail).toContain(`.env became a link to ${outside}`);
    expect(readFileSync(outside, 'utf8')).toBe('ssh-ed25519 AAAA the-user\n');
    expect((await caught(projects.undo(dir, { force: true }))).kind).toBe('file-symlink');
    expect(readFileSync(outside, 'utf8')).toBe('ssh-ed25519 AAAA the-user\n');
  });

  it('refuses to restore a file edited after the sync, says what changed, and restores with force', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.env');
    writeFileSync(file, 'A=1\nDROPBOX_ACCESS_TOKEN=old\n');
    const { projects } = projectsFor({ accessToken: mintToken() });
    projects.add(dir, [dotenv('.env')]);
    await projects.sync();
    appendFileSync(file, 'TYPED_LATER=1\nAND_THIS=2\n');
    const edited = readFileSync(file, 'utf8');

    const error = await caught(projects.undo(dir));
    expect(error.kind).toBe('undo-conflict');
    expect(error.detail).toMatch(/\.env was changed after the sync \(2 lines added\)/);
    expect(error.detail).toContain('Nothing was restored');
    expect(readFileSync(file, 'utf8')).toBe(edited);

    expect(await projects.undo(dir, { force: true })).toEqual([{ relativeFile: '.env', action: 'restored' }]);
    expect(readFileSync(file, 'utf8')).toBe('A=1\nDROPBOX_ACCESS_TOKEN=old\n');
  });

  it('keeps a file the sync created once the user added to it, and deletes it when untouched', async () => {
    const dir = tempDir();
    const { projects } = projectsFor({ accessToken: mintToken() });
    projects.add(dir, [dotenv('.env'), dotenv('other.env')]);
    await projects.sync();
    appendFileSync(path.join(dir, '.env'), 'MY_OWN_SETTING=1\n');
    const mine = readFileSync(path.join(dir, '.env'), 'utf8');

    const result = await projects.undo(dir);
    expect(result).toEqual([
      { relativeFile: '.env', action: 'kept', detail: expect.stringMatching(/changed after the sync.*kept/) },
      { relativeFile: 'other.env', action: 'deleted' },
    ]);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(mine);
    expect(existsSync(path.join(dir, 'other.env'))).toBe(false);
  });
});

describe('files keep their owner, group, mode and links', () => {
  it('refuses to write the refresh token into a file others can read, with the fix', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.env');
    writeFileSync(file, 'DROPBOX_ACCESS_TOKEN=\n');
    chmodSync(file, 0o644);
    const values = { accessToken: mintToken(), refreshToken: `r-${mintToken()}`, appKey: 'k123' };
    const { projects } = projectsFor(values);
    projects.add(dir, [dotenv('.env', true)]);
    const refused = (await projects.sync()).targets[0]!;
    expect(refused).toMatchObject({ outcome: 'skipped', kind: 'file-not-private' });
    expect(refused.detail).toContain(`make it private: chmod 600 ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=\n');

    chmodSync(file, 0o600);
    expect((await projects.sync()).targets[0]).toMatchObject({ outcome: 'updated' });
    expect(readFileSync(file, 'utf8')).toContain(values.refreshToken);
  });

  it('refuses a file with hard links (replacing it would leave the old token under the other name)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=old\n');
    linkSync(path.join(dir, '.env'), path.join(dir, 'backup.env'));
    const { projects } = projectsFor({ accessToken: mintToken() });
    projects.add(dir, [dotenv('.env')]);
    const r = (await projects.sync()).targets[0]!;
    expect(r).toMatchObject({ outcome: 'skipped', kind: 'file-hardlink' });
    expect(r.detail).toMatch(/\.env has 2 names/);
    expect(readFileSync(path.join(dir, 'backup.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=old\n');
    expect(statSync(path.join(dir, '.env')).nlink).toBe(2);
  });

  it('as root, keeps a root:<group> 0640 file root:<group> 0640', async (ctx) => {
    const user = throwawayUser();
    if (typeof user === 'string') {
      console.log(`skipped: ${user}`);
      return ctx.skip();
    }
    const dir = tempDir();
    const file = path.join(dir, '.env');
    writeFileSync(file, 'DROPBOX_ACCESS_TOKEN=\n');
    chownSync(file, 0, user.gid);
    chmodSync(file, 0o640);
    const values = { accessToken: mintToken() };
    const { projects } = projectsFor(values);
    projects.add(dir, [dotenv('.env')]);
    expect((await projects.sync()).targets[0]).toMatchObject({ outcome: 'updated' });
    expect(statSync(file)).toMatchObject({ uid: 0, gid: user.gid });
    values.accessToken = mintToken();
    expect(modeOf(file)).toBe(0o640);

    // A file of another user keeps that user and group too.
    chownSync(file, user.uid, user.gid);
    expect((await projects.sync()).targets[0]).toMatchObject({ outcome: 'updated' });
    expect(statSync(file)).toMatchObject({ uid: user.uid, gid: user.gid });
  });

  it('as an ordinary user, keeps the group of a file in a group the user belongs to', async (ctx) => {
    const user = throwawayUser();
    if (typeof user === 'string') {
      console.log(`skipped: ${user}`);
      return ctx.skip();
    }
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const file = path.join(dir, '.env');
    writeFileSync(file, 'DROPBOX_ACCESS_TOKEN=\n');
    // Owned by the user, in a supplementary group of theirs that is not their primary group.
    const extra = `${user.name}x`;
    spawnSync('groupadd', ['-f', extra]);
    spawnSync('usermod', ['-a', '-G', extra, user.name]);
    const extraGid = Number(spawnSync('getent', ['group', extra], { encoding: 'utf8' }).stdout.split(':')[2]);
    chownSync(file, user.uid, extraGid);
    chmodSync(file, 0o640);
    const writeModule = path.resolve(import.meta.dirname, '../../electron/core/projects/files/atomic-write.ts');
    const script = writeScript(
      tempDir(),
      'write.mjs',
      `import { atomicWrite } from ${JSON.stringify(writeModule)};
await atomicWrite(process.argv[2], 'DROPBOX_ACCESS_TOKEN=new\\n');
`,
    );
    chmodSync(path.dirname(script), 0o755);
    chmodSync(script, 0o644);
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const run = spawnSync(
      'setpriv',
      ['--reuid', String(user.uid), '--regid', String(user.gid), '--init-groups', tsx, script, file],
      { encoding: 'utf8', cwd: '/tmp', env: { ...process.env, HOME: '/tmp' } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=new\n');
    expect(statSync(file)).toMatchObject({ uid: user.uid, gid: extraGid });
    expect(modeOf(file)).toBe(0o640);
  });

  it('no token copy is left beside a target after syncs, and a foreign look-alike temp is left alone', async () => {
    const dir = tempDir();
    const values = { accessToken: mintToken() };
    const { projects } = projectsFor(values);
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    // A crash leftover of ours (0600, holds our key) and a look-alike that is not ours (0644).
    const ours = path.join(dir, '..env.dtt-0123456789ab.tmp');
    writeFileSync(ours, `DROPBOX_ACCESS_TOKEN=${values.accessToken}\n`, { mode: 0o600 });
    const foreign = path.join(dir, '..env.dtt-ba9876543210.tmp');
    writeFileSync(foreign, 'SOMEONE_ELSES=1\n', { mode: 0o644 });
    chmodSync(foreign, 0o644);
    projects.add(dir, [dotenv('.env')]);
    await projects.sync();
    expect(existsSync(ours)).toBe(false);
    expect(existsSync(foreign)).toBe(true);
    expect(filesHolding(dir, values.accessToken)).toEqual([path.join(dir, '.env')]);
  });
});
