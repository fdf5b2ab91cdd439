import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, it, onTestFinished } from 'vitest';
import { repoRoot } from '../support/cli';
import { describeWithKeyring } from '../support/keyring';
import { engineRepo, git } from '../support/projects';
import {
  checkBothSchemes,
  currentToken,
  eventually,
  followRedirect,
  nextOpenedUrl,
  queueFolder,
  SCREENS_DIR,
  type Ui,
} from './ui-helpers';
import { uiSuite } from './ui-suite';

// The staff member's whole job in the window: the guide's engine, a real git clone with both
// Python files committed, from first launch to "your project is ready" — counting what they do.
// Its pictures are the README's: `DTT_DOCS_SCREENS=1` copies them into docs/screens.

const suite = uiSuite();
const DOCS_PICTURES = {
  'journey-welcome': 'welcome',
  'journey-waiting': 'waiting',
  'journey-home-next': 'home',
  'journey-ready': 'projects-added',
};

function copyDocsPictures(): void {
  if (process.env.DTT_DOCS_SCREENS !== '1') return;
  for (const [from, to] of Object.entries(DOCS_PICTURES))
    for (const scheme of ['', '-dark'])
      copyFileSync(
        path.join(SCREENS_DIR, `${from}${scheme}.png`),
        path.join(repoRoot, 'docs/screens', `${to}${scheme}.png`),
      );
}
const SETTINGS = 'src/cloud/training/config/settings.py';
const RETRAIN = 'src/cloud/training/pipelines/daily_retrain.py';

/**
 * Every click the test makes for the user goes through here, and the page itself counts the
 * trusted clicks and keys it receives: the two must agree, so nothing is done off the books.
 */
function userCounter(page: Page) {
  let clicks = 0;
  return {
    async install() {
      await page.evaluate(() => {
        const w = window as unknown as { __input: { clicks: number; keys: number } };
        w.__input = { clicks: 0, keys: 0 };
        document.addEventListener('click', (e) => void (e.isTrusted && w.__input.clicks++), true);
        document.addEventListener('keydown', (e) => void (e.isTrusted && w.__input.keys++), true);
      });
    },
    async click(target: Locator) {
      clicks++;
      await target.click();
    },
    /** A click outside the window (the browser's Allow button). */
    elsewhere() {
      clicks++;
    },
    get clicks() {
      return clicks;
    },
    seenByPage(): Promise<{ clicks: number; keys: number }> {
      return page.evaluate(() => (window as unknown as { __input: { clicks: number; keys: number } }).__input);
    },
  };
}

/** Elements inside `scope` whose content is wider than they are (text running past an edge). */
function overflowing(scope: Locator): Promise<string[]> {
  return scope.evaluateAll((els) =>
    els
      .flatMap((el) => [el, ...Array.from(el.querySelectorAll('*'))])
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').slice(0, 60)}`),
  );
}

const card = (u: Ui, dir: string) => u.page.locator(`[data-project="${dir}"]`);
const target = (u: Ui, dir: string, file: string) => card(u, dir).locator(`[data-file="${file}"]`);

describeWithKeyring('the staff member’s journey', { timeout: 120_000 }, () => {
  it('takes the engine in git from first launch to “your project is ready” in a few clicks, no typing', async () => {
    // The engine where staff keep it, in their home folder: the window shows ~/code/training-engine.
    const home = mkdtempSync(path.join(os.tmpdir(), 'dtt-home-'));
    const { dir } = engineRepo('training-engine', path.join(home, 'code'));
    const realHome = process.env.HOME;
    process.env.HOME = home;
    onTestFinished(() => {
      process.env.HOME = realHome;
    });
    const u = await suite.open({ env: { HOME: home } });
    const { page } = u;
    const user = userCounter(page);
    await user.install();
    await checkBothSchemes(page, 'journey-welcome');

    // Connect: the window's button, then Allow in the browser.
    const before = (await u.app.openedUrls()).length;
    await user.click(page.getByRole('button', { name: 'Connect Dropbox' }));
    const url = await nextOpenedUrl(u.app, before);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /browser/i })
      .waitFor();
    await checkBothSchemes(page, 'journey-waiting');
    user.elsewhere();
    await followRedirect((await suite.fake.approve(url)).location);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();

    // Home doesn't end at "Connected": it says which folder to add.
    const next = page.locator('[data-next]');
    await expect(next.getAttribute('data-next')).resolves.toBe('add-folder');
    await expect(next.textContent()).resolves.toMatch(/Next: add your project folder.*training engine/);
    await expect(page.locator('[data-fact="stored"]').textContent()).resolves.toContain('No file holds a copy');
    await checkBothSchemes(page, 'journey-home-next');

    // One click: Home's button opens Projects with the folder dialog (answered by the harness).
    await queueFolder(u.app, dir);
    await user.click(page.getByRole('button', { name: 'Add your project folder…' }));
    await page.getByRole('group', { name: 'Where should the token go?' }).waitFor();
    await expect(page.locator('[aria-labelledby="add-title"] .path').textContent()).resolves.toBe(
      '~/code/training-engine',
    );
    for (const file of [SETTINGS, RETRAIN]) {
      await expect(page.getByRole('checkbox', { name: new RegExp(file) }).isChecked()).resolves.toBe(false);
    }
    // The long git warning stays inside its card, paths wrapping at "/".
    await expect(overflowing(page.locator('.detected'))).resolves.toEqual([]);
    await expect(page.locator('.detected code wbr').count()).resolves.toBeGreaterThan(0);
    await checkBothSchemes(page, 'journey-add-tracked');

    await user.click(page.getByRole('button', { name: 'Write it here, and keep it out of git' }).first());
    for (const file of [SETTINGS, RETRAIN]) {
      await expect(page.getByRole('checkbox', { name: new RegExp(file) }).isChecked()).resolves.toBe(true);
    }
    await user.click(page.getByRole('button', { name: 'Add and write 2 files' }));
    const ready = page.locator('[data-next="ready"]');
    await ready.waitFor({ timeout: 30_000 });
    await expect(ready.textContent()).resolves.toMatch(/Done — your project is ready.*renewed/);

    const seen = await user.seenByPage();
    console.log(
      `journey: ${user.clicks} clicks (${seen.clicks} in the window, 1 in the browser), ${seen.keys} keystrokes`,
    );
    expect(seen.clicks + 1, 'every click the page saw was counted').toBe(user.clicks);
    expect(user.clicks).toBeLessThanOrEqual(6);
    expect(seen.keys).toBe(0);
    await checkBothSchemes(page, 'journey-ready');

    // The files work for the engine, and nothing git shows or would commit holds the token.
    const token = await currentToken(u);
    for (const file of [SETTINGS, RETRAIN]) expect(readFileSync(path.join(dir, file), 'utf8')).toContain(token);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'diff', 'HEAD')).not.toContain(token);

    // Each file: one status line, the card within its edges.
    for (const file of [SETTINGS, RETRAIN]) {
      await expect(target(u, dir, file).getAttribute('data-status')).resolves.toBe('current');
      await expect(target(u, dir, file).locator('[data-line="status"]').count()).resolves.toBe(1);
    }
    await expect(overflowing(card(u, dir))).resolves.toEqual([]);
    await expect(card(u, dir).locator('.path').textContent()).resolves.toBe('~/code/training-engine');

    // Home says it's done, what happens next, and where the token really is.
    await page.getByRole('button', { name: 'Home' }).click();
    await expect(next.getAttribute('data-next')).resolves.toBe('ready');
    await expect(next.textContent()).resolves.toContain('training-engine has the token in its 2 files');
    await expect(page.locator('[data-fact="stored"]').textContent()).resolves.toMatch(
      /A copy is written into 2 settings files of training-engine/,
    );
    await checkBothSchemes(page, 'journey-home-ready');

    // Undo: the card says the files were put back, not "Out of date" beside "Token written".
    await page.getByRole('button', { name: 'Projects' }).click();
    await card(u, dir).getByRole('button', { name: 'Undo last sync' }).click();
    await eventually(() => target(u, dir, SETTINGS).getAttribute('data-status')).toBe('stale');
    for (const file of [SETTINGS, RETRAIN]) {
      const item = target(u, dir, file);
      await eventually(() => item.textContent()).toContain('Put back as it was before the last sync');
      await expect(item.textContent()).resolves.not.toMatch(/Token written|Out of date/);
      await expect(item.locator('[data-line="status"]').count()).resolves.toBe(1);
      expect(readFileSync(path.join(dir, file), 'utf8')).not.toContain(token);
    }
    await expect(page.locator('[data-next="ready"]').count()).resolves.toBe(0);
    await checkBothSchemes(page, 'journey-undone');
    await page.getByRole('button', { name: 'Home' }).click();
    await expect(next.getAttribute('data-next')).resolves.toBe('attention');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    copyDocsPictures();
  });
});
