import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type Page } from 'playwright-core';
import { TokenTrayService } from '../../../electron/core/service';
import type * as ElectronModule from 'electron';
import type { AppHandle } from '../../../electron/main/app';
import { iconName, type AppUnderTest, type TraySnapshot } from './app-under-test';
import type { MenuItemRecord } from './records';
import { openInBrowser } from './chromium';
import type { ResolvedLaunch } from './launch-standin';
import { writeRecorder, type RecorderState } from './real-electron-recorder';

type MainGlobals = { __dtt?: AppHandle; __dttRecorder: RecorderState };
// Inside main(): `globalThis as unknown as MainGlobals`, spelled out each time because the
// function is sent as source text.

export { displayProblem, electronBinary } from './electron-binary';

/** The packaged-shape app (build/main.mjs) in real Electron, driven through Playwright. */
export async function launchElectron(r: ResolvedLaunch, executablePath: string, root: string): Promise<AppUnderTest> {
  const mainScript = path.join(root, 'build', 'main.mjs');
  if (path.resolve(r.rendererDir) !== path.join(root, 'build', 'renderer'))
    throw new Error('the Electron backend always loads build/renderer (electron/main/index.ts)');
  // Its own profile and single-instance lock per launch: `electron build/main.mjs` would
  // otherwise share ~/.config/Electron (and one lock) with every other launch and file.
  const userData = mkdtempSync(path.join(os.tmpdir(), 'dtt-e2e-userdata-'));
  const env: Record<string, string> = {
    ...stringEnv(process.env),
    ...stringEnv(r.env),
    DTT_E2E: '1',
    DTT_E2E_USER_DATA_DIR: userData,
  };
  delete env.ELECTRON_RUN_AS_NODE;
  // Chromium refuses to start as root with its sandbox on (CI runs as root).
  const chromiumArgs = [`--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const appArgs = [...chromiumArgs, mainScript, ...(r.startHidden ? ['--hidden'] : [])];
  const electronApp = await _electron.launch({
    executablePath,
    args: ['-r', writeRecorder(), ...appArgs],
    env,
    cwd: root,
  });
  // Each function runs in Electron's main process (serialised by Playwright): no closures.
  // (Playwright's own typing of evaluate's argument is stricter than these helpers need.)
  const evaluate = electronApp.evaluate.bind(electronApp) as (fn: unknown, arg: unknown) => Promise<unknown>;
  const main = <R, A = undefined>(
    fn: (electron: typeof ElectronModule, arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R> => evaluate(fn, arg) as Promise<R>;

  // main.mjs sets globalThis.__dtt after startApp resolves (top-level await).
  const deadline = Date.now() + 20_000;
  while (!(await main(() => Boolean((globalThis as unknown as MainGlobals).__dtt)))) {
    if (Date.now() > deadline) throw new Error('the app never exposed its handle (is DTT_E2E passed through?)');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!r.autoTicks) await main(() => (globalThis as unknown as MainGlobals).__dtt!.monitor.stop());

  const service = new TokenTrayService({ env: r.env });
  const windowPage = async (): Promise<Page> => {
    const page = electronApp.windows()[0] ?? (await electronApp.waitForEvent('window', { timeout: 10_000 }));
    await page.waitForLoadState('load');
    return page;
  };
  const tray = async (): Promise<TraySnapshot> => {
    const t = await main(() => {
      const rec = (globalThis as unknown as MainGlobals).__dttRecorder;
      const last = rec.trays.at(-1);
      if (!last) throw new Error('no Tray was created');
      return { icon: last.icon, tooltip: last.tooltip, menu: rec.menuRecord(last.menu) };
    });
    return { ...t, iconName: iconName(t.icon) };
  };
  return {
    backend: 'electron',
    env: r.env,
    service,
    tray,
    menuIds: async () => {
      const ids = (items: MenuItemRecord[]): string[] =>
        items.flatMap((i) => [...(i.id ? [i.id] : []), ...ids(i.submenu ?? [])]);
      return ids((await tray()).menu);
    },
    clickMenu: (id) =>
      main((_e, wanted: string) => {
        const menu = (globalThis as unknown as MainGlobals).__dttRecorder.trays.at(-1)?.menuObject;
        const item = menu?.getMenuItemById(wanted);
        if (!item) throw new Error(`no menu item with id "${wanted}"`);
        if (!item.enabled) throw new Error(`menu item "${wanted}" is disabled: a user can't click it`);
        item.click();
      }, id),
    notifications: () => main(() => (globalThis as unknown as MainGlobals).__dttRecorder.notifications),
    clickNotification: (i) =>
      main((_e, index: number) => {
        const n = (globalThis as unknown as MainGlobals).__dttRecorder.notificationObjects[index];
        if (!n) throw new Error(`no notification #${index}`);
        n.emit('click', {});
      }, i),
    page: windowPage,
    windowVisible: () => main(() => Boolean((globalThis as unknown as MainGlobals).__dtt!.window()?.isVisible())),
    closeWindow: () => main(() => (globalThis as unknown as MainGlobals).__dtt!.window()?.close()),
    loadInWindow: (url) =>
      main((_e, u: string) => (globalThis as unknown as MainGlobals).__dtt!.window()!.loadURL(u), url),
    webPreferences: () =>
      main(
        () =>
          (globalThis as unknown as MainGlobals).__dttRecorder.webPreferences as Array<Record<string, unknown> | null>,
      ),
    tick: () => main(() => (globalThis as unknown as MainGlobals).__dtt!.monitor.wake('manual')),
    openedUrls: () => main(() => (globalThis as unknown as MainGlobals).__dttRecorder.openedUrls),
    ipcLog: () => main(() => (globalThis as unknown as MainGlobals).__dttRecorder.ipcLog),
    secondInstance: () => runSecondInstance(executablePath, ['-r', writeRecorder(), ...appArgs], env),
    queueOpenDialog: (answer) =>
      main((_e, a: { canceled: boolean; filePaths: string[] }) => {
        (globalThis as unknown as MainGlobals).__dttRecorder.dialogAnswers.push(a);
      }, answer),
    emitPowerMonitor: async (event) => void (await main(({ powerMonitor }, e: string) => powerMonitor.emit(e), event)),
    openInBrowser,
    close: async () => {
      await electronApp.close();
      await service['vault'].clear().catch(() => undefined);
      rmSync(userData, { recursive: true, force: true });
      r.cleanup();
    },
  };
}

/** Starts the app again; it must lose the single-instance lock and exit, waking the first one. */
function runSecondInstance(executablePath: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(executablePath, args, { env, stdio: 'ignore' });
    const timer = setTimeout(
      () => (
        child.kill(),
        reject(new Error('the second instance did not exit: the single-instance lock is not working'))
      ),
      15_000,
    );
    child.on('error', reject);
    child.on('exit', () => (clearTimeout(timer), resolve()));
  });
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
