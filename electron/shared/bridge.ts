import type { EventChannel, EventMap, Req, RequestChannel, Res, TargetSpec } from './ipc-contract';
import type { PublicStatus } from './state';
import type {
  ConnectResultView,
  DisconnectResultView,
  DoctorReportView,
  FolderChoice,
  IpcResult,
  SettingsView,
  SignInFinished,
  SignInStarted,
  SyncReportView,
} from './views';

/** What the window sees as `window.dtt`: intent-level calls, each answering an IpcResult. */
export interface DttBridge {
  status(): Promise<IpcResult<PublicStatus>>;
  connect(): Promise<IpcResult<SignInStarted>>;
  cancelConnect(): Promise<IpcResult<null>>;
  pendingSignIn(): Promise<IpcResult<SignInStarted | null>>;
  startCodeSignIn(): Promise<IpcResult<SignInStarted>>;
  connectWithCode(code: string): Promise<IpcResult<ConnectResultView>>;
  pasteToken(token: string, minutesLeft?: number): Promise<IpcResult<ConnectResultView>>;
  doctor(): Promise<IpcResult<DoctorReportView>>;
  disconnect(opts: { blankProjects: boolean }): Promise<IpcResult<DisconnectResultView>>;
  sync(opts?: { paths?: string[]; allowTracked?: boolean }): Promise<IpcResult<SyncReportView>>;
  openExternal(url: string): Promise<IpcResult<null>>;
  projects: {
    chooseFolder(): Promise<IpcResult<FolderChoice | null>>;
    add(
      dir: string,
      targets: TargetSpec[],
      keepInSync: boolean,
      keepOutOfGit?: boolean,
    ): Promise<IpcResult<PublicStatus>>;
    remove(path: string): Promise<IpcResult<PublicStatus>>;
    setKeepInSync(path: string, on: boolean): Promise<IpcResult<PublicStatus>>;
    setKeepOutOfGit(path: string, on: boolean): Promise<IpcResult<PublicStatus>>;
    /** force: restore even files changed since the sync (the user confirmed losing those changes). */
    undo(path: string, force?: boolean): Promise<IpcResult<PublicStatus>>;
    ignore(path: string, file: string): Promise<IpcResult<PublicStatus>>;
    /** The fix for file-not-private: only the owner may read or write the project file. */
    makePrivate(path: string, file: string): Promise<IpcResult<PublicStatus>>;
    openFolder(path: string): Promise<IpcResult<null>>;
  };
  settings: {
    get(): Promise<IpcResult<SettingsView>>;
    set(patch: Partial<Omit<SettingsView, 'redirectUri' | 'fromEnvironment'>>): Promise<IpcResult<SettingsView>>;
  };
  /** Each listener helper returns its unsubscribe function. */
  onStateChanged(cb: (status: PublicStatus) => void): () => void;
  onSignInStarted(cb: (started: SignInStarted) => void): () => void;
  onSignInFinished(cb: (outcome: SignInFinished) => void): () => void;
  onSyncFinished(cb: (report: SyncReportView) => void): () => void;
}

export type Invoke = <C extends RequestChannel>(channel: C, req: Req<C>) => Promise<Res<C>>;
export type Subscribe = <C extends EventChannel>(channel: C, cb: (payload: EventMap[C]) => void) => () => void;

/** Pure: the preload passes ipcRenderer-backed invoke/subscribe; tests can pass their own. */
export function createBridge(invoke: Invoke, subscribe: Subscribe): DttBridge {
  return {
    status: () => invoke('dtt:status', undefined),
    connect: () => invoke('dtt:connect-browser', undefined),
    cancelConnect: () => invoke('dtt:connect-cancel', undefined),
    pendingSignIn: () => invoke('dtt:connect-pending', undefined),
    startCodeSignIn: () => invoke('dtt:connect-code-start', undefined),
    connectWithCode: (code) => invoke('dtt:connect-code-finish', { code }),
    pasteToken: (token, minutesLeft) =>
      invoke('dtt:paste-token', minutesLeft === undefined ? { token } : { token, minutesLeft }),
    doctor: () => invoke('dtt:doctor', undefined),
    disconnect: (opts) => invoke('dtt:disconnect', opts),
    sync: (opts = {}) => invoke('dtt:projects-sync', opts),
    openExternal: (url) => invoke('dtt:open-external', { url }),
    projects: {
      chooseFolder: () => invoke('dtt:projects-choose-folder', undefined),
      add: (dir, targets, keepInSync, keepOutOfGit) =>
        invoke('dtt:projects-add', { dir, targets, keepInSync, ...(keepOutOfGit ? { keepOutOfGit } : {}) }),
      remove: (path) => invoke('dtt:projects-remove', { path }),
      setKeepInSync: (path, on) => invoke('dtt:projects-keep-in-sync', { path, on }),
      setKeepOutOfGit: (path, on) => invoke('dtt:projects-keep-out-of-git', { path, on }),
      undo: (path, force) => invoke('dtt:projects-undo', { path, ...(force ? { force: true } : {}) }),
      ignore: (path, file) => invoke('dtt:projects-ignore', { path, file }),
      makePrivate: (path, file) => invoke('dtt:projects-make-private', { path, file }),
      openFolder: (path) => invoke('dtt:projects-open-folder', { path }),
    },
    settings: {
      get: () => invoke('dtt:settings-get', undefined),
      set: (patch) => invoke('dtt:settings-set', patch),
    },
    onStateChanged: (cb) => subscribe('dtt:state-changed', cb),
    onSignInStarted: (cb) => subscribe('dtt:signin-started', cb),
    onSignInFinished: (cb) => subscribe('dtt:signin-finished', cb),
    onSyncFinished: (cb) => subscribe('dtt:sync-finished', cb),
  };
}
