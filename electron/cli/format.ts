import type { DoctorReport } from '../core/doctor';
import type { ConnectResult } from '../core/connection/connect';
import { DttError } from '../core/errors';
import { ERROR_TECHNICAL_NOTES } from '../shared/error-catalog';
import { redactText } from '../shared/redact';
import type { SyncReport } from '../core/projects/sync';
import { formatSyncReport } from './project-format';
import type { PublicStatus } from '../shared/state';
import { escapeControl, MINUTES_LEFT, minutesLeftValue } from '../shared/input-rules';
import { hasPermissionProblem, missingFileScopes, missingPermissionWords } from '../shared/permissions';

// Plain text for people; every line goes through redaction on its way out.

const STATE_LINES: Record<PublicStatus['state'], string> = {
  connected: 'Connected',
  disconnected: 'Not connected',
  offline: "Can't reach Dropbox right now (your connection is kept)",
  expired: 'The token has expired',
  revoked: 'Dropbox disconnected this app',
};

export function timeLeft(iso: string | null, now = Date.now()): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return 'now';
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

export function formatStatus(s: PublicStatus, now = Date.now()): string {
  const limited = hasPermissionProblem(s);
  const who = s.account ? `${s.account.name} (${s.account.email})` : null;
  // "Connected" only when this check proved it; a check that failed on our side is not an all-clear.
  const verified = s.state === 'connected' && !s.problem;
  const headline = s.state === 'connected' && !verified ? "Couldn't check the connection" : STATE_LINES[s.state];
  const lines = [
    limited
      ? `Signed in${who ? ` as ${who}` : ''}, but this connection ${missingPermissionWords(missingFileScopes(s.scopes))}.`
      : verified && who
        ? `Connected as ${who}`
        : headline,
  ];
  if (who && !verified && !limited) lines.push(`Account: ${who}`);
  // How long it lasts only matters while Dropbox still accepts it.
  if (s.state === 'connected' || s.state === 'offline') {
    if (s.renewable) lines.push('Renews automatically.');
    else if (s.accessTokenExpiresAt)
      lines.push(
        `This pasted token stops working in about ${timeLeft(s.accessTokenExpiresAt, now)} — run "dropbox-token-tray connect" to stop this.`,
      );
    else lines.push('Long-lived token (does not expire).');
    lines.push(`Saved in ${s.storage}.`);
  }
  if (s.problem && s.state !== 'disconnected') {
    const e = new DttError(s.problem as DttError['kind']);
    // Said once: when the headline already is the problem's title, only the action follows.
    lines.push(lines[0] === e.text.title ? cliAction(e) : `${e.text.title}. ${cliAction(e)}`);
  } else if (s.state === 'disconnected') {
    lines.push('Run "dropbox-token-tray connect" to connect.');
  }
  return lines.join('\n');
}

export function statusJson(s: PublicStatus): Record<string, unknown> {
  return {
    state: s.state,
    expiresSoon: s.expiresSoon,
    account: s.account,
    method: s.method,
    accessTokenExpiresAt: s.accessTokenExpiresAt,
    renewable: s.renewable,
    scopes: s.scopes,
    storage: s.storage,
    lastCheckedAt: s.lastCheckedAt,
    problem: s.problem,
    ...(s.projects ? { projects: s.projects } : {}),
  };
}

export function formatConnected(r: ConnectResult & { projects?: SyncReport | null }): string {
  const who = `${r.account.name} (${r.account.email})`;
  const before = r.previousAccount ? `${r.previousAccount.name} (${r.previousAccount.email})` : null;
  const lines = [before ? `Now connected as ${who} — before: ${before}.` : `Connected as ${who}.`, ...r.notes];
  if (r.missingScopes.length) {
    const e = new DttError('app-scope-missing');
    lines[0] = `Signed in as ${who}, but this connection ${missingPermissionWords(r.missingScopes)}.`;
    lines.splice(1, 0, `${e.text.title}. ${e.text.action}`);
  }
  if (r.projects && r.projects.targets.length > 0) lines.push(formatSyncReport(r.projects));
  return lines.join('\n');
}

const MARK = { pass: '✓', fail: '✗', warn: '!', skip: '-' } as const;

export function formatDoctor(report: DoctorReport): string {
  const lines = report.checks.map((c) => {
    const fix = c.fix && c.status !== 'pass' ? `\n    Fix: ${c.fix}` : '';
    return `${MARK[c.status]} ${c.label}: ${c.detail}${fix}`;
  });
  lines.push(report.ok ? 'All checks passed.' : 'Some checks failed — see the fixes above.');
  return lines.join('\n');
}

/** The terminal names the command where the catalog has one; the window's action names the button. */
export function cliAction(e: DttError): string {
  return e.text.cliAction ?? e.text.action;
}

/**
 * What a user sees when a command fails: what happened, then what to do. The technical note for
 * IT only with --verbose (or DEBUG); no stack unless DEBUG.
 */
export function formatError(error: unknown, debug = false, verbose = debug): string {
  const e =
    error instanceof DttError
      ? error
      : new DttError('internal', error instanceof Error ? error.message : String(error));
  const lines = [
    `Error: ${e.text.title}${e.detail ? ` — ${escapeControl(e.detail)}` : ''}.`,
    e.text.explanation,
    `What to do: ${cliAction(e)}`,
  ];
  if (e.kind === 'port-busy') lines.push('Run "dropbox-token-tray connect --copy-code" to sign in without the port.');
  if (e.kind === 'redirect-unregistered')
    lines.push('Meanwhile, run "dropbox-token-tray connect --copy-code" to sign in without that address.');
  const note = [e.moreInfo, ERROR_TECHNICAL_NOTES[e.kind]].filter(Boolean).join(' ');
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
