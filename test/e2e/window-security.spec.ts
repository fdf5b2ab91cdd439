import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { closeBrowsers, launchApp, plannedBackend, type AppUnderTest } from '../support/launch-app';
import { writeTestRenderer } from '../support/electron-standin/test-renderer';
import { until } from './support';

// The window's lock-down, checked from both sides: what main configured, and what a page
// (possibly hostile) can actually do. No keychain needed: nothing here connects.

type Bridge = Record<
  string,
  (...args: unknown[]) => Promise<{ ok: boolean; error?: { kind: string; detail?: string } }>
> & {
  settings: { set(patch: unknown): Promise<{ ok: boolean; error?: { kind: string } }> };
  projects: { add(...args: unknown[]): Promise<{ ok: boolean; error?: { kind: string } }> };
};
const onStandIn = plannedBackend().backend === 'stand-in';
let fake: FakeDropbox;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  fake = await startFakeDropbox({ appKey: 'secappkey1234567' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await closeBrowsers();
  await fake?.close();
});

async function start() {
  app = await launchApp({ fake, appKey: 'secappkey1234567' });
  return { a: app, page: await app.page() };
}

describe('window security', () => {
  it('is isolated and sandboxed, with no Node in the page', async () => {
    const { a, page } = await start();
    const prefs = (await a.webPreferences())[0];
    if (onStandIn || prefs) {
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        allowRunningInsecureContent: false,
      });
    }
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        node: ['require', 'process', 'module', 'Buffer', 'global'].filter((k) => k in w),
        frozen: Object.isFrozen(w.dtt),
        keys: Object.keys(w.dtt as object).sort(),
      };
    });
    expect(seen.node).toEqual([]);
    expect(seen.frozen).toBe(true);
    expect(seen.keys).toContain('status');
    expect(seen.keys.filter((k) => /ipc|invoke|send|electron/i.test(k))).toEqual([]);
  });

  it('opens no windows: https links go to the browser, anything else nowhere', async () => {
    const { a, page } = await start();
    const opened = await page.evaluate(() => [
      window.open('https://example.com/help'),
      window.open('http://evil.example/'),
      window.open('file:///etc/passwd'),
    ]);
    expect(opened).toEqual([null, null, null]);
    await until(
      async () => (await a.openedUrls()).includes('https://example.com/help'),
      'the https link to reach the browser',
    );
    expect((await a.openedUrls()).filter((u) => !u.startsWith(fake.origin))).toEqual(['https://example.com/help']);
    if (a.standIn) expect(a.standIn.ctx.windowOpens.map((w) => w.action)).toEqual(['deny', 'deny', 'deny']);
  });

  it('cannot be navigated away from its own files', async () => {
    const { a, page } = await start();
    const home = page.url();
    for (const target of ['https://example.com/', pathToFileURL('/etc/hostname').href]) {
      await page.evaluate((t) => void (location.href = t), target);
      if (a.standIn)
        await until(
          async () => a.standIn!.ctx.navigations.some((n) => n.url === target),
          `will-navigate for ${target}`,
        );
      else await new Promise((resolve) => setTimeout(resolve, 500));
      expect(page.url()).toBe(home);
    }
    if (a.standIn) expect(a.standIn.ctx.navigations.every((n) => n.prevented)).toBe(true);
    expect(await page.evaluate(() => typeof (window as unknown as { dtt?: unknown }).dtt)).toBe('object');
  });

  it('answers a page that is not its renderer with invalid-input', async () => {
    const { a } = await start();
    const elsewhere = writeTestRenderer();
    await a.loadInWindow(pathToFileURL(path.join(elsewhere, 'index.html')).href);
    const page = await a.page();
    const answer = await page.evaluate(() => (window as unknown as { dtt: Bridge }).dtt.status!());
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'invalid-input', detail: 'request from an unknown page was refused' },
    });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it.runIf(onStandIn)('refuses a frame that is not the main frame, even showing the renderer URL', async () => {
    const { a, page } = await start();
    const outcome = await a.standIn!.invokeFromOtherFrame(page.url(), 'dtt:status', undefined);
    expect(outcome).toEqual({
      ok: true,
      value: { ok: false, error: { kind: 'invalid-input', detail: 'request from an unknown page was refused' } },
    });
    // The same request from the main frame is answered: only the frame differs.
    expect(await page.evaluate(() => (window as unknown as { dtt: Bridge }).dtt.status!().then((r) => r.ok))).toBe(
      true,
    );
  });

  it('validates every payload in main, whatever the page sends', async () => {
    const { a, page } = await start();
    const kinds = await page.evaluate(async () => {
      const dtt = (window as unknown as { dtt: Bridge }).dtt;
      const answers = [
        await dtt.pasteToken!(42 as unknown as string),
        await dtt.openExternal!('javascript:alert(1)'),
        await dtt.settings.set({ appKey: 'ok', extra: 'not allowed' }),
        await dtt.disconnect!({ blankProjects: 'yes' }),
        await dtt.projects.add('/etc', [{ file: 'passwd', format: 'dotenv', includeRefreshToken: true }], true),
      ];
      return answers.map((r) => (r.ok ? 'ok' : r.error!.kind));
    });
    expect(kinds).toEqual(['invalid-input', 'invalid-input', 'invalid-input', 'invalid-input', 'project-unknown']);
    // Refused in main, after crossing IPC: the preload does not filter payloads itself.
    const invokes = (await a.ipcLog()).filter((e) => e.kind === 'invoke').map((e) => e.channel);
    expect(invokes).toEqual(
      expect.arrayContaining([
        'dtt:paste-token',
        'dtt:open-external',
        'dtt:settings-set',
        'dtt:disconnect',
        'dtt:projects-add',
      ]),
    );
    expect(await a.openedUrls()).toEqual([]);
  });

  it.runIf(onStandIn)('denies every permission request but clipboard writes from our own page', async () => {
    const { a } = await start();
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read'] as const) {
      expect(await a.standIn!.requestPermission(permission), permission).toBe(false);
    }
    // The Copy buttons: navigator.clipboard.writeText asks for this one.
    expect(await a.standIn!.requestPermission('clipboard-sanitized-write')).toBe(true);
    await a.loadInWindow(fake.origin + '/');
    expect(await a.standIn!.requestPermission('clipboard-sanitized-write')).toBe(false);
  });
});
