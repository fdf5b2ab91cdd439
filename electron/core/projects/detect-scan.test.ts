import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigProject, ENGINE_PIPELINE, ENGINE_SETTINGS } from '../../../test/support/big-project';
import { gitInit, tempProject } from '../../../test/support/projects';
import { detectTargets } from './detect';

// A real repository is searched completely and quickly: git's own list of files when the folder
// is a repository, a fast walk otherwise; vendored folders are never read.

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 }).toString();

describe('a 35,000-file project', () => {
  let root: string;
  beforeAll(() => {
    // Creating 40,000 files is slow on a busy machine; the search itself is what's timed.
    root = bigProject();
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }), 300_000);

  const expectEngine = (found: Awaited<ReturnType<typeof detectTargets>>) => {
    expect(found.truncated).toBe(false);
    expect(found.targets.map((t) => t.file)).toEqual([ENGINE_SETTINGS, ENGINE_PIPELINE]);
  };

  it('is searched completely by walking it (not a repository), well under 5 s', async () => {
    const t = performance.now();
    const found = await detectTargets(root);
    const ms = performance.now() - t;
    console.log(`detection, 35k files, walked: ${ms.toFixed(0)} ms`);
    expectEngine(found);
    expect(ms).toBeLessThan(5000);
  }, 60_000);

  it('is searched completely through git ls-files when it is a repository, well under 5 s', async () => {
    writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n');
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '-qm', 'x', '--no-verify');
    // Untracked files are listed too.
    writeFileSync(path.join(root, 'pkg0', 'late.env'), 'PORT=1\n');
    const t = performance.now();
    const found = await detectTargets(root);
    const ms = performance.now() - t;
    console.log(`detection, 35k files, git: ${ms.toFixed(0)} ms`);
    expectEngine(found);
    expect(ms).toBeLessThan(5000);
  }, 300_000);
});

describe('budgets', () => {
  it('a walk that runs out of time says the search was not complete', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`d${i % 300}/f${i}.txt`] = 'x';
    const found = await detectTargets(tempProject(files), { timeBudgetMs: 3 });
    expect(found.truncated).toBe(true);
  });

  it('a finished search is never called incomplete', async () => {
    const found = await detectTargets(tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=x\n', 'a/b.txt': 'x' }));
    expect(found).toMatchObject({ truncated: false, targets: [{ file: '.env' }] });
  });
});

describe('listing through git', () => {
  it('finds tracked, untracked and ignored .env files, skips vendored folders and symlinked folders', async () => {
    const hit = 'DROPBOX_ACCESS_TOKEN=x\n';
    const dir = tempProject({
      '.gitignore': '.env\nsecrets/\nnode_modules/\n',
      '.env': hit,
      'secrets/prod.env': hit,
      'app/settings.env': hit,
      'vendor/lib/.env': hit,
      'third_party/x/.env': hit,
      'node_modules/x/.env': hit,
      'untracked/new.env': hit,
    });
    gitInit(dir);
    mkdirSync(path.join(dir, 'outside'));
    writeFileSync(path.join(dir, 'outside', 'x.env'), hit);
    git(dir, 'add', 'outside');
    git(dir, '-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '-qm', 'outside');
    symlinkSync(path.join(dir, 'outside'), path.join(dir, 'link'), 'dir');
    writeFileSync(path.join(dir, 'untracked', 'new.env'), hit);
    const found = await detectTargets(dir);
    expect(found.targets.map((t) => t.file)).toEqual([
      '.env',
      'app/settings.env',
      'outside/x.env',
      'secrets/prod.env',
      'untracked/new.env',
    ]);
    expect(found.truncated).toBe(false);
  });

  it('searches a repository cloned inside the chosen one (git lists it as one folder)', async () => {
    const dir = tempProject({ 'README.md': 'workspace\n', 'engine/settings.env': 'DROPBOX_ACCESS_TOKEN=x\n' });
    gitInit(path.join(dir, 'engine'));
    gitInit(dir);
    const found = await detectTargets(dir);
    expect(found.targets.map((t) => t.file)).toEqual(['engine/settings.env']);
  });

  it('searches only below the chosen folder when it is inside a repository', async () => {
    const dir = tempProject({ 'a/.env': 'DROPBOX_ACCESS_TOKEN=x\n', 'b/.env': 'DROPBOX_ACCESS_TOKEN=x\n' });
    gitInit(dir);
    const found = await detectTargets(path.join(dir, 'a'));
    expect(found.targets.map((t) => t.file)).toEqual(['.env']);
  });
});
