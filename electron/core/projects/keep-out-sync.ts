import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DttError } from '../errors';
import type { ProjectTarget } from '../settings-schema';
import type { GitVerdict } from './git-guard';
import {
  disableKeepOut,
  enableKeepOut,
  keepOutActive,
  placeholderIn,
  refreshIndexEntry,
  type KeepOutFile,
} from './keep-out-of-git';
import { runSafeGit } from './safe-git';

// What sync does for a project set to "keep out of git": a tracked file gets the clean filter
// (keep-out-of-git.ts), an untracked one that git would pick up goes into the clone's own
// .git/info/exclude (never the committed .gitignore). Anything git can't answer stays blocked.

export interface KeepOutWrite {
  repoRoot: string;
  file: KeepOutFile;
}

const EXCLUDE_MARK = '# dropbox-token-tray keep-out-of-git';
/** An exclude pattern for exactly this path from the repository root. */
const excludePattern = (rel: string) => `/${rel.replace(/[\\*?[\]!# ]/g, (c) => `\\${c}`)}`;

async function git(cwd: string, args: string[]): Promise<string> {
  const r = await runSafeGit(cwd, args);
  if (r.code !== 0)
    throw new DttError('keep-out-failed', `git ${args[0]}: ${r.stderr.trim().split('\n')[0] || `exit ${r.code}`}`);
  return r.stdout;
}

async function locate(absFile: string): Promise<{ repoRoot: string; rel: string }> {
  const repoRoot = (await git(path.dirname(absFile), ['rev-parse', '--show-toplevel'])).trim();
  const rel = path.relative(repoRoot, absFile).split(path.sep).join('/');
  if (!rel || rel.startsWith('../')) throw new DttError('keep-out-failed', `${absFile} is not inside ${repoRoot}`);
  return { repoRoot, rel };
}

// Sync plans a project's files at once, but git's config and info/attributes are one file per
// clone: their setup runs one at a time (other processes are kept out by the sync lock).
let setupQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = setupQueue.then(run, run);
  setupQueue = next.catch(() => undefined);
  return next;
}

/**
 * Makes writing `absFile` safe for git before we write it; returns what to refresh after the
 * write (tracked files), or null when nothing more is needed. Throws (nothing written) otherwise.
 */
export function prepareKeepOut(
  absFile: string,
  target: Pick<ProjectTarget, 'format' | 'key' | 'includeRefreshToken'>,
  verdict: GitVerdict,
): Promise<KeepOutWrite | null> {
  return oneAtATime(() => setUp(absFile, target, verdict));
}

async function setUp(
  absFile: string,
  target: Pick<ProjectTarget, 'format' | 'key' | 'includeRefreshToken'>,
  verdict: GitVerdict,
): Promise<KeepOutWrite | null> {
  const { repoRoot, rel } = await locate(absFile);
  if (verdict.state === 'untracked-unignored') {
    await excludeLocally(repoRoot, rel);
    return null;
  }
  if (verdict.state !== 'tracked') throw new DttError('file-git-unknown', verdict.warning);
  // The filter knows what an access token looks like; a refresh token has no such shape.
  if (target.includeRefreshToken)
    throw new DttError('keep-out-unsupported', `${rel}: the refresh token can't be kept out of a tracked file`);
  const committed = await git(repoRoot, ['cat-file', 'blob', `:${rel}`]);
  const file: KeepOutFile = { file: rel, placeholder: placeholderIn(committed, target) };
  await enableKeepOut(repoRoot, [file], runSafeGit);
  // Ask git itself: only its own answer that our filter is in place lets the token in.
  if (!(await keepOutActive(repoRoot, file, runSafeGit)))
    throw new DttError('keep-out-failed', `git does not report the filter on ${rel}`);
  return { repoRoot, file };
}

/** After the write: git's index learns the new size, so `git status` stays clean. */
export async function afterKeepOutWrite(w: KeepOutWrite): Promise<void> {
  await oneAtATime(() => refreshIndexEntry(w.repoRoot, w.file, runSafeGit));
}

async function excludeFile(repoRoot: string): Promise<string> {
  return path.resolve(repoRoot, (await git(repoRoot, ['rev-parse', '--git-path', 'info/exclude'])).trim());
}

async function excludeLocally(repoRoot: string, rel: string): Promise<void> {
  const file = await excludeFile(repoRoot);
  const line = excludePattern(rel);
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text.split('\n').includes(line)) return;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${EXCLUDE_MARK}\n${line}\n`);
}

/** Undoes both kinds of setup for these files (`project remove`, or turning the choice off). */
export async function removeKeepOut(absFiles: string[]): Promise<void> {
  const byRepo = new Map<string, string[]>();
  for (const abs of absFiles) {
    const found = await locate(abs).catch(() => null);
    if (found) byRepo.set(found.repoRoot, [...(byRepo.get(found.repoRoot) ?? []), found.rel]);
  }
  for (const [repoRoot, rels] of byRepo) {
    await disableKeepOut(repoRoot, rels, runSafeGit);
    const file = await excludeFile(repoRoot);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const ours = new Set(rels.map(excludePattern));
    const lines = text.split('\n');
    const kept = lines.filter((l, i) => !ours.has(l) && !(l === EXCLUDE_MARK && ours.has(lines[i + 1] ?? '')));
    if (kept.length !== lines.length) await writeFile(file, kept.join('\n'));
  }
}

/**
 * After Undo put a tracked file back: git's index still has the written file's size, and
 * `git status` would call the file changed (git diff shows nothing). Best effort: the filter
 * keeps the token out either way.
 */
export async function refreshAfterUndo(
  absFile: string,
  target: Pick<ProjectTarget, 'format' | 'key' | 'includeRefreshToken'>,
): Promise<void> {
  const { repoRoot, rel } = await locate(absFile);
  const committed = await git(repoRoot, ['cat-file', 'blob', `:${rel}`]);
  const file: KeepOutFile = { file: rel, placeholder: placeholderIn(committed, target) };
  await oneAtATime(() => refreshIndexEntry(repoRoot, file, runSafeGit));
}
