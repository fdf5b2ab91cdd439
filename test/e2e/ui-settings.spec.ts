import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { tempProject } from '../support/projects';
import {
  APP_KEY,
  checkScreen,
  connectWithBrowser,
  currentToken,
  eventually,
  queueFolder,
  statusLine,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// Settings (inline errors, saving, the admin's redirect URI) and Disconnect.

const suite = uiSuite();

describeWithKeyring('settings and disconnect', { timeout: 90_000 }, () => {
  it('shows invalid input next to the field and saves valid settings', async () => {
    const u = await suite.open();
    await u.page.getByRole('button', { name: 'Settings' }).click();
    await u.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const port = Number(u.app.env.DTT_REDIRECT_PORT);
    await expect(u.page.getByLabel('Sign-in port').inputValue()).resolves.toBe(String(port));
    await u.page.getByText('More info').click();
    await u.page.getByText(`http://127.0.0.1:${port}/callback`).first().waitFor();
    await checkScreen(u.page, 'settings');

    await u.page.getByLabel('Sign-in port').fill('80');
    await u.page.getByLabel('Check the connection every').fill('0');
    await u.page.getByLabel('App key').fill('not a key!');
    await u.page.getByRole('button', { name: 'Save' }).click();
    await u.page.getByText('Enter a whole number from 1024 to 65535.').waitFor();
    await u.page.getByText('Use letters and digits only').waitFor();
    await expect(u.page.getByLabel('Sign-in port').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen(u.page, 'settings-invalid');

    await u.page.getByLabel('Sign-in port').fill('23456');
    await u.page.getByLabel('Check the connection every').fill('30');
    await u.page.getByLabel('App key').fill(APP_KEY);
    await u.page.getByRole('checkbox', { name: 'Show notifications' }).uncheck();
    await u.page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => statusLine(u.page).textContent()).toContain('Settings saved.');
    expect(u.app.service.setting('checkIntervalMinutes')).toBe(30);
    expect(u.app.service.setting('notifications')).toBe(false);
    // Saved; the launch's DTT_REDIRECT_PORT still wins over it while it is set.
    expect(u.app.service.setting('redirectPort')).toBe(23456);
  });

  it('turns start at login on (an XDG autostart entry on Linux) for an installed app', async () => {
    const saved = process.env.XDG_CONFIG_HOME;
    const xdg = mkdtempSync(path.join(os.tmpdir(), 'dtt-xdg-'));
    process.env.XDG_CONFIG_HOME = xdg;
    try {
      // A development run refuses to register itself (platform.spec.ts); this plays the installed app.
      const u = await suite.open({ packaged: true, platform: 'linux' });
      await u.page.getByRole('button', { name: 'Settings' }).click();
      const box = u.page.getByRole('checkbox', { name: 'Start when I log in' });
      if (await box.isChecked()) await box.uncheck();
      else await box.check();
      await u.page.getByRole('button', { name: 'Save' }).click();
      await eventually(() => statusLine(u.page).textContent()).toContain('Settings saved.');
      const entry = path.join(xdg, 'autostart', 'dropbox-token-tray.desktop');
      expect(existsSync(entry)).toBe(u.app.service.setting('startAtLogin'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
      rmSync(xdg, { recursive: true, force: true });
    }
  });

  it('disconnects and removes the token from project files', async () => {
    const u = await suite.open();
    await connectWithBrowser(u, suite.fake);
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\nOTHER=1\n' });
    await u.page.getByRole('button', { name: 'Projects' }).click();
    await queueFolder(u.app, dir);
    await u.page.getByRole('button', { name: 'Add a folder' }).click();
    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await eventually(() => u.page.locator('[data-file=".env"]').getAttribute('data-status')).toBe('current');
    const token = await currentToken(u);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toContain(token);

    await u.page.getByRole('button', { name: 'Home' }).click();
    await u.page.getByRole('button', { name: 'Disconnect…' }).click();
    await u.page.getByRole('heading', { name: 'Disconnect from Dropbox?' }).waitFor();
    await expect(
      u.page.getByRole('checkbox', { name: 'Also remove the token from my projects’ files' }).isChecked(),
    ).resolves.toBe(true);
    await checkScreen(u.page, 'disconnect');

    await u.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await u.page.getByRole('heading', { name: 'Connect to Dropbox' }).waitFor();
    await expect(u.page.locator('.notice-ok').textContent()).resolves.toContain(
      'The token was removed from 1 project file.',
    );
    const after = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(after).not.toContain(token);
    expect(after).toContain('OTHER=1');
    await checkScreen(u.page, 'welcome-after-disconnect');
  });
});
