import type { DetectResult } from '../core/projects/detect';
import type { SyncReport, TargetReport } from '../core/projects/sync';
import type { PublicProject } from '../shared/state';

const OUTCOME: Record<TargetReport['outcome'], string> = { updated: '✓', current: '=', skipped: '!', failed: '✗' };
const WORDS: Record<TargetReport['outcome'], string> = {
  updated: 'updated',
  current: 'already current',
  skipped: 'skipped',
  failed: 'failed',
};

export function formatSyncReport(report: SyncReport): string {
  if (report.targets.length === 0)
    return 'No projects to sync. Add one with "dropbox-token-tray project add <folder>".';
  const lines = report.targets.map((t) => {
    const word = t.kind === 'file-not-updatable' ? 'not updated' : WORDS[t.outcome];
    let line = `${OUTCOME[t.outcome]} ${t.projectName}: ${t.file} — ${word}`;
    if (t.detail) line += `: ${t.detail}`;
    if (t.git?.fix?.kind === 'add-to-gitignore')
      line += `\n    Safe fix: add "${t.git.fix.line}" to ${t.git.fix.gitignore} ("dropbox-token-tray project ignore <folder> <file>"). To write anyway, run sync with --allow-tracked.`;
    else if (t.git?.fix?.kind === 'use-env-file')
      line += `\n    ${t.git.fix.explanation}\n    To write anyway, run sync with --allow-tracked.`;
    return line;
  });
  lines.push(projectsUpdatedLine(report.projectsUpdated));
  return lines.join('\n');
}

export function projectsUpdatedLine(n: number): string {
  return n === 0 ? 'No project files changed.' : `${n} project${n === 1 ? '' : 's'} updated.`;
}

export function formatDetected(dir: string, found: DetectResult): string {
  if (found.targets.length === 0) {
    return `Found no place in ${dir} that holds a Dropbox token.\nName the file yourself: dropbox-token-tray project add ${dir} --file .env`;
  }
  const lines = [`Found ${found.targets.length} place${found.targets.length === 1 ? '' : 's'} in ${dir}:`];
  found.targets.forEach((t, i) =>
    lines.push(`  ${i + 1}. ${t.file} (${t.format}${t.key ? `, ${t.key}` : ''}) — ${t.reason}`),
  );
  if (found.truncated) lines.push('  (The folder is large; the search stopped early. Use --file to name other files.)');
  return lines.join('\n');
}

const STATUS_WORDS = { current: 'current', stale: 'out of date', missing: 'missing', error: 'error' } as const;

export function formatProjects(projects: PublicProject[]): string {
  if (projects.length === 0) return 'No projects yet. Add one with "dropbox-token-tray project add <folder>".';
  return projects
    .map((p) =>
      [
        `${p.name} (${p.path})${p.keepInSync ? ' — kept in sync' : ''}`,
        ...p.targets.map(
          (t) =>
            `  ${t.file} [${t.format}${t.key ? ` ${t.key}` : ''}]: ${STATUS_WORDS[t.status]}${t.detail ? ` — ${t.detail}` : ''}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}
