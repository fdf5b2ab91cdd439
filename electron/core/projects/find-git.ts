import { accessSync, constants, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';

// Which git binary to run, as an absolute path, or null when there is none we may run.
//
// - Only absolute PATH entries count. An empty or relative entry ('.', '') means "the current
//   folder", and the CLI is often run from inside the project: a `git` planted there would run.
//   (Windows even looks in the current folder before PATH; an absolute path avoids that too.)
// - macOS: /usr/bin/git is a stub that, without the Command Line Tools, opens the "install
//   developer tools" dialog instead of running git. A Finder-launched app has only /usr/bin on
//   PATH, so we never run the stub: we look for the real git where Homebrew, MacPorts, the
//   Command Line Tools and Xcode put it, and treat "none found" as "git is not installed".
//
// The decision is a pure function of what it is given, so it is tested on any platform.

export interface GitLookup {
  platform: NodeJS.Platform;
  /** The PATH variable as the process sees it. */
  pathEnv: string | undefined;
  /** True when an executable file is at this absolute path. */
  isExecutable(file: string): boolean;
  /** macOS: the developer folder `xcode-select -p` would print, when one is chosen. */
  developerDir?: string | null;
}

/** The macOS stub that asks to install the developer tools rather than being git. */
export const MAC_GIT_STUB = '/usr/bin/git';

const MAC_PACKAGE_MANAGERS = ['/opt/homebrew/bin/git', '/usr/local/bin/git', '/opt/local/bin/git'];
const MAC_COMMAND_LINE_TOOLS = '/Library/Developer/CommandLineTools';
const MAC_XCODE = '/Applications/Xcode.app/Contents/Developer';

/**
 * PATH without its empty and relative entries (see above). Git runs programs too (the clean
 * filter's perl, through sh), in the project folder: safe-git.ts hands git only this PATH.
 */
export function absolutePathEntries(pathEnv: string | undefined, platform: NodeJS.Platform): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return (pathEnv ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .map((dir) => dir.trim().replace(/^"(.*)"$/, '$1'))
    .filter((dir) => dir !== '' && p.isAbsolute(dir));
}

export function findGit(lookup: GitLookup): string | null {
  const win = lookup.platform === 'win32';
  const p = win ? path.win32 : path.posix;
  const exe = win ? 'git.exe' : 'git';
  const candidates = absolutePathEntries(lookup.pathEnv, lookup.platform).map((dir) => p.join(dir, exe));

  if (lookup.platform === 'darwin') {
    const developerDirs = [lookup.developerDir, MAC_COMMAND_LINE_TOOLS, MAC_XCODE].filter(
      (dir): dir is string => !!dir && p.isAbsolute(dir),
    );
    candidates.push(...MAC_PACKAGE_MANAGERS, ...developerDirs.map((dir) => p.join(dir, 'usr', 'bin', 'git')));
  }
  for (const file of candidates) {
    if (lookup.platform === 'darwin' && p.normalize(file) === MAC_GIT_STUB) continue;
    if (lookup.isExecutable(file)) return file;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What `xcode-select -p` would print, read from where xcode-select keeps it, without running anything. */
function macDeveloperDir(env: NodeJS.ProcessEnv): string | null {
  if (env.DEVELOPER_DIR) return env.DEVELOPER_DIR;
  try {
    return readlinkSync('/var/db/xcode_select_link');
  } catch {
    return null;
  }
}

/** The git to run on this machine now (PATH can change while the app runs, so it is not cached). */
export function locateGit(env: NodeJS.ProcessEnv = process.env): string | null {
  return findGit({
    platform: process.platform,
    pathEnv: process.platform === 'win32' ? (env.Path ?? env.PATH) : env.PATH,
    isExecutable,
    developerDir: process.platform === 'darwin' ? macDeveloperDir(env) : null,
  });
}
