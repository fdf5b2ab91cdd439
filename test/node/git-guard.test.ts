import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addToGitignore, gitVerdict, isBlocking } from '../../electron/core/projects/git-guard';

// Real repositories made with the real git. The developer's own git config is never read:
// gitVerdict passes process.env on to git, so isolating it here isolates every call.

const saved = { ...process.env };
const made: string[] = [];

beforeAll(() => {
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  // Never find a repository above the temp folder (a CI checkout, a dotfiles repo in $HOME).
  process.env.GIT_CEILING_DIRECTORIES = realpathSync(os.tmpdir());
});
afterAll(() => {
  process.env = saved;
});
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-git-')));
  made.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, { cwd, env: process.env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** A repo with committed files, a .gitignore, and some files left untracked. */
function repo(files: Record<string, string>, commit: string[]): string {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir, env: process.env });
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'Test');
  if (commit.length) git(dir, 'add', '--', ...commit);
  expect(git(dir, 'commit', '-qm', 'initial', '--allow-empty').code).toBe(0);
  return dir;
}

const project = () =>
  repo(
    {
      'settings.py': 'TOKEN = ""\n',
      'config/.env': 'A=1\n',
      '.env.example': 'DROPBOX_ACCESS_TOKEN=\n',
      '.env': 'A=1\n',
      'secrets/.env.local': 'A=1\n',
      '.gitignore': 'secrets/\nlogs/\n',
    },
    ['settings.py', 'config/.env', '.env.example', '.gitignore'],
  );

describe('gitVerdict', () => {
  it('warns about a tracked source file and offers to keep the token out of git', async () => {
    const dir = project();
    const v = await gitVerdict(path.join(dir, 'settings.py'));
    expect(v.state).toBe('tracked');
    expect(v.warning).toBe('`settings.py` is tracked by git: if you commit it, your Dropbox token goes with it.');
    expect(v.fix).toEqual({
      kind: 'keep-out-of-git',
      explanation: expect.stringContaining('never goes into a commit or a push'),
    });
    expect(isBlocking(v)).toBe(true);
  });

  it('offers keep-out-of-git for a tracked env file, and to leave a committed template alone', async () => {
    const dir = project();
    const env = await gitVerdict(path.join(dir, 'config', '.env'));
    expect(env.state).toBe('tracked');
    expect(env.fix?.kind).toBe('keep-out-of-git');
    const template = await gitVerdict(path.join(dir, '.env.example'));
    expect(template.state).toBe('tracked');
    expect(template.fix?.kind === 'use-env-file' && template.fix.explanation).toContain(
      'is a template that is meant to be committed',
    );
  });

  it('offers the .gitignore fix for an untracked, unignored file (existing or not)', async () => {
    const dir = project();
    const v = await gitVerdict(path.join(dir, '.env'));
    expect(v).toEqual({
      state: 'untracked-unignored',
      warning: '`.env` is not ignored by git: `git add .` would commit your Dropbox token.',
      fix: { kind: 'add-to-gitignore', gitignore: path.join(dir, '.gitignore'), line: '/.env' },
    });
    expect(isBlocking(v)).toBe(true);
    const planned = await gitVerdict(path.join(dir, 'config', 'new', '.env.local'));
    expect(planned.state).toBe('untracked-unignored');
    expect(planned.fix).toMatchObject({ line: '/config/new/.env.local' });
  });

  it('is quiet about ignored files, even ones that do not exist yet', async () => {
    const dir = project();
    for (const file of ['secrets/.env.local', 'logs/today/x.env']) {
      const v = await gitVerdict(path.join(dir, file));
      expect(v).toEqual({ state: 'ignored' });
      expect(isBlocking(v)).toBe(false);
    }
  });

  it('answers for the file, not for the path it was reached by or a GIT_DIR left in the environment', async () => {
    const dir = project();
    const other = repo({ 'settings.py': 'x\n' }, []);
    const link = path.join(tempDir(), 'linked-project');
    symlinkSync(dir, link);
    process.env.GIT_DIR = path.join(other, '.git');
    try {
      expect((await gitVerdict(path.join(link, 'settings.py'))).state).toBe('tracked');
      expect(await gitVerdict(path.join(link, 'secrets', '.env.local'))).toEqual({ state: 'ignored' });
    } finally {
      delete process.env.GIT_DIR;
    }
  });

  it('reports a folder outside any repository as not-a-repo, without a warning', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.env'), 'A=1\n');
    const v = await gitVerdict(path.join(dir, '.env'));
    expect(v).toEqual({ state: 'not-a-repo' });
    expect(isBlocking(v)).toBe(false);
  });

  it('without git installed: no-git outside a repository, unknown (blocking) inside one, never a throw', async () => {
    const dir = project();
    const plain = tempDir();
    const emptyBin = tempDir();
    const path0 = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      expect(await gitVerdict(path.join(plain, '.env'))).toEqual({ state: 'no-git' });
      const inside = await gitVerdict(path.join(dir, 'settings.py'));
      expect(inside.state).toBe('unknown');
      expect(inside.warning).toBe(
        "Can't tell whether git tracks `settings.py`: git is not installed on this computer, and the folder is a git repository.",
      );
      expect(isBlocking(inside)).toBe(true);
    } finally {
      process.env.PATH = path0;
    }
    expect((await gitVerdict(path.join(dir, 'settings.py'))).state).toBe('tracked');
  });

  // git refuses to read a repository owned by someone else ("dubious ownership"); the guard
  // must not mistake that for "not a repository" and let the token through silently.
  it.skipIf(process.getuid?.() !== 0)('still sees a tracked file in a repository owned by another user', async () => {
    const dir = project();
    execFileSync('chown', ['-R', '65534:65534', dir]);
    expect(statSync(path.join(dir, 'settings.py')).uid).toBe(65534);
    expect(git(dir, 'status').out).toContain('dubious ownership');
    expect((await gitVerdict(path.join(dir, 'settings.py'))).state).toBe('tracked');
  });
});

describe('addToGitignore', () => {
  it('makes git ignore the file, only once, and keeps the verdict in step', async () => {
    const dir = project();
    const v = await gitVerdict(path.join(dir, '.env'));
    if (v.fix?.kind !== 'add-to-gitignore') throw new Error('expected a .gitignore fix');
    expect(git(dir, 'check-ignore', '-q', '.env').code).toBe(1);
    await addToGitignore(v.fix);
    expect(git(dir, 'check-ignore', '-q', '.env').code).toBe(0);
    await addToGitignore(v.fix);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('secrets/\nlogs/\n/.env\n');
    expect(await gitVerdict(path.join(dir, '.env'))).toEqual({ state: 'ignored' });
  });

  it('keeps CRLF line endings and adds the missing final newline first', async () => {
    const dir = repo({ '.gitignore': 'node_modules\r\n*.log', 'config/my [prod].env': 'A=1\n' }, ['.gitignore']);
    const v = await gitVerdict(path.join(dir, 'config', 'my [prod].env'));
    if (v.fix?.kind !== 'add-to-gitignore') throw new Error('expected a .gitignore fix');
    expect(v.fix.line).toBe('/config/my \\[prod\\].env');
    await addToGitignore(v.fix);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules\r\n*.log\r\n/config/my \\[prod\\].env\r\n',
    );
    expect(git(dir, 'check-ignore', '-q', 'config/my [prod].env').code).toBe(0);
    // The escaped brackets match only this file, not "config/my p.env".
    expect(git(dir, 'check-ignore', '-q', 'config/my p.env').code).toBe(1);
  });

  it('creates a missing .gitignore with mode 0644', async () => {
    const dir = repo({ '.env': 'A=1\n' }, []);
    const v = await gitVerdict(path.join(dir, '.env'));
    if (v.fix?.kind !== 'add-to-gitignore') throw new Error('expected a .gitignore fix');
    await addToGitignore(v.fix);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('/.env\n');
    expect(statSync(path.join(dir, '.gitignore')).mode & 0o777).toBe(0o644);
    expect(git(dir, 'check-ignore', '-q', '.env').code).toBe(0);
  });
});
