import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { describeWithKeyring } from '../support/keyring';
import { closeBrowsers, launchApp, type AppUnderTest } from '../support/launch-app';
import { connectFromTray } from './support';
import { APP_KEY, checkScreen, connectWithBrowser, startUi } from './ui-helpers';

// The tray's requests go through Electron's net.fetch (Chromium's stack: OS proxy, PAC, OS
// certificates), and an answer that is not Dropbox's is offline-like in the tray, never revocation.

let fake: FakeDropbox;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY });
});
afterEach(async () => {
  fake.setCaptivePortal(false);
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await closeBrowsers();
  await fake?.close();
});

describeWithKeyring('tray app on real networks', () => {
  it('asks Dropbox through net.fetch; a captive portal is offline, never revoked, and passes', async () => {
    const a = (app = await launchApp({ fake, appKey: APP_KEY }));
    await connectFromTray(a);
    if (a.standIn) {
      // Only the stand-in can list what went through net.fetch; real Electron has no such log.
      expect(a.standIn.ctx.netFetches).toContain(`${fake.origin}/oauth2/token`);
      expect(a.standIn.ctx.netFetches).toContain(`${fake.origin}/2/users/get_current_account`);
    }

    fake.setCaptivePortal(true);
    const during = await a.tick();
    expect(during).toMatchObject({ state: 'offline', problem: 'network-not-dropbox' });
    expect((await a.tray()).iconName).toBe('attention');
    fake.setCaptivePortal(false);
    expect((await a.tick()).state).toBe('connected');
    expect((await a.tray()).iconName).toBe('normal');
    // The portal said nothing about the credentials: no notification of any kind.
    expect(await a.notifications()).toEqual([]);
  });

  it('the window names a Wi-Fi sign-in page, with the technical note only under More info', async () => {
    const u = await startUi(fake);
    app = u.app;
    await connectWithBrowser(u, fake);
    fake.setCaptivePortal(true);
    await u.app.tick();
    const box = u.page.locator('[data-error-kind="network-not-dropbox"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('maybe a Wi-Fi sign-in page');
    await expect(u.page.locator('.app-header').textContent()).resolves.toContain('Offline');
    await expect(box.locator('details').textContent()).resolves.toContain('application/json');
    await checkScreen(u.page, 'home-captive-portal');
  });
});
