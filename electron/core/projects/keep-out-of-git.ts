import { createHash } from 'node:crypto';
import { DttError } from '../errors';
import type { ProjectTarget } from '../settings-schema';
import { editorFor } from './formats';
import { gitOwnFile, readGitFile, writeGitFile } from './git-own-files';

// "Write it here, and keep it out of git": the token goes into a file git tracks (the guide's
// settings.py), and git is told, in this clone only, to turn it back into the committed
// placeholder whenever it reads the file. That is a *clean filter*:
//   .git/config            filter.dtt-keep-out-<id>.clean = perl … ; .smudge = cat ; .required = true
//   .git/info/attributes   "/src/…/settings.py" filter=dtt-keep-out-<id>
// Every git command that reads the working file (status, diff, add, commit -a, stash) sees the
// placeholder, so no commit and no push from this clone can carry the token, and `git status`
// stays clean. Neither file is ever committed or pushed, so nobody else's clone changes.
//
// The filter is one perl substitution, not a call back into this app, so it keeps working when
// the app is moved or uninstalled. It fails closed: `required = true` makes git refuse to stage
// the file if the filter can't run (perl missing), instead of staging it unfiltered.
// Perl, not sed: the output must be the file byte for byte but the token, and sed differs by
// platform there (macOS's adds a final newline; in a UTF-8 locale it refuses bytes that aren't
// UTF-8). Perl in binary mode is byte-exact everywhere, and git has it on every platform it
// runs filters on: macOS ships it, Git for Windows bundles it beside its sh, and on Linux git's
// own scripts need it (Debian: perl-base is essential).

/** runSafeGit's shape (safe-git.ts), so tests can pass their own runner. */
export type GitRun = (
  cwd: string,
  args: string[],
  opts?: { ourFilter?: { driver: string; clean: string } },
) => Promise<{ code: number; stdout: string; stderr: string }>;

/** Marks the lines we add to info/attributes, so removal never touches anyone else's. */
const MARK = '# dropbox-token-tray keep-out-of-git';
const TOKEN_PATTERN = '(^|[^A-Za-z0-9_])sl\\.[A-Za-z0-9._-]{20,}';
const WHOLE_TOKEN = new RegExp(`^${TOKEN_PATTERN.slice('(^|[^A-Za-z0-9_])'.length)}$`);
/** What stands in for the token where the committed file itself held a token (an old leak). */
export const FALLBACK_PLACEHOLDER = 'YOUR_NEW_TOKEN_HERE';
const SENTINEL = `sl.DTTSENTINEL${'x'.repeat(40)}`;

export interface KeepOutFile {
  /** Relative to the repository root, forward slashes. */
  file: string;
  /** What the committed file holds where the token goes (often "" or YOUR_NEW_TOKEN_HERE). */
  placeholder: string;
}

export function driverName(file: string): string {
  return `dtt-keep-out-${createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
}

/**
 * The committed value at the place the token goes: write a sentinel with our own editor and see
 * what it replaced. A committed value that is itself a token is not kept as the placeholder.
 */
export function placeholderIn(committed: string, target: Pick<ProjectTarget, 'format' | 'key'>): string {
  const { text, changed } = editorFor(target.format).write(committed, {
    key: target.key,
    values: { accessToken: SENTINEL },
  });
  if (!changed) return SENTINEL;
  let start = 0;
  while (start < committed.length && committed[start] === text[start]) start++;
  let end = 0;
  while (end < committed.length - start && committed[committed.length - 1 - end] === text[text.length - 1 - end]) end++;
  // A value is whole: the common ends must not cut into one (an old token and the sentinel both
  // start with "sl.", and would leave "u.…" as the placeholder).
  const inValue = (c: string | undefined) => c !== undefined && /[A-Za-z0-9._-]/.test(c);
  while (start > 0 && inValue(committed[start - 1])) start--;
  while (end > 0 && inValue(committed[committed.length - end])) end--;
  const original = committed.slice(start, committed.length - end);
  const inserted = text.slice(start, text.length - end);
  // The edit must be exactly "placeholder → sentinel"; anything else (a key we added, a changed
  // quote) means the committed file has no value there for the filter to restore.
  if (inserted !== SENTINEL) {
    throw new DttError(
      'keep-out-unsupported',
      `${target.format} file: the committed version has no value where the token goes`,
    );
  }
  return filterCatches(original) ? FALLBACK_PLACEHOLDER : original;
}

/**
 * The filter knows a token by its shape (sl.…); an older long-lived token has none it could
 * trust, so it would pass straight through into a commit.
 */
export function filterCatches(token: string): boolean {
  return WHOLE_TOKEN.test(token);
}

/**
 * The sh command git runs as the clean filter: any Dropbox access token becomes the placeholder,
 * every other byte passes through. binmode drops any layer (CRLF on a Windows perl, Unicode from
 * PERL_UNICODE or -C); a failed write makes it exit non-zero, so git stops rather than stage less.
 */
export function cleanCommand(placeholder: string): string {
  if (/[\n\r\0]/.test(placeholder)) throw new DttError('keep-out-unsupported', 'the placeholder spans lines');
  // Letters and digits as they are, every other byte as \x{..}: nothing left for perl or sh to
  // read specially, so the script needs no quoting inside its single quotes.
  const replacement = Array.from(Buffer.from(placeholder, 'utf8'), (b) =>
    /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `\\x{${b.toString(16)}}`,
  ).join('');
  const script = `binmode STDIN; binmode STDOUT; while (<STDIN>) { s/${TOKEN_PATTERN}/\${1}${replacement}/g; print } close STDOUT or exit 1;`;
  return `perl -e '${script}'`;
}

/**
 * A gitattributes pattern naming exactly this file from the repository root. Two layers, in this
 * order: the glob escapes backslash and the wildcards * ? [ ], then git's C-style quoting (the
 * only way to have spaces, a leading # or !, or a line break in a pattern) escapes backslash and " and
 * writes control characters as escapes, so a name can never end our line and start one of its own.
 */
export function attributesPattern(file: string): string {
  const anchored = `/${file}`;
  if (!/[\s"\\*?[\]#!\u0000-\u001f\u007f]/.test(anchored)) return anchored;
  const glob = anchored.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
  const quoted = glob.replace(/[\\"\u0000-\u001f\u007f]/g, (c) =>
    c === '\\' || c === '"' ? `\\${c}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`,
  );
  return `"${quoted}"`;
}

function ourLine(file: string): string {
  return `${attributesPattern(file)} filter=${driverName(file)}`;
}

/** Sets up (idempotently) the filter for each file. Throws, changing nothing more, if git says no. */
export async function enableKeepOut(repoRoot: string, files: KeepOutFile[], git: GitRun): Promise<void> {
  // git config writes through a link; the clone's config must be its own file.
  await gitOwnFile(repoRoot, 'config', git);
  for (const f of files) {
    const driver = driverName(f.file);
    for (const [name, value] of [
      [`filter.${driver}.clean`, cleanCommand(f.placeholder)],
      // A required filter needs both halves; checking out just writes what is committed.
      [`filter.${driver}.smudge`, 'cat'],
      [`filter.${driver}.required`, 'true'],
    ] as const) {
      const r = await git(repoRoot, ['config', '--local', '--replace-all', name, value]);
      if (r.code !== 0) throw new DttError('keep-out-failed', `git could not save ${name}: ${r.stderr.trim()}`);
    }
  }
  const attributes = await gitOwnFile(repoRoot, 'info/attributes', git);
  const before = await readGitFile(attributes);
  const lines = before.split('\n');
  const wanted = files.map((f) => ourLine(f.file)).filter((l) => !lines.includes(l));
  if (wanted.length === 0) return;
  const sep = before === '' || before.endsWith('\n') ? '' : '\n';
  // gitattributes has no trailing comments: our mark is the line above each of our lines.
  await writeGitFile(attributes, `${before}${sep}${wanted.map((l) => `${MARK}\n${l}\n`).join('')}`);
}

/** Removes our filter for each file (and only ours); used by `project remove` and turning it off. */
export async function disableKeepOut(repoRoot: string, files: string[], git: GitRun): Promise<void> {
  await gitOwnFile(repoRoot, 'config', git);
  for (const file of files) {
    const r = await git(repoRoot, ['config', '--local', '--remove-section', `filter.${driverName(file)}`]);
    // 128 with "no such section" is fine: it was never set up, or was removed already.
    if (r.code !== 0 && !/no such section/i.test(r.stderr)) {
      throw new DttError('keep-out-failed', `git could not remove the filter for ${file}: ${r.stderr.trim()}`);
    }
  }
  const attributes = await gitOwnFile(repoRoot, 'info/attributes', git);
  const before = await readGitFile(attributes);
  const drop = new Set(files.map(ourLine));
  const lines = before.split('\n');
  const after = lines.filter((l, i) => !drop.has(l) && !(l === MARK && drop.has(lines[i + 1] ?? ''))).join('\n');
  if (after !== before) await writeGitFile(attributes, after);
}

/**
 * True only when git itself reports our filter on the file with our exact command (nothing broken).
 * The values are read as git will use them: from every config file, includes followed, the
 * per-worktree file too (both are read after .git/config and could replace our command).
 */
export async function keepOutActive(repoRoot: string, f: KeepOutFile, git: GitRun): Promise<boolean> {
  const driver = driverName(f.file);
  const attr = await git(repoRoot, ['check-attr', 'filter', '--', f.file]);
  if (attr.code !== 0 || !attr.stdout.trim().endsWith(`: filter: ${driver}`)) return false;
  const all = async (...args: string[]) => {
    const r = await git(repoRoot, ['config', '--includes', ...args]);
    // One line per value; an empty value is a value too (an empty `process` still replaces `clean`).
    return r.code === 0 ? r.stdout.replace(/\n$/, '').split('\n') : [];
  };
  const only = (values: string[], wanted: string) => values.length > 0 && values.every((v) => v === wanted);
  return (
    only(await all('--get-all', `filter.${driver}.clean`), cleanCommand(f.placeholder)) &&
    only(await all('--bool', '--get-all', `filter.${driver}.required`), 'true') &&
    (await all('--get-all', `filter.${driver}.process`)).length === 0
  );
}

/**
 * After we write the token, tell git's index the file's new size and time. Git takes a size change
 * as "modified" without reading the file, so `git status` would list it although the filtered
 * content is exactly what is committed. Only when that is so (nothing else changed in the file) do we
 * `git add` it, which then stages nothing new; with the user's own edits in the file we leave the
 * index alone, and git rightly shows the file as modified.
 */
export async function refreshIndexEntry(repoRoot: string, f: KeepOutFile, git: GitRun): Promise<boolean> {
  // Only a file git filters through our driver, exactly as we set it up (a `process` command, which
  // we never set, would win over our clean command).
  if (!(await keepOutActive(repoRoot, f, git))) return false;
  const driver = driverName(f.file);
  const ourFilter = { driver, clean: cleanCommand(f.placeholder) };
  const filtered = await git(repoRoot, ['hash-object', '--path', f.file, '--', f.file], { ourFilter });
  const staged = await git(repoRoot, ['rev-parse', '--verify', '-q', `:${f.file}`]);
  if (filtered.code !== 0 || staged.code !== 0 || filtered.stdout.trim() !== staged.stdout.trim()) return false;
  const added = await git(repoRoot, ['add', '--', f.file], { ourFilter });
  return added.code === 0;
}
