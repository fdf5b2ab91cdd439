import { DropboxApiError, DropboxNetworkError, isTransient } from './api-error';
import type { DropboxEndpoints } from './endpoints';

export interface RetryPolicy {
  /** Tries in all, including the first. */
  attempts: number;
  baseDelayMs: number;
  /** A 429 asking us to wait longer than this is not waited for: we report "rate limited". */
  maxRetryAfterSec: number;
}

export interface HttpOptions {
  endpoints: DropboxEndpoints;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxRetryAfterSec: 10 };

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The few HTTP shapes Dropbox uses: RPC (JSON in/out), content (args in a header), and the OAuth token form. */
export class DropboxHttp {
  readonly endpoints: DropboxEndpoints;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: HttpOptions) {
    this.endpoints = opts.endpoints;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** RPC route with JSON arguments; `undefined` args sends no body and no Content-Type, as Dropbox allows. */
  async rpc<T>(route: string, token: string, args?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (args !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(args);
    }
    const res = await this.send(`${this.endpoints.api}/2/${route}`, { method: 'POST', headers, body });
    return (res.text ? JSON.parse(res.text) : null) as T;
  }

  /** Content route: arguments travel as ASCII-escaped JSON in the Dropbox-API-Arg header. */
  async content(route: string, token: string, args: unknown): Promise<RawResponse> {
    const arg = JSON.stringify(args).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return this.send(`${this.endpoints.content}/2/${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Dropbox-API-Arg': arg },
    });
  }

  /** POST /oauth2/token with a form body (no secret, ever). */
  async token<T>(params: Record<string, string>): Promise<T> {
    const res = await this.send(`${this.endpoints.api}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    return JSON.parse(res.text) as T;
  }

  /**
   * GET a web page as a browser without cookies would (the App Console pre-check). Any status is
   * an answer; only failing to reach the host throws. No retries: it is advisory.
   */
  async page(url: string): Promise<{ status: number; text: string }> {
    try {
      const response = await this.fetchImpl(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'manual' });
      return { status: response.status, text: (await response.text()).slice(0, 100_000) };
    } catch (error) {
      throw new DropboxNetworkError(`Could not reach ${new URL(url).host}`, { cause: error });
    }
  }

  private async send(url: string, init: RequestInit): Promise<RawResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(url, init);
      } catch (error) {
        const delay = this.retryDelay(error, attempt);
        if (delay === undefined) throw error;
        await this.sleep(delay);
      }
    }
  }

  private retryDelay(error: unknown, attempt: number): number | undefined {
    if (attempt >= this.retry.attempts || !isTransient(error)) return undefined;
    if (error instanceof DropboxApiError && error.status === 429) {
      const after = error.extra.retryAfterSec ?? 1;
      return after > this.retry.maxRetryAfterSec ? undefined : after * 1000;
    }
    const backoff = this.retry.baseDelayMs * 2 ** (attempt - 1);
    return backoff / 2 + Math.random() * (backoff / 2);
  }

  private async once(url: string, init: RequestInit): Promise<RawResponse> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new DropboxNetworkError(`Could not reach ${new URL(url).host} (${cause})`, { cause: error });
    }
    if (response.status >= 200 && response.status < 300)
      return { status: response.status, headers: response.headers, text };
    throw parseError(response.status, response.headers, text);
  }
}

export function parseError(status: number, headers: Headers, text: string): DropboxApiError {
  const retryHeader = Number.parseInt(headers.get('retry-after') ?? '', 10);
  let tag: string | undefined;
  let requiredScope: string | undefined;
  let description: string | undefined;
  let retryAfterSec = Number.isFinite(retryHeader) ? retryHeader : undefined;
  if ((headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = JSON.parse(text) as { error?: unknown; error_description?: string; retry_after?: number };
      if (typeof body.error === 'string') tag = body.error;
      else if (body.error && typeof body.error === 'object') {
        const err = body.error as { '.tag'?: string; required_scope?: string; reason?: { '.tag'?: string } };
        tag = err['.tag'] ?? err.reason?.['.tag'];
        requiredScope = err.required_scope;
      }
      description = body.error_description;
      retryAfterSec ??= body.retry_after;
    } catch {
      // Not JSON after all: keep the text for classification.
    }
  }
  if (status === 429) tag ??= 'too_many_requests';
  return new DropboxApiError(status, tag, text.slice(0, 500), { requiredScope, retryAfterSec, description });
}
