import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { measureStartup, printStartup, STARTUP_BUDGET_RATIO } from '../../scripts/bench-startup';
import { cliBin } from '../support/cli';

// Issue 9 item 7: `status --json` with nothing connected starts within 2.5× a bare `node -e 0`
// (medians of alternating runs). The entry answers it before the full CLI loads
// (electron/cli/index.ts). The machine is shared with the other test files running beside
// this one, so a noisy measurement is tried again, up to three times; three over budget fail.

// Held on the Node the tests run on (22, the tooling's) and on the Node staff may run the CLI
// with (20, which npm test passes in DTT_NODE20 when it re-runs itself on Node 22).
const nodes = [...new Set([process.execPath, process.env.DTT_NODE20 || process.execPath])];

for (const node of nodes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  it(`status --json with nothing connected starts within ${STARTUP_BUDGET_RATIO}× node -e 0 (Node ${version})`, () => {
    let times = measureStartup(7, node);
    printStartup(times);
    for (let retry = 0; retry < 2 && times.ratio >= STARTUP_BUDGET_RATIO; retry++) {
      times = measureStartup(7, node);
      printStartup(times);
    }
    expect(times.ratio).toBeLessThan(STARTUP_BUDGET_RATIO);
  }, 120_000);
}

it('the quick answer is the one the full CLI gives', () => {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'dtt-quick-'));
  try {
    const env = { ...process.env, DTT_CONFIG_DIR: configDir, DEBUG: '' };
    const run = (...args: string[]) => spawnSync(process.execPath, [cliBin, ...args], { env, encoding: 'utf8' });
    const quick = run('status', '--json');
    // --verbose in front is not the entry's exact `status --json`, so this one goes through commander.
    const full = run('--verbose', 'status', '--json');
    expect(JSON.parse(quick.stdout)).toMatchObject({ state: 'disconnected', projects: [] });
    expect(quick.stdout).toBe(full.stdout);
    expect(quick.stderr).toBe(full.stderr);
    expect(quick.status).toBe(full.status);
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
});
