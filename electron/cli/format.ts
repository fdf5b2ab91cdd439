import type { DoctorReport } from '../core/doctor';
import type { ConnectResult } from '../core/connection/connect';
import { DttError, toDttError } from '../core/errors';
import type { ErrorText } from '../shared/error-catalog';
import { lifetimeLine, stateWords } from '../shared/words';
import { redactText } from '../shared/redact';
import type { SyncReport } from '../core/projects/sync';
import { formatSyncReport } from './project-format';
export { statusJson } from './status-json';
import type { PublicStatus } from '../shared/state';
import { escapeControl, MINUTES_LEFT, minutesLeftValue } from '../shared/input-rules';
import { hasPermissionProblem, missingFileScopes, missingPermissionWords } from '../shared/permissions';

// Plain text for people; every line goes through redaction on its way out. The words come from
// the shared catalog (errorText, surface 'cli') and the shared wording module (electron/shared/words).

/** The catalog's words for the terminal: the action names the command. */
export function cliText(e: DttError, folder?: string): ErrorText {
  return e.textFor('cli', folder ? { folder } : {});
}

/** A pasted token's way out, in `status` and after `paste`. */
const RENEW_BY_ITSELF =
  'Run `dropbox-token-tray connect` to connect with the browser instead: then it renews by itself.';

export function formatStatus(s: PublicStatus, now = Date.now()): string {
  const limited = hasPermissionProblem(s);
  const who = s.account ? `${s.account.name} (${s.account.email})` : null;
  // "Connected" only when this check proved it; a check that failed on our side is not an all-clear.
  const verified = s.state === 'connected' && !s.problem;
  const headline =
    s.state === 'connected'
      ? verified
        ? who
          ? `Connected as ${who}`
          : 'Connected'
        : "Couldn't check the connection"
      : stateWords(s, now, 'cli').line;
  const lines = [
    limited
      ? `Signed in${who ? ` as ${who}` : ''}, but this connection ${missingPermissionWords(missingFileScopes(s.scopes))}.`
      : headline,
  ];
  if (who && !verified && !limited) lines.push(`Account: ${who}`);
  // How long it lasts only matters while Dropbox still accepts it (connected or offline).
  const lifetime = lifetimeLine(s, now);
  if (lifetime) {
    lines.push(!s.renewable && s.accessTokenExpiresAt ? `${lifetime} ${RENEW_BY_ITSELF}` : lifetime);
    lines.push(`Saved in ${s.storage}.`);
  }
  if (s.problem && s.state !== 'disconnected') {
    const text = cliText(new DttError(s.problem as DttError['kind']));
    // Said once: when the headline already says the problem's title, only the action follows.
    lines.push(lines[0]!.startsWith(text.title) ? text.action : `${text.title}. ${text.action}`);
  } else if (s.state === 'disconnected') {
    lines.push(cliText(new DttError('not-connected')).action);
  }
  return lines.join('\n');
}

export function formatConnected(r: ConnectResult & { projects?: SyncReport | null }): string {
  const who = `${r.account.name} (${r.account.email})`;
  const before = r.previousAccount ? `${r.previousAccount.name} (${r.previousAccount.email})` : null;
  const lines = [before ? `Now connected as ${who} — before: ${before}.` : `Connected as ${who}.`, ...r.notes];
  if (!r.renewable && r.accessTokenExpiresAt) lines.push(RENEW_BY_ITSELF);
  if (r.missingScopes.length) {
    const text = cliText(new DttError('app-scope-missing'));
    lines[0] = `Signed in as ${who}, but this connection ${missingPermissionWords(r.missingScopes)}.`;
    lines.splice(1, 0, `${text.title}. ${text.action}`);
  }
  if (r.projects && r.projects.targets.length > 0) lines.push(formatSyncReport(r.projects));
  return lines.join('\n');
}

const MARK = { pass: '✓', fail: '✗', warn: '!', skip: '-' } as const;

export function formatDoctor(report: DoctorReport): string {
  const lines = report.checks.map((c) => {
    const fix = c.fix && c.status !== 'pass' ? `\n    Fix: ${c.fix.cli}` : '';
    return `${MARK[c.status]} ${c.label}: ${c.detail}${fix}`;
  });
  const warned = report.checks.some((c) => c.status === 'warn');
  lines.push(
    !report.ok
      ? 'Some checks failed — see the fixes above.'
      : warned
        ? 'No check failed, but see the warnings (!) above.'
        : 'All checks passed.',
  );
  return lines.join('\n');
}

/** A benign outcome (nothing to undo) is not an error: one plain line, for stdout and exit 0. */
export function formatBenign(e: DttError): string {
  const text = cliText(e);
  return redactText(
    sentence(`${text.title}${e.detail && !same(e.detail, text.title) ? ` — ${escapeControl(e.detail)}` : ''}`),
  );
}

/** Ctrl+C during a sign-in: one quiet line, no "Error:". */
export function formatCancelled(e: DttError): string {
  return `${sentence(e.title)} ${sentence(cliText(e).explanation)}`;
}

/** Port busy (or the address unregistered) during `connect`: one line, then the code sign-in follows. */
export function formatSwitchToCode(e: DttError): string {
  return `${e.title} — signing in with a code instead (it needs no port).`;
}

/** Compares sentences loosely: "Nothing was pasted" and "nothing was pasted." are the same. */
function same(a: string, b: string): boolean {
  const norm = (t: string) =>
    t
      .trim()
      .replace(/[.!]+$/, '')
      .toLowerCase();
  return norm(a) === norm(b);
}

/** Joins a sentence and its end mark without doubling it ("…reconnect).." → "…reconnect)."). */
function sentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/**
 * What a user sees when a command fails: what happened, then what to do, each said once. Someone
 * else's words (Dropbox's, the technical note for IT) only with --verbose (or DEBUG); no stack unless DEBUG.
 */
export function formatError(error: unknown, debug = false, verbose = debug, folder?: string): string {
  const e = toDttError(error);
  const text = cliText(e, folder ?? e.folder);
  const detail = e.detail && !same(e.detail, text.title) && !same(e.detail, text.explanation) ? e.detail : null;
  const lines = [
    sentence(`Error: ${text.title}${detail ? ` — ${escapeControl(detail)}` : ''}`),
    text.explanation,
    `What to do: ${text.action}`,
  ];
  const note = [e.moreInfo, text.technical].filter(Boolean).join(' ');
  if (note) lines.push(verbose ? `More info: ${note}` : 'For technical details, run the command again with --verbose.');
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  return redactText(lines.join('\n'));
}

/** `--minutes-left`: a whole number of minutes in range, or a message saying what is allowed. */
export function parseMinutesLeft(text: string): number {
  const n = minutesLeftValue(text);
  if (n === undefined)
    throw new DttError(
      'invalid-input',
      `--minutes-left must be a whole number of minutes from ${MINUTES_LEFT.min} to ${MINUTES_LEFT.max} (you gave "${escapeControl(text.slice(0, 40))}"); leave it out if the token was generated just now`,
    );
  return n;
}
