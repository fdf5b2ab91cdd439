import type { ErrorEntry } from './error-entry';

// Pasted tokens and the saved connection.

const BROWSER_CLI = 'or run `dropbox-token-tray connect` to sign in with the browser instead';
const BROWSER_WINDOW = 'or click "Connect with the browser" instead';

export const TOKEN_ERRORS = {
  'token-empty': {
    title: 'Nothing was pasted',
    explanation: 'No token text reached the app.',
    cli: `Copy the whole token from the Dropbox App Console and run \`dropbox-token-tray paste\` again, ${BROWSER_CLI}.`,
    window: `Copy the whole token from the Dropbox App Console, paste it and click "Connect with this token", ${BROWSER_WINDOW}.`,
  },
  'token-has-whitespace': {
    title: 'The token has a space or line break inside',
    explanation: 'A Dropbox token is one unbroken line. Copying from an email or a chat often splits it.',
    cli: 'Copy the token again in one piece (from the App Console\'s "Generate" field) and run `dropbox-token-tray paste` again.',
    window:
      'Copy the token again in one piece (from the App Console\'s "Generate" field), paste it and click "Connect with this token".',
  },
  'token-bad-format': {
    title: "This doesn't look like a Dropbox token",
    explanation: 'Dropbox access tokens start with "sl.". What you pasted does not.',
    cli: `Copy the "Generated access token" (not the App key or App secret) and run \`dropbox-token-tray paste\` again, ${BROWSER_CLI}.`,
    window: `Copy the "Generated access token" (not the App key or App secret) and paste it again, ${BROWSER_WINDOW}.`,
  },
  'token-truncated': {
    title: 'The token is cut short',
    explanation: 'What you pasted is shorter than any Dropbox token of its kind, so part of it was lost when copying.',
    cli: 'Copy the entire token (it is very long — about 1,300 characters) and run `dropbox-token-tray paste` again.',
    window:
      'Copy the entire token (it is very long — about 1,300 characters), paste it and click "Connect with this token".',
  },
  'token-expired': {
    title: 'The token has expired',
    explanation: 'Tokens generated in the App Console stop working after about 4 hours and cannot be renewed.',
    cli: 'Run `dropbox-token-tray connect` so the app can renew access by itself, or paste a new token with `dropbox-token-tray paste`.',
    window: 'Click "Connect with the browser" so the app can renew access by itself, or paste a newly generated token.',
  },
  'token-revoked': {
    title: 'Dropbox disconnected this app',
    explanation: 'Dropbox no longer accepts this connection: it was stopped at Dropbox, or it is unknown there.',
    cli: 'Run `dropbox-token-tray connect` to connect again.',
    window: 'Click "Reconnect".',
    technical: 'Dropbox answered 401 invalid_access_token (or invalid_grant when renewing).',
  },
  'token-invalid': {
    title: 'Dropbox does not accept this token',
    explanation: 'The token was stopped, generated again since, or belongs to a different Dropbox app.',
    cli: `Generate a new token in the App Console and run \`dropbox-token-tray paste\` right away, ${BROWSER_CLI}.`,
    window: `Generate a new token in the App Console and paste it right away, ${BROWSER_WINDOW}.`,
  },
  'token-malformed': {
    title: 'Dropbox could not read this token',
    explanation: 'The token was probably damaged while copying.',
    cli: `Copy the token again in one piece and run \`dropbox-token-tray paste\`, ${BROWSER_CLI}.`,
    window: `Copy the token again in one piece and paste it, ${BROWSER_WINDOW}.`,
    technical: 'Dropbox answered 400 or 401 with invalid_access_token/malformed.',
  },
  'token-is-refresh': {
    title: 'This looks like a renewal code, not an access token',
    explanation:
      'A 64-character code like this is usually copied from a project file. It keeps a connection going, but it cannot be pasted here.',
    cli: `Paste the "Generated access token" from the App Console (it starts with "sl.") with \`dropbox-token-tray paste\`, ${BROWSER_CLI}.`,
    window: `Paste the "Generated access token" from the App Console (it starts with "sl."), ${BROWSER_WINDOW}.`,
    technical: 'The text has the shape of an OAuth refresh token; Dropbox refused it as an access token.',
  },
  'scope-missing': {
    title: 'A permission is missing',
    explanation: "This connection was made without a permission the team's software needs.",
    cli: 'Run `dropbox-token-tray connect` to connect again. If you pasted a token, generate a new one once the permissions are switched on.',
    window: 'Click "Reconnect". If you pasted a token, generate a new one once the permissions are switched on.',
    technical: 'The token lacks files.content.read and/or files.content.write (Dropbox answered missing_scope).',
  },
  'app-scope-missing': {
    title: 'The Dropbox app itself lacks a permission',
    explanation: 'The app registered in the Dropbox App Console does not have this permission switched on.',
    cli: 'Ask your admin to switch on reading and writing files in the App Console → Permissions, then run `dropbox-token-tray connect`.',
    window:
      'Ask your admin to switch on reading and writing files in the App Console → Permissions, then click "Reconnect".',
    technical: 'Enable the scopes files.content.read and files.content.write on the app, then authorize again.',
  },
  'account-suspended': {
    title: 'This Dropbox account is suspended',
    explanation: 'Dropbox reports the account as suspended.',
    cli: 'Contact your Dropbox team admin; once the account works again, run `dropbox-token-tray status`.',
    window: 'Contact your Dropbox team admin; once the account works again, click "Check my connection".',
  },
  'not-connected': {
    title: 'Not connected to Dropbox',
    explanation: 'No Dropbox connection is saved on this computer.',
    cli: 'Run `dropbox-token-tray connect` first.',
    window: 'Click "Connect with the browser" first.',
  },
  'revoke-unconfirmed': {
    title: 'Dropbox could not be told',
    explanation:
      'The connection was removed from this computer, but Dropbox has not confirmed that it stopped it. It may keep working in project files or on other devices until it expires or is removed at Dropbox.',
    cli: 'No command can finish this: to stop it now, remove "Dropbox Token Tray" at dropbox.com → Settings → Connected apps.',
    window: 'To stop it now, open dropbox.com → Settings → "Connected apps" and remove "Dropbox Token Tray".',
  },
  'keychain-unavailable': {
    title: 'The system keychain is not available',
    explanation: 'The app keeps your connection only in the system keychain, and it could not reach it.',
    cli: 'Make sure your keychain service is running and you are logged in to a desktop session, then run `dropbox-token-tray status`.',
    window:
      'Make sure your keychain service is running and you are logged in to a desktop session, then click "Try again".',
  },
  'keychain-locked': {
    title: 'The system keychain is locked',
    explanation: 'The keychain refused to save or read your connection because it is locked.',
    cli: 'Unlock your keychain (log in again, or unlock it in your keychain app), then run `dropbox-token-tray status`.',
    window: 'Unlock your keychain (log in again, or unlock it in your keychain app), then click "Try again".',
  },
  'keychain-unreadable': {
    title: "The saved connection can't be read",
    explanation:
      "The system keychain holds an entry under this app's name that this app did not write, or that is damaged. It was not used.",
    cli: 'Run `dropbox-token-tray disconnect`, then `dropbox-token-tray connect`.',
    window: 'Click "Disconnect", then connect again.',
  },
} satisfies Record<string, ErrorEntry>;
