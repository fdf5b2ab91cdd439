import type { TargetStatus } from '../../../../electron/shared/state';
import type { DetectedTargetView, SyncReportView, TargetReportView } from '../../../../electron/shared/views';
import type { Tone } from '../../lib/state-words';
import { shownName } from '../../lib/shown-name';

export const FORMAT_LABEL: Record<DetectedTargetView['format'], string> = {
  dotenv: 'env file',
  json: 'JSON',
  yaml: 'YAML',
  python: 'Python',
};

export const STATUS_BADGE: Record<TargetStatus, { label: string; tone: Tone }> = {
  current: { label: 'Up to date', tone: 'ok' },
  stale: { label: 'Out of date', tone: 'warn' },
  missing: { label: 'Missing', tone: 'warn' },
  error: { label: 'Error', tone: 'bad' },
};

/** After Undo the file is as it was before: not "wrong", just not written yet. */
export const UNDONE_BADGE: { label: string; tone: Tone } = { label: 'Not written', tone: 'idle' };

export const OUTCOME_WORDS: Record<TargetReportView['outcome'], string> = {
  updated: 'Token written.',
  current: 'Already had the current token.',
  skipped: 'Skipped — nothing was written.',
  failed: 'Failed — the file was left as it was.',
};

/** "2 files updated, 1 skipped" for the status line. */
export function syncSummary(report: SyncReportView, name?: string): string {
  const count = (o: TargetReportView['outcome']) => report.targets.filter((t) => t.outcome === o).length;
  const parts: string[] = [];
  const updated = count('updated');
  if (updated) parts.push(`${updated} file${updated === 1 ? '' : 's'} updated`);
  if (count('current')) parts.push(`${count('current')} already up to date`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  const what = parts.length ? parts.join(', ') : 'nothing to sync';
  return name ? `${shownName(name)}: ${what}.` : `Sync finished: ${what}.`;
}
