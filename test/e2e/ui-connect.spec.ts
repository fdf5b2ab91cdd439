import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import {
  checkScreen,
  eventually,
  followRedirect,
  nextOpenedUrl,
  refuseClipboard,
  statusLine,
  type Ui,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// Connecting from the window: the browser way and its failures, the code way, pasting, and
// what the window says when Dropbox ends the connection.

const suite = uiSuite();
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const h1 = (u: Ui) => u.page.getByRole('heading', { level: 1 });

const focusedName = (u: Ui) => u.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

async function startBrowserSignIn(u: Ui): Promise<string> {
  const before = (await u.app.openedUrls()).length;
  await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
  const url = await nextOpenedUrl(u.app, before);
  await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
  return url;
}

async function pasteToken(u: Ui, token: string): Promise<void> {
  await u.page.getByRole('button', { name: 'Paste a token' }).click();
  await u.page.getByLabel('Token', { exact: true }).fill(token);
  await u.page.getByRole('button', { name: 'Connect with this token' }).click();
}

describeWithKeyring('connect screens', { timeout: 90_000 }, () => {
  it('connects with the browser: welcome → waiting → home', async () => {
    const u = await suite.open();
    await expect(h1(u).textContent()).resolves.toBe('Connect to Dropbox');
    await checkScreen(u.page, 'welcome');

    // By keyboard alone, with a visible focus ring on the way.
    const before = (await u.app.openedUrls()).length;
    for (let i = 0; i < 10 && (await focusedName(u)) !== 'Connect Dropbox'; i++) await u.page.keyboard.press('Tab');
    expect(await focusedName(u)).toBe('Connect Dropbox');
    expect(await u.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await u.page.keyboard.press('Enter');
    const url = await nextOpenedUrl(u.app, before);
    await u.page.getByRole('heading', { name: 'Finish in your browser' }).waitFor();
    await checkScreen(u.page, 'waiting');

    await followRedirect((await suite.fake.approve(url)).location);
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
    await eventually(() => statusLine(u.page).textContent()).toContain('Connected as Dana Okafor');
    await expect(u.page.locator('.account-name').textContent()).resolves.toBe('Dana Okafor');
    await expect(u.page.locator('.facts').textContent()).resolves.toContain('Renews automatically');
    await expect(u.page.locator('.facts').textContent()).resolves.toMatch(/Saved in .+ on this computer/);
    await checkScreen(u.page, 'home');
  });

  it('offers the link when the clipboard refuses, and help after 45 s', async () => {
    const u = await suite.open();
    await u.page.clock.install();
    const url = await startBrowserSignIn(u);
    await refuseClipboard(u.page);
    await u.page.getByRole('button', { name: 'Copy the link' }).click();
    const field = u.page.getByLabel('Sign-in link');
    await eventually(() => field.inputValue()).toBe(url);
    // Selected, so Ctrl+C copies it (right after the field renders: on a busy machine, a moment later).
    await eventually(() =>
      u.page.evaluate(
        () => window.getSelection()?.toString() || (document.activeElement as HTMLInputElement | null)?.value,
      ),
    ).toBe(url);
    await u.page.clock.fastForward(31_000);
    expect(await u.page.getByText('Did Dropbox show an error page?').count()).toBe(0);

    await u.page.clock.fastForward(15_000);
    await u.page.getByText('Did Dropbox show an error page?').waitFor();
    await u.page.getByText('Likely causes (for your admin)').click();
    await expect(u.page.locator('.notice-info').textContent()).resolves.toContain('Allow public clients');
    await checkScreen(u.page, 'waiting-slow');

    await u.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(h1(u).textContent()).resolves.toBe('Connect to Dropbox');
  });

  it('explains a denied sign-in and starts again', async () => {
    const u = await suite.open();
    const url = await startBrowserSignIn(u);
    await followRedirect((await suite.fake.deny(url)).location);
    const box = u.page.locator('[data-error-kind="signin-denied"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('Sign-in was cancelled in Dropbox');
    await expect(box.textContent()).resolves.toContain('click "Allow"');
    await checkScreen(u.page, 'waiting-denied');

    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Try again' }).click();
    const again = await nextOpenedUrl(u.app, before);
    await followRedirect((await suite.fake.approve(again)).location);
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
  });

  it('switches to a code by itself when the sign-in port is busy', async () => {
    const u = await suite.open();
    servers.push(await occupy(Number(u.app.env.DTT_REDIRECT_PORT)));
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    await u.page.getByRole('heading', { name: 'Connect with a code' }).waitFor();
    await expect(u.page.locator('[data-error-kind="port-busy"]').textContent()).resolves.toContain(
      'Another program is using the sign-in port',
    );
    const url = await nextOpenedUrl(u.app, before);
    expect(new URL(url).searchParams.get('redirect_uri')).toBeNull();
    await checkScreen(u.page, 'code');

    await u.page.getByLabel('Code from Dropbox').fill('not-a-real-code');
    await u.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await u.page.locator('[data-error-kind="code-invalid"]').waitFor();
    await checkScreen(u.page, 'code-invalid');

    const { code } = await suite.fake.approve(url);
    await u.page.getByLabel('Code from Dropbox').fill(` ${code!} `);
    await u.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
  });

  it('says a pasted token is cut short', async () => {
    const u = await suite.open();
    const token = suite.fake.mintAppConsoleToken();
    await pasteToken(u, token.slice(0, 80));
    const box = u.page.locator('[data-error-kind="token-truncated"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('The token is cut short');
    await checkScreen(u.page, 'paste-truncated');
  });

  it('says which permission a pasted token lacks', async () => {
    const u = await suite.open();
    await pasteToken(u, suite.fake.mintAppConsoleToken({ scopes: ['account_info.read', 'files.content.read'] }));
    const box = u.page.locator('[data-error-kind="scope-missing"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('A permission is missing');
    await checkScreen(u.page, 'paste-scope-missing');
  });

  it('connects with a pasted token and counts down its life', async () => {
    const u = await suite.open();
    await pasteToken(u, suite.fake.mintAppConsoleToken());
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
    // Assumed generated just now: about 4 hours left.
    await expect(u.page.locator('.facts').textContent()).resolves.toMatch(
      /This pasted token stops working in 3 h 5\d min — connect with the browser to stop this/,
    );
    // The token is gone from the page once saved.
    expect(await u.page.locator('textarea').count()).toBe(0);
    // The new state was pushed once, and the window didn't ask for it again (each ask reads the keychain).
    const log = await u.app.ipcLog();
    const after = log.slice(log.findIndex((e) => e.kind === 'invoke' && e.channel === 'dtt:paste-token'));
    expect(after.filter((e) => e.kind === 'event' && e.channel === 'dtt:state-changed')).toHaveLength(1);
    expect(after.filter((e) => e.kind === 'invoke' && e.channel === 'dtt:status')).toEqual([]);
    await checkScreen(u.page, 'home-pasted');
  });

  it('says plainly when Dropbox disconnected the app', async () => {
    const u = await suite.open();
    await followRedirect((await suite.fake.approve(await startBrowserSignIn(u))).location);
    await u.page.getByRole('heading', { name: 'Home' }).waitFor();
    suite.fake.revokeAll();
    await u.app.tick();
    await u.page.getByRole('heading', { name: 'Dropbox disconnected this app' }).waitFor();
    await expect(u.page.getByRole('button', { name: 'Reconnect Dropbox' }).isVisible()).resolves.toBe(true);
    await expect(u.page.locator('.app-header').textContent()).resolves.toContain('Disconnected by Dropbox');
    await checkScreen(u.page, 'welcome-revoked');
  });
});

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
