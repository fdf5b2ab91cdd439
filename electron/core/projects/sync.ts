import type { ErrorKind } from '../../shared/error-catalog';
import { tokenFingerprint } from '../../shared/redact';
import { DttError } from '../errors';
import type { ProjectRecord, ProjectTarget } from '../settings-schema';
import { atomicWrite, readTarget, resolveInside, type BackupStore } from './files';
import { editorFor, type TokenValues } from './formats';
import { gitVerdict, isBlocking, type GitVerdict } from './git-guard';
import type { ProjectRegistry } from './registry';

export type SyncOutcome = 'updated' | 'current' | 'skipped' | 'failed';

export interface TargetReport {
  project: string;
  projectName: string;
  file: string;
  outcome: SyncOutcome;
  kind?: ErrorKind;
  detail?: string;
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
  /** Blank our values instead of writing them (on disconnect). Never deletes a file. */
  blank?: boolean;
}

interface Planned {
  target: ProjectTarget;
  abs: string;
  next: string;
  previous: string | null;
  mode: number | null;
  mtimeMs: number | null;
}

// Formats that may be created from nothing; source files must already exist.
const CREATABLE = { dotenv: '', json: '{}\n', yaml: '' } as Record<string, string | undefined>;

function failure(project: ProjectRecord, file: string, error: unknown): TargetReport {
  const e = error instanceof DttError ? error : new DttError('internal', (error as Error).message);
  const outcome: SyncOutcome = e.kind === 'file-unparseable' || e.kind === 'file-tracked' || e.kind === 'file-symlink' ? 'skipped' : 'failed';
  return { project: project.path, projectName: project.name, file, outcome, kind: e.kind, detail: e.detail ?? e.text.title };
}

/** Phase 1, no writes: what each target's file would become. */
async function plan(project: ProjectRecord, target: ProjectTarget, values: TokenValues | null, opts: SyncOptions): Promise<Planned | TargetReport> {
  const abs = resolveInside(project.path, target.file);
  const read = await readTarget(abs, { allowSymlink: target.allowSymlink });
  let base = read.text;
  if (!read.exists) {
    if (opts.blank) return { project: project.path, projectName: project.name, file: target.file, outcome: 'current', detail: 'file does not exist' };
    if (target.createFrom) base = (await readTarget(resolveInside(project.path, target.createFrom))).text;
    else if (CREATABLE[target.format] !== undefined) base = CREATABLE[target.format]!;
    else throw new DttError('file-missing', `${target.file} does not exist`);
  }
  const editor = editorFor(target.format);
  const result = opts.blank || !values
    ? editor.blank(base, { key: target.key })
    : editor.write(base, { key: target.key, values: target.includeRefreshToken ? values : { accessToken: values.accessToken } });
  if (read.exists && !result.changed) return { project: project.path, projectName: project.name, file: target.file, outcome: 'current' };
  return { target, abs, next: result.text, previous: read.exists ? read.text : null, mode: read.mode, mtimeMs: read.mtimeMs };
}

/**
 * Writes the token into every target of the given projects: plan every edit first (nothing
 * written), keep the previous versions for undo, then write each file atomically.
 */
export async function syncProjects(
  projects: ProjectRecord[],
  values: TokenValues | null,
  deps: { registry: ProjectRegistry; backups: BackupStore },
  opts: SyncOptions = {},
): Promise<SyncReport> {
  const reports: TargetReport[] = [];
  let projectsUpdated = 0;
  const fingerprint = values ? await tokenFingerprint(values.accessToken) : undefined;
  for (const project of projects) {
    const planned: Planned[] = [];
    for (const target of project.targets) {
      try {
        const p = await plan(project, target, values, opts);
        if (!('abs' in p)) {
          reports.push(p);
          continue;
        }
        const verdict = await gitVerdict(p.abs);
        if (isBlocking(verdict) && !opts.allowTracked && !target.allowTracked && !opts.blank) {
          reports.push({ project: project.path, projectName: project.name, file: target.file, outcome: 'skipped', kind: 'file-tracked', detail: verdict.warning, git: verdict });
          continue;
        }
        planned.push(p);
      } catch (error) {
        reports.push(failure(project, target.file, error));
      }
    }
    if (planned.length > 0) {
      await deps.backups.save(project.path, planned.map((p) => ({ relativeFile: p.target.file, previous: p.previous, mode: p.mode })));
    }
    let changed = false;
    for (const p of planned) {
      try {
        await atomicWrite(p.abs, p.next, { mode: p.mode, expectUnchangedSince: p.mtimeMs ?? undefined });
        changed = true;
        reports.push({ project: project.path, projectName: project.name, file: p.target.file, outcome: 'updated' });
      } catch (error) {
        reports.push(failure(project, p.target.file, error));
      }
    }
    if (changed) projectsUpdated++;
    const now = new Date().toISOString();
    const results = new Map<string, ProjectTarget['last']>();
    for (const r of reports.filter((r) => r.project === project.path)) {
      const outcome = opts.blank && r.outcome === 'updated' ? 'blanked' : r.outcome;
      results.set(r.file, { at: now, outcome, ...(fingerprint && !opts.blank && (r.outcome === 'updated' || r.outcome === 'current') ? { fingerprint } : {}), ...(r.detail ? { detail: r.detail } : {}) });
    }
    deps.registry.recordResults(project.path, results);
  }
  return { targets: reports, projectsUpdated };
}
