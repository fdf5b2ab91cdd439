import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Linux has no app.setLoginItemSettings: start at login is an XDG autostart entry.

export function autostartFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart', 'dropbox-token-tray.desktop');
}

/** An AppImage must be started through its own file, not the extracted binary. */
export function desktopEntry(execPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const exec = env.APPIMAGE || execPath;
  const quoted = /[\s"'\\]/.test(exec) ? `"${exec.replace(/(["\\`$])/g, '\\$1')}"` : exec;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Dropbox Token Tray',
    `Exec=${quoted} --hidden`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function setLinuxAutostart(on: boolean, execPath: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = autostartFile(env);
  if (!on) return rmSync(file, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, desktopEntry(execPath, env), { mode: 0o644 });
}
