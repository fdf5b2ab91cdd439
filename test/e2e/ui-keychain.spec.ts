import { describe, expect, it } from 'vitest';
import { checkScreen } from './ui-helpers';
import { uiSuite } from './ui-suite';

// A keychain that isn't there. On Linux that is a session bus that can't be reached; the
// stand-in runs the app in this process, so the variable is changed here and put back. Its own
// file (so its own process): a D-Bus connection opened by an earlier test would be reused.

const suite = uiSuite();

describe.runIf(process.platform === 'linux')('keychain unavailable', { timeout: 90_000 }, () => {
  it('says so before sending anyone to the browser', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    const { app, page } = await suite.open();
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/dtt-no-bus';
    try {
      const before = (await app.openedUrls()).length;
      await page.getByRole('button', { name: 'Connect Dropbox' }).click();
      const box = page.locator('[data-error-kind="keychain-unavailable"]');
      await box.waitFor();
      await expect(box.textContent()).resolves.toContain('The system keychain is not available');
      expect((await app.openedUrls()).length).toBe(before);
      await checkScreen(page, 'welcome-keychain-unavailable');
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});
