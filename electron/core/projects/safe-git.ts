import { execFile } from 'node:child_process';
import os from 'node:os';
import { absolutePathEntries, locateGit } from './find-git';

// The only place the app runs git. Every folder it asks about is untrusted (a project the user
// just downloaded), and a repository's own .git/config can name programs for git to run. So
// every call switches off, on the command line (which beats any config file), each way git
// could start a program, and runs only read-only commands that never look at file contents.

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** No git we may run on this machine. */
export class GitNotFound extends Error {}

/** git was found but gave no answer (timed out, could not start); `reason` is plain words. */
export class GitNoAnswer extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const GIT_TIMEOUT_MS = 5000;

// rev-parse, ls-files and check-ignore read the index and ignore files only: no filter,
// textconv, diff driver, merge driver or editor can be reached by them. Anything else
// (status, diff, add…) could run a .gitattributes filter, so it is refused here.
const READ_ONLY_COMMANDS = new Set(['rev-parse', 'ls-files', 'check-ignore']);
// "Keep out of git" (keep-out-of-git.ts) sets up its filter in the clone's own config: writing
// config, reading attributes and reading a committed blob (`cat-file blob`, no --textconv or
// --filters) run nothing either.
const SETUP_COMMANDS = new Set(['config', 'check-attr', 'cat-file']);
// These read the working file through its clean filter: allowed only with `ourFilter`, which
// pins that filter's command on the command line (see SafeGitOptions.ourFilter).
const FILTERED_COMMANDS = new Set(['hash-object', 'add']);

const HARDENING = [
  // The fsmonitor hook runs whenever git reads the index (ls-files, check-ignore do).
  ['core.fsmonitor', 'false'],
  // No hook can be found below a path that is not a folder (post-index-change and friends).
  ['core.hooksPath', os.devNull],
  // Keeps git from rewriting the index to update its cache (which would fire index hooks).
  ['core.untrackedCache', 'false'],
  // Never a project-chosen pager (output is a pipe, but make sure).
  ['core.pager', 'cat'],
  // Nothing may ask for a password or run a credential helper named by the project.
  ['core.askPass', ''],
  ['credential.helper', ''],
  // No network at all: a partial clone would otherwise fetch missing objects, through the
  // project's core.sshCommand / core.gitProxy / remote helpers.
  ['protocol.allow', 'never'],
].flatMap(([key, value]) => ['-c', `${key}=${value}`]);

// Variables a git hook or an IDE terminal may leave behind. They would point git at another
// repository, inject config (GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT…), or name programs to run
// (GIT_EXTERNAL_DIFF, GIT_PAGER, GIT_ASKPASS, GIT_SSH_COMMAND, GIT_EXEC_PATH…). All GIT_* go,
// except two that only the user sets and that can run nothing: their own global config file
// (its excludesFile decides what is ignored; anything in it that runs code is overridden above)
// and the folders above which git must not look for a repository.
const KEPT_GIT_VARS = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CEILING_DIRECTORIES']);
const OTHER_PROGRAM_VARS = new Set(['SSH_ASKPASS', 'SSH_ASKPASS_REQUIRE']);

export function safeGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    const upper = name.toUpperCase();
    if (upper.startsWith('GIT_') && !KEPT_GIT_VARS.has(upper)) continue;
    if (OTHER_PROGRAM_VARS.has(upper)) continue;
    // git runs in the project folder, and so do the programs it starts (our filter's perl): an
    // empty or '.' entry would find one planted there.
    env[name] =
      upper === 'PATH'
        ? absolutePathEntries(value, process.platform).join(process.platform === 'win32' ? ';' : ':')
        : value;
  }
  return {
    ...env,
    // The system-wide config is not ours to trust for a read-only question either.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_PROTOCOL_FROM_USER: '0',
    // English messages, so the few we recognise ("dubious ownership") are found.
    LC_ALL: 'C',
  };
}

export interface SafeGitOptions {
  /**
   * The repository belongs to another account (sudo, a shared drive) and git refused it as
   * "dubious ownership". That check exists because such a repository's hooks would run as us;
   * with everything above switched off, reading it is safe.
   */
  otherOwner?: boolean;
  /**
   * For hash-object/add of one file that keep-out-of-git filters: our driver and its exact clean
   * command. The caller has checked that the file's filter attribute is this driver and that the
   * driver has no `process` command (which would win over `clean`).
   */
  ourFilter?: { driver: string; clean: string };
}

/** Runs `git -C cwd <args>` with nothing of the repository able to run. Resolves with any exit code. */
export function runSafeGit(cwd: string, args: string[], opts: SafeGitOptions = {}): Promise<GitResult> {
  const command = args.find((a) => !a.startsWith('-'));
  const allowed =
    command !== undefined &&
    (READ_ONLY_COMMANDS.has(command) ||
      SETUP_COMMANDS.has(command) ||
      (FILTERED_COMMANDS.has(command) && opts.ourFilter !== undefined));
  if (!allowed) return Promise.reject(new Error(`safe-git does not run "git ${command}"`));
  if (command === 'cat-file' && args.some((a) => a === '--textconv' || a === '--filters'))
    return Promise.reject(new Error('safe-git does not run cat-file with filters'));
  const git = locateGit();
  if (!git) return Promise.reject(new GitNotFound('git is not installed'));
  const trust = opts.otherOwner ? ['-c', 'safe.directory=*'] : [];
  if (opts.ourFilter) trust.push('-c', `filter.${opts.ourFilter.driver}.clean=${opts.ourFilter.clean}`);
  return new Promise((resolve, reject) => {
    execFile(
      git,
      ['--no-pager', '--no-optional-locks', ...HARDENING, ...trust, '-C', cwd, ...args],
      { env: safeGitEnv(), timeout: GIT_TIMEOUT_MS, windowsHide: true, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean };
        if (failure.code === 'ENOENT') return reject(new GitNotFound('git is not installed'));
        if (failure.killed)
          return reject(new GitNoAnswer(`git did not answer within ${GIT_TIMEOUT_MS / 1000} seconds`));
        if (typeof failure.code === 'number') return resolve({ code: failure.code, stdout, stderr });
        reject(new GitNoAnswer(`git could not be started (${String(failure.code ?? failure.message)})`));
      },
    );
  });
}
