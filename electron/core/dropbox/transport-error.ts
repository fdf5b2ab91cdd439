// Why a request got no answer from Dropbox, read from what either HTTP stack throws: undici
// (the CLI, Node's fetch) reports error codes on `cause`, Chromium (the tray's net.fetch)
// reports `net::ERR_*` names in the message. Never "revoked": none of these is Dropbox's word.

export type TransportReason =
  /** Nothing was sent: no network, DNS failure, connection refused. */
  | 'offline'
  /** The connection broke after the request may have left: Dropbox may have acted on it. */
  | 'dropped'
  | 'timeout'
  /** A proxy refused the request, asked for a login, or could not be reached. */
  | 'proxy'
  /** The TLS certificate was not from an authority we trust: something is intercepting. */
  | 'tls';

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

const CHROMIUM_PROXY =
  /net::ERR_(PROXY_\w+|TUNNEL_CONNECTION_FAILED|MANDATORY_PROXY_CONFIGURATION_FAILED|NO_SUPPORTED_PROXIES|PAC_\w+)/;
const CHROMIUM_TLS = /net::ERR_CERT_(AUTHORITY_INVALID|COMMON_NAME_INVALID|INVALID)/;
const CHROMIUM_DROPPED = /net::ERR_(CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_ABORTED|EMPTY_RESPONSE)/;
const CHROMIUM_TIMEOUT = /net::ERR_(TIMED_OUT|CONNECTION_TIMED_OUT)/;
// undici: a CONNECT tunnel answered other than 200, or a 407 came back (its fetch turns that into a network error).
const UNDICI_PROXY = /Proxy response \(\d+\) !== 200|proxy authentication required/i;

/** Thrown by an HTTP adapter that knows the failure was at the proxy (e.g. the proxy is down). */
export class ProxyFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProxyFailure';
  }
}

/** The error and its causes, outermost first (fetch wraps the socket error in `cause`). */
function chain(error: unknown): Array<{ code?: string; name?: string; message?: string }> {
  const out: Array<{ code?: string; name?: string; message?: string }> = [];
  let e: unknown = error;
  for (let i = 0; e && typeof e === 'object' && i < 5; i++) {
    out.push(e as { code?: string; name?: string; message?: string });
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

export function transportReason(error: unknown): TransportReason {
  const links = chain(error);
  const text = links.map((l) => `${l.message ?? ''} ${l.code ?? ''}`).join(' ');
  if (links.some((l) => l instanceof ProxyFailure) || UNDICI_PROXY.test(text) || CHROMIUM_PROXY.test(text))
    return 'proxy';
  if (links.some((l) => l.code && TLS_CODES.has(l.code)) || CHROMIUM_TLS.test(text)) return 'tls';
  if (links.some((l) => l.name === 'TimeoutError') || CHROMIUM_TIMEOUT.test(text)) return 'timeout';
  if (links.some((l) => l.code && DROPPED_CODES.has(l.code)) || CHROMIUM_DROPPED.test(text)) return 'dropped';
  return 'offline';
}

/** The most specific code in the chain, for the technical detail ("ECONNREFUSED", "net::ERR_…"). */
export function transportCode(error: unknown): string {
  const links = chain(error);
  const chromium = /net::ERR_\w+/.exec(links.map((l) => l.message ?? '').join(' '));
  if (chromium) return chromium[0];
  return [...links].reverse().find((l) => l.code)?.code ?? links.at(-1)?.name ?? 'unknown';
}
