import { chmodSync, mkdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { withLockSync } from './lock';
import { userCacheDir, userDataDir } from './paths';
import { SETTINGS_DEFAULTS, SETTINGS_SCHEMA, type SettingsData } from './settings-schema';
import { DttError } from './errors';
import { isUserSetting, settingProblem } from '../shared/settings-rules';

export type { SettingsData } from './settings-schema';

/** Keys that must never reach the settings file; checked on every write as a last line of defence. */
const SECRET_SHAPE = /\bsl\.[A-Za-z0-9._-]{20,}/;

export interface Settings {
  readonly dir: string;
  readonly file: string;
  /** Undo copies of project files; kept apart from the settings folder (see userCacheDir). */
  readonly cacheDir: string;
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  /** The settings file holds this key (otherwise get() gives the default). */
  has(key: keyof SettingsData): boolean;
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
  update<K extends keyof SettingsData>(key: K, fn: (value: SettingsData[K]) => SettingsData[K]): void;
  /** The app key in effect: env DTT_APP_KEY wins over the stored one. */
  appKey(): string;
  redirectPort(): number;
  /** Which settings the environment overrides right now. */
  fromEnvironment(): Array<'appKey' | 'redirectPort'>;
}

/** The shared rule (the same words the window and the CLI show), before anything is written. */
function refuseInvalid(key: PropertyKey, value: unknown): void {
  const problem = isUserSetting(key) ? settingProblem(key, value) : null;
  if (problem) throw new DttError('invalid-input', `${String(key)}: ${problem.replace(/\.$/, '')}`);
}

function refuseSecrets(key: PropertyKey, value: unknown): void {
  if (SECRET_SHAPE.test(JSON.stringify(value) ?? '')) {
    throw new DttError('internal', `refused to write a token into the settings file (key "${String(key)}")`);
  }
}

/** What both engines take: conf in the CLI, electron-store (a conf subclass) in the tray. */
export interface StoreOptions {
  cwd: string;
  name: string;
  schema: typeof SETTINGS_SCHEMA;
  clearInvalidConfig: false;
  /** 0600: the file names the account and the projects; only the user may read it. */
  configFileMode: number;
}
export type StoreFactory = (opts: StoreOptions) => Conf<SettingsData>;

const confStore: StoreFactory = (o) =>
  new Conf<SettingsData>({
    cwd: o.cwd,
    configName: o.name,
    projectName: 'dropbox-token-tray',
    schema: o.schema as never,
    clearInvalidConfig: o.clearInvalidConfig,
    configFileMode: o.configFileMode,
  });

const SETTINGS_FILE = 'config.json';

function tryStat(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Creates the folder 0700 and tightens a folder or file that others could read (older builds left 0755/0644). */
function makePrivate(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return;
    for (const [p, mode] of [
      [dir, 0o700],
      [path.join(dir, SETTINGS_FILE), 0o600],
    ] as const) {
      // Only the folder and a plain file: whatever else sits there (a link loop too) is refused
      // below as the unreadable settings file, unchanged.
      const info = p === dir ? statSync(p, { throwIfNoEntry: false }) : tryStat(p);
      const plain = p === dir ? info?.isDirectory() : info?.isFile();
      if (info && plain && (info.mode & 0o777) !== mode) chmodSync(p, mode);
    }
  } catch (error) {
    throw new DttError(
      'internal',
      `the settings folder ${dir} can't be made private to you (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check who owns it, then try again.`,
      { cause: error },
    );
  }
}

const settingsBusy = (pid: number | null) =>
  new DttError(
    'settings-busy',
    `${pid === null ? 'another process' : `process ${pid}`} is holding the settings file; wait a moment and try again`,
  );

/**
 * The settings file `<userData>/config.json`: the same path and schema whether the CLI opens it
 * through conf or the tray through electron-store (`name: 'config'` is electron-store's default).
 */
export function openSettings(env: NodeJS.ProcessEnv = process.env, createStore: StoreFactory = confStore): Settings {
  const dir = userDataDir(env);
  makePrivate(dir);
  // The tray and every CLI call share the file: each read-modify-write runs under one
  // cross-process lock and reads the file afresh inside it (conf reads it on every get). The
  // store gets no defaults, so opening it never writes; they are applied here on read.
  const locked = <T>(fn: () => T): T =>
    withLockSync(path.join(dir, 'locks'), 'settings', fn, { waitMs: 15_000, busy: settingsBusy });
  let store: Conf<SettingsData>;
  try {
    // A named pipe there would hold the store's read forever, a folder can't be read: neither is
    // a settings file (a link is followed, as the store does).
    const info = statSync(path.join(dir, SETTINGS_FILE), { throwIfNoEntry: false }); // throws ELOOP
    if (info && !info.isFile())
      throw Object.assign(new Error(`it is a ${info.isDirectory() ? 'folder' : 'special file'}, not a file`), {
        code: 'ENOTFILE',
      });
    store = createStore({
      cwd: dir,
      name: 'config',
      schema: SETTINGS_SCHEMA,
      clearInvalidConfig: false,
      configFileMode: 0o600,
    });
  } catch (error) {
    // The parser's or the system's words are for IT; the file's name is what staff need.
    const code = (error as NodeJS.ErrnoException).code;
    throw new DttError('settings-unreadable', path.join(dir, 'config.json'), {
      cause: error,
      moreInfo: code ? `${code}: ${(error as Error).message}` : `not valid JSON: ${(error as Error).message}`,
    });
  }
  const read = <K extends keyof SettingsData>(key: K): SettingsData[K] => {
    const all = store.store as Partial<SettingsData>;
    return key in all ? (all[key] as SettingsData[K]) : structuredClone(SETTINGS_DEFAULTS[key]);
  };
  return {
    dir,
    file: store.path,
    cacheDir: userCacheDir(env),
    get: read,
    has: (key) => key in (store.store as Partial<SettingsData>),
    set(key, value) {
      refuseSecrets(key, value);
      refuseInvalid(key, value);
      locked(() => store.set(key, value));
    },
    update(key, fn) {
      // conf reads the file on every get, so under the lock this sees the latest write.
      locked(() => {
        const value = fn(read(key));
        refuseSecrets(key, value);
        refuseInvalid(key, value);
        store.set(key, value);
      });
    },
    appKey: () => (env.DTT_APP_KEY ?? '').trim() || read('appKey'),
    fromEnvironment() {
      const fixed: Array<'appKey' | 'redirectPort'> = [];
      if ((env.DTT_APP_KEY ?? '').trim()) fixed.push('appKey');
      if (this.redirectPort() !== read('redirectPort') || env.DTT_REDIRECT_PORT?.trim()) fixed.push('redirectPort');
      return fixed;
    },
    redirectPort() {
      const fromEnv = Number.parseInt(env.DTT_REDIRECT_PORT ?? '', 10);
      return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : read('redirectPort');
    },
  };
}
