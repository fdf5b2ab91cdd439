import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// How long `dropbox-token-tray status --json` with nothing connected takes to start, next to a
// bare `node -e 0` on the same machine: runs alternate, so load on the machine hits both alike,
// and the medians are compared. Budget: 2.5 × (issue 9). Build first (the CLI is build/cli.mjs).

export const STARTUP_BUDGET_RATIO = 2.5;
const cliBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'dropbox-token-tray.mjs');

export interface StartupTimes {
  nodeMs: number;
  cliMs: number;
  ratio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function timeRun(node: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  return ms;
}

/** `node`: the Node binary both runs use (the CLI against a bare `node -e 0` of the same Node). */
export function measureStartup(runs = 7, node = process.execPath): StartupTimes {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'dtt-startup-'));
  const env = { ...process.env, DTT_CONFIG_DIR: configDir, DEBUG: '' };
  try {
    const check = spawnSync(node, [cliBin, 'status', '--json'], { env, encoding: 'utf8' });
    if (!check.stdout.includes('"disconnected"')) throw new Error(`status --json did not run: ${check.stderr}`);
    const bare: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(timeRun(node, ['-e', '0'], env));
      cli.push(timeRun(node, [cliBin, 'status', '--json'], env));
    }
    const nodeMs = median(bare);
    const cliMs = median(cli);
    return { nodeMs, cliMs, ratio: cliMs / nodeMs };
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

export function printStartup(t: StartupTimes, log: (line: string) => void = console.log): void {
  log(
    `CLI start-up (status --json, nothing connected): ${t.cliMs.toFixed(0)} ms vs node -e 0 ${t.nodeMs.toFixed(0)} ms = ${t.ratio.toFixed(2)}× (budget ${STARTUP_BUDGET_RATIO}×)`,
  );
}
