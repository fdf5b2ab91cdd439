import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { TokenTrayService } from '../../electron/core/service';
import { describeWithKeyring, uniqueService } from '../support/keyring';
import { freePort, useFakeDropbox } from '../support/cli';

const { fake, appKey } = useFakeDropbox();

async function connectedService(): Promise<{ service: TokenTrayService; env: NodeJS.ProcessEnv }> {
  const port = await freePort();
  fake.registerRedirect(`http://127.0.0.1:${port}/callback`);
  const env = {
    DTT_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dtt-renew-')),
    DTT_KEYCHAIN_SERVICE: uniqueService('renewal'),
    DTT_DROPBOX_ORIGIN: fake.origin,
    DTT_APP_KEY: appKey,
    DTT_REDIRECT_PORT: String(port),
  };
  const service = new TokenTrayService({ env, retry: { baseDelayMs: 10 } });
  const signIn = await service.startBrowserSignIn();
  const { location } = await fake.approve(signIn.url);
  await fetch(location!);
  await signIn.result;
  return { service, env };
}

const refreshCalls = () =>
  fake.requests.filter(
    (r) => r.path === '/oauth2/token' && /grant_type=refresh_token/.test(r.body + JSON.stringify(r.query)),
  ).length;

describeWithKeyring('renewal', () => {
  it('callers at the same moment share one refresh', async () => {
    const { service } = await connectedService();
    const before = refreshCalls();
    const old = await service.UNSAFE_accessToken();
    const tokens = await Promise.all(
      Array.from({ length: 6 }, () => service['credentials'].accessToken({ forceRefresh: true })),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
    expect(refreshCalls() - before).toBe(1);
    await service.disconnect();
  });

  it('renews before expiry by our clock, without waiting for Dropbox to refuse', async () => {
    const { service } = await connectedService();
    const access = (await service['vault'].getAccess())!;
    await service['vault'].setAccess({ token: access.token, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const before = refreshCalls();
    const fresh = await service.UNSAFE_accessToken();
    expect(fresh).not.toBe(access.token);
    expect(refreshCalls() - before).toBe(1);
    expect(Date.parse(service.status().accessTokenExpiresAt!) - Date.now()).toBeGreaterThan(3 * 3600_000);
    await service.disconnect();
  });

  it('a network error while renewing keeps everything and means offline, never revoked', async () => {
    const { service, env } = await connectedService();
    const access = (await service['vault'].getAccess())!;
    const refresh = await service['vault'].getRefresh();
    await service['vault'].setAccess({ token: access.token, expiresAt: new Date(Date.now() - 1000).toISOString() });
    const cut = new TokenTrayService({
      env: { ...env, DTT_DROPBOX_ORIGIN: 'http://127.0.0.1:9' },
      retry: { attempts: 1 },
    });
    const status = await cut.check();
    expect(status.state).toBe('offline');
    expect(status.problem).toBe('network-offline');
    expect(await cut['vault'].getRefresh()).toBe(refresh);
    expect((await cut['vault'].getAccess())!.token).toBe(access.token);
    // Back online, the same stored credentials work again.
    expect((await service.check()).state).toBe('connected');
    await service.disconnect();
  });

  it('invalid_grant from renewal means "reconnect"', async () => {
    const { service } = await connectedService();
    fake.revokeAll();
    await expect(service['credentials'].accessToken({ forceRefresh: true })).rejects.toMatchObject({
      kind: 'token-revoked',
    });
    expect((await service.check()).state).toBe('revoked');
  });

  it('a renewal Dropbox answers after a disconnect elsewhere (the CLI) keeps nothing', async () => {
    const { service, env } = await connectedService();
    fake.injectFault({ route: '/oauth2/token', delayMs: 800, afterHandling: true });
    const renewing = service['credentials'].renew().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await new TokenTrayService({ env, retry: { baseDelayMs: 10 } }).disconnect();
    await expect(renewing).resolves.toMatchObject({ kind: 'not-connected' });
    expect((await service['vault'].getAccess()) ? 'a token' : 'nothing').toBe('nothing');
    expect(service.status().state).toBe('disconnected');
  });

  it('a renewal Dropbox answers after a reconnect elsewhere leaves the new connection its own token', async () => {
    const { service, env } = await connectedService();
    fake.injectFault({ route: '/oauth2/token', delayMs: 800, afterHandling: true });
    const renewing = service['credentials'].renew().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const other = new TokenTrayService({ env, retry: { baseDelayMs: 10 } });
    await other.pasteToken(fake.mintAppConsoleToken());
    const fresh = (await other['vault'].getAccess())!.token;
    await expect(renewing).resolves.toMatchObject({ kind: 'not-connected' });
    expect((await service['vault'].getAccess())?.token === fresh).toBe(true);
    await other.disconnect();
  });
});
