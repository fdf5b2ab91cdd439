import type { FetchLike } from '../core/dropbox/http';
import type { ElectronApi } from './electron-api';

/**
 * The core's HTTP interface on Electron's net.fetch: Chromium's network stack, so the tray
 * follows the OS proxy settings (PAC included) and trusts the OS certificate store, as the
 * user's browser does. Errors arrive as `net::ERR_*` names, which the core's transport
 * classifier reads.
 */
export function electronNetFetch(net: Pick<ElectronApi['net'], 'fetch'>): FetchLike {
  return (url, init) => net.fetch(url, init);
}
