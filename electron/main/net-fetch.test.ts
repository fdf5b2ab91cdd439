import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNet } from '../../test/support/electron-standin/app-modules';
import { newContext } from '../../test/support/electron-standin/context';
import { classifyDropboxError } from '../core/dropbox/api-error';
import { DropboxHttp } from '../core/dropbox/http';
import { electronNetFetch } from './net-fetch';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/2/portal')) return res.writeHead(302, { Location: 'http://portal.example/' }).end();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"result":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

describe('electronNetFetch on the stand-in net module', () => {
  const ctx = newContext(() => Promise.reject(new Error('no browser needed')), process.platform);
  const http = () =>
    new DropboxHttp({
      endpoints: { web: origin, api: origin, content: origin },
      fetchImpl: electronNetFetch(createNet(ctx)),
    });

  it('carries Dropbox requests through net.fetch', async () => {
    await expect(http().rpc('check/user', 'sl.u.x', { query: 'x' })).resolves.toEqual({ result: 'x' });
    expect(ctx.netFetches).toEqual([`${origin}/2/check/user`]);
  });

  it("turns Electron's cancelled redirect into a redirect answer: not Dropbox's, never revoked", async () => {
    const error = await http()
      .rpc('portal', 'sl.u.x')
      .catch((e: unknown) => e);
    expect(classifyDropboxError(error)).toBe('network-not-dropbox');
  });
});
