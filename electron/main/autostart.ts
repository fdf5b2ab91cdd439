import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DttError } from '../core/errors';
import { PRODUCT_NAME } from '../shared/app-identity';
import type { ElectronApi } from './electron-api';

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
    `Name=${PRODUCT_NAME}`,
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

// ---- Start at login on every platform: what to ask the system, and what its answer means.

export type StartAtLoginPlan =
  | { kind: 'login-item'; settings: { openAtLogin: boolean; args?: string[] } }
  | { kind: 'xdg-autostart' }
  | { kind: 'refused'; reason: 'autostart-dev-run' };

/**
 * A development run (`electron .`, `npm start`) must never register itself: the entry would
 * start a bare Electron, or a folder that moves, at every login. Switching off is always allowed.
 * Windows gets `--hidden` on the Run key; macOS's login items (SMAppService) pass no arguments,
 * so main asks `wasOpenedAtLogin` instead (Electron 45 dropped `openAsHidden`, which macOS 13+
 * ignored anyway).
 */
export function startAtLoginPlan(on: boolean, platform: NodeJS.Platform, isPackaged: boolean): StartAtLoginPlan {
  if (on && !isPackaged) return { kind: 'refused', reason: 'autostart-dev-run' };
  if (platform === 'linux') return { kind: 'xdg-autostart' };
  return {
    kind: 'login-item',
    settings: platform === 'win32' ? { openAtLogin: on, args: ['--hidden'] } : { openAtLogin: on },
  };
}

/** app.getLoginItemSettings() after setting it: null when it took, else the problem to show. */
export function loginItemProblem(
  wanted: boolean,
  platform: NodeJS.Platform,
  now: { openAtLogin: boolean; status?: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found' },
): 'login-item-needs-approval' | 'login-item-failed' | null {
  if (!wanted) return null;
  if (platform === 'darwin') {
    // macOS 13+: registered, but off until the user allows it in System Settings.
    if (now.status === 'requires-approval') return 'login-item-needs-approval';
    return now.status === 'enabled' ? null : 'login-item-failed';
  }
  return now.openAtLogin ? null : 'login-item-failed';
}

/** Started by the login item: Windows passes --hidden, macOS tells us through wasOpenedAtLogin. */
export function openedAtLogin(
  platform: NodeJS.Platform,
  argv: readonly string[],
  loginItem: () => { wasOpenedAtLogin: boolean },
): boolean {
  if (argv.includes('--hidden')) return true;
  return platform === 'darwin' && loginItem().wasOpenedAtLogin;
}

type LoginItemApp = Pick<ElectronApi['app'], 'isPackaged' | 'setLoginItemSettings' | 'getLoginItemSettings'>;

/** Turns start at login on or off the platform's way; throws the plain reason when it can't, or didn't take. */
export async function applyStartAtLogin(app: LoginItemApp, on: boolean, platform: NodeJS.Platform): Promise<void> {
  const plan = startAtLoginPlan(on, platform, app.isPackaged);
  if (plan.kind === 'refused') throw new DttError(plan.reason);
  if (plan.kind === 'xdg-autostart') return setLinuxAutostart(on, process.execPath);
  app.setLoginItemSettings(plan.settings);
  // Windows reports openAtLogin only when asked with the same args that were set.
  const { args } = plan.settings;
  const problem = loginItemProblem(on, platform, app.getLoginItemSettings(args ? { args } : undefined));
  if (problem) throw new DttError(problem);
}
