import os from 'node:os';
import path from 'node:path';
import type { TokenTrayService } from '../core/service';
import { DttError } from '../core/errors';
import { gitVerdict } from '../core/projects/git-guard';
import { normalizeProjectDir } from '../core/projects/registry';
import { shownPath } from '../shared/words';
import type { Req, RequestChannel, RequestMap } from '../shared/ipc-contract';
import type { PublicStatus } from '../shared/state';
import { toConnectView, toDetectedView, toSyncView } from './views';

/**
 * What the handlers need from the shell; all of it Electron-free so they run under Node too.
 * The sign-in in progress lives in the service (service.signIn); main only shows its end.
 */
export interface HandlerContext {
  service: TokenTrayService;
  openExternal(url: string): Promise<void>;
  openPath(dir: string): Promise<void>;
  chooseFolder(): Promise<string | null>;
  /** Sets the system's login item, then records the setting; throws (recording nothing) when refused. */
  setStartAtLogin(on: boolean): Promise<void>;
}

export type Handlers = { [C in RequestChannel]: (req: Req<C>) => Promise<RequestMap[C]['res']> };

export function createHandlers(ctx: HandlerContext): Handlers {
  const { service } = ctx;
  const { signIn } = service;
  // Only folders the user picked in the native dialog may be added: the window can't name paths.
  const chosenDirs = new Set<string>();

  const status = async (): Promise<PublicStatus> => service.statusWithProjects();
  const registered = (dir: string) => service.projectPath(dir);

  return {
    'dtt:status': status,
    'dtt:connect-browser': async () => {
      const started = await signIn.startBrowser();
      await ctx.openExternal(started.url);
      return started;
    },
    'dtt:connect-cancel': async () => (signIn.cancel(), null),
    'dtt:connect-pending': async () => signIn.pending(),
    'dtt:connect-code-start': async () => {
      const started = await signIn.startCode();
      await ctx.openExternal(started.url);
      return started;
    },
    'dtt:connect-code-finish': async ({ code }) => toConnectView(await signIn.finishCode(code)),
    'dtt:paste-token': async ({ token, minutesLeft }) =>
      toConnectView(await service.pasteToken(token, { minutesLeft })),
    'dtt:doctor': async () => service.doctor(),
    'dtt:disconnect': async ({ blankProjects }) => {
      const { projects, ...result } = await service.disconnect({ blankProjects });
      return { ...result, ...(projects ? { projects: toSyncView(projects) } : {}) };
    },
    'dtt:projects-choose-folder': async () => {
      const picked = await ctx.chooseFolder();
      if (!picked) return null;
      const dir = normalizeProjectDir(picked);
      chosenDirs.add(dir);
      const found = await service.detectProject(dir);
      const targets = await Promise.all(
        found.targets.map(async (t) =>
          toDetectedView(t, await gitVerdict(path.join(dir, t.file)).catch(() => undefined)),
        ),
      );
      const shownDir = shownPath(dir, os.homedir(), process.platform);
      return { dir, shownDir, name: path.basename(dir), targets, truncated: found.truncated };
    },
    'dtt:projects-add': async ({ dir, targets, keepInSync, keepOutOfGit }) => {
      const normalized = normalizeProjectDir(dir);
      if (!chosenDirs.has(normalized) && !service.findProject(normalized))
        throw new DttError('project-unknown', 'choose the folder with "Add a folder" first');
      service.addProject(normalized, targets, { keepInSync, keepOutOfGit });
      return status();
    },
    'dtt:projects-remove': async ({ path: dir }) => (await service.removeProject(dir), status()),
    'dtt:projects-keep-out-of-git': async ({ path: dir, on }) => (
      await service.setKeepOutOfGit(registered(dir), on),
      status()
    ),
    'dtt:projects-keep-in-sync': async ({ path: dir, on }) => (service.setKeepInSync(dir, on), status()),
    'dtt:projects-sync': async ({ paths, allowTracked }) =>
      toSyncView(await service.syncProjects((paths ?? []).map(registered), { allowTracked })),
    'dtt:projects-undo': async ({ path: dir, force }) => (
      await service.undoProject(registered(dir), { force }),
      status()
    ),
    'dtt:projects-ignore': async ({ path: dir, file }) => {
      // Also offered while adding a folder, before it is registered: a folder the user picked is fine.
      const normalized = normalizeProjectDir(dir);
      const root = chosenDirs.has(normalized) ? normalized : registered(dir);
      await service.ignoreInGit(root, file, { chosen: root, strict: true });
      return status();
    },
    'dtt:projects-make-private': async ({ path: dir, file }) => (
      await service.makePrivate(registered(dir), file),
      status()
    ),
    'dtt:projects-open-folder': async ({ path: dir }) => (await ctx.openPath(registered(dir)), null),
    'dtt:settings-get': async () => service.settingsView(),
    'dtt:settings-set': async (patch) => {
      const { startAtLogin, ...rest } = patch;
      service.setSettings(rest);
      if (startAtLogin === undefined) return service.settingsView();
      await ctx.setStartAtLogin(startAtLogin);
      return service.settingsView();
    },
    'dtt:open-external': async ({ url }) => (await ctx.openExternal(url), null),
  };
}
