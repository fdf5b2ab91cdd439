import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { checkScreen, connectWithBrowser, currentToken, eventually, refuseClipboard, type Ui } from './ui-helpers';
import { uiSuite } from './ui-suite';

// "Check my connection", and the offline state on Home.

const suite = uiSuite();

async function openCheck(u: Ui): Promise<void> {
  await u.page.getByRole('button', { name: 'Check', exact: true }).click();
  await u.page.getByRole('heading', { name: 'Check my connection', level: 1 }).waitFor();
  await u.page.locator('.checklist').waitFor();
}

const check = (u: Ui, id: string) => u.page.locator(`[data-check="${id}"]`);

describeWithKeyring('check my connection', { timeout: 90_000 }, () => {
  it('lists what is missing before connecting', async () => {
    const u = await suite.open();
    await openCheck(u);
    await eventually(() => check(u, 'keychain').getAttribute('class')).toContain('check-pass');
    await expect(check(u, 'connection').getAttribute('class')).resolves.toContain('check-fail');
    await expect(check(u, 'connection').textContent()).resolves.toContain(
      'What to do: Click "Connect with the browser" first.',
    );
    await expect(check(u, 'scope-write').getAttribute('class')).resolves.toContain('check-skip');
    await checkScreen(u.page, 'check-disconnected');
  });

  it('passes when connected, and copies a redacted report for IT', async () => {
    const u = await suite.open();
    await connectWithBrowser(u, suite.fake);
    await openCheck(u);
    await u.page.getByText('Everything checked out.').waitFor();
    await checkScreen(u.page, 'check-connected');

    await refuseClipboard(u.page);
    await u.page.getByRole('button', { name: 'Copy report for IT' }).click();
    const field = u.page.getByLabel('Report for IT');
    await field.waitFor();
    const report = await field.inputValue();
    expect(report).toContain('Dropbox Token Tray — connection report');
    expect(report).toContain('[OK  ] Dropbox accepts the token');
    expect(report).toContain('Account: Dana Okafor <dana@example.com>');
    expect(report).not.toContain(await currentToken(u));
    expect(report).not.toMatch(/sl\.[A-Za-z0-9._-]{20,}/);
    await checkScreen(u.page, 'check-report');
  });

  it('shows Offline on Home when Dropbox cannot be reached, keeping the connection', async () => {
    const u = await suite.open();
    await connectWithBrowser(u, suite.fake);
    suite.fake.injectFault({ drop: true, times: Infinity });
    await u.app.tick();
    const box = u.page.locator('[data-error-kind="network-offline"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain("Can't reach Dropbox");
    await expect(u.page.locator('.app-header').textContent()).resolves.toContain('Offline');
    await expect(u.page.locator('.account-name').textContent()).resolves.toBe('Dana Okafor');
    await checkScreen(u.page, 'home-offline');
  });
});
