import type { DetectResult } from '../core/projects/detect';
import type { SyncReport, TargetReport } from '../core/projects/sync';
import type { PublicProject, PublicStatus, PublicTargetStatus } from '../shared/state';
import { escapeControl as esc } from '../shared/input-rules';
import { writeRefusal } from '../core/service/status';
import { errorText } from '../shared/error-catalog';

// Names, paths and details come from the user's disk: each is escaped where it is printed.

const OUTCOME: Record<TargetReport['outcome'], string> = { updated: '✓', current: '=', skipped: '!', failed: '✗' };
const WORDS: Record<TargetReport['outcome'], string> = {
  updated: 'updated',
  current: 'already current',
  skipped: 'skipped',
  failed: 'failed',
};

/** `verbose`: also the system's own words for each failure (for IT), as `--verbose` does for errors. */
export function formatSyncReport(report: SyncReport, verbose = false): string {
  if (report.targets.length === 0)
    return 'No projects to sync. Add one with "dropbox-token-tray project add <folder>".';
  const lines = report.targets.map((t) => {
    const word = t.kind === 'file-not-updatable' ? 'not updated' : WORDS[t.outcome];
    let line = `${OUTCOME[t.outcome]} ${esc(t.projectName)}: ${esc(t.file)} — ${word}`;
    if (t.detail) line += `: ${esc(t.detail)}`;
    if (t.git?.fix?.kind === 'add-to-gitignore')
      line += `\n    Safe fix: add "${esc(t.git.fix.line)}" to ${esc(t.git.fix.gitignore)}: run \`dropbox-token-tray project ignore ${quoteArg(t.project)} ${quoteArg(t.file)}\`. To write anyway, run sync with --allow-tracked.`;
    else if (t.git?.fix?.kind === 'keep-out-of-git')
      line +=
        `\n    ${esc(t.git.fix.explanation)}\n    Safe fix: run \`dropbox-token-tray project keep-out-of-git ${quoteArg(t.project)} on\`, then \`dropbox-token-tray sync\`.` +
        `\n    (Developers: "dropbox-token-tray run -- <command>" gives a program the token without writing any file.)`;
    else if (t.git?.fix?.kind === 'use-env-file')
      line += `\n    ${esc(t.git.fix.explanation)}\n    To write anyway, run sync with --allow-tracked.`;
    // The detail says what happened; what to do is the catalog's, naming the command for this folder.
    else if (t.outcome === 'failed' && t.kind)
      line += `\n    What to do: ${errorText(t.kind, 'cli', { folder: t.project }).action}`;
    if (verbose && t.moreInfo) line += `\n    More info: ${esc(t.moreInfo)}`;
    return line;
  });
  lines.push(projectsUpdatedLine(report.projectsUpdated));
  if (!verbose && report.targets.some((t) => t.moreInfo))
    lines.push('For technical details, run the command again with --verbose.');
  return lines.join('\n');
}

/**
 * A folder as the user would type it in a shell: quoted only when it needs to be. A name with
 * characters that can't be printed as they are (a line break, ESC, U+202E) is written in
 * bash's and zsh's $'…' form, each of those as an escape, so the command still names that folder.
 */
export function quoteArg(arg: string): string {
  if (/^[\w@%+=:,./~-]+$/.test(arg)) return arg;
  if (esc(arg) === arg) return `'${arg.replace(/'/g, `'\\''`)}'`;
  return `$'${esc(arg.replace(/[\\']/g, (c) => `\\${c}`))}'`;
}

export function projectsUpdatedLine(n: number): string {
  return n === 0 ? 'No project files changed.' : `${n} project${n === 1 ? '' : 's'} updated.`;
}

export function formatDetected(rawDir: string, found: DetectResult): string {
  const dir = esc(rawDir);
  const skipped = found.skipped
    .filter((s) => s.why.includes('UTF-8'))
    .map((s) => `  Skipped ${esc(s.file)}: ${esc(s.why)}.`);
  if (found.targets.length === 0) {
    return [
      `Found no place in ${dir} that holds a Dropbox token.`,
      ...skipped,
      `Name the file yourself: dropbox-token-tray project add ${quoteArg(rawDir)} --file .env`,
    ].join('\n');
  }
  const lines = [`Found ${found.targets.length} place${found.targets.length === 1 ? '' : 's'} in ${dir}:`];
  found.targets.forEach((t, i) =>
    lines.push(`  ${i + 1}. ${esc(t.file)} (${t.format}${t.key ? `, ${esc(t.key)}` : ''}) — ${esc(t.reason)}`),
  );
  lines.push(...skipped);
  if (found.truncated) lines.push('  (The folder is large; the search stopped early. Use --file to name other files.)');
  return lines.join('\n');
}

/** Whether `sync` would write with this connection (the service's own rule). */
export function canSync(s: PublicStatus): boolean {
  return writeRefusal(s) === null;
}

/** Out of date because the last sync refused it (e.g. git tracks it): syncing as is won't help. */
function refusedLast(t: PublicTargetStatus): boolean {
  return t.status === 'stale' && !!t.lastSync?.detail && ['skipped', 'failed'].includes(t.lastSync.outcome);
}

function footer(p: PublicProject, connected: boolean): string[] {
  // A file that is missing or in error: the catalog's advice, naming the command, once per kind.
  const kinds = [...new Set(p.targets.flatMap((t) => (t.status !== 'stale' && t.kind ? [t.kind] : [])))];
  const advice = kinds.map((kind) => `  What to do: ${errorText(kind, 'cli', { folder: p.path }).action}`);
  return [...advice, ...staleFooter(p, connected)];
}

function staleFooter(p: PublicProject, connected: boolean): string[] {
  const stale = p.targets.filter((t) => t.status === 'stale');
  if (stale.length === 0) return [];
  // sync refuses without a working connection, so the advice starts one step earlier.
  if (!connected)
    return [
      `  Not connected: run \`dropbox-token-tray connect\`, then \`dropbox-token-tray sync ${quoteArg(p.path)}\`.`,
    ];
  // Only sync's report carries the fix (which command makes it safe), so send staff there for it.
  if (stale.some(refusedLast)) return [`  Run \`dropbox-token-tray sync ${quoteArg(p.path)}\` for the safe fix.`];
  return [`  To update it, run \`dropbox-token-tray sync ${quoteArg(p.path)}\`.`];
}

const STATUS_WORDS = { current: 'current', stale: 'out of date', missing: 'missing', error: 'error' } as const;

/** `connected`: whether Dropbox still accepts the saved connection (sync needs one). */
export function formatProjects(projects: PublicProject[], { connected = true }: { connected?: boolean } = {}): string {
  if (projects.length === 0) return 'No projects yet. Add one with "dropbox-token-tray project add <folder>".';
  return projects
    .map((p) =>
      [
        `${esc(p.name)} (${esc(p.path)})${p.keepInSync ? ' — kept in sync' : ''}`,
        ...p.targets.map(
          (t) =>
            `  ${esc(t.file)} [${t.format}${t.key ? ` ${esc(t.key)}` : ''}]: ${STATUS_WORDS[t.status]}${t.detail ? ` — ${esc(t.detail)}` : ''}${refusedLast(t) ? ` — the last sync skipped it: ${esc(t.lastSync?.detail ?? '')}` : ''}`,
        ),
        ...footer(p, connected),
      ].join('\n'),
    )
    .join('\n');
}
