import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { connectWithBrowser, eventually, queueFolder, statusLine } from './ui-helpers';
import { uiSuite } from './ui-suite';

// Folder and file names come from the user's disk: a right-to-left override or a zero-width
// character must not let one name pass for another in the window. They are shown escaped.

const suite = uiSuite();
const RLO = '\u202E';

describeWithKeyring('names with invisible characters', { timeout: 90_000 }, () => {
  it('shows a folder and a file named with a right-to-left override escaped, and still works on them', async () => {
    const u = await suite.open();
    await connectWithBrowser(u, suite.fake);
    await u.page.getByRole('button', { name: 'Projects' }).click();
    await u.page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'dtt-proj-')), `invoice${RLO}yp.cod`);
    const sub = `conf${RLO}gif`;
    mkdirSync(path.join(dir, sub), { recursive: true });
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    writeFileSync(path.join(dir, sub, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');

    await queueFolder(u.app, dir);
    await u.page.getByRole('button', { name: 'Add a folder' }).click();
    const panel = u.page.getByRole('heading', { name: /^Add “/ });
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toBe('Add “invoice\\u202eyp.cod”');
    const main = u.page.locator('body');
    await eventually(() => main.innerText()).toContain(`conf\\u202egif/.env`);
    expect(await main.innerText()).not.toContain(RLO);

    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    // The raw path is still the project's identity: the card is found by it, and the sync wrote there.
    const card = u.page.locator(`[data-project="${dir}"]`);
    await card.waitFor();
    await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('invoice\\u202eyp.cod');
    await eventually(() => statusLine(u.page).textContent()).toMatch(/^invoice\\u202eyp\.cod: .*updated/);
    await expect(card.locator('.path').getAttribute('title')).resolves.not.toContain(RLO);
    await expect(card.getByRole('list', { name: 'Files in invoice\\u202eyp.cod' }).count()).resolves.toBe(1);
    expect(await u.page.locator('body').innerText()).not.toContain(RLO);
    await eventually(() => u.app.service.listProjects()[0]?.path).toBe(dir);
  });
});
