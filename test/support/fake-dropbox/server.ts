import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { decide } from './browser';
import { applyFault, Faults } from './faults';
import { flatHeaders, readBody, sendHtml, sendText } from './http-util';
import { handleAuthorizePage, handleDecide, handleToken } from './oauth-routes';
import { handleRpc } from './rpc-routes';
import { FakeState } from './state';
import type { FakeDropbox, FakeDropboxOptions } from './types';

const PORTAL_PAGE =
  '<!doctype html><html><head><title>Welcome to Hotel Wi-Fi</title></head><body><h1>Sign in to the Wi-Fi</h1><form method="post" action="/portal/login"><input name="room"><button>Connect</button></form></body></html>';

interface Modes {
  captivePortal: boolean;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  s: FakeState,
  faults: Faults,
  modes: Modes,
): Promise<void> {
  const url = new URL(req.url ?? '/', s.origin);
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  s.requests.push({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: flatHeaders(req),
    body,
  });

  if (modes.captivePortal) return sendHtml(res, 200, PORTAL_PAGE);
  const fault = faults.take(url.pathname);
  if (fault?.delayMs !== undefined) {
    const delayMs = fault.delayMs;
    if (fault.afterHandling) {
      // Handled now (a refresh is spent, a token issued), its answer arrives late.
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => (setTimeout(() => end(...args), delayMs), res)) as typeof res.end;
    } else await new Promise((resolve) => setTimeout(resolve, delayMs));
    return route(req, url, method, body, res, s);
  }
  if (fault?.afterHandling) {
    // A response that is never attached to the socket: the route runs, its answer goes nowhere.
    route(req, url, method, body, new ServerResponse(req), s);
    return applyFault(fault, req, res);
  }
  if (fault) return applyFault(fault, req, res);
  route(req, url, method, body, res, s);
}

function route(req: IncomingMessage, url: URL, method: string, body: string, res: ServerResponse, s: FakeState): void {
  if (url.pathname === '/oauth2/authorize' && method === 'GET') return handleAuthorizePage(url, res, s);
  if (url.pathname === '/oauth2/authorize/decide' && method === 'POST') return handleDecide(body, res, s);
  if (url.pathname === '/oauth2/token') {
    if (method !== 'POST') return sendText(res, 405, 'Method not allowed; use POST.');
    return handleToken(req, url, body, res, s);
  }
  if (url.pathname.startsWith('/2/')) return handleRpc(req, url.pathname, body, res, s);
  sendText(res, 404, 'Not found');
}

export async function startFakeDropbox(opts: FakeDropboxOptions = {}): Promise<FakeDropbox> {
  const s = new FakeState(opts);
  const faults = new Faults();
  const modes: Modes = { captivePortal: false };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, s, faults, modes).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, `fake Dropbox bug: ${err instanceof Error ? err.message : String(err)}`);
      else res.destroy();
    });
  };
  const server = opts.tls
    ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, listener)
    : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const scheme = opts.tls ? 'https' : 'http';
  s.origin = `${scheme}://${opts.hostname ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;

  return {
    origin: s.origin,
    requests: s.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Clients keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
    mintAppConsoleToken: (o = {}) => s.issueAccessToken(o.scopes ?? s.appScopes, o.expiresInSec ?? s.lifetimeSec),
    mintLegacyToken: () => s.issueLegacyToken(),
    revokeAll: () => s.revokeAll(),
    expireAccessTokens: () => s.expireAccessTokens(),
    setAppScopes: (scopes) => {
      s.appScopes = [...scopes];
    },
    setAccount: (a) => {
      s.account = { ...s.account, ...a };
    },
    setAllowPublicClients: (on) => {
      s.allowPublicClients = on;
    },
    setUserLimitReached: (reached) => {
      s.userLimitReached = reached;
    },
    refreshTokens: () => [...s.issuedRefresh],
    refreshTokenStatus: (t) => s.refreshTokenStatus(t),
    registerRedirect: (uri) => {
      s.redirectUris.add(uri);
    },
    injectFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    setCaptivePortal: (on) => {
      modes.captivePortal = on;
    },
    approve: (authorizeUrl) => decide(authorizeUrl, 'allow'),
    deny: async (authorizeUrl) => {
      const { location, html } = await decide(authorizeUrl, 'deny');
      return { location, html };
    },
    tokens: () => s.liveCounts(),
  };
}
