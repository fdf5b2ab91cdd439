import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_JS_BUDGET_KB, rendererSize } from '../../scripts/bench';
import { repoRoot } from '../support/cli';

// The built window (npm test builds it in pretest): small, and nothing the CSP would block.

const dir = path.join(repoRoot, 'build', 'renderer');
const built = existsSync(path.join(dir, 'index.html'));

describe('built renderer', () => {
  it(`ships at most ${RENDERER_JS_BUDGET_KB} KB of gzipped JavaScript`, async () => {
    expect(built, `${dir} is missing: run "npm run build" (npm test runs it in pretest)`).toBe(true);
    const size = await rendererSize(dir, () => undefined);
    expect(size.files.length).toBeGreaterThan(0);
    expect(size.totalGzipKB).toBeLessThanOrEqual(RENDERER_JS_BUDGET_KB);
  });

  it.runIf(built)('loads from file:// under its CSP: relative URLs, no inline script or style, nothing remote', () => {
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain(`content="default-src 'none'; script-src 'self'; style-src 'self'`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style\b|\sstyle=/i);
    expect(html).not.toMatch(/type="module"|crossorigin/);
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(url).toMatch(/^\.\/assets\//);
  });
});
