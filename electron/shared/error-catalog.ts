// Every failure a user can see has one kind, mapped once to plain words. The CLI, tray
// notifications and the window all read this table, so they never disagree.
// Pure data: safe to import from main, preload, renderer and plain Node.

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
  'app-key-missing',
  'app-key-invalid',
  'redirect-unregistered',
  'signin-denied',
  'signin-state-mismatch',
  'signin-timeout',
  'signin-cancelled',
  'code-invalid',
  'port-busy',
  'keychain-unavailable',
  'keychain-locked',
  'network-offline',
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
  'file-readonly',
  'file-missing',
  'file-write-failed',
  'project-missing',
  'project-unknown',
  'path-outside-project',
  'sync-busy',
  'nothing-to-undo',
  'keep-out-unsupported',
  'keep-out-failed',
  'invalid-input',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorText {
  title: string;
  explanation: string;
  action: string;
}

export const ERROR_CATALOG: Record<ErrorKind, ErrorText> = {
  'token-empty': {
    title: 'Nothing was pasted',
    explanation: 'The token you pasted is empty.',
    action:
      'Copy the whole token from the Dropbox App Console and paste it again — or connect with the browser instead.',
  },
  'token-has-whitespace': {
    title: 'The token has a space or line break inside',
    explanation: 'A Dropbox token is one unbroken line. Copying from an email or a chat often splits it.',
    action: 'Copy the token again in one piece (from the App Console\'s "Generate" field) and paste it again.',
  },
  'token-bad-format': {
    title: "This doesn't look like a Dropbox token",
    explanation: 'Dropbox access tokens start with "sl.". What you pasted does not.',
    action:
      'Make sure you copied the "Generated access token", not the App key or App secret. Or connect with the browser instead.',
  },
  'token-truncated': {
    title: 'The token is cut short',
    explanation: 'What you pasted is shorter than any Dropbox token of its kind, so part of it was lost when copying.',
    action: 'Copy the entire token (it is very long — about 1,300 characters) and paste it again.',
  },
  'token-expired': {
    title: 'The token has expired',
    explanation: 'Tokens generated in the App Console stop working after about 4 hours and cannot be renewed.',
    action: 'Connect with the browser so the app can renew access by itself — or generate and paste a new token.',
  },
  'token-revoked': {
    title: 'Dropbox disconnected this app',
    explanation: 'Dropbox no longer accepts this connection: it was revoked, or the token is unknown.',
    action: 'Reconnect to Dropbox.',
  },
  'token-invalid': {
    title: 'Dropbox does not accept this token',
    explanation: 'The token was revoked, regenerated since, or belongs to a different Dropbox app.',
    action: 'Generate a new token in the App Console and paste it right away — or connect with the browser instead.',
  },
  'token-malformed': {
    title: 'Dropbox says the token is malformed',
    explanation: 'Dropbox could not read this token. It was probably damaged while copying.',
    action: 'Copy the token again in one piece, or connect with the browser instead.',
  },
  'scope-missing': {
    title: 'A permission is missing',
    explanation: "This connection was made without a permission the team's software needs.",
    action: 'Reconnect to Dropbox. If you pasted a token, generate a new one after the permissions are enabled.',
  },
  'app-scope-missing': {
    title: 'The Dropbox app itself lacks a permission',
    explanation: 'The app registered in the Dropbox App Console does not have this permission enabled.',
    action:
      'Ask your admin to open the App Console → Permissions, enable files.content.read and files.content.write, then reconnect.',
  },
  'account-suspended': {
    title: 'This Dropbox account is suspended',
    explanation: 'Dropbox reports the account as suspended.',
    action: 'Contact your Dropbox team admin.',
  },
  'not-connected': {
    title: 'Not connected to Dropbox',
    explanation: 'No Dropbox connection is saved on this computer.',
    action: 'Connect to Dropbox first.',
  },
  'app-key-missing': {
    title: 'The app key is not set',
    explanation: "The app needs your team's Dropbox app key to sign in.",
    action: 'Ask your admin for the app key and enter it in Settings (or set DTT_APP_KEY).',
  },
  'app-key-invalid': {
    title: 'Dropbox does not recognise the app key',
    explanation: 'The app key in Settings does not match any Dropbox app.',
    action: 'Check the app key in Settings against the App Console, then try again.',
  },
  'redirect-unregistered': {
    title: 'The sign-in address is not registered',
    explanation: "Dropbox refused the sign-in because this computer's return address is not registered for the app.",
    action: 'Ask your admin to add the redirect URI shown under "More info" in the App Console, or use a code instead.',
  },
  'signin-denied': {
    title: 'Sign-in was cancelled in Dropbox',
    explanation: 'Dropbox reports that access was not allowed.',
    action: 'Start again and click "Allow" on the Dropbox page.',
  },
  'signin-state-mismatch': {
    title: 'That sign-in did not come from this app',
    explanation: 'A sign-in answer arrived that this app did not ask for, so it was ignored.',
    action: 'Finish signing in in the browser tab this app opened, or start again.',
  },
  'signin-timeout': {
    title: 'Sign-in took too long',
    explanation: 'The browser did not come back to the app in time.',
    action: 'Start again, or use a code instead.',
  },
  'signin-cancelled': {
    title: 'Sign-in cancelled',
    explanation: 'You cancelled signing in.',
    action: 'Start again whenever you are ready.',
  },
  'code-invalid': {
    title: 'That code did not work',
    explanation: 'Dropbox did not accept the code: it may be mistyped, already used, or older than a few minutes.',
    action: 'Start again to get a fresh code, and paste it right away.',
  },
  'port-busy': {
    title: 'Another program is using the sign-in port',
    explanation: 'The browser sign-in needs a fixed local port, and another program has it.',
    action: 'Use a code instead — it needs no port. Or change the port in Settings (your admin must register it too).',
  },
  'keychain-unavailable': {
    title: 'The system keychain is not available',
    explanation: 'The app keeps your connection only in the system keychain, and it could not reach it.',
    action: 'Make sure your keychain service is running and you are logged in to a desktop session, then try again.',
  },
  'keychain-locked': {
    title: 'The system keychain is locked',
    explanation: 'The keychain refused to save or read your connection because it is locked.',
    action: 'Unlock your keychain (log in again, or open your keychain app and unlock it), then try again.',
  },
  'network-offline': {
    title: "Can't reach Dropbox",
    explanation: 'Your connection is kept; the app will try again by itself.',
    action: 'Check your internet connection or proxy. Nothing else is needed.',
  },
  'rate-limited': {
    title: 'Dropbox asked us to slow down',
    explanation: 'Dropbox is limiting requests for a moment. Your connection is fine.',
    action: 'Wait a minute; the app retries by itself.',
  },
  'dropbox-unavailable': {
    title: 'Dropbox is having trouble',
    explanation: 'Dropbox answered with a server error. Your connection is kept.',
    action: 'The app retries by itself. Try again later.',
  },
  'dropbox-error': {
    title: 'Dropbox returned an unexpected answer',
    explanation: 'Dropbox refused the request for a reason the app did not expect.',
    action: 'Run "Check my connection" and send the report to IT.',
  },
  'file-unparseable': {
    title: "Can't read this file",
    explanation: 'The file is not valid for its format, so the app left it exactly as it was.',
    action: 'Fix the line mentioned, then sync again.',
  },
  'file-tracked': {
    title: 'This file would be committed to git',
    explanation: 'If you commit it, your Dropbox token goes with it.',
    action: 'Use an env file that git ignores, or confirm you want to write here anyway.',
  },
  'keep-out-unsupported': {
    title: "This file can't be kept out of git this way",
    explanation:
      'The committed version of the file has no value where the token goes, so git could not be told what to put back.',
    action:
      'Keep the token in an env file that git ignores instead, or ask a developer to add an empty token value to the file.',
  },
  'keep-out-failed': {
    title: "Git couldn't be set up to keep the token out",
    explanation: 'The file was not written, because git might have committed the token.',
    action: 'Check that git works in this folder, then sync again.',
  },
  'file-git-unknown': {
    title: "Can't tell whether git would commit this file",
    explanation:
      'git could not answer, so the app treated the file as one git would commit and did not write the token.',
    action: 'Check that git does not track the file, then confirm you want to write here anyway.',
  },
  'file-binary': {
    title: 'This is not a text file',
    explanation: 'The file looks binary, so the app did not touch it.',
    action: 'Choose the text config file your project reads its token from.',
  },
  'file-utf16': {
    title: 'This file is saved as UTF-16',
    explanation: 'The app edits UTF-8 text only, so it did not touch the file.',
    action: 'Save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8), then sync again.',
  },
  'file-too-large': {
    title: 'This file is too large',
    explanation: 'Config files over 5 MB are not edited, to be safe.',
    action: 'Choose the small config file your project reads its token from.',
  },
  'file-symlink': {
    title: 'This file is a link to another file',
    explanation: 'Writing would change the file the link points to.',
    action: 'Confirm that you want to write through the link, or choose the real file.',
  },
  'file-readonly': {
    title: "Can't write this file",
    explanation: 'The file or its folder is read-only for you. Nothing was changed.',
    action: 'Make the file writable (or ask IT), then sync again.',
  },
  'file-missing': {
    title: 'The file is gone',
    explanation: 'The file or its folder no longer exists.',
    action: 'Check the project folder, or remove this target from the project.',
  },
  'file-write-failed': {
    title: 'Writing the file failed',
    explanation: 'The write did not finish (for example, the disk is full). The old file is intact.',
    action: 'Free some disk space, then sync again.',
  },
  'project-missing': {
    title: 'The project folder is gone',
    explanation: 'The folder was moved or deleted. Nothing was written.',
    action: 'Add the project again from its new place, or remove it.',
  },
  'project-unknown': {
    title: 'Not a registered project',
    explanation: 'That folder is not in your project list.',
    action: 'Add the folder as a project first.',
  },
  'path-outside-project': {
    title: 'That file is outside the project',
    explanation: 'The app only writes files inside a registered project folder.',
    action: 'Choose a file inside the project folder.',
  },
  'sync-busy': {
    title: 'A sync is already running',
    explanation: 'Another sync is writing these files right now.',
    action: 'Wait a moment and try again.',
  },
  'nothing-to-undo': {
    title: 'Nothing to undo',
    explanation: 'There is no earlier sync to restore for this project.',
    action: 'No action needed.',
  },
  'invalid-input': {
    title: 'That input is not valid',
    explanation: 'The request was not understood.',
    action: 'Check what you entered and try again.',
  },
  internal: {
    title: 'Something went wrong',
    explanation: 'The app hit an unexpected problem.',
    action: 'Try again. If it keeps happening, run "Check my connection" and send the report to IT.',
  },
};

export function describeError(kind: ErrorKind): ErrorText {
  return ERROR_CATALOG[kind];
}
