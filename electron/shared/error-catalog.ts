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
  'file-not-updatable',
  'project-missing',
  'project-unknown',
  'path-outside-project',
  'sync-busy',
  'settings-busy',
  'sync-revoked',
  'sync-expired',
  'nothing-to-undo',
  'keep-out-unsupported',
  'keep-out-failed',
  'undo-conflict',
  'invalid-input',
  'login-item-needs-approval',
  'login-item-failed',
  'autostart-dev-run',
  'app-start-failed',
  'tray-not-shown',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorText {
  title: string;
  explanation: string;
  action: string;
  /** The action in the terminal, naming the command, when it differs from the window's (which names the button). */
  cliAction?: string;
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
    cliAction:
      'Run `dropbox-token-tray connect` so the app can renew access by itself, or paste a new token with `dropbox-token-tray paste`.',
  },
  'token-revoked': {
    title: 'Dropbox disconnected this app',
    explanation: 'Dropbox no longer accepts this connection: it was revoked, or the token is unknown.',
    action: 'Reconnect to Dropbox.',
    cliAction: 'Reconnect: run `dropbox-token-tray connect`.',
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
  'already-connected': {
    title: 'Already connected',
    explanation: 'Connecting again replaces the current connection, for example with another Dropbox account.',
    action: 'To switch accounts, click "Disconnect" first, then connect again.',
    cliAction: 'To replace it, run `dropbox-token-tray connect --force`.',
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
    action:
      "Ask your admin to add this computer's sign-in address (shown here) in the App Console → Settings → Redirect URIs, or sign in with a code instead.",
  },
  'pkce-disabled': {
    title: 'The Dropbox app does not allow this sign-in',
    explanation: "The team's Dropbox app is set to refuse sign-ins from desktop apps like this one.",
    action:
      'Ask your admin to switch on "Allow public clients (Implicit Grant & PKCE)" in the App Console → Settings, then try again.',
  },
  'app-user-limit': {
    title: 'The Dropbox app is full',
    explanation: "The team's Dropbox app is still in Development status, and no more people can connect to it.",
    action: 'Ask your admin to apply for Production status in the App Console → Settings, then try again.',
  },
  'signin-dropbox-error': {
    title: 'Dropbox could not finish the sign-in',
    explanation: 'Dropbox sent the browser back with an error instead of a sign-in.',
    action: 'Start again. If it keeps happening, run "Check my connection" and send the report to IT.',
  },
  'token-is-refresh': {
    title: 'This looks like a refresh token',
    explanation:
      'Dropbox did not accept it as an access token. A 64-character code like this is usually a refresh token copied from a project file, and it cannot be pasted here.',
    action:
      'Paste the "Generated access token" from the App Console (it starts with "sl.") — or connect with the browser instead.',
  },
  'revoke-unconfirmed': {
    title: 'Dropbox could not be told',
    explanation:
      'The connection was removed from this computer, but Dropbox has not confirmed that it stopped it. It may keep working in project files or on other devices until it expires or is removed at Dropbox.',
    action: 'To stop it now, remove "Dropbox Token Tray" at dropbox.com → Settings → Connected apps.',
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
  'keychain-unreadable': {
    title: "The saved connection can't be read",
    explanation:
      "The system keychain holds an entry under this app's name that this app did not write, or that is damaged. It was not used.",
    action: 'Click "Disconnect", then connect again.',
    cliAction: 'Run `dropbox-token-tray disconnect`, then `dropbox-token-tray connect`.',
  },
  'network-offline': {
    title: "Can't reach Dropbox",
    explanation: 'Your connection is kept; the app will try again by itself.',
    action: 'Check your internet connection or proxy. Nothing else is needed.',
  },
  'network-proxy-refused': {
    title: "Your network's proxy refused the connection",
    explanation:
      'This network sends internet traffic through a proxy, and the proxy would not pass the request on to Dropbox (it may want you to sign in to it). Your connection is kept.',
    action:
      'Ask IT to allow Dropbox through the proxy, or check the proxy settings on this computer. Your browser may use different settings.',
  },
  'network-tls-intercepted': {
    title: 'A security program on your network is intercepting connections',
    explanation:
      'Something between this computer and Dropbox (a company firewall or antivirus) answered in place of Dropbox with a certificate this app does not trust. Your connection is kept.',
    action: "Ask IT for your organisation's root certificate and how to make this app trust it.",
  },
  'network-not-dropbox': {
    title: "Can't reach Dropbox properly — maybe a Wi-Fi sign-in page",
    explanation:
      'Something other than Dropbox answered, such as the sign-in page of a hotel or guest Wi-Fi. Your connection is kept.',
    action: 'Open any website in your browser and finish the Wi-Fi sign-in, then try again.',
  },
  'signin-exchange-failed': {
    title: 'Dropbox had a problem finishing the sign-in',
    explanation:
      'Please try again. Dropbox did not answer properly at the last step, and the one-time sign-in code cannot be reused, so nothing was saved.',
    action: 'Start the sign-in again.',
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
  'file-hardlink': {
    title: 'This file has more than one name',
    explanation:
      'It is hard-linked under another name. Replacing it would leave the old token under the other name, so nothing was written.',
    action: 'Give the file a single name (copy it, then move the copy over it), then sync again.',
  },
  'file-owner': {
    title: 'This file belongs to someone else',
    explanation: 'Replacing it would change its owner or group, so nothing was written.',
    action: 'Ask the owner of the file to sync it, or make it your own file, then sync again.',
  },
  'file-not-private': {
    title: 'Other people can read this file',
    explanation: 'The renewal token never expires, so it is only written into a file that only you can read.',
    action: 'Make the file private (readable only by you), then sync again.',
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
  'file-not-updatable': {
    title: "The app can't update this file",
    explanation: 'The token is kept in a form the app does not edit, so the file was left exactly as it was.',
    action: 'Put the token in a plain line of its own (for example access_token = "…"), or choose another file.',
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
  'settings-busy': {
    title: 'The settings are being saved',
    explanation: 'Another copy of the app (the tray or a command) kept the settings file busy. Nothing was changed.',
    action: 'Wait a moment and try again.',
  },
  'sync-revoked': {
    title: 'Dropbox disconnected this app',
    explanation: 'Writing a token Dropbox no longer accepts would only break your projects.',
    action: 'Reconnect first (click "Reconnect Dropbox"); nothing was written.',
    cliAction: 'Reconnect first (`dropbox-token-tray connect`); nothing was written.',
  },
  'sync-expired': {
    title: 'The token has expired',
    explanation: 'Writing a token that no longer works would only break your projects.',
    action: 'Reconnect first (click "Reconnect Dropbox"); nothing was written.',
    cliAction: 'Reconnect first (`dropbox-token-tray connect`); nothing was written.',
  },
  'nothing-to-undo': {
    title: 'Nothing to undo',
    explanation: 'There is no earlier sync to restore for this project.',
    action: 'No action needed.',
  },
  'undo-conflict': {
    title: 'Files changed after the last sync',
    explanation: 'Undo would throw away changes made since the sync, so nothing was restored.',
    action: 'Keep your changes, or restore anyway if you no longer need them.',
  },
  'invalid-input': {
    title: 'That input is not valid',
    explanation: 'The request was not understood.',
    action: 'Check what you entered and try again.',
  },
  'login-item-needs-approval': {
    title: 'Start at login needs your approval',
    explanation: 'macOS keeps a new login item switched off until you allow it.',
    action: 'Open System Settings → General → Login Items and switch on Dropbox Token Tray.',
  },
  'login-item-failed': {
    title: "Couldn't set the app to start at login",
    explanation: 'The system did not accept the login item.',
    action: 'Try again. If it keeps happening, add the app in System Settings → General → Login Items.',
  },
  'autostart-dev-run': {
    title: 'Start at login is only for the installed app',
    explanation: 'This copy runs from a development folder; starting it at every login would break later.',
    action: 'Install the app (the .deb, .dmg or installer) and switch this on there.',
  },
  'app-start-failed': {
    title: 'Dropbox Token Tray could not start',
    explanation: 'Something the app needs at start was not available, so it closed instead of running unseen.',
    action: 'Fix what is named below, then open the app again. If it keeps happening, send this message to IT.',
  },
  'tray-not-shown': {
    title: "Your desktop doesn't show tray icons",
    explanation:
      'Dropbox Token Tray lives in the tray, which this desktop hides, so its window stays open instead. Closing the window keeps the app running; open the app again to bring the window back.',
    action:
      'On GNOME (Ubuntu, Fedora), install the "AppIndicator and KStatusNotifierItem Support" extension, then log out and back in.',
  },
  internal: {
    title: 'Something went wrong',
    explanation: 'The app hit an unexpected problem.',
    action: 'Try again. If it keeps happening, run "Check my connection" and send the report to IT.',
    cliAction: 'Try again. If it keeps happening, run `dropbox-token-tray doctor` and send the report to IT.',
  },
};

/**
 * Technical notes for IT, shown only on request (CLI --verbose, the window's "More info"):
 * the words staff never need in the primary text.
 */
export const ERROR_TECHNICAL_NOTES: Partial<Record<ErrorKind, string>> = {
  'network-proxy-refused':
    'The command line uses the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables (lower-case too); a proxy asking for a login (407) can take credentials in the URL: https_proxy=http://user:password@proxy:8080. The tray uses the system proxy settings (including PAC).',
  'network-tls-intercepted':
    "The certificate chain ends in an unknown authority (a TLS-inspecting proxy or antivirus). For the command line, set NODE_EXTRA_CA_CERTS to a PEM file holding your organisation's root certificate; on Node 22.15 or later the operating system's certificate store is used as well. The tray uses the operating system's certificate store.",
  'network-not-dropbox':
    'The answer did not have the content type Dropbox uses (application/json), or was a redirect or an HTML page: typically a captive portal or a filtering proxy.',
  'signin-exchange-failed':
    'The authorization code exchange (POST /oauth2/token) got a server error or lost the connection. Authorization codes are single-use and Dropbox may already have consumed it, so it is never sent twice.',
};

export function describeError(kind: ErrorKind): ErrorText {
  return ERROR_CATALOG[kind];
}
