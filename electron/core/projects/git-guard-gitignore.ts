import path from 'node:path';
import { DttError } from '../errors';
import { atomicWrite, readTarget } from './files';

// The one change the app makes to a repository on the user's say-so: one line in the root
// .gitignore. Appended in the file's own line-ending style, written atomically, never twice.

export async function addToGitignore(fix: { gitignore: string; line: string }): Promise<void> {
  if (!path.isAbsolute(fix.gitignore) || path.basename(fix.gitignore) !== '.gitignore') {
    throw new DttError('invalid-input', `${fix.gitignore} is not a .gitignore file`);
  }
  if (!fix.line.trim() || /[\r\n]/.test(fix.line))
    throw new DttError('invalid-input', 'the .gitignore line must be a single non-empty line');

  const read = await readTarget(fix.gitignore, { allowSymlink: true, label: '.gitignore' });
  if (read.text.split(/\r?\n/).includes(fix.line)) return;
  const eol = read.text.includes('\r\n') ? '\r\n' : '\n';
  const separator = read.text === '' || read.text.endsWith('\n') ? '' : eol;
  await atomicWrite(fix.gitignore, `${read.text}${separator}${fix.line}${eol}`, {
    // A .gitignore is shared with the team and holds no secret: the usual 0644, not 0600.
    mode: read.exists ? read.mode : 0o644,
    expectUnchangedSince: read.mtimeMs ?? undefined,
    // A linked .gitignore was always written through; only the link read just now is accepted.
    allowLinkTo: read.symlinkTarget,
    label: '.gitignore',
  });
}
