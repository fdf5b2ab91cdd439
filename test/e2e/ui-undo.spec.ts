import { appendFileSync, chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { describeWithKeyring } from '../support/keyring';
import { closeBrowsers } from '../support/launch-app';
import { tempProject } from '../support/projects';
import { APP_KEY, connectWithBrowser, currentToken, eventually, startUi, type Ui } from './ui-helpers';

// The window's undo refuses over edits made after the sync, and restores only when confirmed;
// the renewal token is refused for a file others can read, with a one-click fix.

let fake: FakeDropbox;
let ui: Ui | undefined;

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: APP_KEY });
});
afterEach(async () => {
  await ui?.app.close();
  ui = undefined;
});
afterAll(async () => {
  await closeBrowsers();
  await fake.close();
});

describeWithKeyring('undo and file privacy in the window', { timeout: 90_000 }, () => {
  it('says the file changed since the sync, keeps it, and restores only after "Restore anyway"', async () => {
    const u = (ui = await startUi(fake));
    await connectWithBrowser(u, fake);
    const dir = tempProject({ '.env': 'A=1\nDROPBOX_ACCESS_TOKEN=\n' });
    u.app.service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }]);
    await u.app.service['projects'].sync([dir]);
    const file = path.join(dir, '.env');
    expect(readFileSync(file, 'utf8')).toContain(await currentToken(u));
    appendFileSync(file, 'TYPED_AFTERWARDS=1\n');
    const edited = readFileSync(file, 'utf8');

    // Added behind the window's back: a reload makes it read the project list again.
    await u.page.reload();
    await u.page.getByRole('button', { name: 'Projects' }).click();
    const card = u.page.locator(`[data-project="${dir}"]`);
    await card.getByRole('button', { name: 'Undo last sync' }).click();
    const box = card.locator('[data-error-kind="undo-conflict"]');
    await eventually(() => box.textContent()).toContain('.env was changed after the sync (1 line added)');
    expect(readFileSync(file, 'utf8')).toBe(edited);

    await box.getByRole('button', { name: 'Restore anyway' }).click();
    await eventually(() => readFileSync(file, 'utf8')).toBe('A=1\nDROPBOX_ACCESS_TOKEN=\n');
  });

  it('refuses the renewal token for a file others can read, and "Make private" fixes it', async () => {
    const u = (ui = await startUi(fake));
    await connectWithBrowser(u, fake);
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    const file = path.join(dir, '.env');
    chmodSync(file, 0o644);
    u.app.service.addProject(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: true }]);
    await u.page.reload();
    await u.page.getByRole('button', { name: 'Projects' }).click();
    const card = u.page.locator(`[data-project="${dir}"]`);
    await card.getByRole('button', { name: 'Sync now' }).click();
    const box = card.locator('[data-error-kind="file-not-private"]');
    await eventually(() => box.textContent()).toContain('Other people can read this file');
    expect(readFileSync(file, 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=\n');

    await box.getByRole('button', { name: 'Make private' }).click();
    await eventually(() => readFileSync(file, 'utf8')).toContain(await currentToken(u));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
