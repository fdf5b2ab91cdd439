import type { ErrorEntry, Surface } from './error-entry';

// Project folders and the files the token is written into.

const SYNC_CLI = 'then run `dropbox-token-tray sync {folder}`';

/** Most file problems are fixed by hand and then synced again: the fix is written once for both surfaces. */
function fixThenSync(fix: string): Pick<ErrorEntry, Surface> {
  return { cli: `${fix}, ${SYNC_CLI}.`, window: `${fix}, then click "Try again".` };
}

export const FILE_ERRORS = {
  'file-unparseable': {
    title: "Can't read this file",
    explanation: 'The file is not valid for its format, so the app left it exactly as it was.',
    ...fixThenSync('Fix the line mentioned'),
  },
  'file-tracked': {
    title: 'This file would be committed to git',
    explanation: 'If you commit it, your Dropbox token goes with it.',
    cli: 'Run `dropbox-token-tray project keep-out-of-git {folder} on` so git never sees the token, or `dropbox-token-tray sync {folder} --allow-tracked` to write it anyway.',
    window: 'Click "Write it here, and keep it out of git", or "Write anyway".',
  },
  'keep-out-unsupported': {
    title: "This file can't be kept out of git this way",
    explanation:
      'The committed version of the file has no value where the token goes, so git could not be told what to put back.',
    cli: 'Ask a developer to add an empty token value to the committed file, or let the program get the token from `dropbox-token-tray run -- COMMAND`.',
    window: 'Ask a developer to add an empty token value to the committed file, then click "Try again".',
  },
  'keep-out-failed': {
    title: "Git couldn't be set up to keep the token out",
    explanation: 'The file was not written, because git might have committed the token.',
    ...fixThenSync('Check that git works in this folder'),
  },
  'file-git-unknown': {
    title: "Can't tell whether git would commit this file",
    explanation:
      'git could not answer, so the app treated the file as one git would commit and did not write the token.',
    cli: 'Check that git does not track the file, then run `dropbox-token-tray sync {folder} --allow-tracked`.',
    window: 'Check that git does not track the file, then click "Write anyway".',
  },
  'file-binary': {
    title: 'This is not a text file',
    explanation: 'The file looks binary, so the app did not touch it.',
    cli: 'Choose the text config file your project reads its token from: run `dropbox-token-tray project add {folder}` again.',
    window: 'Click "Add a folder" and choose the text config file your project reads its token from.',
  },
  'file-utf16': {
    title: 'This file is saved as UTF-16',
    explanation: 'The app edits UTF-8 text only, so it did not touch the file.',
    ...fixThenSync('Save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)'),
  },
  'file-too-large': {
    title: 'This file is too large',
    explanation: 'Config files over 5 MB are not edited, to be safe.',
    cli: 'Skip it with `dropbox-token-tray project ignore {folder} FILE`, and keep the token in a small config file.',
    window: 'Keep the token in a small config file, then click "Try again".',
  },
  'file-symlink': {
    title: 'This file is a link to another file',
    explanation: 'Writing would change the file the link points to.',
    cli: 'Run `dropbox-token-tray sync {folder} --allow-symlinks` to write through the link, or use the real file.',
    window: 'Click "Write anyway" to write through the link, or use the real file.',
  },
  'file-hardlink': {
    title: 'This file has more than one name',
    explanation:
      'It is hard-linked under another name. Replacing it would leave the old token under the other name, so nothing was written.',
    ...fixThenSync('Give the file a single name (copy it, then move the copy over it)'),
  },
  'file-owner': {
    title: 'This file belongs to someone else',
    explanation: 'Replacing it would change its owner or group, so nothing was written.',
    ...fixThenSync('Ask the owner of the file to sync it, or make it your own file'),
  },
  'file-not-private': {
    title: 'Other people can read this file',
    explanation: 'The renewal code never expires, so it is only written into a file that only you can read.',
    cli: `Make the file readable only by you (chmod 600 FILE), ${SYNC_CLI}.`,
    window: 'Click "Make private".',
  },
  'file-readonly': {
    title: "Can't write this file",
    explanation: 'The file or its folder is read-only for you. Nothing was changed.',
    ...fixThenSync('Make the file writable (or ask IT)'),
  },
  'file-missing': {
    title: 'The file is gone',
    explanation: 'The file or its folder no longer exists.',
    cli: 'Check the project folder, or skip the file with `dropbox-token-tray project ignore {folder} FILE`.',
    window: 'Check the project folder, then click "Try again".',
  },
  'file-write-failed': {
    title: 'Writing the file failed',
    explanation: 'The write did not finish (for example, the disk is full). The old file is intact.',
    ...fixThenSync('Free some disk space'),
  },
  'file-changed': {
    title: 'The file changed while syncing',
    explanation: 'Another program changed the file while the app was writing it, so the app left it as it is.',
    cli: 'Run `dropbox-token-tray sync {folder}` again once the other program is done with the file.',
    window: 'Click "Try again" once the other program is done with the file.',
  },
  'file-not-updatable': {
    title: "The app can't update this file",
    explanation: 'The token is kept in a form the app does not edit, so the file was left exactly as it was.',
    ...fixThenSync('Put the token in a plain line of its own (for example access_token = "…")'),
  },
  'project-missing': {
    title: 'The project folder is gone',
    explanation: 'The folder was moved or deleted. Nothing was written.',
    cli: 'Run `dropbox-token-tray project add NEW-FOLDER` for its new place, or `dropbox-token-tray project remove {folder}`.',
    window: 'Click "Add a folder" to add it from its new place, or remove the project.',
  },
  'project-unknown': {
    title: 'Not a registered project',
    explanation: 'That folder is not in your project list.',
    cli: 'Run `dropbox-token-tray project add {folder}` first.',
    window: 'Click "Add a folder" first.',
  },
  'path-outside-project': {
    title: 'That file is outside the project',
    explanation: 'The app only writes files inside a registered project folder.',
    cli: 'Name a file inside the project folder (see `dropbox-token-tray project list`).',
    window: 'Click "Add a folder" and choose a file inside the project folder.',
  },
  'sync-busy': {
    title: 'A sync is already running',
    explanation: 'Another sync is writing these files right now.',
    cli: 'Wait a moment, then run `dropbox-token-tray sync {folder}` again.',
    window: 'Wait a moment, then click "Try again".',
  },
  'sync-revoked': {
    title: 'Dropbox disconnected this app',
    explanation: 'Writing a token Dropbox no longer accepts would only break your projects, so nothing was written.',
    cli: 'Run `dropbox-token-tray connect` first.',
    window: 'Click "Reconnect" first.',
  },
  'sync-expired': {
    title: 'The token has expired',
    explanation: 'Writing a token that no longer works would only break your projects, so nothing was written.',
    cli: 'Run `dropbox-token-tray connect` first.',
    window: 'Click "Reconnect" first.',
  },
  'nothing-to-undo': {
    title: 'Nothing to undo',
    explanation: 'There is no earlier sync to restore for this project.',
    cli: 'No action needed.',
    window: 'No action needed.',
  },
  'undo-conflict': {
    title: 'Files changed after the last sync',
    explanation: 'Undo would throw away changes made since the sync, so nothing was restored.',
    cli: 'Keep your changes, or run `dropbox-token-tray undo --force {folder}` if you no longer need them.',
    window: 'Click "Keep my changes", or "Undo last sync" again if you no longer need them.',
  },
} satisfies Record<string, ErrorEntry>;
