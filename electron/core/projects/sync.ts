import { tokenFingerprint } from '../../shared/redact';
import type { SyncOutcome } from '../../shared/targets';
import type { TargetReportView } from '../../shared/views';
import { DttError, toDttError } from '../errors';
import type { ProjectRecord, ProjectTarget } from '../settings-schema';
import { atomicWrite, readTarget, resolveInside, type BackupStore, type ReadResult } from './files';
import { assertFolderInside } from './files/resolve-inside';
import { assertPrivate, sweepLeftovers } from './sync-guards';
import { editorFor, type TokenValues } from './formats';
import { blockedKind, gitVerdict, isBlocking, type GitCache, type GitVerdict } from './git-guard';
import { afterKeepOutWrite, prepareKeepOut, type KeepOutWrite } from './keep-out-sync';
import type { ProjectRegistry } from './registry';

export type { SyncOutcome };

/** The window's view of one file's result (shared/views.ts), with the git guard's full verdict. */
export interface TargetReport extends Omit<TargetReportView, 'git'> {
  /** A git warning and its safe fix, when the write waits for consent. */
  git?: GitVerdict;
}

export interface SyncReport {
  targets: TargetReport[];
  /** Projects in which at least one file changed. */
  projectsUpdated: number;
}

export interface SyncOptions {
  allowTracked?: boolean;
  /** The user agreed to write through symbolic links (the report says where each points). */
  allowSymlinks?: boolean;
  /** Blank our values instead of writing them (on disconnect). Never deletes a file. */
  blank?: boolean;
}

interface Planned {
  target: ProjectTarget;
  abs: string;
  next: string;
  previous: string | null;
  read: ReadResult;
  /** Set up by prepareKeepOut: git's index entry is refreshed after the write. */
  keepOut?: KeepOutWrite | null;
}

// Formats that may be created from nothing; source files must already exist.
const CREATABLE: Partial<Record<ProjectTarget['format'], string>> = { dotenv: '', json: '{}\n', yaml: '' };
// What a target without a key names, for messages (each editor's default).
const DEFAULT_KEY: Record<ProjectTarget['format'], string> = {
  dotenv: 'DROPBOX_ACCESS_TOKEN',
  json: 'dropbox.access_token',
  yaml: 'dropbox.access_token',
  python: 'access_token',
};
// Projects synced at once: overlaps file and git latency without flooding two cores.
const CONCURRENCY = 8;

/** The editor left the file without the token: it holds it in a form the editor doesn't change. */
export function notUpdatable(target: ProjectTarget): DttError {
  return new DttError(
    'file-not-updatable',
    `the app can't update ${target.key ?? DEFAULT_KEY[target.format]} here: it found no plain value it can change (for example, the value is inside a dict or built by code)`,
  );
}

function report(
  project: ProjectRecord,
  file: string,
  outcome: SyncOutcome,
  extra: Partial<TargetReport> = {},
): TargetReport {
  return { project: project.path, projectName: project.name, file, outcome, ...extra };
}

function failure(project: ProjectRecord, file: string, error: unknown): TargetReport {
  const e = toDttError(error);
  const skipped =
    e.kind === 'file-unparseable' ||
    e.kind === 'file-symlink' ||
    e.kind === 'file-hardlink' ||
    e.kind === 'file-owner' ||
    e.kind === 'file-not-private' ||
    e.kind === 'file-binary' ||
    e.kind === 'file-utf16' ||
    e.kind === 'file-too-large' ||
    e.kind === 'file-not-updatable';
  return report(project, file, skipped ? 'skipped' : 'failed', {
    kind: e.kind,
    detail: e.detail ?? e.title,
    ...(e.moreInfo ? { moreInfo: e.moreInfo } : {}),
  });
}

/**
 * Phase 1, no writes: what the targets' file would become (or why it stays as it is). `group`
 * is every target in one file (one per key), so their edits land in one write.
 */
async function plan(
  project: ProjectRecord,
  group: ProjectTarget[],
  values: TokenValues | null,
  opts: SyncOptions,
): Promise<Planned | TargetReport> {
  const target = group[0] as ProjectTarget;
  const abs = resolveInside(project.path, target.file);
  const consent = Boolean(group.some((t) => t.allowSymlink) || opts.allowSymlinks);
  // Consent covers the link that was there when the project was added, not one made since.
  const read = await readTarget(abs, {
    allowSymlink: consent,
    ...(consent ? { linkAtAdd: target.linkAtAdd ?? null } : {}),
    label: target.file,
  });
  // The folder holding the name is pinned here; it must be the one resolveInside approved.
  if (read.folder) assertFolderInside(project.path, read.folder.real, target.file);
  const writing = opts.blank || !values ? null : values;
  if (writing?.refreshToken && group.some((t) => t.includeRefreshToken) && read.exists)
    assertPrivate(abs, read, target.file);
  let base = read.text;
  if (!read.exists) {
    if (opts.blank) return report(project, target.file, 'current', { detail: 'the file does not exist' });
    if (target.createFrom)
      base = (await readTarget(resolveInside(project.path, target.createFrom), { label: target.createFrom })).text;
    else if (CREATABLE[target.format] !== undefined) base = CREATABLE[target.format]!;
    else throw new DttError('file-missing', `${target.file} does not exist`);
  }
  let next = base;
  for (const t of group) {
    const editor = editorFor(t.format);
    next = (
      opts.blank || !values
        ? editor.blank(next, { key: t.key })
        : editor.write(next, {
            key: t.key,
            values: t.includeRefreshToken ? values : { accessToken: values.accessToken },
          })
    ).text;
  }
  // "Current" only if the file really holds the token afterwards: the editor leaves alone what it
  // can't change (a Python dict literal, a value built by code), and that is no success.
  if (!opts.blank && values)
    for (const t of group) if (editorFor(t.format).read(next, t.key) !== values.accessToken) throw notUpdatable(t);
  if (read.exists && next === base) return report(project, target.file, 'current');
  return {
    target: { ...target, allowTracked: group.some((t) => t.allowTracked) },
    abs,
    next,
    previous: read.exists ? read.text : null,
    read,
  };
}

async function syncOne(
  project: ProjectRecord,
  values: TokenValues | null,
  deps: { backups: BackupStore; git: GitCache },
  opts: SyncOptions,
): Promise<TargetReport[]> {
  const reports: TargetReport[] = [];
  const planned: Planned[] = [];
  await Promise.all(project.targets.map((target) => sweepLeftovers(project, target)));
  const byFile = new Map<string, ProjectTarget[]>();
  for (const t of project.targets) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
  await Promise.all(
    [...byFile.values()].map(async (group) => {
      const target = group[0] as ProjectTarget;
      try {
        const p = await plan(project, group, values, opts);
        if (!('abs' in p)) return void reports.push(p);
        if (!opts.blank && !opts.allowTracked && !p.target.allowTracked) {
          const verdict = await gitVerdict(p.abs, deps.git);
          // "Keep it out of git": set git up so the token can't reach a commit, then write.
          if (isBlocking(verdict) && project.keepOutOfGit && verdict.state !== 'unknown')
            // The whole group is written into this one file: the refresh token if any target asks.
            p.keepOut = await prepareKeepOut(
              p.abs,
              { ...target, includeRefreshToken: group.some((t) => t.includeRefreshToken) },
              verdict,
              values?.accessToken,
            );
          else if (isBlocking(verdict))
            return void reports.push(
              report(project, target.file, 'skipped', {
                kind: blockedKind(verdict),
                detail: verdict.warning,
                git: verdict,
              }),
            );
        }
        planned.push(p);
      } catch (error) {
        reports.push(failure(project, target.file, error));
      }
    }),
  );
  const order = new Map(project.targets.map((t, i) => [t.file, i]));
  // Planned in whatever order the reads finished; written (and undone) in the project's order.
  planned.sort((a, b) => (order.get(a.target.file) ?? 0) - (order.get(b.target.file) ?? 0));
  // Keep the previous versions before touching anything, so undo works even after a crash.
  if (planned.length > 0) {
    await deps.backups.save(
      project.path,
      planned.map((p) => ({
        relativeFile: p.target.file,
        previous: p.previous,
        mode: p.read.mode,
        written: p.next,
        link: p.read.symlinkTarget,
      })),
    );
  }
  for (const p of planned) {
    try {
      await atomicWrite(p.abs, p.next, {
        mode: p.read.mode,
        expect: p.read.identity ?? 'absent',
        ...(p.read.folder ? { expectFolder: p.read.folder } : {}),
        allowLinkTo: p.read.symlinkTarget,
        label: p.target.file,
      });
      // Only tidies `git status`; the filter already keeps the token out of every commit.
      if (p.keepOut) await afterKeepOutWrite(p.keepOut).catch(() => undefined);
      reports.push(report(project, p.target.file, 'updated'));
    } catch (error) {
      reports.push(failure(project, p.target.file, error));
    }
  }
  return reports.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
}

/**
 * Writes the token into every target of the given projects: plan each edit first (nothing
 * written), keep the previous versions for undo, then write each file atomically. Each
 * target's outcome is recorded in settings with a fingerprint, never the token.
 */
export async function syncProjects(
  projects: ProjectRecord[],
  values: TokenValues | null,
  deps: { registry: ProjectRegistry; backups: BackupStore },
  opts: SyncOptions = {},
): Promise<SyncReport> {
  const git: GitCache = new Map();
  const perProject: TargetReport[][] = new Array(projects.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < projects.length; i = next++)
      perProject[i] = await syncOne(projects[i]!, values, { backups: deps.backups, git }, opts);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, projects.length) }, worker));

  const fingerprint = values && !opts.blank ? await tokenFingerprint(values.accessToken) : undefined;
  const at = new Date().toISOString();
  const results = new Map<string, Map<string, ProjectTarget['last']>>();
  for (const r of perProject.flat()) {
    const outcome = opts.blank && r.outcome === 'updated' ? 'blanked' : r.outcome;
    const keep = fingerprint && (r.outcome === 'updated' || r.outcome === 'current');
    const perFile = results.get(r.project) ?? new Map<string, ProjectTarget['last']>();
    perFile.set(r.file, { at, outcome, ...(keep ? { fingerprint } : {}), ...(r.detail ? { detail: r.detail } : {}) });
    results.set(r.project, perFile);
  }
  deps.registry.recordResults(results);
  return {
    targets: perProject.flat(),
    projectsUpdated: perProject.filter((rs) => rs.some((r) => r.outcome === 'updated')).length,
  };
}
