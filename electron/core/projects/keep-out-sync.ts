import path from 'node:path';
import { escapeControl } from '../../shared/input-rules';
import { DttError } from '../errors';
import type { ProjectTarget } from '../settings-schema';
import type { GitVerdict } from './git-guard';
import { tempNameFor } from './files';
import { gitOwnFile, readGitFile, writeGitFile } from './git-own-files';
import {
  disableKeepOut,
  enableKeepOut,
  filterCatches,
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
/**
 * An exclude pattern for exactly this path from the repository root, or null when there is none:
 * ignore files have no quoting, a line break can't be written in one, and git drops a carriage
 * return at a line's end (a tab is taken as it is; git checks every line we add).
 */
const excludePattern = (rel: string): string | null =>
  /[\u0000-\u0008\u000a-\u001f\u007f]/.test(rel) ? null : `/${rel.replace(/[\\*?[\]!# ]/g, (c) => `\\${c}`)}`;

/**
 * The temp files a write of `rel` goes through (temp-files.ts): the token is in one for a moment,
 * and after a crash until the next sync, beside the file and unignored. As an exclude pattern,
 * with a name it matches to ask git about.
 */
function tempNames(rel: string): { line: string; example: string } | null {
  const slash = rel.lastIndexOf('/');
  const dir = rel.slice(0, slash + 1);
  const base = excludePattern(rel.slice(slash + 1))?.slice(1);
  const prefix = excludePattern(`${dir}x`)?.slice(0, -1);
  if (base === undefined || prefix === undefined) return null;
  return {
    line: `${prefix}${tempNameFor(base, '*')}`,
    example: `${dir}${tempNameFor(rel.slice(slash + 1), '0'.repeat(12))}`,
  };
}

/** Our exclude lines for `rel`: the file itself when it is untracked, and its temp files always. */
function excludeLines(rel: string, untracked: boolean): Array<{ line: string; example: string }> {
  const own = excludePattern(rel);
  const temp = tempNames(rel);
  if (own === null || temp === null)
    throw new DttError(
      'keep-out-unsupported',
      `${escapeControl(rel)}: its name has a line break or another control character, which git's ignore list can't name; rename it`,
    );
  return [...(untracked ? [{ line: own, example: rel }] : []), temp];
}

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
  token: string | undefined,
): Promise<KeepOutWrite | null> {
  return oneAtATime(() => setUp(absFile, target, verdict, token));
}

async function setUp(
  absFile: string,
  target: Pick<ProjectTarget, 'format' | 'key' | 'includeRefreshToken'>,
  verdict: GitVerdict,
  token: string | undefined,
): Promise<KeepOutWrite | null> {
  const { repoRoot, rel } = await locate(absFile);
  if (verdict.state !== 'tracked' && verdict.state !== 'untracked-unignored')
    throw new DttError('file-git-unknown', verdict.warning);
  await excludeLocally(repoRoot, excludeLines(rel, verdict.state === 'untracked-unignored'));
  if (verdict.state === 'untracked-unignored') return null;
  // The filter knows what an access token looks like; a refresh token has no such shape.
  if (target.includeRefreshToken)
    throw new DttError('keep-out-unsupported', `${rel}: the refresh token can't be kept out of a tracked file`);
  if (token !== undefined && !filterCatches(token))
    throw new DttError(
      'keep-out-unsupported',
      `${rel}: an older long-lived token can't be told apart from other text, so git could not keep it out of a commit; connect with the browser to get a token that can be`,
    );
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

const excludeFile = (repoRoot: string) => gitOwnFile(repoRoot, 'info/exclude', runSafeGit);

async function excludeLocally(repoRoot: string, wanted: Array<{ line: string; example: string }>): Promise<void> {
  const file = await excludeFile(repoRoot);
  const text = await readGitFile(file);
  const have = text.split('\n');
  const missing = wanted.filter((w) => !have.includes(w.line));
  if (missing.length > 0)
    await writeGitFile(
      file,
      `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${missing.map((w) => `${EXCLUDE_MARK}\n${w.line}\n`).join('')}`,
    );
  // Ask git itself: only its answer that it now ignores each name lets the token in.
  for (const { example } of wanted) {
    const ignored = await runSafeGit(repoRoot, ['check-ignore', '-q', '--', example]);
    if (ignored.code !== 0) throw new DttError('keep-out-failed', `git does not ignore ${escapeControl(example)}`);
  }
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
    const text = await readGitFile(file);
    const ours = new Set(rels.flatMap((rel) => [excludePattern(rel), tempNames(rel)?.line]).filter((l) => l != null));
    const lines = text.split('\n');
    const kept = lines.filter((l, i) => !ours.has(l) && !(l === EXCLUDE_MARK && ours.has(lines[i + 1] ?? '')));
    if (kept.length !== lines.length) await writeGitFile(file, kept.join('\n'));
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
