import path from 'node:path';
import type { TokenTrayService } from '../core/service';
import { DttError } from '../core/errors';
import { redirectUriFor } from '../core/signin/loopback';
import { gitVerdict } from '../core/projects/git-guard';
import { resolveInside } from '../core/projects/files';
import { normalizeProjectDir } from '../core/projects/registry';
import type { Req, RequestChannel, RequestMap } from '../shared/ipc-contract';
import type { PublicStatus } from '../shared/state';
import type { SettingsView, SignInFinished, SignInStarted } from '../shared/views';
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
  const registered = (dir: string) => service.projects.registry.get(dir).path;
  const settingsView = (): SettingsView => ({
    appKey: service.settings.appKey(),
    redirectPort: service.settings.redirectPort(),
    redirectUri: redirectUriFor(service.settings.redirectPort()),
    checkIntervalMinutes: service.settings.get('checkIntervalMinutes'),
    startAtLogin: service.settings.get('startAtLogin'),
    notifications: service.settings.get('notifications'),
    fromEnvironment: service.settings.fromEnvironment(),
  });

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
      const projects = blankProjects
        ? toSyncView(await service.syncProjects([], { blank: true, allowTracked: true }))
        : undefined;
      const result = await service.disconnect();
      return { ...result, ...(projects ? { projects } : {}) };
    },
    'dtt:projects-choose-folder': async () => {
      const picked = await ctx.chooseFolder();
      if (!picked) return null;
      const dir = normalizeProjectDir(picked);
      chosenDirs.add(dir);
      const found = await service.projects.detect(dir);
      const targets = await Promise.all(
        found.targets.map(async (t) =>
          toDetectedView(t, await gitVerdict(path.join(dir, t.file)).catch(() => undefined)),
        ),
      );
      return { dir, name: path.basename(dir), targets, truncated: found.truncated };
    },
    'dtt:projects-add': async ({ dir, targets, keepInSync, keepOutOfGit }) => {
      const normalized = normalizeProjectDir(dir);
      if (!chosenDirs.has(normalized) && !service.projects.registry.find(normalized))
        throw new DttError('project-unknown', 'choose the folder with "Add a folder" first');
      for (const t of targets) resolveInside(normalized, t.file);
      service.projects.add(normalized, targets, { keepInSync, keepOutOfGit });
      return status();
    },
    'dtt:projects-remove': async ({ path: dir }) => (await service.projects.remove(dir), status()),
    'dtt:projects-keep-out-of-git': async ({ path: dir, on }) => (
      await service.projects.setKeepOutOfGit(registered(dir), on),
      status()
    ),
    'dtt:projects-keep-in-sync': async ({ path: dir, on }) => (service.projects.setKeepInSync(dir, on), status()),
    'dtt:projects-sync': async ({ paths, allowTracked }) =>
      toSyncView(await service.syncProjects((paths ?? []).map(registered), { allowTracked })),
    'dtt:projects-undo': async ({ path: dir, force }) => (
      await service.projects.undo(registered(dir), { force }),
      status()
    ),
    'dtt:projects-ignore': async ({ path: dir, file }) => {
      // Also offered while adding a folder, before it is registered: a folder the user picked is fine.
      const normalized = normalizeProjectDir(dir);
      const root = chosenDirs.has(normalized) ? normalized : registered(dir);
      const verdict = await gitVerdict(resolveInside(root, file));
      await service.projects.applyGitignoreFix(verdict, root);
      return status();
    },
    'dtt:projects-make-private': async ({ path: dir, file }) => (
      await service.projects.makePrivate(registered(dir), file),
      status()
    ),
    'dtt:projects-open-folder': async ({ path: dir }) => (await ctx.openPath(registered(dir)), null),
    'dtt:settings-get': async () => settingsView(),
    'dtt:settings-set': async (patch) => {
      if (patch.appKey !== undefined) service.settings.set('appKey', patch.appKey);
      if (patch.redirectPort !== undefined) service.settings.set('redirectPort', patch.redirectPort);
      if (patch.checkIntervalMinutes !== undefined)
        service.settings.set('checkIntervalMinutes', patch.checkIntervalMinutes);
      if (patch.notifications !== undefined) service.settings.set('notifications', patch.notifications);
      if (patch.startAtLogin !== undefined) {
        await ctx.setStartAtLogin(patch.startAtLogin);
        service.settings.set('startAtLogin', patch.startAtLogin);
      }
      return settingsView();
    },
    'dtt:open-external': async ({ url }) => (await ctx.openExternal(url), null),
  };
}
