// Every failure a user can see has one kind, mapped once to plain words: a title, one explanation,
// and what to do on each surface (the terminal names the command, the window names the button).
// The CLI, tray notifications, the window and the sign-in page all read it through errorText().
// Pure data: safe to import from main, preload, renderer and plain Node.
import type { ErrorEntry, Surface } from './error-entry';
import { APP_ERRORS } from './errors-app';
import { FILE_ERRORS } from './errors-files';
import { NETWORK_ERRORS } from './errors-network';
import { SIGNIN_ERRORS } from './errors-signin';
import { TOKEN_ERRORS } from './errors-token';

export type { ErrorEntry, Surface } from './error-entry';

export const ERROR_KINDS = [
  'token-empty',
  'token-has-whitespace',
  'token-bad-format',
  'token-truncated',
  'token-expired',
  'token-revoked',
  'token-invalid',
  'token-malformed',
  'scope-missing',
  'app-scope-missing',
  'account-suspended',
  'not-connected',
  'already-connected',
  'app-key-missing',
  'app-key-invalid',
  'redirect-unregistered',
  'pkce-disabled',
  'app-user-limit',
  'signin-dropbox-error',
  'token-is-refresh',
  'revoke-unconfirmed',
  'signin-denied',
  'signin-state-mismatch',
  'signin-timeout',
  'signin-cancelled',
  'code-invalid',
  'port-busy',
  'keychain-unavailable',
  'keychain-locked',
  'keychain-unreadable',
  'network-offline',
  'network-proxy-refused',
  'network-tls-intercepted',
  'network-not-dropbox',
  'signin-exchange-failed',
  'rate-limited',
  'dropbox-unavailable',
  'dropbox-error',
  'file-unparseable',
  'file-tracked',
  'file-git-unknown',
  'file-binary',
  'file-utf16',
  'file-too-large',
  'file-symlink',
  'file-hardlink',
  'file-owner',
  'file-not-private',
  'file-readonly',
  'file-missing',
  'file-write-failed',
  'file-changed',
  'file-not-updatable',
  'project-missing',
  'project-unknown',
  'path-outside-project',
  'sync-busy',
  'settings-busy',
  'settings-unreadable',
  'sync-revoked',
  'sync-expired',
  'nothing-to-undo',
  'keep-out-unsupported',
  'keep-out-failed',
  'undo-conflict',
  'invalid-input',
  'places-need-answer',
  'login-item-needs-approval',
  'login-item-failed',
  'autostart-dev-run',
  'app-start-failed',
  'tray-not-shown',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export const ERROR_CATALOG: Record<ErrorKind, ErrorEntry> = {
  ...TOKEN_ERRORS,
  ...SIGNIN_ERRORS,
  ...NETWORK_ERRORS,
  ...FILE_ERRORS,
  ...APP_ERRORS,
};

/** What one surface shows for a kind. */
export interface ErrorText {
  title: string;
  explanation: string;
  /** What to do, in this surface's terms. */
  action: string;
  /** For IT only: behind "More info" / --verbose. */
  technical?: string;
}

export interface ErrorTextOptions {
  /** The project folder, put into the terminal's commands where they need one. */
  folder?: string;
}

/** A folder as it can be pasted into a shell. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./~-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The one accessor: the catalog's words for a kind on one surface. */
export function errorText(kind: ErrorKind, surface: Surface, options: ErrorTextOptions = {}): ErrorText {
  const entry = ERROR_CATALOG[kind];
  const folder = options.folder ? shellWord(options.folder) : 'FOLDER';
  const action = surface === 'cli' ? entry.cli.replaceAll('{folder}', folder) : entry.window;
  return {
    title: entry.title,
    explanation: entry.explanation,
    action,
    ...(entry.technical ? { technical: entry.technical } : {}),
  };
}
