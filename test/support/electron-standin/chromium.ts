import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

// One Chromium per test worker: windows and "the user's browser" are contexts in it, so a test
// pays for a context (milliseconds) instead of a launch.

export const CHROMIUM_PATH = process.env.DTT_CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared: Promise<Browser> | undefined;

export function sharedChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    return Promise.reject(
      new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set DTT_CHROMIUM_PATH)`),
    );
  shared ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return shared;
}

export async function closeSharedChromium(): Promise<void> {
  const pending = shared;
  shared = undefined;
  await (await pending?.catch(() => undefined))?.close();
}

/** A tab in a fresh profile, standing in for the user's default browser. */
export async function openInBrowser(url: string): Promise<Page> {
  const context = await (await sharedChromium()).newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
