import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Whether real Electron can run here; also read by scripts/dev.mjs, so no heavier imports.

/**
 * Where the electron package's binary is, without require('electron'): when the binary is
 * missing, requiring the package starts a download (node_modules/electron/index.js), which
 * must never happen in a test run. Same lookup as that file, minus the download.
 */
export function electronBinary(root: string): { path: string } | { missing: string } {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing: `${path.relative(root, pathFile)} is absent (the electron package's postinstall download did not run or failed)`,
    };
  const rel = readFileSync(pathFile, 'utf8');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? path.join(override, rel || 'electron') : path.join(pkg, 'dist', rel);
  return existsSync(exe) ? { path: exe } : { missing: `${exe} does not exist` };
}

/**
 * Why Electron can't open a window here, or null. Linux needs an X11 or Wayland display
 * (under CI: `xvfb-run npm run test:electron`); macOS and Windows always have one.
 */
export function displayProblem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | null {
  if (platform !== 'linux') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set (run under a desktop session or xvfb-run)';
}
