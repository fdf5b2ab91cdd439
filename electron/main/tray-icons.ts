import path from 'node:path';
import type { TrayIcon } from './tray-model';

/**
 * The file each platform's tray wants (drawn by scripts/make-icons.mjs). macOS gets a
 * "…Template" image — black + alpha that the menu bar tints for light and dark mode; Windows an
 * .ico holding every DPI size; Linux a PNG. nativeImage loads the "@2x" sibling by itself on
 * HiDPI screens, so only the base name is returned.
 */
export function iconPathFor(icon: TrayIcon, platform: NodeJS.Platform, assetsDir: string): string {
  const name = platform === 'darwin' ? `${icon}Template.png` : platform === 'win32' ? `${icon}.ico` : `${icon}.png`;
  return path.join(assetsDir, 'tray', name);
}
