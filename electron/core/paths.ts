import os from 'node:os';
import path from 'node:path';

import { PRODUCT_NAME } from '../shared/app-identity';

/**
 * The folder Electron's `app.getPath('userData')` gives for our product name, computed without
 * Electron so the CLI and the tray open the same settings file. `DTT_CONFIG_DIR` overrides it.
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  if (env.DTT_CONFIG_DIR) return path.resolve(env.DTT_CONFIG_DIR);
  const p = platform === 'win32' ? path.win32 : path.posix;
  switch (platform) {
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return p.join(env.APPDATA ?? p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), PRODUCT_NAME);
  }
}

/**
 * Where undo keeps the previous versions of project files. Not the settings folder: those
 * copies can hold an old token, and the settings folder must never hold one.
 * `DTT_CACHE_DIR` overrides it; with only `DTT_CONFIG_DIR` set it sits beside that folder.
 */
export function userCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  if (env.DTT_CACHE_DIR) return path.resolve(env.DTT_CACHE_DIR);
  if (env.DTT_CONFIG_DIR) return `${path.resolve(env.DTT_CONFIG_DIR)}-cache`;
  const p = platform === 'win32' ? path.win32 : path.posix;
  switch (platform) {
    case 'darwin':
      return p.join(home, 'Library', 'Caches', PRODUCT_NAME);
    case 'win32':
      return p.join(env.LOCALAPPDATA ?? p.join(home, 'AppData', 'Local'), PRODUCT_NAME, 'Cache');
    default:
      return p.join(env.XDG_CACHE_HOME || p.join(home, '.cache'), PRODUCT_NAME);
  }
}
