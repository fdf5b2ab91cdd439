import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

// A downloaded project that tries every way a repository can make git run its code: the
// fsmonitor hook, every hook (in .git/hooks and in a core.hooksPath folder), clean/smudge
// filters and textconv from .gitattributes, and the commands git runs for diffs, paging,
// passwords and ssh. Each one appends its name to a marker file outside the project.

const HOOKS = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'fsmonitor-watchman',
  'post-index-change',
];

export interface HostileRepo {
  dir: string;
  /** The names of everything that ran, in order; empty when the project's code never ran. */
  fired(): string[];
}

/** git with the test's own config only, used to build the repository before it turns hostile. */
export const cleanGitEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
});

export function hostileRepo(files: Record<string, string>, commit: string[]): HostileRepo {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-hostile-')));
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dtt-marker-')));
  const marker = path.join(outside, 'fired');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: cleanGitEnv(), stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  if (commit.length) git('add', '--', ...commit);
  git('commit', '-qm', 'initial', '--allow-empty');

  // The scripts live inside the project, as they would in a downloaded one.
  const script = (name: string) => {
    const file = path.join(dir, '.git', `evil-${name}.sh`);
    writeFileSync(file, `#!/bin/sh\necho ${name} >> '${marker}'\nexit 0\n`);
    chmodSync(file, 0o755);
    return file;
  };
  const hooksPath = path.join(dir, 'tools', 'hooks');
  mkdirSync(hooksPath, { recursive: true });
  for (const hook of HOOKS) {
    for (const [where, folder] of [
      ['hooks', path.join(dir, '.git', 'hooks')],
      ['hooksPath', hooksPath],
    ] as const) {
      writeFileSync(path.join(folder, hook), `#!/bin/sh\necho ${where}:${hook} >> '${marker}'\nexit 0\n`);
      chmodSync(path.join(folder, hook), 0o755);
    }
  }
  const set = (key: string, value: string) => git('config', key, value);
  set('core.fsmonitor', script('fsmonitor'));
  set('core.hooksPath', hooksPath);
  set('core.untrackedCache', 'true');
  set('core.pager', script('pager'));
  set('core.editor', script('editor'));
  set('core.sshCommand', script('ssh'));
  set('core.askPass', script('askpass'));
  set('credential.helper', `!${script('credential')}`);
  set('diff.external', script('diff-external'));
  set('diff.evil.textconv', script('textconv'));
  set('filter.evil.clean', script('clean'));
  set('filter.evil.smudge', script('smudge'));
  set('filter.evil.process', script('filter-process'));
  set('gpg.program', script('gpg'));
  writeFileSync(path.join(dir, '.gitattributes'), '* filter=evil diff=evil\n');

  return {
    dir,
    fired: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []),
  };
}

/** Proves the repository really is hostile: plain git, as today's code ran it, sets off the markers. */
export function plainGitFires(dir: string, ...args: string[]): void {
  spawnSync('git', ['-C', dir, ...args], { env: cleanGitEnv(), stdio: 'ignore' });
}

/** A repository written by a newer git, with an extension this git does not know. */
export function unreadableRepo(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: cleanGitEnv(), stdio: 'pipe' });
  git('config', 'core.repositoryformatversion', '1');
  git('config', 'extensions.futureThing', 'bar');
}

/**
 * For a test file that runs git on hostile folders: the developer's own git config is never read
 * (the app passes the environment on to git), and git stops looking upward at the temp folder.
 */
export function isolateGitConfig(): void {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CEILING_DIRECTORIES = realpathSync(os.tmpdir());
  });
  afterAll(() => {
    process.env = saved;
  });
}
