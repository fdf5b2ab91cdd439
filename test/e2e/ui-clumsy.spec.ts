import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import {
  eventually,
  followRedirect,
  nextOpenedUrl,
  primaryText,
  h1,
  newestSignInWorks,
  onHome,
  pasteInWindow,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// A clumsy user: double clicks, two ways at once, a closed window, a messy paste. Each ends on
// one true screen, with the one sign-in still working.

const suite = uiSuite();

describeWithKeyring('a clumsy user connecting', { timeout: 90_000 }, () => {
  it('double-clicking Connect ends on one waiting screen, and that sign-in works', async () => {
    const u = await suite.open();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).dblclick();
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    const url = await nextOpenedUrl(u.app, before);
    await u.page.waitForTimeout(500);
    expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
    const latest = (await u.app.openedUrls()).at(-1)!;
    expect(latest).toBe(url);
    await followRedirect((await suite.fake.approve(latest)).location);
    await onHome(u);
  });

  it('Connect in the window, then Connect in the tray: one waiting screen, and it works', async () => {
    const u = await suite.open();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    await u.app.clickMenu('connect');
    await eventually(async () => (await u.app.openedUrls()).length).toBe(before + 2);
    await newestSignInWorks(u, suite.fake, 500);
  });

  it('closing the window mid sign-in and reopening it from the tray shows the waiting screen, then Home', async () => {
    const u = await suite.open();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    const url = await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    await u.app.closeWindow();
    await u.app.clickMenu('open');
    const page = await u.app.page();
    await page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    await followRedirect((await suite.fake.approve(url)).location);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
  });

  it('closing the window mid code sign-in and reopening it: the code screen again, and the code works', async () => {
    const u = await suite.open();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Use a code instead' }).click();
    const url = await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Connect with a code' }).waitFor();
    await u.app.closeWindow();
    await u.app.clickMenu('open');
    const page = await u.app.page();
    await page.getByRole('heading', { name: 'Connect with a code' }).waitFor();
    // The code Dropbox showed for the first page still works: the window didn't start another.
    const { code } = await suite.fake.approve(url);
    await page.getByLabel('Code from Dropbox').fill(code!);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
  });

  it('cancel then at once a code: the code screen, no error, and the code works', async () => {
    const u = await suite.open();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    await u.page.getByRole('button', { name: 'Cancel' }).click();
    await u.page.getByRole('button', { name: 'Use a code instead' }).click();
    await u.page.getByRole('heading', { name: 'Connect with a code' }).waitFor();
    await u.page.waitForTimeout(500);
    expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
    const { code } = await suite.fake.approve((await u.app.openedUrls()).at(-1)!);
    await u.page.getByLabel('Code from Dropbox').fill(code!);
    await u.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await onHome(u);
  });

  it('a token pasted with spaces, new lines and quotes around it connects', async () => {
    const u = await suite.open();
    await pasteInWindow(u, `  "${suite.fake.mintAppConsoleToken()}"\n\n`);
  });

  it('pasting twice fast ends on Home, once', async () => {
    const u = await suite.open();
    await pasteInWindow(u, suite.fake.mintAppConsoleToken(), 'dblclick');
    await u.page.waitForTimeout(500);
    expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
    await expect(h1(u).textContent()).resolves.toBe('Home');
  });

  it('after Dropbox ended the connection, a second account signs in from the tray: the notice once, on Home', async () => {
    const u = await suite.open();
    await u.page.getByRole('button', { name: 'Paste a token' }).click();
    await u.page.getByLabel('Token', { exact: true }).fill(suite.fake.mintAppConsoleToken());
    await u.page.getByRole('button', { name: 'Connect with this token' }).click();
    await onHome(u);
    // Dropbox ends Dana's connection; the tray offers to connect again, and Lee does.
    suite.fake.revokeAll();
    await u.app.tick();
    await u.page.getByRole('heading', { name: 'Dropbox disconnected this app' }).waitFor();
    suite.fake.setAccount({ accountId: 'dbid:lee', givenName: 'Lee', surname: 'Park', email: 'lee@example.com' });
    const before = (await u.app.openedUrls()).length;
    await u.app.clickMenu('connect');
    const url = await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    await followRedirect((await suite.fake.approve(url)).location);
    await onHome(u);
    const notice = u.page.locator('[data-notice="account-changed"]');
    await notice.waitFor();
    expect(await notice.count()).toBe(1);
    await eventually(() => u.page.locator('.status-line').textContent()).toContain('Connected as Lee Park');
    expect((await primaryText(u.page)).split('Now connected as').length - 1).toBe(1);
    await eventually(async () =>
      (await u.app.notifications()).filter((n) => n.title.startsWith('Now connected as')).map((n) => n.title),
    ).toEqual(['Now connected as Lee Park (lee@example.com)']);
    await u.app.tick();
    await u.page.waitForTimeout(300);
    expect((await u.app.notifications()).filter((n) => n.title.startsWith('Now connected as'))).toHaveLength(1);
  });
});
