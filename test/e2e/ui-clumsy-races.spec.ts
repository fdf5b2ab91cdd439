import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import {
  eventually,
  followRedirect,
  nextOpenedUrl,
  type Ui,
  h1,
  newestSignInWorks,
  onHome,
  pasteInWindow,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// A clumsy user racing the app: a second start while the first is still starting, a second
// click on a button nothing disables, a slow check of the old connection. The newest sign-in
// wins, nothing says "cancelled" for the user's own doing, and the state words stay true.

const suite = uiSuite();
const invokes = async (u: Ui, channel: string) =>
  (await u.app.ipcLog()).filter((e) => e.kind === 'invoke' && e.channel === channel).length;

/**
 * A double click whose second click lands before the window has redrawn: both clicks in one
 * task, as a fast double click on a busy machine does (Playwright's dblclick may let the first
 * click's redraw happen in between, so the second one would sometimes find the button gone).
 */
async function clickTwiceAtOnce(u: Ui, name: string): Promise<void> {
  await u.page.getByRole('button', { name }).evaluate((button: HTMLElement) => {
    button.click();
    button.click();
  });
}

/** A first sign-in the user denies in the browser; returns how many links were opened by then. */
async function afterDeniedSignIn(u: Ui): Promise<number> {
  const before = (await u.app.openedUrls()).length;
  await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
  await followRedirect((await suite.fake.deny(await nextOpenedUrl(u.app, before))).location);
  await u.page.locator('[data-error-kind="signin-denied"]').waitFor();
  return (await u.app.openedUrls()).length;
}

describeWithKeyring('a clumsy user racing the sign-in', { timeout: 90_000 }, () => {
  it('the tray starts a sign-in while the window is still starting its own: the newer one wins, no error', async () => {
    const u = await suite.open();
    // The window's start is slow at its first step (asking Dropbox), so the tray's start overtakes it.
    suite.fake.injectFault({ route: '/oauth2/authorize', delayMs: 1500 });
    const before = (await u.app.openedUrls()).length;
    const asked = () => suite.fake.requests.filter((r) => r.path === '/oauth2/authorize').length;
    const askedBefore = asked();
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    await eventually(asked).toBe(askedBefore + 1);
    await u.app.clickMenu('connect');
    const url = await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    // Long enough for the window's own start to come back.
    await u.page.waitForTimeout(2500);
    await expect(h1(u).textContent()).resolves.toBe('Finish in your browser');
    expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
    expect((await u.app.openedUrls()).length).toBe(before + 1);
    await followRedirect((await suite.fake.approve(url)).location);
    await onHome(u);
  });

  it('a check of the old connection that answers after reconnecting does not mark the new one', async () => {
    const u = await suite.open();
    await pasteInWindow(u, suite.fake.mintAppConsoleToken());
    // Dropbox has ended the pasted token; the background check that finds out is slow.
    suite.fake.revokeAll();
    suite.fake.injectFault({ route: 'users/get_current_account', delayMs: 2000 });
    const checking = u.app.tick();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect with the browser' }).click();
    await followRedirect((await suite.fake.approve(await nextOpenedUrl(u.app, before))).location);
    await onHome(u);
    await checking;
    await u.page.waitForTimeout(500);
    expect(u.app.service.status().state).toBe('connected');
    await expect(h1(u).textContent()).resolves.toBe('Home');
    await expect(u.page.locator('.app-header').textContent()).resolves.not.toContain('Disconnected by Dropbox');
  });

  it('after a denied sign-in, double-clicking Try again: one waiting screen, and the newest sign-in works', async () => {
    const u = await suite.open();
    const before = await afterDeniedSignIn(u);
    const starts = await invokes(u, 'dtt:connect-browser');
    await clickTwiceAtOnce(u, 'Try again');
    // Nothing stops the second click: two starts, the first replaced by the second.
    await eventually(() => invokes(u, 'dtt:connect-browser')).toBe(starts + 2);
    await nextOpenedUrl(u.app, before);
    await newestSignInWorks(u, suite.fake, 1000);
  });

  it('after a denied sign-in, double-clicking Use a code instead: the code screen, and the code works', async () => {
    const u = await suite.open();
    const before = await afterDeniedSignIn(u);
    await clickTwiceAtOnce(u, 'Use a code instead');
    await eventually(() => invokes(u, 'dtt:connect-code-start')).toBe(2);
    await nextOpenedUrl(u.app, before);
    await u.page.waitForTimeout(1000);
    await expect(h1(u).textContent()).resolves.toBe('Connect with a code');
    expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
    const { code } = await suite.fake.approve((await u.app.openedUrls()).at(-1)!);
    await u.page.getByLabel('Code from Dropbox').fill(code!);
    await u.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await onHome(u);
  });
});
