// `run` (issue 11 item 2) and the CLI's last-resort handler (issue 8 item 6): the token reaches one
// command through its environment only; exit codes and signals pass through; nothing dies silently.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastResortLine } from '../../electron/cli/last-resort';
import { describeWithKeyring } from '../support/keyring';
import { cliBin, readAllFiles, runCli, startCli, useFakeDropbox } from '../support/cli';
import { tempProject } from '../support/projects';

const { fake, appKey, newEnv, pasted, signedIn } = useFakeDropbox();

describeWithKeyring("run: the token in a command's environment, nothing on disk", () => {
  const node = process.execPath;
  const printEnv =
    'process.stdout.write(JSON.stringify({a: process.env.DROPBOX_ACCESS_TOKEN ?? null, r: process.env.DROPBOX_REFRESH_TOKEN ?? null, k: process.env.DROPBOX_APP_KEY ?? null}))';

  it('passes the access token (and with the flag the refresh token and app key); writes nothing', async () => {
    const { e, token } = await pasted();
    const plain = await runCli(['run', '--', node, '-e', printEnv], e.env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual({ a: token, r: null, k: null });
    expect(readAllFiles(e.configDir)).not.toContain(token);

    const oauth = await signedIn();
    const full = await runCli(['run', '--include-refresh-token', '--', node, '-e', printEnv], oauth.env);
    expect(full.code, full.stderr).toBe(0);
    const got = JSON.parse(full.stdout);
    expect(got.a).toMatch(/^sl\./);
    expect(got.r).toBeTruthy();
    expect(got.k).toBe(appKey);
    expect(readAllFiles(oauth.configDir)).not.toContain(got.r);
  });

  it("passes the command's exit code, and a signal as 128 + its number", async () => {
    const { e } = await pasted();
    expect((await runCli(['run', '--', node, '-e', 'process.exit(7)'], e.env)).code).toBe(7);
    const killed = await runCli(['run', '--', node, '-e', "process.kill(process.pid, 'SIGTERM')"], e.env);
    expect(killed.code).toBe(143);
  });

  it('forwards Ctrl+C to the command and waits for it', async () => {
    const { e } = await pasted();
    const child =
      "process.on('SIGINT', () => { console.log('child got SIGINT'); process.exit(5) }); console.log('ready'); setInterval(() => {}, 1000)";
    const cli = startCli(['run', '--', node, '-e', child], e.env);
    await cli.waitForLine(/^ready$/);
    cli.kill('SIGINT');
    const r = await cli.result;
    expect(r.stdout).toContain('child got SIGINT');
    expect(r.code).toBe(5);
  });

  it('refuses without running anything when Dropbox disconnected the app', async () => {
    const { e } = await pasted();
    const marker = path.join(tempProject({}), 'ran');
    fake.revokeAll();
    const r = await runCli(
      ['run', '--', node, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`],
      e.env,
    );
    expect(r.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
    expect(r.stderr).toContain('Dropbox disconnected this app');
    expect(r.stderr).toContain('dropbox-token-tray connect');
    expect(r.stderr).toContain('the command was not run');
  });
});

describe('the CLI never dies silently', () => {
  it('an unexpected error is one redacted line', () => {
    const token = `sl.u.${'A'.repeat(200)}`;
    const line = lastResortLine(new Error(`boom with ${token}\n    at somewhere`));
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain(token);
    expect(line).toMatch(/^Error: Something went wrong — boom with sl\.u\.AAA/);
  });

  it('an error nothing catches ends with one line and exit 1', async () => {
    // Thrown from a timer while `paste` waits for stdin: nothing in the CLI can catch it.
    const thrower = path.join(
      tempProject({ 'throw.cjs': "setTimeout(() => { throw new Error('boom'); }, 300);\n" }),
      'throw.cjs',
    );
    const child = spawn(process.execPath, ['--require', thrower, cliBin, 'paste'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(
      'Error: Something went wrong — boom. Try again. If it keeps happening, run `dropbox-token-tray doctor` and send the report to IT.\n',
    );
  });

  it('a reader that closes the pipe early (EPIPE, as `| head` does) is not an error: quiet, exit code kept', async () => {
    const child = spawn(process.execPath, [cliBin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it("the same for the entry's quick `status --json`: quiet, and the status's own exit code", async () => {
    const e = await newEnv();
    const child = spawn(process.execPath, [cliBin, 'status', '--json'], {
      env: e.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1); // disconnected
  });

  it('Ctrl+C while waiting ends quietly with one line and exit 130', async () => {
    const e = await newEnv();
    const cli = startCli(['paste'], e.env); // waits for stdin to end
    await new Promise((r) => setTimeout(r, 1500));
    cli.kill('SIGINT');
    const r = await cli.result;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('Cancelled.\n');
  });
});
