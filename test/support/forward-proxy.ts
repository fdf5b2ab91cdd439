// A real forward proxy for tests, like the one staff sit behind at work: HTTPS through CONNECT
// tunnels, plain HTTP through absolute-URI requests. It alone knows the made-up host names in
// `hosts` (mapped to 127.0.0.1), so a client that reaches such a host must have come through it.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export type ProxyMode =
  /** Pass everything on. */
  | 'pass'
  /** Ask for a login: 407 with Proxy-Authenticate, as corporate proxies do. */
  | 'auth'
  /** Refuse by policy: 403. */
  | 'refuse';

export interface ForwardProxy {
  url: string;
  /** Every `host:port` a client asked for, in order. */
  asked: string[];
  mode: ProxyMode;
  close(): Promise<void>;
}

const REFUSALS: Record<Exclude<ProxyMode, 'pass'>, string> = {
  auth: 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="Corp proxy"\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  refuse: 'HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
};

export async function startForwardProxy(opts: {
  hosts: Record<string, string>;
  mode?: ProxyMode;
}): Promise<ForwardProxy> {
  const sockets = new Set<Socket>();
  const resolve = (host: string): string => opts.hosts[host.toLowerCase()] ?? host;
  const proxy: ForwardProxy = { url: '', asked: [], mode: opts.mode ?? 'pass', close: async () => {} };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Absolute-URI form: "GET http://dropbox.test:1234/2/users/get_current_account HTTP/1.1".
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('This is a proxy: send an absolute URL.');
      return;
    }
    proxy.asked.push(target.host);
    if (proxy.mode !== 'pass') {
      req.socket.end(REFUSALS[proxy.mode]);
      return;
    }
    const upstream = request(
      {
        host: resolve(target.hostname),
        port: target.port || 80,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502, { 'Content-Type': 'text/plain' }).end('Bad gateway'));
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const [host = '', port = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
    proxy.asked.push(`${host}:${port}`);
    if (proxy.mode !== 'pass') {
      client.end(REFUSALS[proxy.mode]);
      return;
    }
    const upstream = connect(Number(port), resolve(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      server.close(() => done());
    });
  return proxy;
}
