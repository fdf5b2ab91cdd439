import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { DEFAULT_APP_SCOPES } from '../support/fake-dropbox/state';
import { describeWithKeyring } from '../support/keyring';
import { closeBrowsers } from '../support/launch-app';
import { APP_KEY, checkScreen, eventually, followRedirect, nextOpenedUrl, startUi, type Ui } from './ui-helpers';

// Issue 10 in the window: a sign-in without a file permission is never a green "Connected",
// and a reconnect as someone else says so (window and notification).

let fake: FakeDropbox;
let ui: Ui | undefined;
const LEE = { givenName: 'Lee', surname: 'Park', email: 'lee@example.com', accountId: 'dbid:AAH4f99T0taONIb-Lee0' };
const DANA = {
  givenName: 'Dana',
  surname: 'Okafor',
  email: 'dana@example.com',
  accountId: 'dbid:AAH4f99T0taONIb-Dana',
};

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY, account: DANA });
});
afterEach(async () => {
  await ui?.app.close();
  ui = undefined;
  fake.setAppScopes(DEFAULT_APP_SCOPES);
  fake.setAccount(DANA);
});
afterAll(async () => {
  await closeBrowsers();
  await fake.close();
});

async function browserSignIn(u: Ui, button: string): Promise<void> {
  const before = (await u.app.openedUrls()).length;
  await u.page.getByRole('button', { name: button }).click();
  const url = await nextOpenedUrl(u.app, before);
  await followRedirect((await fake.approve(url)).location);
}

describeWithKeyring('sign-in checks in the window', { timeout: 90_000 }, () => {
  it('an app without write permission: Home says what is missing and who must fix it; tray asks for attention', async () => {
    fake.setAppScopes(['account_info.read', 'files.metadata.read', 'files.content.read']);
    const u = (ui = await startUi(fake));
    await browserSignIn(u, 'Connect Dropbox');
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
    const box = u.page.locator('[data-error-kind="app-scope-missing"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain("can't save files to Dropbox");
    await expect(box.textContent()).resolves.toContain('App Console → Permissions');
    await expect(box.textContent()).resolves.toMatch(/reconnect/i);
    await expect(u.page.locator('.app-header').textContent()).resolves.toContain('Permission missing');
    await eventually(() => u.page.getByRole('status').first().textContent()).toContain('a permission is missing');
    await eventually(async () => (await u.app.tray()).iconName).toBe('attention');
    await checkScreen(u.page, 'home-permission-missing');
  });

  it('reconnecting as someone else says "Now connected as … — before: …", in the window and a notification', async () => {
    const u = (ui = await startUi(fake));
    await u.page.getByRole('button', { name: 'Paste a token' }).click();
    await u.page.getByLabel('Token', { exact: true }).fill(fake.mintAppConsoleToken());
    await u.page.getByRole('button', { name: 'Connect with this token' }).click();
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
    fake.setAccount(LEE);
    await browserSignIn(u, 'Connect with the browser');
    const notice = u.page.locator('[data-notice="account-changed"]');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toBe(
      'Now connected as Lee Park (lee@example.com) — before: Dana Okafor (dana@example.com)',
    );
    await eventually(async () => (await u.app.notifications()).map((n) => n.title)).toContain(
      'Now connected as Lee Park (lee@example.com)',
    );
    await checkScreen(u.page, 'home-account-changed');
  });
});

describeWithKeyring('App Console mistakes in the window', { timeout: 90_000 }, () => {
  it('an unregistered sign-in address switches to a code at once and names the address to register', async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const u = (ui = await startUi(fake, { env: { DTT_REDIRECT_PORT: port } }));
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    await u.page.getByRole('heading', { name: 'Connect with a code' }).waitFor();
    const notice = u.page.locator('[data-error-kind="redirect-unregistered"]');
    await expect(notice.textContent()).resolves.toContain(`http://127.0.0.1:${port}/callback`);
    const { code } = await fake.approve((await u.app.openedUrls()).at(-1)!);
    await u.page.getByLabel('Code from Dropbox').fill(code!);
    await u.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
  });
});

describeWithKeyring("Dropbox's own error words on the callback", { timeout: 90_000 }, () => {
  it('shows our words; what Dropbox said only under "More info", cleaned', async () => {
    const u = (ui = await startUi(fake));
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    const url = new URL(await nextOpenedUrl(u.app, before));
    const cb = new URL(url.searchParams.get('redirect_uri')!);
    cb.search = new URLSearchParams({
      state: url.searchParams.get('state')!,
      error: 'server_error',
      error_description: 'Your account is locked, call +1 555 0100\u0007',
    }).toString();
    await fetch(cb).then((r) => r.text());
    const box = u.page.locator('[data-error-kind="signin-dropbox-error"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('Dropbox could not finish the sign-in');
    const primary = await u.page.evaluate(() => {
      const copy = document.body.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('details').forEach((d) => d.remove());
      return copy.textContent ?? '';
    });
    expect(primary).not.toContain('call +1 555');
    await box.getByText('More info').click();
    await expect(box.locator('details').textContent()).resolves.toContain('call +1 555 0100');
    await expect(box.locator('details').textContent()).resolves.not.toContain('\u0007');
  });
});
