import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { hostileRepo, unreadableRepo } from '../support/hostile-git';
import { engineProject, gitInit, tempProject } from '../support/projects';
import {
  checkScreen,
  currentToken,
  eventually,
  queueFolder,
  statusLine,
  type Ui,
  connectedOnProjects as onProjects,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// The Projects screen against real folders: detection, git warnings, sync outcomes, undo.

const suite = uiSuite();

const connectedOnProjects = async () => onProjects(await suite.open(), suite.fake);

async function addFolder(u: Ui, dir: string): Promise<void> {
  await queueFolder(u.app, dir);
  await u.page.getByRole('button', { name: 'Add a folder' }).click();
  await u.page.getByRole('group', { name: 'Where should the token go?' }).waitFor();
}

const card = (u: Ui, dir: string) => u.page.locator(`[data-project="${dir}"]`);
const target = (u: Ui, dir: string, file: string) => card(u, dir).locator(`[data-file="${file}"]`);

describeWithKeyring('projects screen', { timeout: 90_000 }, () => {
  it('offers two places in one file as two choices, and writes only the chosen one', async () => {
    const u = await connectedOnProjects();
    const dir = tempProject({
      'config/app.json':
        '{\n  "dropbox_access_token": "",\n  "dropbox_access_token_secret": "keep",\n  "backup": { "dropbox_access_token": "" }\n}\n',
    });
    await addFolder(u, dir);
    const boxes = u.page.getByRole('checkbox', { name: /config\/app\.json/ });
    await expect(boxes.count()).resolves.toBe(2);
    await expect(u.page.getByRole('checkbox', { name: /backup\.dropbox_access_token/ }).isChecked()).resolves.toBe(
      true,
    );
    // Each place is its own choice: leaving one out leaves the other ticked.
    await u.page.getByRole('checkbox', { name: /→ dropbox_access_token$/ }).uncheck();
    await expect(u.page.getByRole('checkbox', { name: /backup\.dropbox_access_token/ }).isChecked()).resolves.toBe(
      true,
    );
    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await card(u, dir).waitFor();
    const token = await currentToken(u);
    await eventually(() => JSON.parse(readFileSync(path.join(dir, 'config/app.json'), 'utf8'))).toEqual({
      dropbox_access_token: '',
      dropbox_access_token_secret: 'keep',
      backup: { dropbox_access_token: token },
    });
  });

  it('adds the guide’s training engine, writes the token and shows it current', async () => {
    const u = await connectedOnProjects();
    await checkScreen(u.page, 'projects-empty');
    const dir = engineProject();
    await addFolder(u, dir);
    const settings = 'src/cloud/training/config/settings.py';
    await expect(u.page.locator(`[data-file="${settings}"]`).textContent()).resolves.toContain(
      'Why: class DropboxSettings',
    );
    await expect(u.page.getByRole('checkbox', { name: new RegExp(settings) }).isChecked()).resolves.toBe(true);
    await checkScreen(u.page, 'projects-add');

    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await card(u, dir).waitFor();
    await eventually(() => statusLine(u.page).textContent()).toMatch(/files? updated/);
    await eventually(() => target(u, dir, settings).getAttribute('data-status')).toBe('current');
    expect(readFileSync(path.join(dir, settings), 'utf8')).toContain(await currentToken(u));
    await checkScreen(u.page, 'projects-added');

    // Undo puts the files back as they were before that sync.
    await card(u, dir).getByRole('button', { name: 'Undo last sync' }).click();
    await eventually(() => target(u, dir, settings).getAttribute('data-status')).not.toBe('current');
    expect(readFileSync(path.join(dir, settings), 'utf8')).not.toContain(await currentToken(u));

    // Keep in sync off, then remove (files untouched).
    await card(u, dir).getByRole('checkbox', { name: 'Keep in sync' }).uncheck();
    await eventually(() => u.app.service.listProjects()[0]?.keepInSync).toBe(false);
    await card(u, dir).getByRole('button', { name: 'Open folder' }).click();
    await eventually(() => u.app.standIn?.ctx.openedPaths.at(-1)).toBe(dir);
    await card(u, dir).getByRole('button', { name: 'Remove…' }).click();
    await checkScreen(u.page, 'projects-remove-confirm');
    await card(u, dir).getByRole('button', { name: 'Remove', exact: true }).click();
    await u.page.getByText('No projects yet.').waitFor();
  });

  it('warns about a file git already tracks, and leaves it unticked', async () => {
    const u = await connectedOnProjects();
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n', 'README.md': '# demo\n' });
    gitInit(dir);
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    await addFolder(u, dir);
    const item = u.page.locator('[data-file=".env"]');
    // Committed by gitInit, so tracked: the fix is to stop tracking it, explained in words.
    await expect(item.textContent()).resolves.toContain('is tracked by git');
    await expect(u.page.getByRole('checkbox', { name: /\.env/ }).isChecked()).resolves.toBe(false);
    await checkScreen(u.page, 'projects-add-tracked');
  });

  it('offers "Add to .gitignore" for a file git does not ignore yet', async () => {
    const u = await connectedOnProjects();
    const dir = tempProject({ 'README.md': '# demo\n' });
    gitInit(dir);
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    await addFolder(u, dir);
    const item = u.page.locator('[data-file=".env"]');
    await expect(item.textContent()).resolves.toContain('is not ignored by git');
    await checkScreen(u.page, 'projects-add-unignored');
    await item.getByRole('button', { name: 'Add to .gitignore' }).click();
    await item.getByText('Added to .gitignore.').or(item.locator('[data-error-kind]')).waitFor();
    const refused = await item.locator('[data-error-kind]').count();
    expect(
      refused ? await item.locator('[data-error-kind]').textContent() : null,
      'main must accept a folder chosen in "Add a folder" for dtt:projects-ignore',
    ).toBeNull();
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('/.env');
    await expect(u.page.getByRole('checkbox', { name: /\.env/ }).isChecked()).resolves.toBe(true);
  });

  it('skips a file that became tracked, and writes it anyway when asked', async () => {
    const u = await connectedOnProjects();
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    await addFolder(u, dir);
    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await eventually(() => target(u, dir, '.env').getAttribute('data-status')).toBe('current');

    gitInit(dir); // commits .env, token and all: exactly what the guard is for
    suite.fake.expireAccessTokens();
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=old\n');
    await card(u, dir).getByRole('button', { name: 'Sync now' }).click();
    const outcome = target(u, dir, '.env').locator('[data-outcome="skipped"]');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toContain('is tracked by git');
    await checkScreen(u.page, 'projects-sync-tracked');

    await outcome.getByRole('button', { name: 'Write anyway' }).click();
    await target(u, dir, '.env').locator('[data-outcome="updated"]').waitFor();
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toContain(await currentToken(u));
  });

  it("asks first where git can't tell whether it would commit the file, and runs nothing of the repository", async () => {
    const u = await connectedOnProjects();
    const repo = hostileRepo({ '.env': 'DROPBOX_ACCESS_TOKEN=\n', '.gitignore': '.env\n' }, ['.gitignore']);
    unreadableRepo(repo.dir);
    await addFolder(u, repo.dir);
    const item = u.page.locator('[data-file=".env"]');
    await expect(item.textContent()).resolves.toContain("Can't tell whether git tracks");
    const box = u.page.getByRole('checkbox', { name: /\.env/ });
    await expect(box.isChecked()).resolves.toBe(false);
    await box.check();
    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await eventually(() => target(u, repo.dir, '.env').getAttribute('data-status')).toBe('current');
    expect(readFileSync(path.join(repo.dir, '.env'), 'utf8')).toContain(await currentToken(u));

    // A folder that becomes such a repository later: Sync now skips it until "Write anyway".
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    await addFolder(u, dir);
    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await eventually(() => target(u, dir, '.env').getAttribute('data-status')).toBe('current');
    gitInit(dir);
    unreadableRepo(dir);
    suite.fake.expireAccessTokens();
    writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=old\n');
    await card(u, dir).getByRole('button', { name: 'Sync now' }).click();
    const outcome = target(u, dir, '.env').locator('[data-outcome="skipped"]');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toContain("Can't tell whether git tracks");
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=old\n');
    await outcome.getByRole('button', { name: 'Write anyway' }).click();
    await target(u, dir, '.env').locator('[data-outcome="updated"]').waitFor();
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toContain(await currentToken(u));
    expect(repo.fired()).toEqual([]);
  });

  it('reports a file it cannot read and leaves it untouched', async () => {
    const u = await connectedOnProjects();
    const dir = tempProject({ 'config/app.json': '{ "dropbox": { "access_token": "" } }\n' });
    await addFolder(u, dir);
    await u.page.getByRole('button', { name: /^Add and write/ }).click();
    await eventually(() => target(u, dir, 'config/app.json').getAttribute('data-status')).toBe('current');

    const broken = '{ "dropbox": { "access_token": "x" ,, }\n';
    writeFileSync(path.join(dir, 'config/app.json'), broken);
    await card(u, dir).getByRole('button', { name: 'Sync now' }).click();
    const box = target(u, dir, 'config/app.json').locator('[data-error-kind="file-unparseable"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain("Can't read this file");
    await eventually(() => target(u, dir, 'config/app.json').getAttribute('data-status')).toBe('error');
    expect(readFileSync(path.join(dir, 'config/app.json'), 'utf8')).toBe(broken);
    await checkScreen(u.page, 'projects-unparseable');
  });
});
