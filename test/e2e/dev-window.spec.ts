import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'vite';
import { expect, it } from 'vitest';
import { TokenTrayService } from '../../electron/core/service';
import { startApp } from '../../electron/main/app';
import { repoRoot } from '../support/cli';
import { createElectronStandIn } from '../support/electron-standin';
import { closeSharedChromium, sharedChromium } from '../support/electron-standin/chromium';
import { describeWithKeyring, uniqueService } from '../support/keyring';

// `npm run dev` on the stand-in: the real main code loads the window from Vite's dev server, and
// the sender check answers that page (dev-renderer.test.ts: only that origin, never when packaged).

describeWithKeyring('the window from the Vite dev server', { timeout: 60_000 }, () => {
  it('loads with the preload and passes the IPC sender check', async () => {
    const vite = await createServer({
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 },
    });
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'dtt-dev-'));
    const standIn = createElectronStandIn({ browser: sharedChromium });
    try {
      await vite.listen();
      const devUrl = vite.resolvedUrls!.local[0]!;
      const env = { DTT_CONFIG_DIR: configDir, DTT_KEYCHAIN_SERVICE: uniqueService('dev') };
      const handle = await startApp(standIn.electron, {
        service: new TokenTrayService({ env }),
        assetsDir: path.join(repoRoot, 'assets'),
        rendererDir: path.join(repoRoot, 'build', 'renderer'),
        devRendererUrl: devUrl,
        preloadPath: path.join(repoRoot, 'build', 'preload.cjs'),
        startHidden: false,
        devTools: false,
      });
      handle!.showWindow();
      const page = await standIn.page();
      expect(page.url()).toBe(devUrl);
      await page.getByText('Not connected').first().waitFor();
      // The status line comes over IPC: a refused sender would show the error screen instead.
      await standIn.flushEvents();
      const answers = standIn.ctx.ipcLog.filter((e) => e.kind === 'response' && e.channel === 'dtt:status');
      expect(answers.length).toBeGreaterThan(0);
      expect(JSON.stringify(answers)).not.toContain('unknown page was refused');
    } finally {
      standIn.quit();
      await standIn.dispose();
      await closeSharedChromium();
      await vite.close();
      rmSync(configDir, { recursive: true, force: true });
    }
  });
});
