import tls from 'node:tls';
import type { Dispatcher } from 'undici';
import type { FetchLike, HttpAnswer } from './http';
import { ProxyFailure } from './transport-error';

// Node's global fetch ignores proxy settings, so staff behind a mandatory proxy would see
// "offline" forever. The CLI therefore talks through undici's EnvHttpProxyAgent with undici's
// own request() (the global fetch is a different undici copy and must not be given this
// dispatcher). request() rather than undici's fetch: fetch turns a 407 into a bare "fetch
// failed", and we must tell a proxy asking for a login apart from being offline. It follows no
// redirects, which is what DropboxHttp wants ('manual').
//
// Certificates: Node's default store is its bundled roots plus NODE_EXTRA_CA_CERTS (read once at
// start-up), and undici uses it when given no `ca` (test/node/cli-network.test.ts proves it on
// Node 20). Where Node can read the OS store (tls.getCACertificates, Node 22.15+/23.10+) it is
// added, so a company root installed on the machine works without any setting.

export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/** The usual variables, lower-case first as curl and undici read them. */
export function proxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  return {
    httpProxy: env.http_proxy || env.HTTP_PROXY || '',
    httpsProxy: env.https_proxy || env.HTTPS_PROXY || '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

/** Default roots plus the OS store, or undefined to keep Node's default (it can't read the OS store). */
export function caWithSystemStore(): string[] | undefined {
  const get = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates;
  if (typeof get !== 'function') return undefined;
  try {
    return [...new Set([...get('default'), ...get('system')])];
  } catch {
    return undefined;
  }
}

interface SocketErrorFields {
  code?: string;
  port?: number;
  address?: string;
  hostname?: string;
}

/** A failure to even reach the configured proxy is the proxy's problem, not Dropbox's. */
function atProxy(error: unknown, proxies: URL[]): boolean {
  for (let e = error as { cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    const f = e as SocketErrorFields;
    if (!f.code || !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(f.code)) continue;
    return proxies.some(
      (p) =>
        f.hostname === p.hostname ||
        (f.port !== undefined && String(f.port) === (p.port || (p.protocol === 'https:' ? '443' : '80'))),
    );
  }
  return false;
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

/** A FetchLike for plain Node. undici is loaded on the first request, so `--help` stays fast. */
export function createNodeFetch(env: NodeJS.ProcessEnv = process.env): FetchLike {
  const settings = proxySettings(env);
  const proxies = [settings.httpProxy, settings.httpsProxy].flatMap((u) => {
    try {
      return u ? [new URL(u)] : [];
    } catch {
      return [];
    }
  });
  let loaded: Promise<{ request: typeof import('undici').request; dispatcher: Dispatcher }> | undefined;
  const load = () =>
    (loaded ??= import('undici').then(({ request, EnvHttpProxyAgent }) => {
      const ca = caWithSystemStore();
      const dispatcher = new EnvHttpProxyAgent({
        ...settings,
        ...(ca ? { connect: { ca }, requestTls: { ca } } : {}),
      });
      return { request, dispatcher };
    }));

  return async (url, init) => {
    const { request, dispatcher } = await load();
    try {
      const res = await request(url, {
        method: init.method as Dispatcher.HttpMethod,
        headers: init.headers,
        body: init.body ?? null,
        signal: init.signal,
        dispatcher,
      });
      return {
        status: res.statusCode,
        headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
        text: () => res.body.text(),
      } satisfies HttpAnswer;
    } catch (error) {
      if (proxies.length && atProxy(error, proxies))
        throw new ProxyFailure('the proxy could not be reached', { cause: error });
      throw error;
    }
  };
}
