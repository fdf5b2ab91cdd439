import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DttError } from '../../errors';
import { assertUtf8Name } from '../registry';
import { errnoCode, readError } from './fs-errors';

// A target file comes from settings that a person (or a tampered settings file) wrote. The app
// must never be talked into writing outside the project: no `..`, no absolute paths, and no
// folder inside the project that is really a link to somewhere else.

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** realpath of the deepest part of `dir` that exists, with the missing rest appended as written. */
function realpathOfExisting(dir: string): string {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing);
    } catch (error) {
      const code = errnoCode(error);
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}

function realProjectDir(projectDir: string): string {
  try {
    if (!statSync(projectDir).isDirectory())
      throw new DttError(
        'project-missing',
        `${projectDir} is no longer a folder; add the project again from its new place, or remove it`,
      );
    return realpathSync(projectDir);
  } catch (error) {
    if (error instanceof DttError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DttError(
        'project-missing',
        `${projectDir} no longer exists; add the project again from its new place, or remove it`,
        { cause: error },
      );
    }
    throw new DttError(
      'project-missing',
      `${projectDir} can't be opened (${code ?? 'unknown error'}); check that you can open the folder`,
      { cause: error },
    );
  }
}

/**
 * The absolute path of `relativeFile` inside `projectDir`, or a DttError if the project folder
 * is gone or the file would land outside it. The file itself may not exist yet.
 */
export function resolveInside(projectDir: string, relativeFile: string): string {
  const project = path.resolve(projectDir);
  // A name saved with U+FFFD for bytes that weren't UTF-8 would be written as a different file.
  assertUtf8Name(project, 'folder');
  assertUtf8Name(relativeFile, 'file');
  const realProject = realProjectDir(project);
  if (!relativeFile.trim() || relativeFile.includes('\0')) {
    throw new DttError('invalid-input', 'no file name given; name a file inside the project folder');
  }
  // Windows forms are refused on every OS: a settings file may travel between machines.
  if (path.isAbsolute(relativeFile) || path.win32.isAbsolute(relativeFile) || /^[A-Za-z]:/.test(relativeFile)) {
    throw new DttError(
      'path-outside-project',
      `${relativeFile} is an absolute path; name the file relative to the project folder`,
    );
  }
  if (relativeFile.split(/[\\/]+/).includes('..')) {
    throw new DttError(
      'path-outside-project',
      `${relativeFile} climbs out of the project with ".."; choose a file inside the project folder`,
    );
  }
  const abs = path.join(project, relativeFile);
  if (!isInside(project, abs)) {
    throw new DttError('invalid-input', `${relativeFile} names the project folder itself; name a file inside it`);
  }
  let realParent: string;
  try {
    realParent = realpathOfExisting(path.dirname(abs));
  } catch (error) {
    throw readError(relativeFile, error);
  }
  if (!isInside(realProject, path.join(realParent, path.basename(abs)))) {
    throw new DttError(
      'path-outside-project',
      `${relativeFile} is inside a linked folder that leads to ${realParent}, outside the project; choose a file inside the project folder`,
    );
  }
  return abs;
}

/**
 * Throws unless `realFolder` (a realpath) is the project folder or inside it: a folder of the
 * project swapped for a link between resolveInside and the read is caught here.
 */
export function assertFolderInside(projectDir: string, realFolder: string, label: string): void {
  const realProject = realProjectDir(path.resolve(projectDir));
  if (realFolder === realProject || isInside(realProject, realFolder)) return;
  throw new DttError(
    'file-symlink',
    `the folder of ${label} became a link to ${realFolder}, outside the project; nothing was written`,
  );
}

/** The link text of each target that is a symlink right now (recorded at `project add`). */
export function linkTextAt(projectDir: string, relativeFile: string): string | undefined {
  try {
    const abs = resolveInside(projectDir, relativeFile);
    return lstatSync(abs).isSymbolicLink() ? readlinkSync(abs) : undefined;
  } catch {
    return undefined;
  }
}
