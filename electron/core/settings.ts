import Conf from 'conf';
import { userCacheDir, userDataDir } from './paths';
import { SETTINGS_DEFAULTS, SETTINGS_SCHEMA, type SettingsData } from './settings-schema';
import { DttError } from './errors';

export type { SettingsData } from './settings-schema';

/** Keys that must never reach the settings file; checked on every write as a last line of defence. */
const SECRET_SHAPE = /\bsl\.[A-Za-z0-9._-]{20,}/;

export interface Settings {
  readonly dir: string;
  readonly file: string;
  /** Undo copies of project files; kept apart from the settings folder (see userCacheDir). */
  readonly cacheDir: string;
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
  update<K extends keyof SettingsData>(key: K, fn: (value: SettingsData[K]) => SettingsData[K]): void;
  /** The app key in effect: env DTT_APP_KEY wins over the stored one. */
  appKey(): string;
  redirectPort(): number;
  /** Which settings the environment overrides right now. */
  fromEnvironment(): Array<'appKey' | 'redirectPort'>;
}

/** What both engines take: conf in the CLI, electron-store (a conf subclass) in the tray. */
export interface StoreOptions {
  cwd: string;
  name: string;
  defaults: SettingsData;
  schema: typeof SETTINGS_SCHEMA;
  clearInvalidConfig: false;
}
export type StoreFactory = (opts: StoreOptions) => Conf<SettingsData>;

const confStore: StoreFactory = (o) =>
  new Conf<SettingsData>({
    cwd: o.cwd,
    configName: o.name,
    projectName: 'dropbox-token-tray',
    defaults: o.defaults,
    schema: o.schema as never,
    clearInvalidConfig: o.clearInvalidConfig,
  });

/**
 * The settings file `<userData>/config.json`: the same path and schema whether the CLI opens it
 * through conf or the tray through electron-store (`name: 'config'` is electron-store's default).
 */
export function openSettings(env: NodeJS.ProcessEnv = process.env, createStore: StoreFactory = confStore): Settings {
  const dir = userDataDir(env);
  let store: Conf<SettingsData>;
  try {
    store = createStore({
      cwd: dir,
      name: 'config',
      defaults: SETTINGS_DEFAULTS,
      schema: SETTINGS_SCHEMA,
      clearInvalidConfig: false,
    });
  } catch (error) {
    throw new DttError(
      'internal',
      `The settings file in ${dir} could not be read: ${(error as Error).message}. Fix or delete it, then try again.`,
      { cause: error },
    );
  }
  return {
    dir,
    file: store.path,
    cacheDir: userCacheDir(env),
    get: (key) => store.get(key),
    set(key, value) {
      if (SECRET_SHAPE.test(JSON.stringify(value) ?? '')) {
        throw new DttError('internal', `refused to write a token into the settings file (key "${String(key)}")`);
      }
      store.set(key, value);
    },
    update(key, fn) {
      this.set(key, fn(store.get(key)));
    },
    appKey: () => (env.DTT_APP_KEY ?? '').trim() || store.get('appKey'),
    fromEnvironment() {
      const fixed: Array<'appKey' | 'redirectPort'> = [];
      if ((env.DTT_APP_KEY ?? '').trim()) fixed.push('appKey');
      if (this.redirectPort() !== store.get('redirectPort') || env.DTT_REDIRECT_PORT?.trim())
        fixed.push('redirectPort');
      return fixed;
    },
    redirectPort() {
      const fromEnv = Number.parseInt(env.DTT_REDIRECT_PORT ?? '', 10);
      return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : store.get('redirectPort');
    },
  };
}
