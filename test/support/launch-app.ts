import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from './cli';
import { uniqueService } from './keyring';
import type { AppUnderTest, Backend } from './electron-standin/app-under-test';
import { closeSharedChromium } from './electron-standin/chromium';
import { displayProblem, electronBinary, launchElectron } from './electron-standin/launch-electron';
import { launchStandIn, type ResolvedLaunch } from './electron-standin/launch-standin';
import { writeTestRenderer } from './electron-standin/test-renderer';

export type { AppUnderTest, Backend, TraySnapshot } from './electron-standin/app-under-test';
export type { IpcRecord, NotificationRecord } from './electron-standin/records';
/** Call in afterAll: windows and "the user's browser" share one Chromium per test file. */
export { closeSharedChromium as closeBrowsers };

export interface LaunchOptions {
  /** The fake Dropbox: its origin stands in for all Dropbox hosts; the redirect URI gets registered. */
  fake: { origin: string; registerRedirect(uri: string): void };
  appKey: string;
  /** Defaults to build/renderer when it has been built, else a generated minimal page. */
  rendererDir?: string;
  /** Default false: the window opens at start unless connected, as for a user's first run. */
  startHidden?: boolean;
  /** Default false: the monitor only checks on tick(); true keeps its real timer. */
  autoTicks?: boolean;
  /** Default 'auto' (Electron when its binary exists); DTT_E2E_BACKEND overrides. */
  backend?: 'auto' | Backend;
  /** More environment for the app (wins over the generated DTT_* values). */
  env?: NodeJS.ProcessEnv;
  /** Stand-in only: the platform Electron pretends to be (default: this machine's). */
  platform?: NodeJS.Platform;
  /** Stand-in only: app.isPackaged (default false, like `electron .`). */
  packaged?: boolean;
  /** Stand-in only, Linux: what the session bus says about a tray host (default: not asked). */
  trayHost?: 'present' | 'absent' | 'unknown';
}

let announced = false;

/**
 * Starts the app for an end-to-end spec, on real Electron when this machine has its binary and
 * otherwise on the strict stand-in (real core, real main glue, real preload in Chromium). Each
 * launch gets its own settings folder, keychain service and redirect port.
 */
export async function launchApp(opts: LaunchOptions): Promise<AppUnderTest> {
  const preloadPath = path.join(repoRoot, 'build', 'preload.cjs');
  if (!existsSync(preloadPath))
    throw new Error(`${preloadPath} is missing: run "npm run build" first (npm test does it in pretest)`);
  const builtRenderer = path.join(repoRoot, 'build', 'renderer');
  const temp: string[] = [];
  const rendererDir =
    opts.rendererDir ??
    (existsSync(path.join(builtRenderer, 'index.html')) ? builtRenderer : tempDir(temp, writeTestRenderer()));
  const configDir = tempDir(temp, mkdtempSync(path.join(os.tmpdir(), 'dtt-e2e-')));
  const port = await freePort();
  opts.fake.registerRedirect(`http://127.0.0.1:${port}/callback`);
  const resolved: ResolvedLaunch = {
    env: {
      DTT_CONFIG_DIR: configDir,
      DTT_KEYCHAIN_SERVICE: uniqueService('e2e'),
      DTT_DROPBOX_ORIGIN: opts.fake.origin,
      DTT_APP_KEY: opts.appKey,
      DTT_REDIRECT_PORT: String(port),
      ...opts.env,
    },
    rendererDir,
    preloadPath,
    assetsDir: path.join(repoRoot, 'assets'),
    localOrigin: opts.fake.origin,
    startHidden: opts.startHidden ?? false,
    autoTicks: opts.autoTicks ?? false,
    platform: opts.platform,
    packaged: opts.packaged,
    trayHost: opts.trayHost,
    cleanup: () => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  };

  const standInOnly = opts.platform !== undefined || opts.packaged !== undefined || opts.trayHost !== undefined;
  const plan = standInOnly
    ? { backend: 'stand-in' as const, why: 'the spec plays another platform or install', binary: undefined }
    : plannedBackend({ backend: opts.backend, rendererDir });
  if (!announced) {
    announced = true;
    console.log(
      plan.backend === 'electron'
        ? `launchApp: using real Electron (${plan.why})`
        : `launchApp: using the Electron stand-in (${plan.why})`,
    );
  }
  try {
    return plan.backend === 'electron'
      ? await launchElectron(resolved, plan.binary!, repoRoot)
      : await launchStandIn(resolved);
  } catch (error) {
    resolved.cleanup();
    throw error;
  }
}

/** Which backend launchApp will use, so specs can skip checks only one backend can make. */
export function plannedBackend(opts: Pick<LaunchOptions, 'backend' | 'rendererDir'> = {}): {
  backend: Backend;
  why: string;
  binary?: string;
} {
  const wanted = (process.env.DTT_E2E_BACKEND as LaunchOptions['backend'] | undefined) || opts.backend || 'auto';
  const binary = electronBinary(repoRoot);
  const builtRenderer = path.join(repoRoot, 'build', 'renderer');
  const rendererOk =
    opts.rendererDir === undefined
      ? existsSync(path.join(builtRenderer, 'index.html'))
      : path.resolve(opts.rendererDir) === builtRenderer;
  if (wanted === 'stand-in') return { backend: 'stand-in', why: 'asked for' };
  if (!('path' in binary)) {
    if (wanted === 'electron') throw new Error(`the Electron backend was asked for, but ${binary.missing}`);
    return { backend: 'stand-in', why: `no Electron binary: ${binary.missing}` };
  }
  const noDisplay = displayProblem(process.platform, process.env);
  if (noDisplay) {
    if (wanted === 'electron') throw new Error(`the Electron backend was asked for, but there is ${noDisplay}`);
    return { backend: 'stand-in', why: `Electron is installed, but there is ${noDisplay}` };
  }
  // main/index.ts always loads build/renderer, so a custom renderer needs the stand-in.
  if (!rendererOk) return { backend: 'stand-in', why: 'the renderer is not build/renderer' };
  return { backend: 'electron', why: binary.path, binary: binary.path };
}

function tempDir(list: string[], dir: string): string {
  list.push(dir);
  return dir;
}
