import type { PublicTargetStatus } from '../../../../electron/shared/state';
import type { TargetReportView } from '../../../../electron/shared/views';
import { formatAgo } from '../../lib/time';
import { PathText } from '../../ui/PathText';
import { ErrorBox } from '../../ui/ErrorBox';
import { StatePill } from '../../ui/StatePill';
import { GitWarning } from './GitWarning';
import { OUTCOME_WORDS, STATUS_BADGE, UNDONE_BADGE } from './words';
import { shownName } from '../../lib/shown-name';

interface Props {
  target: PublicTargetStatus;
  /** This file's line from the last sync the window saw, if any. */
  outcome?: TargetReportView | undefined;
  now: number;
  busy: boolean;
  onWriteAnyway(): void;
  onIgnore(): void;
  onKeepOut(): void;
  /** The fix for a file others can read: make it readable by the owner only, then sync. */
  onMakePrivate(): void;
}

/**
 * The file's one status line: what the last sync did, and when. The window's own report of a
 * sync wins (it can say "skipped"); otherwise the record of the last sync, from anywhere.
 */
function statusLine(
  last: PublicTargetStatus['lastSync'],
  outcome: TargetReportView | undefined,
  now: number,
): string | null {
  const ago = last ? formatAgo(last.at, now) : null;
  if (last?.outcome === 'undone' && ago)
    return `Put back as it was before the last sync, ${ago}. Use “Sync now” to write the token again.`;
  if (outcome) {
    if (outcome.outcome === 'updated' && ago) return `Token written ${ago}.`;
    return `Last sync: ${OUTCOME_WORDS[outcome.outcome]}`;
  }
  if (!last || !ago) return null;
  if (last.outcome === 'updated') return `Token written ${ago}.`;
  if (last.outcome === 'blanked') return `Token removed ${ago}.`;
  return `Last synced ${ago}.`;
}

export function TargetItem(props: Props) {
  const { target, now, busy, onWriteAnyway, onIgnore, onKeepOut, onMakePrivate } = props;
  const last = target.lastSync;
  // Undo since the window's last sync: that sync's outcome no longer describes the file.
  const undone = last?.outcome === 'undone';
  const outcome = undone ? undefined : props.outcome;
  const badge = undone && target.status === 'stale' ? UNDONE_BADGE : STATUS_BADGE[target.status];
  const line = statusLine(last, outcome, now);
  // Tracked, or git couldn't tell: both need the same explicit "Write anyway".
  const tracked =
    outcome?.outcome === 'skipped' && (outcome.kind === 'file-tracked' || outcome.kind === 'file-git-unknown');
  return (
    <li className="target" data-file={target.file} data-status={target.status}>
      <div className="target-head">
        <span className="target-name">
          <code className="break">
            <PathText path={target.file} />
          </code>
          {target.key ? <span className="hint"> {shownName(target.key)}</span> : null}
        </span>
        <StatePill tone={badge.tone} label={badge.label} />
      </div>
      {/* The last sync's error box already says it, in full. */}
      {target.status === 'error' && target.detail && !outcome?.kind ? (
        <p className="hint text-bad">{target.detail}</p>
      ) : null}
      {line && !outcome ? (
        <p className="hint" data-line="status">
          {line}
        </p>
      ) : null}
      {outcome ? (
        <div className="outcome" data-outcome={outcome.outcome}>
          <p className="outcome-line" data-line="status">
            {line}
          </p>
          {tracked && outcome.git ? (
            <GitWarning git={outcome.git}>
              {outcome.git.fix.kind === 'add-to-gitignore' ? (
                <button type="button" className="btn btn-small" onClick={onIgnore} disabled={busy}>
                  Add to .gitignore
                </button>
              ) : null}
              {outcome.git.fix.kind === 'keep-out-of-git' ? (
                <button type="button" className="btn btn-small btn-primary" onClick={onKeepOut} disabled={busy}>
                  Write it here, and keep it out of git
                </button>
              ) : null}
              {/* As in the add panel, where the box can be ticked anyway: the user's explicit call. */}
              <button type="button" className="btn btn-small" onClick={onWriteAnyway} disabled={busy}>
                Write anyway
              </button>
            </GitWarning>
          ) : outcome.kind ? (
            <ErrorBox
              error={{ kind: outcome.kind, ...(outcome.detail ? { detail: outcome.detail } : {}) }}
              alert={false}
            >
              {tracked ? (
                <button type="button" className="btn btn-small" onClick={onWriteAnyway} disabled={busy}>
                  Write anyway
                </button>
              ) : null}
              {outcome.kind === 'file-not-private' ? (
                <button type="button" className="btn btn-small" onClick={onMakePrivate} disabled={busy}>
                  Make private
                </button>
              ) : null}
            </ErrorBox>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
