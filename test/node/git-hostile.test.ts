import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTargets } from '../../electron/core/projects/detect';
import { gitVerdict, isBlocking } from '../../electron/core/projects/git-guard';
import { TokenTrayService } from '../../electron/core/service';
import { freePort, runCli, useFakeDropbox } from '../support/cli';
import { hostileRepo, isolateGitConfig, plainGitFires, unreadableRepo } from '../support/hostile-git';
import { describeWithKeyring, uniqueService } from '../support/keyring';

// A project folder is not trusted: whatever its .git says, asking git about it must never run
// the project's code, and when git can't answer, the token is not written without a yes.

const { fake, appKey, pasted } = useFakeDropbox();
isolateGitConfig();

const FILES = {
  '.env': 'OTHER=1\nDROPBOX_ACCESS_TOKEN=\n',
  '.gitignore': '.env\n',
  'settings.py': 'TOKEN = ""\n',
  'deploy/app.env': 'DROPBOX_ACCESS_TOKEN=\n',
  'README.md': 'hi\n',
};
const hostile = () => hostileRepo(FILES, ['.gitignore', 'settings.py', 'deploy/app.env', 'README.md']);

describe('git never runs code from the project', () => {
  it('the repository is really hostile: plain git sets off its code', () => {
    const repo = hostile();
    expect(repo.fired()).toEqual([]);
    plainGitFires(repo.dir, 'ls-files', '--', '.env');
    // Without the broken filter process, so the commit gets as far as its hooks.
    plainGitFires(
      repo.dir,
      '-c',
      'filter.evil.process=',
      '-c',
      'user.name=T',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-qm',
      'x',
      '--allow-empty',
    );
    expect(repo.fired()).toEqual(expect.arrayContaining(['fsmonitor']));
    expect(repo.fired().some((f) => f.startsWith('hooksPath:'))).toBe(true);
  });

  it('gitVerdict still answers right, and nothing of the project runs', async () => {
    const repo = hostile();
    expect((await gitVerdict(path.join(repo.dir, 'settings.py'))).state).toBe('tracked');
    expect((await gitVerdict(path.join(repo.dir, '.env'))).state).toBe('ignored');
    expect((await gitVerdict(path.join(repo.dir, 'new.env'))).state).toBe('untracked-unignored');
    expect(repo.fired()).toEqual([]);
  });

  it("the window's folder choice (detection, then git's opinion of each place) runs nothing", async () => {
    const repo = hostile();
    // What the 'choose folder' handler does: detect, then ask git about each place found.
    const found = await detectTargets(repo.dir);
    expect(found.targets.map((t) => t.file)).toContain('.env');
    for (const t of found.targets) await gitVerdict(path.join(repo.dir, t.file));
    expect(repo.fired()).toEqual([]);
  });

  // git's "dubious ownership" refusal is there because such a repository's hooks would run as
  // us; the guard reads it anyway (to see tracked files), so nothing of it may run then either.
  it.skipIf(process.getuid?.() !== 0)('a repository owned by another user runs nothing either', async () => {
    const repo = hostile();
    execFileSync('chown', ['-R', '65534:65534', repo.dir]);
    expect((await gitVerdict(path.join(repo.dir, 'deploy', 'app.env'))).state).toBe('tracked');
    expect((await gitVerdict(path.join(repo.dir, '.env'))).state).toBe('ignored');
    expect(repo.fired()).toEqual([]);
  });

  it("a repository git can't read is 'unknown', blocking, and says why", async () => {
    const repo = hostile();
    unreadableRepo(repo.dir);
    const v = await gitVerdict(path.join(repo.dir, 'settings.py'));
    expect(v.state).toBe('unknown');
    expect(v.warning).toMatch(/^Can't tell whether git tracks `settings\.py`: .*extension/);
    expect(isBlocking(v)).toBe(true);
    expect(repo.fired()).toEqual([]);
  });

  it("a git that never answers is 'unknown' after the time limit, and blocking", async () => {
    const repo = hostile();
    // Stands in for a git stuck on a network drive: the only way to make the real one hang.
    const slowBin = mkdtempSync(path.join(os.tmpdir(), 'dtt-slowgit-'));
    writeFileSync(path.join(slowBin, 'git'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const path0 = process.env.PATH;
    process.env.PATH = `${slowBin}:${path0}`;
    try {
      const v = await gitVerdict(path.join(repo.dir, '.env'));
      expect(v.state).toBe('unknown');
      expect(v.warning).toBe("Can't tell whether git tracks `.env`: git did not answer within 5 seconds.");
      expect(isBlocking(v)).toBe(true);
    } finally {
      process.env.PATH = path0;
      rmSync(slowBin, { recursive: true });
    }
  }, 15_000);

  it("no git on PATH inside a folder with .git is 'unknown' and blocking; outside one it is no-git", async () => {
    const repo = hostile();
    const emptyBin = mkdtempSync(path.join(os.tmpdir(), 'dtt-nobin-'));
    const path0 = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const v = await gitVerdict(path.join(repo.dir, 'sub', '.env'));
      expect(v.state).toBe('unknown');
      expect(v.warning).toContain("Can't tell whether git tracks `sub/.env`");
      expect(isBlocking(v)).toBe(true);
      const plain = mkdtempSync(path.join(os.tmpdir(), 'dtt-plain-'));
      expect(await gitVerdict(path.join(plain, '.env'))).toEqual({ state: 'no-git' });
      rmSync(plain, { recursive: true });
    } finally {
      process.env.PATH = path0;
      rmSync(emptyBin, { recursive: true });
    }
  });
});

describeWithKeyring('git never runs code from the project (CLI and keep-in-sync)', () => {
  it('project add, sync, status and project list run nothing of the project', async () => {
    const {
      e: { env },
      token,
    } = await pasted();
    const repo = hostile();
    const detected = await runCli(['project', 'add', repo.dir, '--yes'], env);
    expect(detected.code, detected.stderr).toBe(0);
    // Adding again replaces the detected places with these two: one ignored, one tracked.
    const add = await runCli(['project', 'add', repo.dir, '--file', '.env', '--file', 'deploy/app.env'], env);
    expect(add.code, add.stderr).toBe(0);
    const sync = await runCli(['sync'], env);
    expect(sync.stdout, sync.stdout).toContain('deploy/app.env` is tracked by git');
    expect(readFileSync(path.join(repo.dir, 'deploy/app.env'), 'utf8')).not.toContain(token);
    expect(readFileSync(path.join(repo.dir, '.env'), 'utf8')).toContain(token);
    expect((await runCli(['status'], env)).code).toBe(0);
    expect((await runCli(['project', 'list'], env)).code).toBe(0);
    expect(repo.fired()).toEqual([]);
  });

  it("sync refuses a file in a repository git can't read, and writes it only with --allow-tracked", async () => {
    const {
      e: { env },
      token,
    } = await pasted();
    const repo = hostile();
    unreadableRepo(repo.dir);
    const before = readFileSync(path.join(repo.dir, '.env'), 'utf8');
    expect((await runCli(['project', 'add', repo.dir, '--file', '.env'], env)).code).toBe(0);
    const blocked = await runCli(['sync'], env);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain("Can't tell whether git tracks `.env`");
    expect(blocked.stdout).toContain('run sync with --allow-tracked');
    expect(readFileSync(path.join(repo.dir, '.env'), 'utf8')).toBe(before);
    const allowed = await runCli(['sync', '--allow-tracked'], env);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(readFileSync(path.join(repo.dir, '.env'), 'utf8')).toContain(token);
    expect(repo.fired()).toEqual([]);
  });

  it('sync refuses when git is not installed but the folder has .git', async () => {
    const {
      e: { env },
    } = await pasted();
    const repo = hostile();
    const before = readFileSync(path.join(repo.dir, '.env'), 'utf8');
    expect((await runCli(['project', 'add', repo.dir, '--file', '.env'], env)).code).toBe(0);
    const emptyBin = mkdtempSync(path.join(os.tmpdir(), 'dtt-nobin-'));
    const blocked = await runCli(['sync'], { ...env, PATH: emptyBin });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain("Can't tell whether git tracks `.env`");
    expect(readFileSync(path.join(repo.dir, '.env'), 'utf8')).toBe(before);
  });

  it('keep-in-sync after a renewal runs nothing of the project', async () => {
    const port = await freePort();
    fake.registerRedirect(`http://127.0.0.1:${port}/callback`);
    const service = new TokenTrayService({
      env: {
        DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-hostile-cfg-')),
        DTT_KEYCHAIN_SERVICE: uniqueService('hostile-git'),
        DTT_DROPBOX_ORIGIN: fake.origin,
        DTT_APP_KEY: appKey,
        DTT_REDIRECT_PORT: String(port),
      },
      retry: { baseDelayMs: 10 },
    });
    const signIn = await service.startBrowserSignIn();
    const { location } = await fake.approve(signIn.url);
    await fetch(location!);
    await signIn.result;

    const repo = hostile();
    service.addProject(repo.dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }], {
      keepInSync: true,
    });
    const synced = new Promise((resolve) => service.once('projects-synced', resolve));
    const fresh = await service['credentials'].accessToken({ forceRefresh: true });
    await synced;
    expect(readFileSync(path.join(repo.dir, '.env'), 'utf8')).toContain(fresh);
    expect(repo.fired()).toEqual([]);
    await service.disconnect();
  });
});
