import { PRODUCT_NAME } from '../shared/app-identity';

// Help shown without loading any command: the bare command's short help and the exit codes,
// which the README repeats (keep them in step).

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** `token` printed the stored token without Dropbox's OK (see `token --help`). */
  tokenUnchecked: 3,
  /** 128 + SIGINT's number, what a shell reports for Ctrl+C. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    it worked (for status: connected)
  1    it failed, or you are not connected; the message says what to do
  2    the command line was not understood (unknown command or option, missing argument)
  3    token: the token was printed, but Dropbox could not check it (see "token --help")
  130  cancelled with Ctrl+C
  run passes through the exit code of the command it ran`;

export const SHORT_HELP = `${PRODUCT_NAME}: keep a Dropbox token in the system keychain and in your projects.

Usage: dropbox-token-tray <command> [options]

Common commands:
  connect               connect your Dropbox account (opens the browser)
  status                check the connection
  project add <folder>  find where a project expects the token
  sync                  write the current token into your projects
  run -- <command>      run a program with the token in its environment

Examples:
  dropbox-token-tray connect
  dropbox-token-tray project add ~/code/training-engine
  dropbox-token-tray run -- python daily_retrain.py

Run "dropbox-token-tray --help" for every command, "dropbox-token-tray <command> --help" for one.
`;

/** One "Examples:" block for a command's --help, so every command shows them the same way. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}
