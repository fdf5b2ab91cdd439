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
}

export function openSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const dir = userDataDir(env);
  let store: Conf<SettingsData>;
  try {
    store = new Conf<SettingsData>({
      cwd: dir,
      configName: 'config',
      projectName: 'dropbox-token-tray',
      defaults: SETTINGS_DEFAULTS,
      schema: SETTINGS_SCHEMA as never,
      clearInvalidConfig: false,
    });
  } catch (error) {
    throw new DttError('internal', `The settings file in ${dir} could not be read: ${(error as Error).message}. Fix or delete it, then try again.`, { cause: error });
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
    redirectPort() {
      const fromEnv = Number.parseInt(env.DTT_REDIRECT_PORT ?? '', 10);
      return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : store.get('redirectPort');
    },
  };
}
