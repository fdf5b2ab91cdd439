import { DropboxApiError, DropboxNetworkError, isTransient, NotDropboxAnswerError } from './api-error';
import { parseJson, requireDropboxShape, type Expect } from './answer-shape';
import type { DropboxEndpoints } from './endpoints';
import { transportCode, transportReason } from './transport-error';

/**
 * The small HTTP interface the core needs. The CLI passes undici with the environment's proxy
 * and CA settings (./node-fetch), the tray passes Electron's net.fetch (Chromium's stack).
 */
export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  signal: AbortSignal;
  redirect: 'manual';
}
export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: HttpRequest) => Promise<HttpAnswer>;

export interface RetryPolicy {
  /** Tries in all, including the first. */
  attempts: number;
  baseDelayMs: number;
  /** A 429 asking us to wait longer than this is not waited for: we report "rate limited". */
  maxRetryAfterSec: number;
}

export interface HttpOptions {
  endpoints: DropboxEndpoints;
  fetchImpl?: FetchLike;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxRetryAfterSec: 10 };

interface RawResponse {
  status: number;
  headers: HttpAnswer['headers'];
  text: string;
}

/** The few HTTP shapes Dropbox uses: RPC (JSON in/out), content (args in a header), and the OAuth token form. */
export class DropboxHttp {
  readonly endpoints: DropboxEndpoints;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: HttpOptions) {
    this.endpoints = opts.endpoints;
    this.fetchImpl = opts.fetchImpl ?? ((url, init) => fetch(url, init));
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
    const res = await this.send(`${this.endpoints.api}/2/${route}`, { method: 'POST', headers, body }, 'json');
    return parseJson(res.text, res.status, res.headers.get('content-type') ?? '') as T;
  }

  /** Content route: arguments travel as ASCII-escaped JSON in the Dropbox-API-Arg header. */
  async content(route: string, token: string, args: unknown): Promise<RawResponse> {
    const arg = JSON.stringify(args).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return this.send(
      `${this.endpoints.content}/2/${route}`,
      { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Dropbox-API-Arg': arg } },
      'any',
    );
  }

  /**
   * POST /oauth2/token with a form body (no secret, ever). `once`: send it a single time, whatever
   * happens — an authorization code is single-use, and Dropbox may have consumed it before failing.
   */
  async token<T>(params: Record<string, string>, opts: { once?: boolean } = {}): Promise<T> {
    const res = await this.send(
      `${this.endpoints.api}/oauth2/token`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      },
      'json',
      opts.once ? 1 : this.retry.attempts,
    );
    const value = parseJson(res.text, res.status, res.headers.get('content-type') ?? '');
    if (!value || typeof value !== 'object') throw new NotDropboxAnswerError(res.status, 'not a JSON object');
    return value as T;
  }

  /**
   * GET a web page as a browser without cookies would (the App Console pre-check). Any status is
   * an answer; only failing to reach the host throws. No retries: it is advisory.
   */
  async page(url: string): Promise<{ status: number; text: string }> {
    try {
      const response = await this.fetchImpl(url, {
        method: 'GET',
        headers: {},
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      return { status: response.status, text: (await response.text()).slice(0, 100_000) };
    } catch (error) {
      throw new DropboxNetworkError(`Could not reach ${new URL(url).host}`, { cause: error });
    }
  }

  private async send(
    url: string,
    init: Pick<HttpRequest, 'method' | 'headers' | 'body'>,
    expect: Expect,
    attempts = this.retry.attempts,
  ): Promise<RawResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(url, init, expect);
      } catch (error) {
        const delay = attempt >= attempts ? undefined : this.retryDelay(error, attempt);
        if (delay === undefined) throw error;
        await this.sleep(delay);
      }
    }
  }

  private retryDelay(error: unknown, attempt: number): number | undefined {
    if (!isTransient(error)) return undefined;
    if (error instanceof DropboxApiError && error.status === 429) {
      const after = error.extra.retryAfterSec ?? 1;
      return after > this.retry.maxRetryAfterSec ? undefined : after * 1000;
    }
    const backoff = this.retry.baseDelayMs * 2 ** (attempt - 1);
    return backoff / 2 + Math.random() * (backoff / 2);
  }

  private async once(
    url: string,
    init: Pick<HttpRequest, 'method' | 'headers' | 'body'>,
    expect: Expect,
  ): Promise<RawResponse> {
    let response: HttpAnswer;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      throw new DropboxNetworkError(
        `Could not reach ${new URL(url).host} (${transportCode(error)})`,
        { cause: error },
        transportReason(error),
      );
    }
    const { status, headers } = response;
    requireDropboxShape(status, headers.get('content-type') ?? '', expect);
    if (status >= 200 && status < 300) return { status, headers, text };
    throw parseError(status, headers, text);
  }
}

export function parseError(status: number, headers: HttpAnswer['headers'], text: string): DropboxApiError {
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
