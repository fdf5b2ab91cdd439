import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { queryTrayHost, trayHostFromListNames } from './tray-host';

const DBUS_SEND = `method return time=1733090000.1 sender=org.freedesktop.DBus -> destination=:1.42 serial=3 reply_serial=2
   array [
      string "org.freedesktop.DBus"
      string ":1.7"
      string "org.freedesktop.Notifications"
      string "org.kde.StatusNotifierWatcher"
      string ":1.42"
   ]
`;
const GDBUS_NONE = `(['org.freedesktop.DBus', ':1.3', 'org.gnome.Shell', 'org.freedesktop.Notifications'],)\n`;

describe('tray host detection', () => {
  it('finds the StatusNotifierWatcher in dbus-send and gdbus answers', () => {
    expect(trayHostFromListNames(DBUS_SEND)).toBe('present');
    expect(trayHostFromListNames(`(['org.kde.StatusNotifierWatcher'],)`)).toBe('present');
  });
  it('says absent when the bus answered without it (vanilla GNOME)', () => {
    expect(trayHostFromListNames(GDBUS_NONE)).toBe('absent');
    expect(trayHostFromListNames(DBUS_SEND.replace('"org.kde.StatusNotifierWatcher"', '"org.kde.Other"'))).toBe(
      'absent',
    );
    // A lookalike name is not the watcher.
    expect(trayHostFromListNames(`(['org.kde.StatusNotifierWatcher.fake'],)`)).toBe('absent');
  });
  it("can't tell without an answer", () => {
    expect(trayHostFromListNames(null)).toBe('unknown');
    expect(trayHostFromListNames('Error org.freedesktop.DBus.Error.NoReply: timeout')).toBe('unknown');
  });
  it('asks a real session bus, and answers unknown when there is none', async () => {
    await expect(
      queryTrayHost({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }),
    ).resolves.toBe('unknown');
    let hasDbus = true;
    try {
      execFileSync('dbus-daemon', ['--version'], { stdio: 'ignore' });
    } catch {
      hasDbus = false;
    }
    if (!hasDbus) return void console.log('skipped the live bus check: dbus-daemon is not installed');
    const out = execFileSync(
      'dbus-run-session',
      [
        '--',
        'dbus-send',
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.ListNames',
      ],
      { encoding: 'utf8' },
    );
    expect(trayHostFromListNames(out)).toBe('absent');
  });
});
