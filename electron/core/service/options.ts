import { resolveEndpoints } from '../dropbox/endpoints';
import { DropboxHttp, type FetchLike, type RetryPolicy } from '../dropbox/http';
import { createNodeFetch } from '../dropbox/node-fetch';
import { openSettings, type Settings } from '../settings';
import { openVault, type Vault } from '../vault';

export interface ServiceOptions {
  env?: NodeJS.ProcessEnv;
  settings?: Settings;
  vault?: Vault;
  http?: DropboxHttp;
  /** How requests reach Dropbox: the tray passes Electron's net.fetch; plain Node gets undici with the proxy settings. */
  fetchImpl?: FetchLike;
  retry?: Partial<RetryPolicy>;
}

/** The settings file, the keychain and the Dropbox client a service uses: the ones given, else the real ones. */
export function openParts(opts: ServiceOptions): { settings: Settings; vault: Vault; http: DropboxHttp } {
  const env = opts.env ?? process.env;
  const fetchImpl = opts.fetchImpl ?? createNodeFetch(env);
  return {
    settings: opts.settings ?? openSettings(env),
    vault: opts.vault ?? openVault({ service: env.DTT_KEYCHAIN_SERVICE }),
    http: opts.http ?? new DropboxHttp({ endpoints: resolveEndpoints(env), retry: opts.retry, fetchImpl }),
  };
}
