import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { escapeControl } from '../../shared/input-rules';
import { targetId } from '../../shared/target-id';
import { DttError } from '../errors';
import type { Settings } from '../settings';
import type { ProjectRecord, ProjectTarget } from '../settings-schema';

// Registered projects live in settings (never a token: the last result keeps only a fingerprint).

export function normalizeProjectDir(dir: string): string {
  const abs = path.resolve(dir);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/**
 * Node turns bytes that aren't UTF-8 in a file name into U+FFFD, and writing to that string
 * would create a different file. Such names are refused, never guessed at.
 */
export function assertUtf8Name(name: string, what: 'folder' | 'file'): void {
  if (name.includes('\uFFFD'))
    throw new DttError(
      'invalid-input',
      `the ${what} name ${escapeControl(name)} is not valid UTF-8 text, so the app can't be sure to write the right ${what}; rename it (for example with only letters, digits, - and _), then add it again`,
    );
}

/** The project folder as registered: it must exist and be a folder. */
export function existingProjectDir(dir: string): string {
  // Checked on the absolute path too: the current folder or a link's target may be the odd one.
  assertUtf8Name(path.resolve(dir), 'folder');
  const info = statSync(path.resolve(dir), { throwIfNoEntry: false });
  if (!info)
    throw new DttError(
      'invalid-input',
      `${escapeControl(dir)} does not exist; check the path, then add the project again`,
    );
  if (!info.isDirectory())
    throw new DttError(
      'invalid-input',
      `${escapeControl(dir)} is not a folder; name the project folder that holds the config file, not the file itself`,
    );
  const real = normalizeProjectDir(dir);
  assertUtf8Name(real, 'folder');
  return real;
}

export function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

export class ProjectRegistry {
  constructor(private readonly settings: Settings) {}

  list(): ProjectRecord[] {
    return this.settings.get('projects');
  }

  find(dir: string): ProjectRecord | undefined {
    const wanted = normalizeProjectDir(dir);
    return this.list().find((p) => p.path === wanted || p.path === path.resolve(dir));
  }

  get(dir: string): ProjectRecord {
    const project = this.find(dir);
    if (!project) throw new DttError('project-unknown', `${dir} — run "dropbox-token-tray project add ${dir}" first`);
    return project;
  }

  /** Adds or replaces a project; targets with the same file and key are merged (new settings win). */
  upsert(
    dir: string,
    targets: ProjectTarget[],
    opts: { keepInSync?: boolean; keepOutOfGit?: boolean; name?: string } = {},
  ): ProjectRecord {
    const projectPath = normalizeProjectDir(dir);
    const existing = this.find(projectPath);
    const merged = new Map((existing?.targets ?? []).map((t) => [targetId(t), t] as const));
    for (const t of targets)
      merged.set(targetId(t), { ...merged.get(targetId(t)), ...t, last: merged.get(targetId(t))?.last });
    const record: ProjectRecord = {
      path: projectPath,
      name: opts.name ?? existing?.name ?? path.basename(projectPath),
      keepInSync: opts.keepInSync ?? existing?.keepInSync ?? false,
      ...((opts.keepOutOfGit ?? existing?.keepOutOfGit) ? { keepOutOfGit: true } : {}),
      targets: [...merged.values()].map(({ last, ...t }) => (last ? { ...t, last } : t)),
    };
    this.settings.update('projects', (all) => [...all.filter((p) => p.path !== projectPath), record]);
    return record;
  }

  remove(dir: string): ProjectRecord {
    const project = this.get(dir);
    this.settings.update('projects', (all) => all.filter((p) => p.path !== project.path));
    return project;
  }

  setKeepOutOfGit(dir: string, on: boolean): ProjectRecord {
    const project = this.get(dir);
    const next = { ...project, keepOutOfGit: on };
    this.settings.update('projects', (all) => all.map((p) => (p.path === project.path ? next : p)));
    return next;
  }

  setKeepInSync(dir: string, keepInSync: boolean): void {
    const project = this.get(dir);
    this.settings.update('projects', (all) => all.map((p) => (p.path === project.path ? { ...p, keepInSync } : p)));
  }

  /** Records each target's last result in one write; re-reads settings so a concurrent edit isn't lost. */
  recordResults(results: Map<string, Map<string, ProjectTarget['last']>>): void {
    this.settings.update('projects', (all) =>
      all.map((p) => {
        const perFile = results.get(p.path);
        return perFile
          ? { ...p, targets: p.targets.map((t) => (perFile.has(t.file) ? { ...t, last: perFile.get(t.file) } : t)) }
          : p;
      }),
    );
  }
}
