import type { Command } from 'commander';
import { DttError, isDttError } from '../core/errors';
import type { TokenTrayService } from '../core/service';
import { statusExitCode } from '../shared/state';
import { MINUTES_LEFT } from '../shared/input-rules';
import { hasPermissionProblem } from '../shared/permissions';
import {
  formatConnected,
  formatDoctor,
  formatStatus,
  formatSwitchToCode,
  parseMinutesLeft,
  statusJson,
} from './format';
import { EXIT, examples } from './help-text';
import { openInBrowser, readInput } from './io';
import { canSync, formatProjects, formatSyncReport } from './project-format';
import { quickDisconnectedStatus, quickStatusJsonText } from './quick-status';
import { loadService } from './service-loader';

export type ServiceFactory = () => TokenTrayService;
/** `token` printed the stored token without Dropbox's OK (documented in `token --help`). */
export const TOKEN_UNVERIFIED_EXIT = EXIT.tokenUnchecked;
const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

async function copyCodeFlow(service: TokenTrayService, browser: boolean): Promise<void> {
  const signIn = await service.startCodeSignIn();
  err('Open this link, click "Allow", then copy the code Dropbox shows:');
  out(signIn.url);
  if (browser) openInBrowser(signIn.url);
  const code = await readInput('Paste the code here and press Enter: ');
  report(await signIn.finish(code));
}

/**
 * Connecting while connected replaces the connection, so it is never done by accident: a
 * terminal asks, a script needs --force. True when connecting may go ahead. A connection that
 * lacks a permission is not asked about: its message tells staff to run `connect`, and
 * reconnecting is the only way it gets the permission.
 */
async function confirmReplace(svc: TokenTrayService, force: boolean): Promise<boolean> {
  const now = svc.status();
  if (force || !now.account || hasPermissionProblem(now)) return true;
  if (now.state !== 'connected' && now.state !== 'offline') return true;
  const e = new DttError('already-connected').textFor('cli');
  const who = `${now.account.name} (${now.account.email})`;
  err(`${e.title} as ${who}. ${e.explanation}`);
  if (!process.stdin.isTTY) {
    // A script can't answer: refuse (exit 1), change nothing, and say how to go ahead.
    err(e.action);
    process.exitCode = EXIT.failed;
    return false;
  }
  const answer = (await readInput('Connect again and replace it? [y/N] ')).trim();
  if (/^y(es)?$/i.test(answer)) return true;
  out('Nothing changed.');
  return false;
}

/** A sign-in that lacks a permission is not a success: it says what is missing and exits 1. */
function report(result: Parameters<typeof formatConnected>[0]): void {
  out(formatConnected(result));
  if (result.missingScopes.length) process.exitCode = 1;
}

async function browserFlow(service: TokenTrayService, browser: boolean): Promise<void> {
  const signIn = await service.startBrowserSignIn();
  err(
    browser
      ? 'Opening Dropbox in your browser. If nothing opens, open this link:'
      : 'Open this link in a browser on this computer:',
  );
  out(signIn.url);
  if (browser) openInBrowser(signIn.url);
  const stop = () => signIn.cancel();
  process.once('SIGINT', stop);
  try {
    report(await signIn.result);
  } finally {
    process.off('SIGINT', stop);
  }
}

export function registerConnectionCommands(program: Command, service: ServiceFactory): void {
  program
    .command('connect')
    .description('connect your Dropbox account (opens the browser; prints the sign-in link too)')
    .option('--no-browser', 'only print the sign-in link, do not open a browser')
    .option('--copy-code', 'sign in by copying a code from the Dropbox page (no local port needed)')
    .option('--force', 'replace the current connection without asking')
    .addHelpText(
      'after',
      examples(
        'dropbox-token-tray connect',
        'dropbox-token-tray connect --no-browser     # on a machine without a browser: open the link elsewhere',
        'dropbox-token-tray connect --copy-code      # when the sign-in port is blocked',
        'dropbox-token-tray connect --force          # switch to another account',
      ),
    )
    .action(async (opts: { browser: boolean; copyCode?: boolean; force?: boolean }) => {
      const svc = service();
      if (!(await confirmReplace(svc, Boolean(opts.force)))) return;
      if (opts.copyCode) return copyCodeFlow(svc, opts.browser);
      try {
        await browserFlow(svc, opts.browser);
      } catch (error) {
        // A busy port is no dead end: on a terminal, switch to the code flow right away.
        const codeWorks = isDttError(error, 'port-busy') || isDttError(error, 'redirect-unregistered');
        if (!codeWorks || !process.stdin.isTTY) throw error;
        err(formatSwitchToCode(error as DttError));
        await copyCodeFlow(svc, opts.browser);
      }
    });

  program
    .command('paste')
    .description('use a token generated in the Dropbox App Console (read from stdin, never from the command line)')
    .option(
      '--minutes-left <n>',
      `if the token was generated earlier: how many minutes it has left (${MINUTES_LEFT.min}-${MINUTES_LEFT.max})`,
      parseMinutesLeft,
    )
    .addHelpText(
      'after',
      `
On a terminal the token is read without showing it; otherwise from standard input.
${examples(
  'dropbox-token-tray paste                      # then paste the token and press Enter',
  'dropbox-token-tray paste < token.txt',
  'dropbox-token-tray paste --minutes-left 90 < token.txt',
)}`,
    )
    .action(async (opts: { minutesLeft?: number }) => {
      const raw = await readInput('Paste the token and press Enter: ', undefined, { secret: true });
      report(await service().pasteToken(raw, { minutesLeft: opts.minutesLeft }));
    });

  program
    .command('status')
    .description('check the connection with Dropbox (exit 0 when connected)')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      examples(
        'dropbox-token-tray status',
        'dropbox-token-tray status --json | jq -r .state',
        'dropbox-token-tray status >/dev/null || dropbox-token-tray connect',
      ),
    )
    .action(async (opts: { json?: boolean }) => {
      const quick = quickDisconnectedStatus();
      if (quick) {
        out(opts.json ? quickStatusJsonText(quick) : formatStatus(quick));
        return void (process.exitCode = statusExitCode(quick.state, quick.problem));
      }
      await loadService();
      const svc = service();
      const status = await svc.check();
      const projects = await svc.projectStatuses();
      out(
        opts.json
          ? JSON.stringify(statusJson({ ...status, projects }), null, 2)
          : [
              formatStatus(status),
              ...(projects.length ? ['', formatProjects(projects, { connected: canSync(status) })] : []),
            ].join('\n'),
      );
      process.exitCode = statusExitCode(status.state, status.problem);
    });

  program
    .command('token')
    .description('print a valid access token (renewed if needed) and nothing else, for scripts')
    .addHelpText(
      'after',
      `
Exit codes:
  0  Dropbox accepted the token just now; it is on stdout.
  3  The stored token is on stdout, but it was not checked: Dropbox could not be reached, or its
     answer could not be understood. A warning on stderr says which.
  1  No token was printed (not connected, Dropbox no longer accepts it, or the keychain can't be used).

${examples(
  'DROPBOX_ACCESS_TOKEN="$(dropbox-token-tray token)" || exit 1',
  'dropbox-token-tray token | pbcopy             # copy it on a Mac',
)}`,
    )
    .action(async () => {
      const { token, verified, problem } = await service().UNSAFE_verifiedAccessToken();
      if (!verified) {
        const why = new DttError(problem ?? 'network-offline').title;
        err(
          problem === 'network-offline' || problem === null
            ? "Warning: Dropbox can't be reached right now, so this token was not checked."
            : `Warning: this token was not checked (${why}).`,
        );
        process.exitCode = TOKEN_UNVERIFIED_EXIT;
      }
      out(token);
    });

  program
    .command('doctor')
    .description('run the troubleshooting checks, each with a plain fix')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      examples('dropbox-token-tray doctor', 'dropbox-token-tray doctor --json > report.json   # to send to IT'),
    )
    .action(async (opts: { json?: boolean }) => {
      const report = await service().doctor();
      out(opts.json ? JSON.stringify(report, null, 2) : formatDoctor(report));
      process.exitCode = report.ok ? 0 : 1;
    });

  program
    .command('disconnect')
    .description('revoke the connection at Dropbox and remove it from this computer')
    .option('--blank-projects', 'also empty the token in every project file (files are never deleted)')
    .addHelpText('after', examples('dropbox-token-tray disconnect', 'dropbox-token-tray disconnect --blank-projects'))
    .action(async (opts: { blankProjects?: boolean }) => {
      const svc = service();
      const result = await svc.disconnect({ blankProjects: opts.blankProjects });
      if (result.projects) out(formatSyncReport(result.projects));
      out(
        !result.hadConnection
          ? 'There is no connection on this computer to disconnect. Nothing changed.'
          : result.revokedAtDropbox
            ? 'Disconnected. Dropbox no longer accepts the old token.'
            : `Removed from this computer. ${result.detail ?? ''}`.trim(),
      );
    });
}
