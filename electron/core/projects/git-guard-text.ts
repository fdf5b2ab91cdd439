// The words and fixes the git guard shows. Kept apart from the git calls so they can be read
// and tested on their own. `file` is always the path relative to the repository root, with '/'.

export type GitFix =
  | { kind: 'add-to-gitignore'; gitignore: string; line: string }
  | { kind: 'use-env-file'; explanation: string }
  | { kind: 'keep-out-of-git'; explanation: string };

// Staff can't change how the program reads its token, so the fix offered for a tracked file is
// the app's own "keep it out of git" (keep-out-of-git.ts); each surface adds its control.
const KEEP_OUT =
  'The app can still write the token here, and set up git on this computer so that the token never goes into a commit or a push.';

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** .env, .env.local, prod.env … files meant to hold secrets, never to be committed. */
export function isEnvFile(file: string): boolean {
  const base = baseName(file);
  return base.startsWith('.env') || base.endsWith('.env');
}

/** .env.example and friends: templates that are meant to be committed, so never hold a token. */
export function isEnvTemplate(file: string): boolean {
  return isEnvFile(file) && /[.-](example|sample|template|dist|defaults?)$/i.test(baseName(file));
}

/** A .gitignore line matching exactly this one file: anchored, wildcards and trailing spaces escaped. */
export function gitignoreLineFor(file: string): string {
  const escaped = file.replace(/[\\*?[\]]/g, '\\$&').replace(/ +$/, (spaces) => '\\ '.repeat(spaces.length));
  return `/${escaped}`;
}

export function trackedWarning(file: string): { warning: string; fix: GitFix } {
  const warning = `\`${file}\` is tracked by git: if you commit it, your Dropbox token goes with it.`;
  if (isEnvTemplate(file)) {
    return {
      warning,
      fix: {
        kind: 'use-env-file',
        explanation: `\`${file}\` is a template that is meant to be committed. Write the token to an env file that git ignores (for example .env) instead, and leave the template without it.`,
      },
    };
  }
  return { warning, fix: { kind: 'keep-out-of-git', explanation: KEEP_OUT } };
}

export function unignoredWarning(file: string, gitignore: string): { warning: string; fix: GitFix } {
  return {
    warning: `\`${file}\` is not ignored by git: \`git add .\` would commit your Dropbox token.`,
    fix: { kind: 'add-to-gitignore', gitignore, line: gitignoreLineFor(file) },
  };
}

/** git could not answer inside a repository: treated like a tracked file until it can. */
export function unknownWarning(file: string, reason: string): { warning: string; fix: GitFix } {
  return {
    warning: `Can't tell whether git tracks \`${file}\`: ${reason}.`,
    fix: {
      kind: 'use-env-file',
      explanation:
        'Until git can answer, the token is not written here, as if git would commit the file. Check in the project folder that git does not track the file, and that .gitignore covers it.',
    },
  };
}
