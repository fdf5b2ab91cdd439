import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from './http-util';
import { randomChars, type FakeState } from './state';

interface Ctx {
  s: FakeState;
  token: string;
}

type Outcome = { status: number; body: unknown } | { badRequest: string };

interface RouteDef {
  /** 'download' routes take their argument in the Dropbox-API-Arg header and want an empty body. */
  style: 'rpc' | 'download';
  scope?: string;
  run(arg: unknown, ctx: Ctx): Outcome;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const validPath = (p: unknown): p is string =>
  typeof p === 'string' && /^(\/.*|id:.+|rev:[0-9a-f]{9,}|ns:[0-9]+(\/.*)?)$/s.test(p);

const ROUTES: Record<string, RouteDef> = {
  'users/get_current_account': {
    style: 'rpc',
    scope: 'account_info.read',
    run: (_a, { s }) => ({ status: 200, body: s.accountJson() }),
  },
  'check/user': {
    style: 'rpc',
    run: (a) => {
      const query = isObj(a) ? (a.query ?? '') : '';
      if (typeof query !== 'string') return { badRequest: 'request body: query: expected string' };
      return { status: 200, body: { result: query } };
    },
  },
  'auth/token/revoke': {
    style: 'rpc',
    run: (_a, { s, token }) => {
      s.revokeAccessToken(token);
      return { status: 200, body: null };
    },
  },
  'files/download': {
    style: 'download',
    scope: 'files.content.read',
    run: (a) => {
      if (!isObj(a) || !('path' in a))
        return { badRequest: 'HTTP header "Dropbox-API-Arg": missing required field \'path\'' };
      if (!validPath(a.path))
        return { badRequest: `HTTP header "Dropbox-API-Arg": path: '${String(a.path)}' did not match pattern` };
      // The fake Dropbox is empty: every download is a route error, which is what the read probe expects.
      return {
        status: 409,
        body: { error_summary: 'path/not_found/..', error: { '.tag': 'path', path: { '.tag': 'not_found' } } },
      };
    },
  },
  'files/get_temporary_upload_link': {
    style: 'rpc',
    scope: 'files.content.write',
    run: (a, { s }) => {
      const info = isObj(a) ? a.commit_info : undefined;
      if (!isObj(info) || !('path' in info))
        return { badRequest: "request body: commit_info: missing required field 'path'" };
      if (!validPath(info.path))
        return { badRequest: `request body: commit_info: path: '${String(info.path)}' did not match pattern` };
      return { status: 200, body: { link: `${s.origin}/upload/${randomChars(22)}` } };
    },
  },
};

const RPC_CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain; charset=dropbox-cors-hack',
];

/** Shapes Dropbox itself could have issued; anything else is "malformed" (400) rather than "invalid" (401). */
function plausibleToken(t: string): boolean {
  return /^sl\.u\.[A-Za-z0-9_-]{200,}$/.test(t) || /^sl\.[A-Za-z0-9_-]{100,}$/.test(t) || /^[A-Za-z0-9_-]{64}$/.test(t);
}

function unauthorized(res: ServerResponse, error: Record<string, string>): void {
  sendJson(
    res,
    401,
    { error_summary: `${error['.tag']}/..`, error },
    { 'WWW-Authenticate': 'Bearer realm="Dropbox-API"' },
  );
}

export function handleRpc(req: IncomingMessage, path: string, body: string, res: ServerResponse, s: FakeState): void {
  const route = path.slice('/2/'.length);
  const bad = (msg: string) => sendText(res, 400, `Error in call to API function "${route}": ${msg}`);
  const def = ROUTES[route];
  if (!def) return sendText(res, 400, `Unknown API function: "${route}"`);
  if (req.method !== 'POST')
    return sendText(res, 405, `Error in call to API function "${route}": Method not allowed; use POST.`);

  const contentType = req.headers['content-type'];
  if (def.style === 'rpc') {
    const ct = (contentType ?? '')
      .trim()
      .toLowerCase()
      .replace(/\s*;\s*/g, '; ');
    const ok = contentType === undefined ? body.length === 0 : RPC_CONTENT_TYPES.includes(ct);
    if (!ok) {
      return bad(
        `Bad HTTP "Content-Type" header: "${contentType ?? ''}".  Expecting one of "application/json", "application/json; charset=utf-8", "text/plain; charset=dropbox-cors-hack".`,
      );
    }
  } else if (body.length > 0) {
    return bad(`The request body is supposed to be empty, but it isn't; got "${body.slice(0, 100)}"`);
  }

  const auth = req.headers.authorization;
  if (auth === undefined) return bad('Must provide HTTP header "Authorization" or URL parameter "authorization".');
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m?.[1])
    return bad('Invalid authorization value in HTTP header "Authorization". Expecting "Bearer <oauth2-access-token>".');
  const token = m[1];
  const rec = s.access.get(token);
  if (!rec) {
    if (!plausibleToken(token)) return bad('The given OAuth 2 access token is malformed.');
    return unauthorized(res, { '.tag': 'invalid_access_token' });
  }
  if (rec.expiresAt !== null && rec.expiresAt <= Date.now())
    return unauthorized(res, { '.tag': 'expired_access_token' });
  // The App Console setting is checked before the token's own grant, as Dropbox does.
  if (def.scope && !s.appScopes.includes(def.scope)) {
    return bad(
      `Your app is not permitted to access this endpoint because it does not have the required scope '${def.scope}'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.`,
    );
  }
  if (def.scope && !rec.scopes.includes(def.scope))
    return unauthorized(res, { '.tag': 'missing_scope', required_scope: def.scope });

  const header = req.headers['dropbox-api-arg'];
  const rawArg =
    def.style === 'download'
      ? typeof header === 'string'
        ? header
        : new URL(req.url ?? '/', 'http://x').searchParams.get('arg')
      : body;
  if (rawArg === null) return bad('Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".');
  let arg: unknown = null;
  // A declared JSON body must be JSON: Content-Type application/json with an empty body is a 400 at Dropbox.
  if (def.style === 'download' || contentType !== undefined) {
    try {
      arg = JSON.parse(rawArg);
    } catch {
      return bad(
        def.style === 'download'
          ? 'HTTP header "Dropbox-API-Arg": could not decode input as JSON'
          : 'request body: could not decode input as JSON',
      );
    }
  }
  const out = def.run(arg, { s, token });
  if ('badRequest' in out) return bad(out.badRequest);
  sendJson(res, out.status, out.body);
}
