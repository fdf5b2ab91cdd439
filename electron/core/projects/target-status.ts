import os from 'node:os';
import type { PublicProject, PublicTargetStatus } from '../../shared/state';
import { shownPath } from '../../shared/words';
import { toDttError } from '../errors';
import type { ProjectRecord } from '../settings-schema';
import { readTarget, resolveInside } from './files';
import { editorFor } from './formats';
import { notUpdatable } from './sync';

/** Reads each target and compares it with the token in use: current / stale / missing / error. */
export async function projectStatuses(projects: ProjectRecord[], accessToken: string | null): Promise<PublicProject[]> {
  return Promise.all(
    projects.map(async (p) => ({
      path: p.path,
      shownPath: shownPath(p.path, os.homedir(), process.platform),
      name: p.name,
      keepInSync: p.keepInSync,
      keepOutOfGit: Boolean(p.keepOutOfGit),
      targets: await Promise.all(
        p.targets.map(async (t): Promise<PublicTargetStatus> => {
          const base = { file: t.file, format: t.format, key: t.key, lastSync: t.last };
          try {
            const read = await readTarget(resolveInside(p.path, t.file), {
              allowSymlink: t.allowSymlink,
              label: t.file,
            });
            if (!read.exists) return { ...base, status: 'missing' };
            const editor = editorFor(t.format);
            const value = editor.read(read.text, t.key);
            if (accessToken === null || value === accessToken)
              return { ...base, status: value === accessToken ? 'current' : 'stale' };
            // "Out of date" would send the user to sync, which can't help here: say why instead.
            const written = editor.write(read.text, { key: t.key, values: { accessToken } }).text;
            if (editor.read(written, t.key) !== accessToken) throw notUpdatable(t);
            return { ...base, status: 'stale' };
          } catch (error) {
            const e = toDttError(error);
            return {
              ...base,
              status: e.kind === 'file-missing' || e.kind === 'project-missing' ? 'missing' : 'error',
              detail: e.detail ?? e.title,
              kind: e.kind,
            };
          }
        }),
      ),
    })),
  );
}
