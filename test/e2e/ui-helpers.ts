// Shared by the ui-*.spec.ts files: start the real app (stand-in or Electron) against the fake
// Dropbox, look at its window like a user, and check every screen with axe-core.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/cli';
import type { FakeDropbox } from '../support/fake-dropbox';
import { launchApp, type AppUnderTest, type LaunchOptions } from '../support/launch-app';
import { findJargon } from '../support/jargon';

export const APP_KEY = 'uitestappkey1234';
export const SCREENS_DIR = path.join(repoRoot, 'test-results', 'screens');

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Ui {
  app: AppUnderTest;
  page: Page;
}

/** The app with its window open on the built renderer, showing its first screen. */
export async function startUi(fake: FakeDropbox, opts: Partial<LaunchOptions> = {}): Promise<Ui> {
  const app = await launchApp({ fake, appKey: APP_KEY, ...opts });
  const page = await app.page();
  await page.locator('h1').first().waitFor();
  return { app, page };
}

/** expect.poll with room for a loaded machine (its default gives up after one second). */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

/** The URL main last handed to the system browser, once it has. */
export async function nextOpenedUrl(app: AppUnderTest, before: number): Promise<string> {
  await eventually(async () => (await app.openedUrls()).length).toBeGreaterThan(before);
  return (await app.openedUrls()).at(-1)!;
}

/** What the user's browser does with the callback redirect: load it. */
export async function followRedirect(location: string | undefined): Promise<void> {
  if (!location) throw new Error('the fake gave no redirect');
  await fetch(location).then((r) => r.text());
}

/** The answer the next folder picker gives, on either backend. */
export function queueFolder(app: AppUnderTest, dir: string | null): Promise<void> {
  return app.queueOpenDialog(dir ? { canceled: false, filePaths: [dir] } : { canceled: true, filePaths: [] });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core, evaluated through the DevTools protocol: the page's CSP blocks script tags, not
 * that. `preload: false` stops axe fetching the stylesheets itself (connect-src 'none').
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], preload: false });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** The whole screen, scrolled content included, for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const size = page.viewportSize() ?? { width: 420, height: 640 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main
      ? document.documentElement.clientHeight - main.clientHeight + main.scrollHeight
      : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(size);
}

/** The window's prose outside <details>; the report for IT (a textarea) is data, not prose. */
export function primaryText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('details, textarea').forEach((d) => d.remove());
    return copy.textContent ?? '';
  });
}

/**
 * Every screen and state passes through here: no serious or critical axe findings, no jargon in
 * the primary text, and a picture.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${name}`).toEqual([]);
  expect(findJargon(await primaryText(page)), `plain language on ${name}`).toEqual([]);
  await screenshot(page, name);
}

/**
 * checkScreen in the light and the dark scheme (Playwright's colorScheme, which the CSS follows
 * through prefers-color-scheme): pictures `name.png` and `name-dark.png`, axe on both.
 */
export async function checkBothSchemes(page: Page, name: string): Promise<void> {
  // A button's background fades for 120 ms while its text colour flips at once: let it settle,
  // or axe judges a colour that is neither scheme's.
  const settle = () => page.waitForTimeout(300);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await settle();
  await checkScreen(page, name);
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await settle();
  try {
    await checkScreen(page, `${name}-dark`);
  } finally {
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  }
}

/** The text of the polite live region, where confirmations are announced. */
export function statusLine(page: Page) {
  return page.getByRole('status');
}

/** Makes the clipboard refuse, as a locked-down window may. */
export async function refuseClipboard(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
  });
}

/** Signs in the usual way (Connect Dropbox → Allow in the fake) and waits for Home. */
export async function connectWithBrowser(u: Ui, fake: FakeDropbox): Promise<void> {
  const before = (await u.app.openedUrls()).length;
  await u.page.getByRole('button', { name: 'Connect Dropbox' }).click();
  const url = await nextOpenedUrl(u.app, before);
  await followRedirect((await fake.approve(url)).location);
  await u.page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
}

/** The screen's title: every screen has one level-1 heading. */
export const h1 = (u: Ui) => u.page.getByRole('heading', { level: 1 });

/** Waits for Home. */
export const onHome = (u: Ui) => u.page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();

/** Connects by pasting a fresh token in the window, and waits for Home. */
export async function pasteInWindow(u: Ui, token: string, click: 'click' | 'dblclick' = 'click'): Promise<void> {
  await u.page.getByRole('button', { name: 'Paste a token' }).click();
  await u.page.getByLabel('Token', { exact: true }).fill(token);
  await u.page.getByRole('button', { name: 'Connect with this token' })[click]();
  await onHome(u);
}

/** Connected with the browser, on the Projects screen. */
export async function connectedOnProjects(u: Ui, fake: FakeDropbox): Promise<Ui> {
  await connectWithBrowser(u, fake);
  await u.page.getByRole('button', { name: 'Projects' }).click();
  await u.page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
  return u;
}

/**
 * After a race: once things settle (`settleMs`), the window still waits for the browser with no
 * error shown, and the newest sign-in, allowed in the browser, lands on Home.
 */
export async function newestSignInWorks(u: Ui, fake: FakeDropbox, settleMs: number): Promise<void> {
  await u.page.waitForTimeout(settleMs);
  await expect(h1(u).textContent()).resolves.toBe('Finish in your browser');
  expect(await u.page.locator('[data-error-kind]').count()).toBe(0);
  await followRedirect((await fake.approve((await u.app.openedUrls()).at(-1)!)).location);
  await onHome(u);
}

/** The access token the app keeps, read from the keychain by the test (never from the window). */
export async function currentToken(u: Ui): Promise<string> {
  const access = await u.app.service['vault'].getAccess();
  if (!access) throw new Error('no access token in the keychain');
  return access.token;
}
