import { describe, expect, it } from 'vitest';
import { findGit, MAC_GIT_STUB, type GitLookup } from '../../electron/core/projects/find-git';
import { runSafeGit, safeGitEnv } from '../../electron/core/projects/safe-git';

// Which git the app runs is decided from (platform, PATH, which files exist) alone, so every
// platform's rule is checked here, on whatever machine runs the tests.

const lookup = (platform: NodeJS.Platform, pathEnv: string, present: string[], developerDir?: string): GitLookup => ({
  platform,
  pathEnv,
  isExecutable: (file) => present.includes(file),
  developerDir: developerDir ?? null,
});

describe('findGit on macOS', () => {
  const CLT = '/Library/Developer/CommandLineTools/usr/bin/git';

  it('never runs the /usr/bin/git stub, even when it is the only git on PATH (a Finder-launched app)', () => {
    expect(findGit(lookup('darwin', '/usr/bin:/bin:/usr/sbin:/sbin', [MAC_GIT_STUB]))).toBeNull();
  });

  it('uses the Command Line Tools git directly when they are installed', () => {
    expect(findGit(lookup('darwin', '/usr/bin:/bin', [MAC_GIT_STUB, CLT]))).toBe(CLT);
  });

  it("uses the developer folder xcode-select chose (Xcode's own git)", () => {
    const xcode = '/Applications/Xcode-beta.app/Contents/Developer';
    expect(findGit(lookup('darwin', '/usr/bin', [MAC_GIT_STUB, `${xcode}/usr/bin/git`], xcode))).toBe(
      `${xcode}/usr/bin/git`,
    );
  });

  it('finds Homebrew git even when PATH lacks it, and prefers what PATH names first', () => {
    expect(findGit(lookup('darwin', '/usr/bin', ['/opt/homebrew/bin/git', CLT]))).toBe('/opt/homebrew/bin/git');
    expect(findGit(lookup('darwin', '/usr/bin', ['/usr/local/bin/git']))).toBe('/usr/local/bin/git');
    expect(findGit(lookup('darwin', '/Users/me/bin:/usr/bin', ['/Users/me/bin/git', '/opt/homebrew/bin/git']))).toBe(
      '/Users/me/bin/git',
    );
  });
});

describe('findGit on Linux and Windows', () => {
  it('takes the first absolute PATH entry that has git', () => {
    expect(findGit(lookup('linux', '/home/me/bin:/usr/bin', ['/usr/bin/git']))).toBe('/usr/bin/git');
    expect(findGit(lookup('linux', '/usr/local/bin:/usr/bin', ['/usr/local/bin/git', '/usr/bin/git']))).toBe(
      '/usr/local/bin/git',
    );
  });

  it('ignores empty and relative PATH entries, which mean the current (maybe project) folder', () => {
    const present = ['git', './git', 'bin/git', '/usr/bin/git'];
    expect(findGit(lookup('linux', ':.:bin:/usr/bin', present))).toBe('/usr/bin/git');
    expect(findGit(lookup('linux', '.:', present))).toBeNull();
  });

  it('is null when there is no git at all (the folder check then decides: no-git or unknown)', () => {
    expect(findGit(lookup('linux', '/usr/bin:/bin', []))).toBeNull();
    expect(findGit(lookup('linux', '', []))).toBeNull();
  });

  it('on Windows looks for git.exe in absolute PATH folders only (never the current folder)', () => {
    const gitExe = 'C:\\Program Files\\Git\\cmd\\git.exe';
    expect(findGit(lookup('win32', '.;C:\\Windows;"C:\\Program Files\\Git\\cmd"', [gitExe, '.\\git.exe']))).toBe(
      gitExe,
    );
    expect(findGit(lookup('win32', 'tools;C:\\Windows', ['tools\\git.exe']))).toBeNull();
  });
});

describe('safe-git', () => {
  it('passes on no GIT_* variable that could point git elsewhere or name a program', () => {
    const env = safeGitEnv({
      PATH: '/usr/bin',
      HOME: '/home/me',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_INDEX_FILE: '/elsewhere/index',
      GIT_CONFIG: '/x',
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='evil'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.hooksPath',
      GIT_CONFIG_VALUE_0: '/evil',
      GIT_EXEC_PATH: '/evil',
      GIT_EXTERNAL_DIFF: '/evil',
      GIT_PAGER: '/evil',
      GIT_ASKPASS: '/evil',
      GIT_SSH_COMMAND: '/evil',
      git_dir: '/lowercase/too',
      SSH_ASKPASS: '/evil',
      GIT_CONFIG_GLOBAL: '/home/me/.gitconfig-work',
      GIT_CEILING_DIRECTORIES: '/home',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      GIT_CONFIG_GLOBAL: '/home/me/.gitconfig-work',
      GIT_CEILING_DIRECTORIES: '/home',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_ATTR_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_OPTIONAL_LOCKS: '0',
      GIT_NO_LAZY_FETCH: '1',
      GIT_PROTOCOL_FROM_USER: '0',
      LC_ALL: 'C',
    });
  });

  it('refuses any git command that could read file contents (and so run a filter)', async () => {
    for (const args of [
      ['status'],
      ['diff'],
      ['-c', 'x=y', 'add', '.'],
      ['add', '.'],
      ['hash-object', 'x'],
      ['cat-file', '--textconv', 'HEAD:x'],
      [],
    ]) {
      await expect(runSafeGit('/', args)).rejects.toThrow(/safe-git does not run/);
    }
  });
});
