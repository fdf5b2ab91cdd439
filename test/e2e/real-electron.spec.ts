import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { keyringAvailable } from '../support/keyring';
import { closeBrowsers, launchApp, plannedBackend } from '../support/launch-app';

// Runs only where the Electron binary exists (a developer machine, a packaging runner); here it
// skips and says why. Everything else in test/e2e runs on whichever backend launchApp picks.
const plan = plannedBackend({ backend: 'auto' });
const reason = plan.backend === 'electron' ? (keyringAvailable() ? '' : 'no private keyring') : plan.why;
if (reason) console.log(`real-electron.spec: skipped — ${reason}`);

describe.skipIf(Boolean(reason))('the packaged-shape app in real Electron', () => {
  let fake: FakeDropbox;
  beforeAll(async () => {
    fake = await startFakeDropbox({ appKey: 'testappkey123456' });
  });
  afterAll(async () => {
    await closeBrowsers();
    await fake.close();
  });

  it('starts with a tray that always offers Open and Quit, and an isolated window', async () => {
    const app = await launchApp({ fake, appKey: 'testappkey123456', backend: 'electron' });
    try {
      expect(app.backend).toBe('electron');
      const ids = await app.menuIds();
      expect(ids).toContain('open');
      expect(ids).toContain('quit');
      const page = await app.page();
      expect(await page.evaluate(() => typeof (window as unknown as { dtt?: unknown }).dtt)).toBe('object');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
