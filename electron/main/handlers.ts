import path from 'node:path';
import type { TokenTrayService } from '../core/service';
import { DttError } from '../core/errors';
import { gitVerdict } from '../core/projects/git-guard';
import { normalizeProjectDir } from '../core/projects/registry';
import type { Req, RequestChannel, RequestMap } from '../shared/ipc-contract';
import type { PublicStatus } from '../shared/state';
import type { SignInFinished, SignInStarted } from '../shared/views';
import type { BrowserSignIn } from '../core/signin/flows';
import { toConnectView, toDetectedView, toErrorView, toSyncView } from './views';

/** What the handlers need from the shell; all of it Electron-free so they run under Node too. */
export interface HandlerContext {
  service: TokenTrayService;
  openExternal(url: string): Promise<void>;
  openPath(dir: string): Promise<void>;
  chooseFolder(): Promise<string | null>;
  setStartAtLogin(on: boolean): Promise<void>;
  signInFinished(outcome: SignInFinished): void;
}

export type Handlers = { [C in RequestChannel]: (req: Req<C>) => Promise<RequestMap[C]['res']> };

export function createHandlers(ctx: HandlerContext): Handlers {
  const { service } = ctx;
  let browserSignIn: BrowserSignIn | null = null;
  let browserStarted: SignInStarted | null = null;
  let codeSignIn: Awaited<ReturnType<TokenTrayService['startCodeSignIn']>> | null = null;
  // Only folders the user picked in the native dialog may be added: the window can't name paths.
  const chosenDirs = new Set<string>();

  const status = async (): Promise<PublicStatus> => service.statusWithProjects();
  const registered = (dir: string) => service.projectPath(dir);

  return {
    'dtt:status': status,
    'dtt:connect-browser': async () => {
      browserSignIn?.cancel();
      const signIn = await service.startBrowserSignIn();
      browserSignIn = signIn;
      browserStarted = { url: signIn.url, redirectUri: signIn.redirectUri };
      signIn.result
        .then(
          (r) => ctx.signInFinished({ ok: true, result: toConnectView(r) }),
          (error: unknown) => ctx.signInFinished({ ok: false, error: toErrorView(error) }),
        )
        .finally(() => {
          if (browserSignIn === signIn) browserSignIn = browserStarted = null;
        });
      await ctx.openExternal(signIn.url);
      return { url: signIn.url, redirectUri: signIn.redirectUri };
    },
    'dtt:connect-cancel': async () => {
      browserSignIn?.cancel();
      browserSignIn = browserStarted = null;
      return null;
    },
    'dtt:connect-pending': async () => browserStarted,
    'dtt:connect-code-start': async () => {
      browserSignIn?.cancel();
      codeSignIn = await service.startCodeSignIn();
      await ctx.openExternal(codeSignIn.url);
      return { url: codeSignIn.url };
    },
    'dtt:connect-code-finish': async ({ code }) => {
      if (!codeSignIn) throw new DttError('code-invalid', 'start the code sign-in first');
      const result = toConnectView(await codeSignIn.finish(code));
      codeSignIn = null;
      return result;
    },
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
      return { dir, name: path.basename(dir), targets, truncated: found.truncated };
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
      return service.setSettings({ startAtLogin });
    },
    'dtt:open-external': async ({ url }) => (await ctx.openExternal(url), null),
  };
}
