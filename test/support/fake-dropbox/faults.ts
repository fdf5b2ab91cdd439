import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from './http-util';
import type { Fault } from './types';

interface Pending {
  fault: Fault;
  remaining: number;
}

function matches(route: Fault['route'], path: string): boolean {
  if (route === undefined) return true;
  if (route instanceof RegExp) return route.test(path);
  return route === path || `/2/${route}` === path;
}

export class Faults {
  private pending: Pending[] = [];

  add(fault: Fault): void {
    this.pending.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  /** Oldest matching fault first, so tests can queue e.g. a 500 then a 429. */
  take(path: string): Fault | undefined {
    const hit = this.pending.find((p) => p.remaining > 0 && matches(p.fault.route, path));
    if (!hit) return undefined;
    hit.remaining--;
    this.pending = this.pending.filter((p) => p.remaining > 0);
    return hit.fault;
  }
}

export function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
  if (fault.drop) {
    req.socket.destroy();
    return;
  }
  const status = fault.status ?? 500;
  if (fault.body !== undefined) {
    if (typeof fault.body === 'string')
      sendText(res, status, fault.body, { 'Content-Type': fault.contentType ?? 'text/html; charset=utf-8' });
    else sendJson(res, status, fault.body);
    return;
  }
  if (status === 429) {
    const retryAfter = fault.retryAfter ?? 1;
    const headers = { 'Retry-After': String(retryAfter) };
    if (fault.jsonBody === false) {
      sendText(res, 429, 'Too Many Requests', headers);
    } else {
      sendJson(
        res,
        429,
        {
          error_summary: 'too_many_requests/..',
          error: { reason: { '.tag': 'too_many_requests' }, retry_after: retryAfter },
        },
        headers,
      );
    }
    return;
  }
  const headers: Record<string, string> =
    fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
  sendText(
    res,
    status,
    status >= 500
      ? 'Internal Server Error (injected by the fake Dropbox)'
      : `Error ${status} (injected by the fake Dropbox)`,
    headers,
  );
}
