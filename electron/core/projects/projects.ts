import path from 'node:path';
import type { PublicProject } from '../../shared/state';
import { DttError } from '../errors';
import type { Settings } from '../settings';
import type { ProjectRecord, ProjectTarget } from '../settings-schema';
import { detectTargets, type DetectResult } from './detect';
import {
  linkTextAt,
  makePrivate,
  openBackupStore,
  resolveInside,
  withLock,
  type BackupStore,
  type UndoResult,
} from './files';
import type { TokenValues } from './formats';
import { addToGitignore, gitVerdict, type GitVerdict } from './git-guard';
import { refreshAfterUndo, removeKeepOut } from './keep-out-sync';
import { assertUtf8Name, existingProjectDir, ProjectRegistry } from './registry';
import { syncProjects, type SyncOptions, type SyncReport } from './sync';
import { projectStatuses } from './target-status';

export interface TokenSource {
  /** Current values to write, or null when not connected; `access`: only the access token is needed. */
  values(need?: 'all' | 'access'): Promise<TokenValues | null>;
}

/** Projects: register, detect, sync, undo. One lock per settings folder serialises every sync. */
export class Projects {
  readonly registry: ProjectRegistry;
  private readonly backups: BackupStore;
  private readonly lockDir: string;

  constructor(
    settings: Settings,
    private readonly tokens: TokenSource,
  ) {
    this.registry = new ProjectRegistry(settings);
    this.backups = openBackupStore(path.join(settings.cacheDir, 'undo'));
    this.lockDir = path.join(settings.dir, 'locks');
  }

  list(): ProjectRecord[] {
    return this.registry.list();
  }

  detect(dir: string): Promise<DetectResult> {
    return detectTargets(existingProjectDir(dir));
  }

  add(
    dir: string,
    targets: ProjectTarget[],
    opts: { keepInSync?: boolean; keepOutOfGit?: boolean } = {},
  ): ProjectRecord {
    if (targets.length === 0) throw new DttError('invalid-input', 'choose at least one file to write the token into');
    const projectDir = existingProjectDir(dir);
    for (const t of targets) {
      assertUtf8Name(t.file, 'file');
      // The same check for the CLI's --file and the window's ticks: nothing outside the folder.
      resolveInside(projectDir, t.file);
    }
    // Remember which targets are links now: --allow-symlinks covers these links, not later ones.
    const withLinks = targets.map((t) => ({ ...t, linkAtAdd: linkTextAt(projectDir, t.file) }));
    return this.registry.upsert(projectDir, withLinks, opts);
  }

  /** Stops writing the project; its files stay, and any keep-out-of-git setup is undone. */
  async remove(dir: string): Promise<ProjectRecord> {
    const project = this.registry.get(dir);
    if (project.keepOutOfGit) await this.undoKeepOut(project);
    return this.registry.remove(dir);
  }

  /**
   * "Write it here, and keep it out of git". Turning it on takes effect at the next sync (which
   * sets git up before it writes); turning it off undoes the git setup at once, so tracked files
   * are refused again as before.
   */
  async setKeepOutOfGit(dir: string, on: boolean): Promise<ProjectRecord> {
    const project = this.registry.get(dir);
    if (!on && project.keepOutOfGit) await this.undoKeepOut(project);
    return this.registry.setKeepOutOfGit(dir, on);
  }

  private async undoKeepOut(project: ProjectRecord): Promise<void> {
    await withLock(this.lockDir, 'sync', () =>
      removeKeepOut(project.targets.map((t) => path.join(project.path, ...t.file.split('/')))),
    );
  }

  setKeepInSync(dir: string, on: boolean): void {
    this.registry.setKeepInSync(dir, on);
  }

  /** Syncs the named projects, or all; refuses folders that aren't registered. */
  async sync(dirs: string[] = [], opts: SyncOptions = {}): Promise<SyncReport> {
    const projects = dirs.length ? dirs.map((d) => this.registry.get(d)) : this.list();
    // The refresh token is read from the keychain only when a file is to receive it.
    const need = projects.some((p) => p.targets.some((t) => t.includeRefreshToken)) ? 'all' : 'access';
    const values = opts.blank ? null : await this.tokens.values(need);
    if (!values && !opts.blank) throw new DttError('not-connected');
    return withLock(this.lockDir, 'sync', () =>
      syncProjects(projects, values, { registry: this.registry, backups: this.backups }, opts),
    );
  }

  /** After a renewal or reconnect: rewrite only projects that asked to be kept in sync. */
  async syncKeepInSync(): Promise<SyncReport> {
    const dirs = this.list()
      .filter((p) => p.keepInSync)
      .map((p) => p.path);
    if (dirs.length === 0) return { targets: [], projectsUpdated: 0 };
    return this.sync(dirs);
  }

  /** Restores the last sync; refuses (undo-conflict) over changes made since, unless `force`. */
  async undo(dir: string, opts: { force?: boolean } = {}): Promise<UndoResult[]> {
    const project = this.registry.get(dir);
    return withLock(this.lockDir, 'sync', async () => {
      const results = await this.backups.restore(project.path, opts);
      // The card must not keep saying "Token written" about a file that no longer holds it.
      const at = new Date().toISOString();
      const undone = results.filter((r) => r.action === 'restored' || r.action === 'deleted');
      if (undone.length)
        this.registry.recordResults(
          new Map([[project.path, new Map(undone.map((r) => [r.relativeFile, { at, outcome: 'undone' as const }]))]]),
        );
      if (project.keepOutOfGit) {
        const restored = new Set(undone.map((r) => r.relativeFile));
        for (const t of project.targets.filter((t) => restored.has(t.file)))
          await refreshAfterUndo(resolveInside(project.path, t.file), t).catch(() => undefined);
      }
      return results;
    });
  }

  /** The fix for file-not-private: a registered target becomes readable by its owner only. */
  async makePrivate(dir: string, file: string): Promise<void> {
    const project = this.registry.get(dir);
    const target = project.targets.find((t) => t.file === file);
    if (!target) throw new DttError('invalid-input', `${file} is not a file of ${project.name}`);
    await makePrivate(resolveInside(project.path, target.file), target.file, target.linkAtAdd);
  }

  async statuses(): Promise<PublicProject[]> {
    const list = this.list();
    // No project, nothing to compare: no keychain read. A status compares access tokens only.
    if (list.length === 0) return [];
    const values = await this.tokens.values('access').catch(() => null);
    return projectStatuses(list, values?.accessToken ?? null);
  }

  /**
   * Adds `file` (inside `root`) to .gitignore when that is git's fix, and returns git's verdict.
   * `chosen`: a folder just picked, not yet registered. `strict`: no fix is an error, not a verdict.
   */
  async ignoreInGit(root: string, file: string, opts: { chosen?: string; strict?: boolean } = {}): Promise<GitVerdict> {
    const verdict = await gitVerdict(resolveInside(root, file));
    if (!opts.strict && verdict.fix?.kind !== 'add-to-gitignore') return verdict;
    await this.applyGitignoreFix(verdict, opts.chosen);
    return verdict;
  }

  /**
   * The safe fix for an untracked, unignored env file: only for a registered project, or the
   * folder the user just picked (`chosen`), whose repository's .gitignore it edits.
   */
  async applyGitignoreFix(verdict: GitVerdict, chosen?: string): Promise<void> {
    if (verdict.fix?.kind !== 'add-to-gitignore')
      throw new DttError('invalid-input', 'this file has no .gitignore fix');
    const root = path.dirname(verdict.fix.gitignore);
    const dirs = [...this.list().map((p) => p.path), ...(chosen ? [chosen] : [])];
    if (!dirs.some((d) => d === root || d.startsWith(root + path.sep) || root.startsWith(d + path.sep))) {
      throw new DttError('path-outside-project', verdict.fix.gitignore);
    }
    await addToGitignore(verdict.fix);
  }
}
