import type { ErrorEntry } from './error-entry';
import { PRODUCT_NAME } from './app-identity';

// The app itself: settings, start at login, the tray, the unexpected.

export const APP_ERRORS = {
  'settings-busy': {
    title: 'The settings are being saved',
    explanation: 'Another copy of the app (the tray or a command) kept the settings file busy. Nothing was changed.',
    cli: 'Wait a moment, then run the same command again (see `dropbox-token-tray status`).',
    window: 'Wait a moment and click "Save" again.',
  },
  'settings-unreadable': {
    title: "The app's settings file can't be read",
    explanation:
      "It is damaged, was changed by hand, or can't be opened, so the app can't tell which account and folders you set up. Nothing was changed.",
    cli: 'Fix or delete the settings file named above; after deleting it, set up again: `dropbox-token-tray connect`, then `dropbox-token-tray project add FOLDER`.',
    window:
      'Fix or delete the settings file this message names, click "OK", then open the app again (after deleting it, set up again).',
  },
  'invalid-input': {
    title: 'That input is not valid',
    explanation: 'The request was not understood.',
    cli: 'Check what you entered (`dropbox-token-tray help` lists every command) and try again.',
    window: 'Check what you entered and click "Save" again.',
  },
  'places-need-answer': {
    title: 'No terminal to choose the places in',
    explanation: '`project add` asks which of the places it found to use, and it is not running in a terminal.',
    cli: 'Run `dropbox-token-tray project add {folder} --yes` to use every place found, or name the files with `--file PATH`.',
    window: 'Tick the places to use, then click "Add and write the token".',
  },
  'login-item-needs-approval': {
    title: 'Start at login needs your approval',
    explanation: 'macOS keeps a new login item switched off until you allow it.',
    cli: `No command can do this: open System Settings → General → Login Items and switch on ${PRODUCT_NAME}.`,
    window: `Open System Settings → General → Login Items and switch on "${PRODUCT_NAME}".`,
  },
  'login-item-failed': {
    title: "Couldn't set the app to start at login",
    explanation: 'The system did not accept the login item.',
    cli: 'No command can do this: add the app in System Settings → General → Login Items.',
    window:
      'Switch "Start when I log in" on again. If it keeps happening, add the app in System Settings → General → Login Items.',
  },
  'autostart-dev-run': {
    title: 'Start at login is only for the installed app',
    explanation: 'This copy runs from a development folder; starting it at every login would break later.',
    cli: 'No command can do this: install the app (the .deb, .dmg or installer) and switch it on there.',
    window: 'Install the app (the .deb, .dmg or installer) and switch "Start when I log in" on there.',
  },
  'app-start-failed': {
    title: `${PRODUCT_NAME} could not start`,
    explanation: 'Something the app needs at start was not available, so it closed instead of running unseen.',
    cli: 'Run `dropbox-token-tray doctor`, fix what it names, then open the app again.',
    window:
      'Fix what is named below, click "OK", then open the app again. If it keeps happening, send this message to IT.',
  },
  'tray-not-shown': {
    title: "Your desktop doesn't show tray icons",
    explanation: `${PRODUCT_NAME} lives in the tray, which this desktop hides, so its window stays open instead. Closing the window keeps the app running; open the app again to bring the window back.`,
    cli: 'No command can do this: on GNOME (Ubuntu, Fedora), install the "AppIndicator and KStatusNotifierItem Support" extension, then log out and back in.',
    window:
      'On GNOME (Ubuntu, Fedora), install the "AppIndicator and KStatusNotifierItem Support" extension, then log out and back in.',
  },
  internal: {
    title: 'Something went wrong',
    explanation: 'The app hit an unexpected problem.',
    cli: 'Try again. If it keeps happening, run `dropbox-token-tray doctor` and send the report to IT.',
    window: 'Click "Try again". If it keeps happening, click "Check my connection" and send the report to IT.',
  },
} satisfies Record<string, ErrorEntry>;
