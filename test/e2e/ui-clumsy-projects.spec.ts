import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { tempProject } from '../support/projects';
import {
  currentToken,
  eventually,
  followRedirect,
  nextOpenedUrl,
  queueFolder,
  type Ui,
  connectedOnProjects as onProjects,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// A clumsy user on the Projects screen: double clicks, the same folder twice, two things at once.
// The files always end as the user meant, and Undo still brings back what was there first.

const suite = uiSuite();
const ORIGINAL = 'DROPBOX_ACCESS_TOKEN=\nOTHER=keep\n';

const connectedOnProjects = async () => onProjects(await suite.open(), suite.fake);

const card = (u: Ui, dir: string) => u.page.locator(`[data-project="${dir}"]`);
const envStatus = (u: Ui, dir: string) => card(u, dir).locator('[data-file=".env"]').getAttribute('data-status');
const env = (dir: string) => readFileSync(path.join(dir, '.env'), 'utf8');

/** Adds `dir` (a new project folder by default) with the window's Add a folder, writing its .env. */
async function addProject(u: Ui, dir = tempProject({ '.env': ORIGINAL })): Promise<string> {
  await queueFolder(u.app, dir);
  await u.page.getByRole('button', { name: 'Add a folder' }).click();
  await u.page.getByRole('group', { name: 'Where should the token go?' }).waitFor();
  await u.page.getByRole('button', { name: /^Add and write/ }).click();
  await card(u, dir).waitFor();
  await eventually(() => envStatus(u, dir)).toBe('current');
  return dir;
}

/** The card is done with what it was doing: Sync now can be clicked again. */
const settled = (u: Ui, dir: string) =>
  eventually(() => card(u, dir).getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);

/** Undo last sync, and the file is back as it was before the app first wrote it. */
async function undoToOriginal(u: Ui, dir: string): Promise<void> {
  await card(u, dir).getByRole('button', { name: 'Undo last sync' }).click();
  await eventually(() => env(dir)).toBe(ORIGINAL);
}

describeWithKeyring('a clumsy user on Projects', { timeout: 90_000 }, () => {
  it('double-clicking Sync now, then Undo, brings back the file as it was first', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    await card(u, dir).getByRole('button', { name: 'Sync now' }).dblclick();
    await settled(u, dir);
    expect(env(dir)).toContain(await currentToken(u));
    expect(await card(u, dir).locator('[data-error-kind]').count()).toBe(0);
    await undoToOriginal(u, dir);
    await eventually(() => envStatus(u, dir)).not.toBe('current');
  });

  it('double-clicking Undo restores once, with no error', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    await card(u, dir).getByRole('button', { name: 'Undo last sync' }).dblclick();
    await eventually(() => env(dir)).toBe(ORIGINAL);
    await settled(u, dir);
    await u.page.waitForTimeout(300);
    expect(await card(u, dir).locator('[data-error-kind]').count()).toBe(0);
    expect(env(dir)).toBe(ORIGINAL);
    await eventually(() => envStatus(u, dir)).not.toBe('current');
  });

  it('Sync now in the window and Sync all in the tray at once: Undo still brings back the first content', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    await undoToOriginal(u, dir);
    await Promise.all([card(u, dir).getByRole('button', { name: 'Sync now' }).click(), u.app.clickMenu('sync-all')]);
    await eventually(() => env(dir)).toContain(await currentToken(u));
    await settled(u, dir);
    await u.page.waitForTimeout(500);
    expect(await card(u, dir).locator('[data-error-kind]').count()).toBe(0);
    await eventually(() => envStatus(u, dir)).toBe('current');
    await undoToOriginal(u, dir);
  });

  it('adding the same folder twice keeps one card, the token, and the way back', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    await addProject(u, dir);
    expect(await u.page.locator('[data-project]').count()).toBe(1);
    expect(u.app.service.listProjects()).toHaveLength(1);
    expect(env(dir)).toContain(await currentToken(u));
    await undoToOriginal(u, dir);
  });

  it('removing a project while the tray syncs: it is gone, its file whole', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    await card(u, dir).getByRole('button', { name: 'Remove…' }).click();
    const sync = u.app.clickMenu('sync-all');
    await card(u, dir).getByRole('button', { name: 'Remove', exact: true }).click();
    await sync;
    await u.page.getByText('No projects yet.').waitFor();
    await u.page.waitForTimeout(500);
    expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
    expect(u.app.service.listProjects()).toHaveLength(0);
    expect(env(dir)).toMatch(/^DROPBOX_ACCESS_TOKEN=\S*\nOTHER=keep\n$/);
  });

  it('disconnecting while a renewal and its keep-in-sync write run: nothing comes back', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    // The next check finds the token expired and renews it, slowly; the user disconnects meanwhile.
    suite.fake.expireAccessTokens();
    suite.fake.injectFault({ route: '/oauth2/token', delayMs: 1500, afterHandling: true });
    const renewing = u.app.tick();
    await eventually(() => suite.fake.requests.at(-1)?.path).toBe('/oauth2/token');
    await u.page.getByRole('button', { name: 'Home' }).click();
    await u.page.getByRole('button', { name: 'Disconnect…' }).click();
    await u.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await u.page.getByRole('heading', { name: 'Connect to Dropbox' }).waitFor();
    await renewing;
    await u.page.waitForTimeout(1000);
    // Disconnected stays disconnected: no secret back in the keychain, no token back in the file.
    expect((await u.app.service['vault'].getAccess()) ? 'a token' : 'nothing').toBe('nothing');
    expect(u.app.service.status().state).toBe('disconnected');
    expect(env(dir)).toBe('DROPBOX_ACCESS_TOKEN=\nOTHER=keep\n');
    await expect(u.page.locator('.app-header').textContent()).resolves.not.toMatch(/Connected/);
  });

  it('reconnecting after the project folder was moved away: Home, and the project does not say current', async () => {
    const u = await suite.open();
    await u.page.getByRole('button', { name: 'Paste a token' }).click();
    await u.page.getByLabel('Token', { exact: true }).fill(suite.fake.mintAppConsoleToken());
    await u.page.getByRole('button', { name: 'Connect with this token' }).click();
    await u.page.getByRole('button', { name: 'Projects' }).click();
    const dir = await addProject(u);
    rmSync(dir, { recursive: true, force: true });
    await u.page.getByRole('button', { name: 'Home' }).click();
    const before = (await u.app.openedUrls()).length;
    await u.page.getByRole('button', { name: 'Connect with the browser' }).click();
    await followRedirect((await suite.fake.approve(await nextOpenedUrl(u.app, before))).location);
    await u.page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    await u.page.getByRole('button', { name: 'Projects' }).click();
    await eventually(() => envStatus(u, dir)).not.toBe('current');
    await expect(card(u, dir).textContent()).resolves.toContain('The project folder is gone');
  });

  it('disconnecting (and clearing files) while Sync now runs: the file ends without a token', async () => {
    const u = await connectedOnProjects();
    const dir = await addProject(u);
    // Sync now asks Dropbox first, slowly; meanwhile the user goes Home and disconnects.
    suite.fake.injectFault({ route: 'users/get_current_account', delayMs: 1500, afterHandling: true });
    await card(u, dir).getByRole('button', { name: 'Sync now' }).click();
    await u.page.getByRole('button', { name: 'Home' }).click();
    await u.page.getByRole('button', { name: 'Disconnect…' }).click();
    await u.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await u.page.getByRole('heading', { name: 'Connect to Dropbox' }).waitFor();
    await u.page.waitForTimeout(2500);
    expect(env(dir)).toBe(ORIGINAL);
    expect(u.app.service.status().state).toBe('disconnected');
    await expect(u.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Connect to Dropbox');
  });
});
