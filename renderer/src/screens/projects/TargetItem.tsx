import type { PublicTargetStatus } from '../../../../electron/shared/state';
import type { TargetReportView } from '../../../../electron/shared/views';
import { formatAgo } from '../../lib/time';
import { ErrorBox } from '../../ui/ErrorBox';
import { StatePill } from '../../ui/StatePill';
import { GitWarning } from './GitWarning';
import { OUTCOME_WORDS, STATUS_BADGE } from './words';

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

export function TargetItem(props: Props) {
  const { target, outcome, now, busy, onWriteAnyway, onIgnore, onKeepOut, onMakePrivate } = props;
  const badge = STATUS_BADGE[target.status];
  const last = target.lastSync;
  const ago = last ? formatAgo(last.at, now) : null;
  const lastLine =
    !last || !ago
      ? null
      : last.outcome === 'updated'
        ? `Token written ${ago}.`
        : last.outcome === 'blanked'
          ? `Token removed ${ago}.`
          : `Last synced ${ago}.`;
  // Tracked, or git couldn't tell: both need the same explicit "Write anyway".
  const tracked =
    outcome?.outcome === 'skipped' && (outcome.kind === 'file-tracked' || outcome.kind === 'file-git-unknown');
  return (
    <li className="target" data-file={target.file} data-status={target.status}>
      <div className="target-head">
        <span className="target-name">
          <code className="break">{target.file}</code>
          {target.key ? <span className="hint"> {target.key}</span> : null}
        </span>
        <StatePill tone={badge.tone} label={badge.label} />
      </div>
      {/* The last sync's error box already says it, in full. */}
      {target.status === 'error' && target.detail && !outcome?.kind ? (
        <p className="hint text-bad">{target.detail}</p>
      ) : null}
      {lastLine ? <p className="hint">{lastLine}</p> : null}
      {outcome ? (
        <div className="outcome" data-outcome={outcome.outcome}>
          <p className="outcome-line">Last sync: {OUTCOME_WORDS[outcome.outcome]}</p>
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
