import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackupStore } from '../../electron/core/projects/files';
import { driverName } from '../../electron/core/projects/keep-out-of-git';
import { ProjectRegistry } from '../../electron/core/projects/registry';
import { syncProjects } from '../../electron/core/projects/sync';
import { openSettings } from '../../electron/core/settings';
import type { ProjectRecord, ProjectTarget } from '../../electron/core/settings-schema';
import { cleanGitEnv, isolateGitConfig } from '../support/hostile-git';

// "Keep it out of git" against a project folder that was made to defeat it: file names that
// break or bend the lines we add to .git/info/attributes and .git/info/exclude, a .git whose
// files point outside the project, config that overrides our filter behind our back, a token the
// filter does not know, and a `perl` planted in the project. Real files, real git; after each
// sync the user commits everything (`git add -A`), and no object in the repository may hold the token.

isolateGitConfig();

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: cleanGitEnv(), encoding: 'utf8', stdio: 'pipe' });
const mintToken = () => `sl.u.${randomBytes(300).toString('base64url')}`;
const ENV = 'DROPBOX_ACCESS_TOKEN=YOUR_NEW_TOKEN_HERE\n';

function repoWith(files: Record<string, string>, commit: string[] | 'all' = 'all'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-keepout-')));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'staff@example.com');
  git(dir, 'config', 'user.name', 'Staff');
  git(dir, 'add', '--', ...(commit === 'all' ? Object.keys(files) : commit));
  git(dir, 'commit', '-qm', 'initial', '--allow-empty');
  return dir;
}

/** The app's sync of a "keep out of git" project, as the CLI and the window run it. */
async function sync(dir: string, files: Array<string | ProjectTarget>, token: string, refreshToken?: string) {
  const config = mkdtempSync(path.join(os.tmpdir(), 'dtt-keepout-config-'));
  const settings = openSettings({ ...process.env, DTT_CONFIG_DIR: config });
  const targets: ProjectTarget[] = files.map((file) =>
    typeof file === 'string'
      ? { file, format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN', includeRefreshToken: false }
      : file,
  );
  const project: ProjectRecord = { path: dir, name: 'p', keepInSync: true, keepOutOfGit: true, targets };
  settings.set('projects', [project]);
  const report = await syncProjects(
    [project],
    { accessToken: token, ...(refreshToken ? { refreshToken, appKey: 'testappkey123456' } : {}) },
    { registry: new ProjectRegistry(settings), backups: openBackupStore(path.join(config, 'undo')) },
  );
  return Object.fromEntries(report.targets.map((t) => [t.file, t.outcome]));
}

/** The user commits everything; then every object git holds, and its history, are searched. */
function committedAnywhere(dir: string, token: string): boolean {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'everything', '--allow-empty');
  const objects = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], {
    cwd: dir,
    env: cleanGitEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return objects.includes(token.slice(5, 60)) || git(dir, 'log', '-p', '--all').includes(token.slice(5, 60));
}

describe('keep out of git: names that bend our lines', () => {
  it('a folder name with line breaks cannot add its own line to info/attributes (one that un-sets our filter)', async () => {
    // The second line of this path, once written unescaped, reads "/app.env -filter".
    const evil = 'a\n/app.env -filter\n#/x.env';
    const dir = repoWith({ 'app.env': ENV, [evil]: ENV });
    const token = mintToken();
    const outcomes = await sync(dir, ['app.env', evil], token);
    expect(outcomes['app.env']).toBe('updated');
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).toContain(token);
    expect(git(dir, 'check-attr', 'filter', '--', 'app.env')).toMatch(/filter: dtt-keep-out-/);
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('names with [ ] * ? \\ spaces and tabs are matched exactly, and the token stays out', async () => {
    const names = ['conf [1]/app.env', 'a*b/app.env', 'q?/app.env', 'back\\slash/app.env', 'tab\there/app.env'];
    // A file the glob would also match must not take the filter by mistake: the patterns are exact.
    const dir = repoWith({ ...Object.fromEntries(names.map((n) => [n, ENV])), 'conf 1/app.env': ENV });
    const token = mintToken();
    const outcomes = await sync(dir, names, token);
    for (const n of names) expect(outcomes[n], n).toBe('updated');
    expect(git(dir, 'check-attr', 'filter', '--', 'conf 1/app.env')).toContain('filter: unspecified');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('an untracked file whose name ends in a carriage return (git drops it from exclude lines) is not left unignored', async () => {
    const dir = repoWith({ 'README.md': 'hi\n' });
    writeFileSync(path.join(dir, 'app.env\r'), ENV);
    const token = mintToken();
    const outcomes = await sync(dir, ['app.env\r'], token);
    if (outcomes['app.env\r'] === 'updated')
      expect(git(dir, 'check-ignore', '--', 'app.env\r').length).toBeGreaterThan(0);
    expect(committedAnywhere(dir, token)).toBe(false);
  });
});

describe('keep out of git: a token the filter does not know', () => {
  it("refuses to write an older long-lived token (no sl. prefix) into a tracked file: the filter wouldn't catch it", async () => {
    const dir = repoWith({ 'app.env': ENV });
    const legacy = randomBytes(48).toString('base64url');
    expect(legacy).toHaveLength(64);
    const outcomes = await sync(dir, ['app.env'], legacy);
    expect(outcomes['app.env']).toBe('failed');
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).toBe(ENV);
    expect(committedAnywhere(dir, `sl.u.${legacy}`)).toBe(false);
  });
});

describe('keep out of git: a refresh token, which has no shape to find', () => {
  it('two targets in one tracked file, the second asking for the refresh token: refused, not written', async () => {
    const dir = repoWith({ 'app.env': `${ENV}OTHER_ACCESS_TOKEN=YOUR_NEW_TOKEN_HERE\n` });
    const refresh = randomBytes(48).toString('base64url');
    chmodSync(path.join(dir, 'app.env'), 0o600); // as the app asks before it writes a refresh token
    const outcomes = await sync(
      dir,
      [
        { file: 'app.env', format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN', includeRefreshToken: false },
        { file: 'app.env', format: 'dotenv', key: 'OTHER_ACCESS_TOKEN', includeRefreshToken: true },
      ],
      mintToken(),
      refresh,
    );
    expect(outcomes['app.env']).not.toBe('updated');
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).not.toContain(refresh);
    expect(committedAnywhere(dir, `sl.u.${refresh}`)).toBe(false);
  });
});

describe('keep out of git: config that overrides our filter', () => {
  // Our driver's name is predictable; a hostile .git/config can prepare for it.
  const driver = driverName('app.env');

  it('a config.worktree (read after .git/config) that makes our clean filter a no-op: nothing is written', async () => {
    const dir = repoWith({ 'app.env': ENV });
    git(dir, 'config', 'extensions.worktreeConfig', 'true');
    git(dir, 'config', '--worktree', `filter.${driver}.clean`, 'cat');
    const token = mintToken();
    const outcomes = await sync(dir, ['app.env'], token);
    expect(outcomes['app.env']).not.toBe('updated');
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).toBe(ENV);
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('an include after our section (our --replace-all keeps its place) that replaces the clean command', async () => {
    const dir = repoWith({ 'app.env': ENV });
    writeFileSync(path.join(dir, '.git', 'evil.cfg'), `[filter "${driver}"]\n\tclean = cat\n\trequired = false\n`);
    const config = path.join(dir, '.git', 'config');
    writeFileSync(
      config,
      `${readFileSync(config, 'utf8')}[filter "${driver}"]\n\tclean = true\n[include]\n\tpath = evil.cfg\n`,
    );
    const token = mintToken();
    const outcomes = await sync(dir, ['app.env'], token);
    expect(outcomes['app.env']).not.toBe('updated');
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).toBe(ENV);
    expect(committedAnywhere(dir, token)).toBe(false);
  });
});

describe('keep out of git: nothing is written outside the project', () => {
  const outsideFile = () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-outside-')));
    const file = path.join(dir, 'precious');
    writeFileSync(file, 'export PATH=/usr/bin\n');
    return { dir, file };
  };

  it('.git/info/attributes as a link to a file of the user: the file is not touched', async () => {
    const dir = repoWith({ 'app.env': ENV });
    const outside = outsideFile();
    mkdirSync(path.join(dir, '.git', 'info'), { recursive: true });
    rmSync(path.join(dir, '.git', 'info', 'attributes'), { force: true });
    symlinkSync(outside.file, path.join(dir, '.git', 'info', 'attributes'));
    const token = mintToken();
    const outcomes = await sync(dir, ['app.env'], token);
    expect(readFileSync(outside.file, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(outcomes['app.env']).not.toBe('updated');
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('.git/info as a link to a folder of the user: nothing lands there', async () => {
    const dir = repoWith({ 'README.md': 'hi\n', 'app.env': ENV });
    writeFileSync(path.join(dir, 'new.env'), ENV); // untracked: goes to info/exclude
    const outside = outsideFile();
    rmSync(path.join(dir, '.git', 'info'), { recursive: true, force: true });
    symlinkSync(outside.dir, path.join(dir, '.git', 'info'));
    const token = mintToken();
    await sync(dir, ['app.env', 'new.env'], token);
    expect(execFileSync('ls', ['-A', outside.dir], { encoding: 'utf8' }).trim()).toBe('precious');
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('.git/info/exclude as a link to a file of the user: the file is not touched', async () => {
    const dir = repoWith({ 'README.md': 'hi\n' });
    writeFileSync(path.join(dir, 'new.env'), ENV);
    const outside = outsideFile();
    rmSync(path.join(dir, '.git', 'info', 'exclude'), { force: true });
    symlinkSync(outside.file, path.join(dir, '.git', 'info', 'exclude'));
    const token = mintToken();
    await sync(dir, ['new.env'], token);
    expect(readFileSync(outside.file, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('.git/config as a link to a config file of the user: git is not asked to write through it', async () => {
    const dir = repoWith({ 'app.env': ENV });
    const outside = outsideFile();
    const gitconfig = path.join(outside.dir, 'gitconfig');
    writeFileSync(gitconfig, readFileSync(path.join(dir, '.git', 'config')));
    const before = readFileSync(gitconfig, 'utf8');
    rmSync(path.join(dir, '.git', 'config'));
    symlinkSync(gitconfig, path.join(dir, '.git', 'config'));
    const token = mintToken();
    const outcomes = await sync(dir, ['app.env'], token);
    expect(readFileSync(gitconfig, 'utf8')).toBe(before);
    expect(outcomes['app.env']).not.toBe('updated');
  });
});

describe('keep out of git: the filter never runs a program from the project', () => {
  it("an empty or '.' entry on PATH does not make git's filter run the project's own perl", async () => {
    const dir = repoWith({ 'app.env': ENV });
    const marker = path.join(realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-marker-'))), 'fired');
    writeFileSync(path.join(dir, 'perl'), `#!/bin/sh\necho perl >> '${marker}'\ncat\n`);
    chmodSync(path.join(dir, 'perl'), 0o755);
    const pathBefore = process.env.PATH;
    process.env.PATH = `.::${pathBefore}`;
    try {
      await sync(dir, ['app.env'], mintToken());
    } finally {
      process.env.PATH = pathBefore;
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('keep out of git: the temp file a write goes through', () => {
  it('a temp file left by a crash mid-write (token inside) is ignored too, so `git add -A` does not take it', async () => {
    const dir = repoWith({ 'conf/app.env': ENV });
    writeFileSync(path.join(dir, 'conf', 'new.env'), ENV);
    const token = mintToken();
    await sync(dir, ['conf/app.env', 'conf/new.env'], token);
    // What `kill -9` between writing the temp file and renaming it leaves (temp-files.ts names it).
    for (const base of ['app.env', 'new.env'])
      writeFileSync(path.join(dir, 'conf', `.${base}.dtt-0123456789ab.tmp`), `DROPBOX_ACCESS_TOKEN=${token}\n`, {
        mode: 0o600,
      });
    expect(committedAnywhere(dir, token)).toBe(false);
  });
});

// Attacks that held when tried (kept, so they keep holding).
describe('keep out of git: what the project commits or configures does not beat our filter', () => {
  it('committed .gitattributes (top level and beside the file), core.attributesFile: info/attributes wins', async () => {
    const dir = repoWith({
      '.gitattributes': '* filter=evil\n',
      'conf/.gitattributes': 'app.env -filter\n/app.env !filter\n*.env filter=lfs\n',
      'conf/app.env': ENV,
    });
    writeFileSync(path.join(dir, '.git', 'attrs'), 'conf/app.env -filter\n');
    git(dir, 'config', 'core.attributesFile', path.join(dir, '.git', 'attrs'));
    git(dir, 'config', 'filter.evil.clean', 'cat');
    git(dir, 'config', 'filter.lfs.clean', 'cat');
    const token = mintToken();
    expect((await sync(dir, ['conf/app.env'], token))['conf/app.env']).toBe('updated');
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('a long-running process filter for our driver, from an include: refused, nothing written', async () => {
    const dir = repoWith({ 'app.env': ENV });
    writeFileSync(path.join(dir, '.git', 'evil.cfg'), `[filter "${driverName('app.env')}"]\n\tprocess = cat\n`);
    git(dir, 'config', 'include.path', 'evil.cfg');
    const token = mintToken();
    expect((await sync(dir, ['app.env'], token))['app.env']).not.toBe('updated');
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).toBe(ENV);
  });

  it('CRLF line endings (core.autocrlf, text eol=crlf) change no byte the filter needs', async () => {
    const dir = repoWith({ '.gitattributes': '*.env text eol=crlf\n', 'app.env': ENV.replace('\n', '\r\n') });
    git(dir, 'config', 'core.autocrlf', 'true');
    const token = mintToken();
    expect((await sync(dir, ['app.env'], token))['app.env']).toBe('updated');
    git(dir, 'add', '--renormalize', '.');
    git(dir, 'commit', '-qam', 'renormalized', '--allow-empty');
    expect(committedAnywhere(dir, token)).toBe(false);
  });

  it('a submodule: set up in its own git folder (.git/modules/…), committed from it and from the superproject', async () => {
    const inner = repoWith({ 'app.env': ENV });
    const outer = repoWith({ 'README.md': 'hi\n' });
    git(outer, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner, 'sub');
    git(outer, 'commit', '-qm', 'sub');
    const sub = path.join(outer, 'sub');
    git(sub, 'config', 'user.email', 'staff@example.com');
    git(sub, 'config', 'user.name', 'Staff');
    const token = mintToken();
    expect((await sync(sub, ['app.env'], token))['app.env']).toBe('updated');
    expect(git(sub, 'rev-parse', '--git-path', 'info/attributes')).toContain('modules');
    expect(committedAnywhere(sub, token)).toBe(false);
    expect(committedAnywhere(outer, token)).toBe(false);
  });

  it('a linked worktree (git worktree add): set up there, committed from there and from the main one', async () => {
    const main = repoWith({ 'app.env': ENV });
    const linked = path.join(realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-linked-'))), 'wt');
    git(main, 'worktree', 'add', '-q', '-b', 'side', linked);
    const token = mintToken();
    expect((await sync(linked, ['app.env'], token))['app.env']).toBe('updated');
    expect(readFileSync(path.join(linked, 'app.env'), 'utf8')).toContain(token);
    expect(git(linked, 'status', '--porcelain')).toBe('');
    expect(committedAnywhere(linked, token)).toBe(false);
    expect(committedAnywhere(main, token)).toBe(false);
  });
});
