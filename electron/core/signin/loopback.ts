import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRODUCT_NAME } from '../../shared/app-identity';
import { DttError, toDttError } from '../errors';
import { callbackPage } from './callback-page';
import { sanitizeRemoteText } from './remote-text';

/**
 * How connecting went, for the tab. `problem`: connected, but not usable yet (the app lacks a
 * permission), so the tab must not say "Connected".
 */
export type CodeOutcome = { ok: true; message: string; problem?: DttError } | { ok: false; error: DttError };

export interface LoopbackOptions {
  port: number;
  state: string;
  timeoutMs: number;
  /** Runs while the browser tab waits, so the tab can say whether connecting really worked. */
  onCode: (code: string) => Promise<CodeOutcome>;
}

export interface LoopbackHandle {
  redirectUri: string;
  /** Resolves with onCode's message; rejects with a DttError (denied, timeout, cancelled, or onCode's error). */
  result: Promise<string>;
  cancel(): void;
}

const MAX_HEADER_BYTES = 8 * 1024;

/** Only a plain GET of a path on this host is a candidate; anything else is null (→ 400). */
function parseRequestUrl(req: http.IncomingMessage): URL | null {
  if (req.method !== 'GET') return null;
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Dropbox's `error` picks our words; its free-text description is kept, cleaned, for "More info" only. */
function callbackError(error: string, description: string | null): DttError {
  const kind = error === 'access_denied' ? 'signin-denied' : 'signin-dropbox-error';
  const info = sanitizeRemoteText(`${error}${description ? `: ${description}` : ''}`);
  return new DttError(kind, undefined, { moreInfo: `Dropbox said: ${info}` });
}

/**
 * The browser tab shows what happened, never a next step of its own: whoever started the sign-in
 * (the window or a command) gives the action in its own terms, so the page only sends people back.
 */
function pageNext(error: DttError): string {
  return `${error.textFor('window').explanation} Go back to ${PRODUCT_NAME} (or your terminal) to see what to do next.`;
}

export function redirectUriFor(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}

/**
 * One-shot redirect receiver on 127.0.0.1 only (never all interfaces). It closes after the first
 * callback carrying our `state`, on cancel, or on timeout; a callback with the wrong state is
 * answered and ignored, and the flow keeps waiting.
 */
export async function startLoopback(opts: LoopbackOptions): Promise<LoopbackHandle> {
  let settle!: { resolve: (m: string) => void; reject: (e: DttError) => void };
  const result = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  let busy = false;
  let done = false;

  const send = (res: http.ServerResponse, status: number, title: string, message: string, ok = false) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    res.end(callbackPage(title, message, ok));
  };
  const badRequest = (res: http.ServerResponse) =>
    send(res, 400, 'Not a sign-in', 'This address only receives the Dropbox sign-in.');

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = parseRequestUrl(req);
    if (!url) return badRequest(res);
    if (url.pathname !== '/callback')
      return send(res, 404, 'Not found', 'This address only receives the Dropbox sign-in.');
    if (url.searchParams.get('state') !== opts.state) {
      return send(
        res,
        400,
        'This sign-in did not come from this app',
        `Go back to the tab ${PRODUCT_NAME} opened, or start again from the app.`,
      );
    }
    if (busy || done)
      return send(res, 409, 'Already handled', 'This sign-in was already received. You can close this tab.');
    busy = true;
    const error = url.searchParams.get('error');
    if (error) {
      const err = callbackError(error, url.searchParams.get('error_description'));
      send(res, 200, err.title, pageNext(err));
      return finish(() => settle.reject(err));
    }
    const code = url.searchParams.get('code');
    if (!code) {
      busy = false;
      return send(res, 400, 'Something is missing', 'Dropbox did not send a sign-in code. Start again from the app.');
    }
    opts.onCode(code).then(
      (outcome) => {
        if (outcome.ok && outcome.problem) {
          send(res, 200, outcome.problem.title, `${outcome.message} ${pageNext(outcome.problem)}`);
          finish(() => settle.resolve(outcome.message));
        } else if (outcome.ok) {
          send(res, 200, 'Connected — you can close this tab', outcome.message, true);
          finish(() => settle.resolve(outcome.message));
        } else {
          send(res, 200, outcome.error.title, pageNext(outcome.error));
          finish(() => settle.reject(outcome.error));
        }
      },
      (unexpected: unknown) => {
        const err = toDttError(unexpected);
        send(res, 500, err.title, pageNext(err));
        finish(() => settle.reject(err));
      },
    );
  };

  // Any web page can make the browser send anything here (an <img> is enough): nothing a request
  // carries may end the sign-in, so every odd request gets a 400 and the wait goes on.
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) badRequest(res);
      else res.destroy();
    }
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const timer = setTimeout(() => finish(() => settle.reject(new DttError('signin-timeout'))), opts.timeoutMs);
  function finish(then: () => void): void {
    if (done) return;
    done = true;
    clearTimeout(timer);
    server.close();
    // Browsers keep connections alive; without this the port stays held until they let go.
    setImmediate(() => server.closeAllConnections());
    then();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new DttError('port-busy', `port ${opts.port} on 127.0.0.1 is in use`)
          : new DttError('internal', `could not listen on 127.0.0.1:${opts.port}: ${error.message}`),
      );
    });
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: redirectUriFor(port),
    result,
    cancel: () => finish(() => settle.reject(new DttError('signin-cancelled'))),
  };
}

/** For the doctor: can we bind the redirect port right now? */
export async function isPortFree(port: number): Promise<boolean> {
  const server = http.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
