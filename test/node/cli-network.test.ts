// The networks staff are really on: a mandatory proxy (also one that wants a login or refuses),
// a TLS-inspecting firewall, hotel Wi-Fi. Everything runs for real: the built CLI, a forward
// proxy in this process, the fake Dropbox over HTTP and HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { describeWithKeyring } from '../support/keyring';
import { cliEnv, freePort, runCli, startCli, useFakeDropbox } from '../support/cli';
import { makeInterceptionCertificates, opensslMissingReason } from '../support/tls-cert';

// Resolvable only by the proxy: reaching it proves the request went through the proxy.
const PROXY_ONLY_HOST = 'dropbox.test';

// The proxy tests reach the fake at other addresses too, so they name the origin themselves.
const { fake, appKey } = useFakeDropbox();
let proxy: ForwardProxy;
let port: string;

beforeAll(async () => {
  port = new URL(fake.origin).port;
  proxy = await startForwardProxy({ hosts: { [PROXY_ONLY_HOST]: '127.0.0.1' } });
});
afterAll(() => proxy.close());

async function status(env: NodeJS.ProcessEnv) {
  const r = await runCli(['status', '--json'], env);
  return { code: r.code, json: JSON.parse(r.stdout) as { state: string; problem: string | null } };
}

/** A CLI environment with a pasted token, connected through whatever `extra` says. */
async function connected(origin: string, extra: NodeJS.ProcessEnv = {}) {
  const e = await cliEnv(origin, appKey, extra);
  const r = await runCli(['paste'], e.env, fake.mintAppConsoleToken());
  expect(r.code, r.stderr).toBe(0);
  return e.env;
}

describeWithKeyring('through a forward proxy', () => {
  it('reaches Dropbox only through the proxy named in http_proxy (status, token, paste)', async () => {
    proxy.asked.length = 0;
    const origin = `http://${PROXY_ONLY_HOST}:${port}`;
    const env = await connected(origin, { http_proxy: proxy.url });
    const s = await status(env);
    expect(s.code).toBe(0);
    expect(s.json.state).toBe('connected');
    const t = await runCli(['token'], env);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^sl\.u\./);
    expect(t.stderr).not.toContain('not checked');
    expect(proxy.asked.length).toBeGreaterThanOrEqual(3);
    expect(new Set(proxy.asked)).toEqual(new Set([`${PROXY_ONLY_HOST}:${port}`]));

    // Without the proxy the host does not even resolve.
    const direct = await status({ ...env, http_proxy: undefined });
    expect(direct.json).toMatchObject({ state: 'offline', problem: 'network-offline' });
  });

  it('does not use the proxy for hosts in NO_PROXY, and does for the others', async () => {
    proxy.asked.length = 0;
    const env = await connected(fake.origin, { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect((await status(env)).json.state).toBe('connected');
    expect(proxy.asked).toEqual([]);

    const proxied = await status({ ...env, NO_PROXY: 'example.com' });
    expect(proxied.json.state).toBe('connected');
    expect(proxy.asked).toContain(`127.0.0.1:${port}`);
  });

  it('a proxy asking for a login (407) or refusing is its own message, not "offline" and not revoked', async () => {
    const origin = `http://${PROXY_ONLY_HOST}:${port}`;
    const env = await connected(origin, { http_proxy: proxy.url });
    try {
      for (const mode of ['auth', 'refuse'] as const) {
        proxy.mode = mode;
        const s = await status(env);
        expect(s.code).toBe(1);
        expect(s.json).toMatchObject({ state: 'offline', problem: 'network-proxy-refused' });
        const text = await runCli(['status'], env);
        expect(text.stdout).toContain("Your network's proxy refused the connection");

        const e = await cliEnv(origin, appKey, { http_proxy: proxy.url });
        const paste = await runCli(['paste'], e.env, fake.mintAppConsoleToken());
        expect(paste.code).toBe(1);
        expect(paste.stderr).toContain("Your network's proxy refused the connection");
        expect(paste.stderr).toContain('Ask IT');
        expect(paste.stderr).not.toContain("Can't reach Dropbox");
        expect(paste.stderr).not.toMatch(/407|HTTP_PROXY/);
        expect((await status(e.env)).json.state).toBe('disconnected');
      }
    } finally {
      proxy.mode = 'pass';
    }
    expect((await status(env)).json.state).toBe('connected');
  });

  it('a proxy that is set but not there is the proxy’s problem too', async () => {
    const e = await cliEnv(fake.origin, appKey, {
      HTTPS_PROXY: `http://127.0.0.1:${await freePort()}`,
      HTTP_PROXY: '',
    });
    const r = await runCli(
      ['paste', '--verbose'],
      { ...e.env, HTTP_PROXY: e.env.HTTPS_PROXY },
      fake.mintAppConsoleToken(),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Your network's proxy refused the connection");
    expect(r.stderr).toContain('HTTPS_PROXY');
  });
});

const noOpenssl = opensslMissingReason();
if (noOpenssl) console.warn(`[tls] Skipping the TLS-interception tests: ${noOpenssl}.`);

(noOpenssl ? describe.skip : describeWithKeyring)(
  'a TLS-inspecting firewall (an unknown certificate authority)',
  () => {
    let tlsFake: FakeDropbox;
    let caFile: string;
    let tlsPort: string;

    beforeAll(async () => {
      const certs = makeInterceptionCertificates(['localhost', PROXY_ONLY_HOST, '127.0.0.1']);
      caFile = certs.caFile;
      tlsFake = await startFakeDropbox({ appKey, tls: certs, hostname: 'localhost' });
      tlsPort = new URL(tlsFake.origin).port;
    });
    afterAll(() => tlsFake?.close());

    it('names the interception without NODE_EXTRA_CA_CERTS, and works with it', async () => {
      // The machine's own setting (if any) must not make the root trusted by accident.
      const untrusted = await cliEnv(tlsFake.origin, appKey, { NODE_EXTRA_CA_CERTS: undefined });
      const refused = await runCli(['paste'], untrusted.env, tlsFake.mintAppConsoleToken());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('A security program on your network is intercepting connections');
      expect(refused.stderr).not.toContain('NODE_EXTRA_CA_CERTS');
      expect(refused.stderr).toContain('--verbose');
      const verbose = await runCli(['paste', '--verbose'], untrusted.env, tlsFake.mintAppConsoleToken());
      expect(verbose.stderr).toContain('NODE_EXTRA_CA_CERTS');

      const e = await cliEnv(tlsFake.origin, appKey, { NODE_EXTRA_CA_CERTS: caFile });
      const ok = await runCli(['paste'], e.env, tlsFake.mintAppConsoleToken());
      expect(ok.code, ok.stderr).toBe(0);
      expect((await status(e.env)).json.state).toBe('connected');

      // The same connection, from a shell without the setting: kept, offline-like, never revoked.
      const s = await status({ ...e.env, NODE_EXTRA_CA_CERTS: undefined });
      expect(s.code).toBe(1);
      expect(s.json).toMatchObject({ state: 'offline', problem: 'network-tls-intercepted' });
    });

    it('trusts the extra root through a CONNECT tunnel as well', async () => {
      proxy.asked.length = 0;
      const e = await cliEnv(`https://${PROXY_ONLY_HOST}:${tlsPort}`, appKey, {
        https_proxy: proxy.url,
        NODE_EXTRA_CA_CERTS: caFile,
      });
      const ok = await runCli(['paste'], e.env, tlsFake.mintAppConsoleToken());
      expect(ok.code, ok.stderr).toBe(0);
      expect(proxy.asked).toContain(`${PROXY_ONLY_HOST}:${tlsPort}`);
    });
  },
);

describeWithKeyring('a captive portal (every request answered 200 with an HTML page)', () => {
  it('is never "checked" and never "revoked"; the connection is kept for afterwards', async () => {
    const env = await connected(fake.origin);
    fake.setCaptivePortal(true);
    try {
      const s = await status(env);
      expect(s.code).toBe(1);
      expect(s.json).toMatchObject({ state: 'offline', problem: 'network-not-dropbox' });
      expect((await runCli(['status'], env)).stdout).toContain('maybe a Wi-Fi sign-in page');

      const t = await runCli(['token'], env);
      expect(t.code).not.toBe(0);
      expect(t.stdout).toBe('');
      expect(t.stderr).toContain('maybe a Wi-Fi sign-in page');

      const e = await cliEnv(fake.origin, appKey);
      const paste = await runCli(['paste'], e.env, fake.mintAppConsoleToken());
      expect(paste.code).toBe(1);
      expect(paste.stderr).toContain('maybe a Wi-Fi sign-in page');
      expect((await status(e.env)).json.state).toBe('disconnected');
    } finally {
      fake.setCaptivePortal(false);
    }
    expect((await status(env)).json.state).toBe('connected');
  });
});

describe('the code exchange is sent exactly once', () => {
  const exchanges = () =>
    fake.requests.filter((r) => r.path === '/oauth2/token' && r.body.includes('grant_type=authorization_code'));

  for (const [label, fault] of [
    ['answers 500 after consuming the code', { status: 500 }],
    ['drops the connection after consuming the code', { drop: true }],
  ] as const) {
    describeWithKeyring(label, () => {
      it('says Dropbox had a problem, stores nothing, and never resends the code', async () => {
        const e = await cliEnv(fake.origin, appKey);
        const before = exchanges().length;
        fake.injectFault({ route: '/oauth2/token', afterHandling: true, ...fault });
        const cli = startCli(['connect', '--copy-code', '--no-browser'], e.env);
        const url = (await cli.waitForLine(/\/oauth2\/authorize\?/)).trim();
        const { code } = await fake.approve(url);
        cli.send(`${code}\n`);
        const r = await cli.result;
        fake.clearFaults();
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          /Dropbox had a problem finishing the sign-in\.[\s\S]*Run `dropbox-token-tray connect` again\./,
        );
        expect(r.stderr).not.toMatch(/500|UND_ERR|ECONNRESET/);
        expect(r.stderr).not.toContain('That code did not work');
        expect(exchanges().length - before).toBe(1);
        expect((await status(e.env)).json.state).toBe('disconnected');
      });
    });
  }

  describeWithKeyring('renewal', () => {
    it('may still retry a refresh after a server error', async () => {
      const e = await cliEnv(fake.origin, appKey);
      fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
      const cli = startCli(['connect', '--copy-code', '--no-browser'], e.env);
      const { code } = await fake.approve((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
      cli.send(`${code}\n`);
      expect((await cli.result).code).toBe(0);
      fake.expireAccessTokens();
      const refreshes = () => fake.requests.filter((r) => r.body.includes('grant_type=refresh_token')).length;
      const before = refreshes();
      fake.injectFault({ route: '/oauth2/token', status: 500 });
      const s = await status(e.env);
      expect(s.json.state).toBe('connected');
      expect(refreshes() - before).toBe(2);
    });
  });
});
