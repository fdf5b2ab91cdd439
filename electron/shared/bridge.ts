import type { EventChannel, EventMap, Req, RequestChannel, Res, TargetSpec } from './ipc-contract';

export type Invoke = <C extends RequestChannel>(channel: C, req: Req<C>) => Promise<Res<C>>;
export type Subscribe = <C extends EventChannel>(channel: C, cb: (payload: EventMap[C]) => void) => () => void;

type Listener<C extends EventChannel> = (payload: EventMap[C]) => void;

/**
 * What the window sees as `window.dtt`: intent-level calls, each answering the IpcResult its
 * channel declares in ipc-contract.ts. Pure: the preload passes ipcRenderer-backed
 * invoke/subscribe; tests can pass their own.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe) {
  return {
    status: () => invoke('dtt:status', undefined),
    connect: () => invoke('dtt:connect-browser', undefined),
    cancelConnect: () => invoke('dtt:connect-cancel', undefined),
    pendingSignIn: () => invoke('dtt:connect-pending', undefined),
    startCodeSignIn: () => invoke('dtt:connect-code-start', undefined),
    connectWithCode: (code: string) => invoke('dtt:connect-code-finish', { code }),
    pasteToken: (token: string, minutesLeft?: number) =>
      invoke('dtt:paste-token', minutesLeft === undefined ? { token } : { token, minutesLeft }),
    doctor: () => invoke('dtt:doctor', undefined),
    disconnect: (opts: Req<'dtt:disconnect'>) => invoke('dtt:disconnect', opts),
    sync: (opts: Req<'dtt:projects-sync'> = {}) => invoke('dtt:projects-sync', opts),
    openExternal: (url: string) => invoke('dtt:open-external', { url }),
    projects: {
      chooseFolder: () => invoke('dtt:projects-choose-folder', undefined),
      add: (dir: string, targets: TargetSpec[], keepInSync: boolean, keepOutOfGit?: boolean) =>
        invoke('dtt:projects-add', { dir, targets, keepInSync, ...(keepOutOfGit ? { keepOutOfGit } : {}) }),
      remove: (path: string) => invoke('dtt:projects-remove', { path }),
      setKeepInSync: (path: string, on: boolean) => invoke('dtt:projects-keep-in-sync', { path, on }),
      setKeepOutOfGit: (path: string, on: boolean) => invoke('dtt:projects-keep-out-of-git', { path, on }),
      /** force: restore even files changed since the sync (the user confirmed losing those changes). */
      undo: (path: string, force?: boolean) => invoke('dtt:projects-undo', { path, ...(force ? { force: true } : {}) }),
      ignore: (path: string, file: string) => invoke('dtt:projects-ignore', { path, file }),
      /** The fix for file-not-private: only the owner may read or write the project file. */
      makePrivate: (path: string, file: string) => invoke('dtt:projects-make-private', { path, file }),
      openFolder: (path: string) => invoke('dtt:projects-open-folder', { path }),
    },
    settings: {
      get: () => invoke('dtt:settings-get', undefined),
      set: (patch: Req<'dtt:settings-set'>) => invoke('dtt:settings-set', patch),
    },
    // Each listener helper returns its unsubscribe function.
    onStateChanged: (cb: Listener<'dtt:state-changed'>) => subscribe('dtt:state-changed', cb),
    onSignInStarted: (cb: Listener<'dtt:signin-started'>) => subscribe('dtt:signin-started', cb),
    onSignInFinished: (cb: Listener<'dtt:signin-finished'>) => subscribe('dtt:signin-finished', cb),
    onSyncFinished: (cb: Listener<'dtt:sync-finished'>) => subscribe('dtt:sync-finished', cb),
  };
}

export type DttBridge = ReturnType<typeof createBridge>;
