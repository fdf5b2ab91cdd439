import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { errorText } from '../../electron/shared/error-catalog';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { describeWithKeyring } from '../support/keyring';
import { closeBrowsers, launchApp, type AppUnderTest } from '../support/launch-app';
import { tempProject } from '../support/projects';
import { connectFromTray, allowInBrowser, leaks, nextOpenedUrl, until } from './support';

// The tray app end to end: real core, real keychain, the fake Dropbox, real Chromium for the
// window and for the user's browser. Ticks are explicit, so "after one tick" means one check.

const APP_KEY = 'e2eappkey1234567';
const REVOKED_TITLE = `${errorText('token-revoked', 'window').title}.`;
let fake: FakeDropbox;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  fake.clearFaults();
});
afterAll(async () => {
  await closeBrowsers();
  await fake?.close();
});

async function start(): Promise<AppUnderTest> {
  app = await launchApp({ fake, appKey: APP_KEY });
  return app;
}

describeWithKeyring('tray app', () => {
  it('connects from the tray menu through the browser sign-in', async () => {
    const a = await start();
    expect((await a.tray()).iconName).toBe('disconnected');
    await until(() => a.windowVisible(), 'the window to open on a first run');

    const url = new URL(await connectFromTray(a));
    expect(url.origin).toBe(fake.origin);
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${a.env.DTT_REDIRECT_PORT}/callback`);

    const tray = await a.tray();
    expect(tray.iconName).toBe('normal');
    expect(tray.tooltip).toBe('Dropbox Token Tray — Connected as Dana Okafor');
    expect(tray.menu[0]).toMatchObject({ id: 'header', label: 'Connected as Dana Okafor', enabled: false });
    expect(await a.menuIds()).not.toContain('connect');
    const started = (await a.ipcLog()).find((e) => e.kind === 'event' && e.channel === 'dtt:signin-started');
    expect(started?.payload).toMatchObject({ url: url.toString() });
    const finished = (await a.ipcLog()).find((e) => e.kind === 'event' && e.channel === 'dtt:signin-finished');
    expect(finished?.payload).toMatchObject({
      ok: true,
      result: { account: { name: 'Dana Okafor' }, method: 'oauth' },
    });
  });

  it('notices a revocation on the next check, notifies once, and reconnects from the notification', async () => {
    const a = await start();
    await connectFromTray(a);
    fake.revokeAll();

    expect((await a.tick()).state).toBe('revoked');
    expect((await a.tray()).iconName).toBe('disconnected');
    expect((await a.notifications()).map((n) => n.title)).toEqual([REVOKED_TITLE]);
    await a.tick();
    await a.tick();
    expect(await a.notifications()).toHaveLength(1);

    const before = (await a.openedUrls()).length;
    await a.clickNotification(0);
    const again = new URL(await nextOpenedUrl(a, before));
    expect(again.pathname).toBe('/oauth2/authorize');
    expect(again.searchParams.get('state')).not.toBe(new URL((await a.openedUrls())[0]!).searchParams.get('state'));
  });

  it('reconnecting rewrites keep-in-sync projects and says so', async () => {
    const a = await start();
    const dir = tempProject({ '.env': 'OTHER=kept\nDROPBOX_ACCESS_TOKEN=\n' });
    a.service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }], { keepInSync: true });
    await connectFromTray(a);
    const first = await a.service.UNSAFE_accessToken();
    await until(
      async () => readFileSync(path.join(dir, '.env'), 'utf8').includes(first),
      'the project to get the first token',
    );
    // The notification follows the write; wait for it so the indexes below are stable.
    await until(
      async () => (await a.notifications()).some((n) => n.title === '1 project updated'),
      'the first "project updated" notification',
    );
    const shownAfterConnect = (await a.notifications()).length;

    fake.revokeAll();
    await a.tick();
    const before = (await a.openedUrls()).length;
    const revoked = (await a.notifications()).findIndex((n) => n.title === REVOKED_TITLE);
    expect(revoked).toBe(shownAfterConnect);
    await a.clickNotification(revoked);
    await allowInBrowser(a, await nextOpenedUrl(a, before));
    await until(async () => (await a.tray()).iconName === 'normal', 'the tray to show the connection again');

    const second = await a.service.UNSAFE_accessToken();
    expect(second).not.toBe(first);
    const env = await until(async () => {
      const text = readFileSync(path.join(dir, '.env'), 'utf8');
      return text.includes(second) && text;
    }, 'the project to get the new token');
    expect(env).toBe(`OTHER=kept\nDROPBOX_ACCESS_TOKEN=${second}\n`);
    const titles = (
      await until(async () => {
        const all = await a.notifications();
        return all.length > shownAfterConnect + 1 && all;
      }, 'a notification after the reconnect')
    ).map((n) => n.title);
    expect(titles.slice(shownAfterConnect)).toEqual([REVOKED_TITLE, '1 project updated']);
  });

  it('treats an unreachable or failing Dropbox as offline, without a revocation notice', async () => {
    const a = await start();
    await connectFromTray(a);
    const faults = [{ drop: true }, { status: 500 }, { status: 429, retryAfter: 120 }];
    for (const fault of faults) {
      fake.clearFaults();
      fake.injectFault({ ...fault, times: Infinity });
      expect((await a.tick()).state, JSON.stringify(fault)).toBe('offline');
      expect((await a.tray()).iconName).toBe('attention');
    }
    fake.clearFaults();
    expect((await a.tick()).state).toBe('connected');
    expect((await a.tray()).iconName).toBe('normal');
    // Being unreachable says nothing about the credentials: no notification of any kind.
    expect(await a.notifications()).toEqual([]);
  });

  it('checks again when the machine wakes up', async () => {
    const a = await start();
    await connectFromTray(a);
    fake.revokeAll();
    await a.emitPowerMonitor('resume');
    await until(async () => (await a.tray()).iconName === 'disconnected', 'the wake-up check to find the revocation');
    expect((await a.notifications()).map((n) => n.title)).toEqual([REVOKED_TITLE]);
  });

  it('warns once when a pasted token is about to expire', async () => {
    const a = await start();
    const token = fake.mintAppConsoleToken({ expiresInSec: 20 * 60 });
    const page = await a.page();
    const pasted = await page.evaluate(
      ([t]) =>
        (window as unknown as { dtt: { pasteToken(t: string, m: number): Promise<{ ok: boolean }> } }).dtt.pasteToken(
          t,
          20,
        ),
      [token] as const,
    );
    expect(pasted.ok).toBe(true);

    await a.tick();
    const shown = await a.notifications();
    expect(shown.map((n) => n.title)).toEqual([
      expect.stringMatching(/^Your pasted Dropbox token stops working in (19|20) min$/),
    ]);
    expect((await a.tray()).iconName).toBe('attention');
    await a.tick();
    expect(await a.notifications()).toHaveLength(1);
  });

  it('a sign-in started from the tray with no window shows the Waiting screen once it opens', async () => {
    app = await launchApp({ fake, appKey: APP_KEY, startHidden: true });
    expect(await app.windowVisible()).toBe(false);
    await app.clickMenu('connect');
    const page = await app.page();
    await page.getByRole('heading', { name: 'Finish in your browser' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Connect Dropbox' }).waitFor({ timeout: 10_000 });
  });

  it('shows the window when the app is started a second time', async () => {
    const a = await start();
    await until(() => a.windowVisible(), 'the first-run window');
    await a.closeWindow();
    expect(await a.windowVisible()).toBe(false);
    await a.secondInstance();
    await until(() => a.windowVisible(), 'the window to come back');
  });

  it('never lets a token cross IPC to the window or be readable in the page', async () => {
    const a = await start();
    const page = await a.page();
    await connectFromTray(a);
    const secrets = [await a.service.UNSAFE_accessToken(), await a.service.UNSAFE_refreshToken()];
    expect(secrets[1]).toBeTruthy();
    // Exercise the views that carry the most: status with projects, settings, a check, a doctor run.
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    // The refresh token only goes into a file no one else can read.
    chmodSync(path.join(dir, '.env'), 0o600);
    a.service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: true }], { keepInSync: true });
    const answers = await page.evaluate(async () => {
      const dtt = (
        window as unknown as { dtt: Record<string, () => Promise<unknown>> & { settings: { get(): Promise<unknown> } } }
      ).dtt;
      return JSON.stringify([await dtt.status!(), await dtt.settings.get(), await dtt.sync!(), await dtt.doctor!()]);
    });
    await a.tick();

    const sent = (await a.ipcLog()).filter((e) => e.direction === 'main→renderer');
    expect(sent.some((e) => e.kind === 'response')).toBe(true);
    expect(sent.some((e) => e.kind === 'event' && e.channel === 'dtt:state-changed')).toBe(true);
    expect(leaks(JSON.stringify(sent), secrets)).toEqual([]);
    expect(leaks(answers, secrets)).toEqual([]);
    const inPage = await page.evaluate(() => {
      const own = Object.keys(window).map((k) => {
        try {
          return `${k}=${JSON.stringify((window as unknown as Record<string, unknown>)[k]) ?? ''}`;
        } catch {
          return k;
        }
      });
      return [
        document.documentElement.outerHTML,
        JSON.stringify({ ...localStorage }),
        JSON.stringify({ ...sessionStorage }),
        document.cookie,
        ...own,
      ].join('\n');
    });
    expect(leaks(inPage, secrets)).toEqual([]);
    // The scan itself works: the project file, which may hold the token, trips it.
    expect(leaks(readFileSync(path.join(dir, '.env'), 'utf8'), secrets).length).toBeGreaterThan(0);
  });
});
