import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';
import { electronBinary } from '../support/electron-standin/electron-binary';

// `npm run dev`: its plan (--check starts nothing) and the Vite dev server it serves the window from.

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
function check(env: NodeJS.ProcessEnv) {
  const clean = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ...env };
  const out = execFileSync(tsx, ['scripts/dev.mjs', '--check'], { cwd: repoRoot, env: clean, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, unknown>;
}

describe('npm run dev --check', () => {
  const hasElectron = 'path' in electronBinary(repoRoot);

  it('plans the backend, the dev server URL and the watched outputs', () => {
    const plan = check({ DTT_DEV_PORT: '47123' });
    expect(plan.backend).toBe(hasElectron ? 'electron' : 'stand-in');
    expect(plan.rendererUrl).toBe('http://127.0.0.1:47123/');
    expect(plan.watch).toEqual(['build/cli.mjs', 'build/main.mjs', 'build/preload.cjs']);
  });

  it.skipIf(hasElectron)('on the stand-in without a display: headless, with a URL to inspect the window', () => {
    const plan = check({});
    expect(plan.rendererUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(plan).toMatchObject({ headed: false, display: expect.stringContaining('no display') });
    expect(plan.inspectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/json$/);
  });

  it.skipIf(hasElectron)('on the stand-in with a display: a headed Chromium window', () => {
    expect(check({ DISPLAY: ':0' })).toMatchObject({ backend: 'stand-in', headed: true, inspectUrl: null });
  });
});

describe('the Vite dev server', () => {
  it('serves the renderer with a CSP that allows only its own HMR websocket and nonce', async () => {
    const server = await createServer({
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, hmr: true },
    });
    try {
      await server.listen();
      const origin = server.resolvedUrls!.local[0]!;
      const html = await (await fetch(origin)).text();
      expect(html).toContain('<div id="root"></div>');
      const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
      const nonce = /'nonce-([\w-]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain(`connect-src ${new URL(origin).origin.replace('http:', 'ws:')};`);
      expect(csp).toContain("default-src 'none'");
      // Every script Vite adds (the Fast Refresh preamble included) carries that nonce.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
      const main = await fetch(new URL('/src/main.tsx', origin));
      expect(main.status).toBe(200);
      expect(main.headers.get('content-type')).toMatch(/javascript/);
    } finally {
      await server.close();
    }
  });
});
