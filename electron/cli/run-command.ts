import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { DttError } from '../core/errors';
import type { ServiceFactory } from './connection-commands';

// `run` hands the token to one command through its environment: nothing is written to disk, and
// the token lives exactly as long as the command. The command's exit status is ours.

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** What a shell reports for a process ended by a signal: 128 + the signal's number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

function runChild(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    // Ctrl+C or a stop request for us is meant for the command: pass it on and wait for its answer.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const s of FORWARDED) process.on(s, forward);
    const done = () => {
      for (const s of FORWARDED) process.off(s, forward);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(
        new DttError(
          'invalid-input',
          error.code === 'ENOENT'
            ? `there is no command named "${command}" (check the spelling, or give its full path)`
            : `"${command}" could not be started (${error.code ?? error.message})`,
        ),
      );
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(signal ? signalExitCode(signal) : (code ?? 1));
    });
  });
}

export function registerRunCommand(program: Command, service: ServiceFactory): void {
  program.addHelpText(
    'after',
    `
Run a program with the token in its environment (the recommended way for developers):
  dropbox-token-tray run -- python daily_retrain.py`,
  );
  program
    .command('run')
    .description('run a command with a freshly checked token in its environment (nothing is written to disk)')
    .argument('<command>', 'the program to run')
    .argument('[args...]', 'its arguments (put -- before the command so its options stay its own)')
    .option('--include-refresh-token', 'also pass DROPBOX_REFRESH_TOKEN and DROPBOX_APP_KEY, so it can renew by itself')
    .passThroughOptions()
    .addHelpText(
      'after',
      `
The command gets DROPBOX_ACCESS_TOKEN (and, with --include-refresh-token, DROPBOX_REFRESH_TOKEN
and DROPBOX_APP_KEY) in its environment. The token is checked with Dropbox first; if Dropbox no
longer accepts the connection, or can't be reached, nothing is run.

Exit code: the command's own; 128 + the signal's number if a signal ended it; 1 if it was not run.

Examples:
  dropbox-token-tray run -- python daily_retrain.py
  dropbox-token-tray run --include-refresh-token -- npm start`,
    )
    .action(async (command: string, args: string[], opts: { includeRefreshToken?: boolean }) => {
      const env = await service().UNSAFE_runEnvironment({ includeRefreshToken: opts.includeRefreshToken });
      process.exitCode = await runChild(command, args, env);
    });
}
