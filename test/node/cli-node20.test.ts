import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { keyringAvailable, keyringSkipReason } from '../support/keyring';
import { readFileSync } from 'node:fs';
import { cliBin, useFakeDropbox } from '../support/cli';

// The build tooling needs Node 22, but staff may run the CLI with the Node 20 they have: the CLI
// is bundled for node20 (scripts/build.mjs). This proves it on a real Node 20 binary. The test
// runner passes the Node 20 it came from in DTT_NODE20 (scripts/run-tests.mjs).
const node20 = process.env.DTT_NODE20 ?? (process.versions.node.startsWith('20.') ? process.execPath : '');
const run = promisify(execFile);

const reason = !node20
  ? 'no Node 20 binary (scripts/run-tests.mjs sets DTT_NODE20; run the suite with `npm test`)'
  : !keyringAvailable()
    ? keyringSkipReason()
    : '';
if (reason) console.log(`[skip] CLI on Node 20: ${reason}`);

describe.skipIf(Boolean(reason))('the CLI on Node 20', () => {
  const { fake, newEnv } = useFakeDropbox();

  const cli = async (args: string[], env: NodeJS.ProcessEnv, input?: string) => {
    const child = run(node20, [cliBin, ...args], { env, encoding: 'utf8' });
    if (input !== undefined) child.child.stdin?.end(input);
    return child.then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  };

  it('runs on Node 20: version, paste, status and sync', async () => {
    const version = await run(node20, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^20\./);
    const e = await newEnv();
    const pasted = await cli(['paste'], e.env, fake.mintAppConsoleToken());
    expect(pasted.code, pasted.stderr).toBe(0);
    const status = await cli(['status', '--json'], e.env);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'connected' });

    const project = mkdtempSync(path.join(os.tmpdir(), 'dtt-node20-'));
    writeFileSync(path.join(project, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
    const added = await cli(['project', 'add', project, '--yes'], e.env);
    expect(added.code, added.stdout + added.stderr).toBe(0);
    const synced = await cli(['sync'], e.env);
    expect(synced.code, synced.stdout + synced.stderr).toBe(0);
    expect(readFileSync(path.join(project, '.env'), 'utf8')).toMatch(/^DROPBOX_ACCESS_TOKEN=sl\./);
  });
});
