import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDropboxError } from './api-error';
import { DropboxHttp } from './http';
import { createNodeFetch } from './node-fetch';
import { transportReason } from './transport-error';

// A real server answering whatever the test sets, reached through the CLI's real HTTP stack.
let answer: { status: number; headers: Record<string, string>; body: string; drop?: boolean };
let hits = 0;
let server: Server;
let http: DropboxHttp;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => {
      if (answer.drop) return req.socket.destroy();
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  http = new DropboxHttp({
    endpoints: { web: origin, api: origin, content: origin },
    fetchImpl: createNodeFetch({}),
    retry: { baseDelayMs: 1 },
  });
});
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

async function kindOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return classifyDropboxError(error);
  }
}

const json = { 'Content-Type': 'application/json' };
const html = { 'Content-Type': 'text/html; charset=utf-8' };

describe('answers that are not Dropbox’s', () => {
  it.each([
    ['a 200 HTML page (captive portal)', { status: 200, headers: html, body: '<html>Sign in to Wi-Fi</html>' }],
    ['a 200 with no content type', { status: 200, headers: {}, body: '{}' }],
    ['a 200 "JSON" that is not JSON', { status: 200, headers: json, body: '<html>' }],
    ['a redirect to a login page', { status: 302, headers: { Location: 'http://portal.example/login' }, body: '' }],
    ['511 Network Authentication Required', { status: 511, headers: html, body: '<html>' }],
    ['a 401 HTML page', { status: 401, headers: html, body: '<html>Unauthorized</html>' }],
  ])('%s → network-not-dropbox, never revoked', async (_label, a) => {
    answer = a;
    expect(await kindOf(() => http.rpc('users/get_current_account', 'sl.u.x'))).toBe('network-not-dropbox');
    expect(await kindOf(() => http.token({ grant_type: 'refresh_token' }))).toBe('network-not-dropbox');
  });

  it('keeps Dropbox’s own answers as they were', async () => {
    answer = { status: 200, headers: json, body: '{"result":"x"}' };
    await expect(http.rpc('check/user', 'sl.u.x', { query: 'x' })).resolves.toEqual({ result: 'x' });
    answer = { status: 401, headers: json, body: '{"error":{".tag":"invalid_access_token"}}' };
    expect(await kindOf(() => http.rpc('users/get_current_account', 'sl.u.x'))).toBe('token-revoked');
    answer = { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Error in call to API' };
    expect(await kindOf(() => http.rpc('users/get_current_account', 'sl.u.x'))).toBe('dropbox-error');
    answer = { status: 503, headers: html, body: '<html>Down</html>' };
    expect(await kindOf(() => http.rpc('users/get_current_account', 'sl.u.x'))).toBe('dropbox-unavailable');
    answer = { status: 407, headers: html, body: '' };
    expect(await kindOf(() => http.rpc('users/get_current_account', 'sl.u.x'))).toBe('network-proxy-refused');
  });
});

describe('retries', () => {
  it('sends a token request marked `once` a single time, even on a 500 or a dropped connection', async () => {
    for (const a of [
      { status: 500, headers: {}, body: '' },
      { status: 0, headers: {}, body: '', drop: true },
    ]) {
      answer = a;
      hits = 0;
      await expect(http.token({ grant_type: 'authorization_code' }, { once: true })).rejects.toThrow();
      expect(hits).toBe(1);
    }
  });

  it('retries other requests after a 500 or a dropped connection', async () => {
    answer = { status: 0, headers: {}, body: '', drop: true };
    hits = 0;
    expect(await kindOf(() => http.token({ grant_type: 'refresh_token' }))).toBe('network-offline');
    expect(hits).toBe(3);
  });
});

describe('transportReason', () => {
  it('reads the real errors of both stacks', async () => {
    const refused = await createNodeFetch({})('http://127.0.0.1:9/', {
      method: 'GET',
      headers: {},
      signal: AbortSignal.timeout(5000),
      redirect: 'manual',
    }).catch((e: unknown) => e);
    expect(transportReason(refused)).toBe('offline');
    answer = { status: 0, headers: {}, body: '', drop: true };
    const address = server.address() as AddressInfo;
    const dropped = await fetch(`http://127.0.0.1:${address.port}/`).catch((e: unknown) => e);
    expect(transportReason(dropped)).toBe('dropped');
    // Chromium (net.fetch) names its errors in the message.
    expect(transportReason(new Error('net::ERR_PROXY_CONNECTION_FAILED'))).toBe('proxy');
    expect(transportReason(new Error('net::ERR_TUNNEL_CONNECTION_FAILED'))).toBe('proxy');
    expect(transportReason(new Error('net::ERR_CERT_AUTHORITY_INVALID'))).toBe('tls');
    expect(transportReason(new Error('net::ERR_CONNECTION_RESET'))).toBe('dropped');
    expect(transportReason(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('offline');
  });
});
