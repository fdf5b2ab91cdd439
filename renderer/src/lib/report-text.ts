import type { PublicStatus } from '../../../electron/shared/state';
import type { DoctorReportView } from '../../../electron/shared/views';
import { redactText } from '../../../electron/shared/redact';
import { PRODUCT } from '../../../electron/shared/words';

const MARK = { pass: 'OK  ', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

/**
 * Plain text for IT. The doctor report never holds a token, but it is run through the
 * redactor anyway: this text leaves the app by the clipboard, into email and chat.
 */
export function doctorReportText(report: DoctorReportView, status: PublicStatus | null, now = new Date()): string {
  const lines = [
    `${PRODUCT} — connection report`,
    `Time: ${now.toISOString()}`,
    `Result: ${report.ok ? 'all checks passed' : 'some checks failed'}`,
  ];
  if (status) {
    lines.push(`State: ${status.state}${status.expiresSoon ? ' (expires soon)' : ''}`);
    lines.push(`Method: ${status.method ?? 'none'}; renewable: ${status.renewable ? 'yes' : 'no'}`);
    if (status.accessTokenExpiresAt) lines.push(`Access expires at: ${status.accessTokenExpiresAt}`);
    if (status.account) lines.push(`Account: ${status.account.name} <${status.account.email}>`);
    lines.push(`Storage: ${status.storage}`);
    if (status.problem) lines.push(`Last problem: ${status.problem}`);
  }
  lines.push('');
  for (const check of report.checks) {
    lines.push(`[${MARK[check.status]}] ${check.label}: ${check.detail}`);
    if (check.kind) lines.push(`       kind: ${check.kind}`);
    if (check.fix && check.status !== 'pass') lines.push(`       fix: ${check.fix.window}`);
  }
  return redactText(lines.join('\n')) + '\n';
}
