import type { FetchLike, HttpAnswer } from '../core/dropbox/http';
import type { ElectronApi } from './electron-api';

// What Electron's ClientRequest throws for a redirect under redirect: 'manual' when nobody
// calls followRedirect(), which net.fetch never does.
const REDIRECT_CANCELLED = 'Redirect was cancelled';

/** A redirect, as the core's rules expect to see it (Dropbox's API never redirects: a portal does). */
const redirectAnswer: HttpAnswer = { status: 302, headers: { get: () => null }, text: async () => '' };

/**
 * The core's HTTP interface on Electron's net.fetch: Chromium's network stack, so the tray
 * follows the OS proxy settings (PAC included) and trusts the OS certificate store, as the
 * user's browser does. Errors arrive as `net::ERR_*` names, which the core's transport
 * classifier reads.
 */
export function electronNetFetch(net: Pick<ElectronApi['net'], 'fetch'>): FetchLike {
  return async (url, init) => {
    try {
      return await net.fetch(url, init);
    } catch (error) {
      if (init.redirect === 'manual' && (error as Error).message === REDIRECT_CANCELLED) return redirectAnswer;
      throw error;
    }
  };
}
