import { execFile } from 'node:child_process';

// Linux tray icons are StatusNotifierItems: they show only when a host has claimed this name
// on the session bus (KDE, Ubuntu's GNOME, GNOME with the AppIndicator extension, XFCE…).
export const TRAY_WATCHER = 'org.kde.StatusNotifierWatcher';

export type TrayHost = 'present' | 'absent' | 'unknown';

/**
 * From the answer to org.freedesktop.DBus.ListNames, as printed by `dbus-send --print-reply`
 * (`string "org.kde.StatusNotifierWatcher"`) or `gdbus call` (`(['…', '…'],)`). No answer
 * means we can't tell, and the app then trusts the tray rather than nag.
 */
export function trayHostFromListNames(answer: string | null): TrayHost {
  if (answer === null) return 'unknown';
  const names = [...answer.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
  if (names.length === 0) return 'unknown';
  return names.includes(TRAY_WATCHER) ? 'present' : 'absent';
}

/** Asks the session bus; never throws, never waits more than two seconds. */
export function queryTrayHost(env: NodeJS.ProcessEnv = process.env): Promise<TrayHost> {
  const args = [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.ListNames',
  ];
  return new Promise((resolve) =>
    execFile('dbus-send', args, { env, timeout: 2000 }, (error, stdout) =>
      resolve(trayHostFromListNames(error ? null : stdout)),
    ),
  );
}
