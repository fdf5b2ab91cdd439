import type { Page } from 'playwright-core';
import type { AppUnderTest } from '../support/launch-app';

// Shared steps for the app-level specs. Not a spec file itself (vitest runs *.spec.ts only).

/** Polls until `probe` gives something truthy; fails with `what` and the last value seen. */
export async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last) return last as T;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The URL the app asked the OS to open after `before` URLs had already been opened. */
export function nextOpenedUrl(app: AppUnderTest, before: number): Promise<string> {
  return until(async () => (await app.openedUrls())[before], `the app to open URL #${before + 1} in the browser`);
}

/** Plays the user in their browser: the fake's authorize page, the Allow button, the redirect. */
export async function allowInBrowser(app: AppUnderTest, authorizeUrl: string): Promise<Page> {
  const tab = await app.openInBrowser(authorizeUrl);
  await tab.getByRole('button', { name: 'Allow' }).click();
  await tab.waitForURL((u) => u.hostname === '127.0.0.1' && u.pathname === '/callback');
  await tab.getByText('Connected — you can close this tab').waitFor();
  return tab;
}

/** Connect (or reconnect) from the tray menu through the browser sign-in; returns the authorize URL. */
export async function connectFromTray(app: AppUnderTest): Promise<string> {
  const before = (await app.openedUrls()).length;
  await app.clickMenu('connect');
  const url = await nextOpenedUrl(app, before);
  const tab = await allowInBrowser(app, url);
  await tab.context().close();
  await until(async () => (await app.tray()).tooltip.includes('Dana Okafor'), 'the tray to show the account');
  return url;
}

export const TOKEN_SHAPE = /sl\.u\.[A-Za-z0-9_-]{20}/;

/** What in `text` gives a secret away: one of the known secrets, or anything token-shaped. */
export function leaks(text: string, secrets: Array<string | null | undefined>): string[] {
  const found = secrets
    .filter((s): s is string => Boolean(s) && text.includes(s!))
    .map((s) => `a known secret (${s.slice(0, 6)}…)`);
  const shaped = TOKEN_SHAPE.exec(text);
  if (shaped) found.push(`a token-shaped string at offset ${shaped.index}`);
  return found;
}
