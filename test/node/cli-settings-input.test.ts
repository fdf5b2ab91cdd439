import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { cliBin, runCli, useFakeDropbox, type CliResult } from '../support/cli';
import { openSettings } from '../../electron/core/settings';

// Item 8 and 9 of issue 8 through the real CLI: private settings, no lost updates under
// concurrency, and a specific message for each kind of bad input.

const { fake, newEnv } = useFakeDropbox();

const mode = (p: string) => statSync(p).mode & 0o777;
const tempDir = (prefix = 'dtt-in-') => mkdtempSync(path.join(os.tmpdir(), prefix));
function envProject(): string {
  const dir = tempDir('dtt-proj-');
  writeFileSync(path.join(dir, '.env'), 'DROPBOX_ACCESS_TOKEN=\n');
  return dir;
}

/** Runs a shell pipeline (raw bytes in arguments, big generated stdin) with the CLI in it. */
function sh(script: string, env: NodeJS.ProcessEnv): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { env: { ...env, CLI: cliBin, NODE: process.execPath } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('settings are private', () => {
  it('turns a 0755 folder and a 0644 config.json into 0700 / 0600 on any command', async () => {
    const e = await newEnv();
    chmodSync(e.configDir, 0o755);
    writeFileSync(path.join(e.configDir, 'config.json'), '{}\n');
    chmodSync(path.join(e.configDir, 'config.json'), 0o644);
    const r = await runCli(['project', 'list'], e.env);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(e.configDir)).toBe(0o700);
    expect(mode(path.join(e.configDir, 'config.json'))).toBe(0o600);
  });

  it('creates a new settings folder 0700 with config.json 0600', async () => {
    const e = await newEnv();
    const fresh = path.join(e.configDir, 'nested', 'Dropbox Token Tray');
    const r = await runCli(['project', 'add', envProject(), '--yes'], { ...e.env, DTT_CONFIG_DIR: fresh });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(fresh)).toBe(0o700);
    expect(mode(path.join(fresh, 'config.json'))).toBe(0o600);
  });
});

describe('settings under concurrency', () => {
  it('registers all 20 projects added by 20 CLI processes at once', async () => {
    const e = await newEnv();
    const dirs = Array.from({ length: 20 }, envProject);
    const results = await Promise.all(dirs.map((d) => runCli(['project', 'add', d, '--yes'], e.env)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const list = await runCli(['project', 'list', '--json'], e.env);
    const registered = JSON.parse(list.stdout).map((p: { path: string }) => p.path);
    expect(registered.sort()).toEqual(dirs.sort());
  }, 120_000);
});

describe('bad input gets a specific message', () => {
  it.each(['abc', '-30', '99999999999', '1.5', '0'])('paste --minutes-left %s is refused with the range', async (v) => {
    const e = await newEnv();
    const r = await runCli(['paste', `--minutes-left=${v}`], e.env, fake.mintAppConsoleToken());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--minutes-left');
    expect(r.stderr).toMatch(/whole number of minutes from 1 to 240/);
    expect(r.stderr).not.toMatch(/Invalid time value/);
  });

  it('project add refuses a folder that does not exist, or a file', async () => {
    const e = await newEnv();
    const missing = await runCli(['project', 'add', '/nonexistent/dir', '--yes'], e.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\/nonexistent\/dir does not exist/);
    const file = await runCli(['project', 'add', '/etc/passwd', '--file', '.env'], e.env);
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/\/etc\/passwd is not a folder/);
    const list = await runCli(['project', 'list', '--json'], e.env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('refuses 1 GB on stdin quickly, without reading it all', async () => {
    const e = await newEnv();
    const r = await sh('head -c 1G /dev/zero | /usr/bin/time -f "maxrss=%M" "$NODE" "$CLI" paste', e.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/more than 10 KB/);
    expect(r.ms).toBeLessThan(10_000);
    const rssKb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
    expect(rssKb).toBeGreaterThan(0);
    expect(rssKb).toBeLessThan(300 * 1024);
  }, 60_000);

  it('refuses a file name that is not UTF-8 instead of writing a different file', async () => {
    const e = await newEnv();
    const dir = envProject();
    const r = await sh(
      `cd "$DIR" && printf 'DROPBOX_ACCESS_TOKEN=\\n' > $'\\xff.env' && "$NODE" "$CLI" project add "$DIR" --file $'\\xff.env'`,
      { ...e.env, DIR: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid UTF-8/);
    const detected = await sh(`"$NODE" "$CLI" project add "$DIR" --yes`, { ...e.env, DIR: dir });
    expect(detected.code, detected.stderr).toBe(0);
    expect(detected.stdout).toMatch(/not valid UTF-8/);
    const list = JSON.parse((await runCli(['project', 'list', '--json'], e.env)).stdout);
    expect(list[0].targets.map((t: { file: string }) => t.file)).toEqual(['.env']);
    expect(readdirSync(dir, { encoding: 'buffer' }).length).toBe(2);
  });

  it('refuses a project folder whose name is not UTF-8', async () => {
    const e = await newEnv();
    const parent = tempDir();
    const inParent = await sh(
      `cd "$P" && mkdir $'\\xffproj' && printf 'DROPBOX_ACCESS_TOKEN=\\n' > $'\\xffproj/.env' && "$NODE" "$CLI" project add $'\\xffproj' --yes`,
      { ...e.env, P: parent },
    );
    expect(inParent.code).toBe(1);
    expect(inParent.stderr).toMatch(/not valid UTF-8/);
    const viaCwd = await sh(`cd "$P"/$'\\xffproj' && "$NODE" "$CLI" project add . --yes`, { ...e.env, P: parent });
    expect(viaCwd.code).toBe(1);
    expect(viaCwd.stderr).toMatch(/not valid UTF-8/);
    const list = JSON.parse((await runCli(['project', 'list', '--json'], e.env)).stdout);
    expect(list).toEqual([]);
  });

  it('prints file names with control characters escaped', async () => {
    const e = await newEnv();
    const dir = tempDir('dtt-proj-');
    const evil = 'x\x1b]0;owned\x07\x1b[31m.env';
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, evil), 'DROPBOX_ACCESS_TOKEN=\n');
    const r = await runCli(['project', 'add', dir, '--yes'], e.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.stdout).toContain('x\\x1b]0;owned\\x07\\x1b[31m.env');
    const list = await runCli(['project', 'list'], e.env);
    expect(list.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(list.stdout).toContain('\\x1b[31m.env');
  });
});

describeWithKeyring('a non-UTF-8 name registered by an older build', () => {
  it('is refused at sync time, and no other file is written', async () => {
    const e = await newEnv();
    const paste = await runCli(['paste'], e.env, fake.mintAppConsoleToken());
    expect(paste.code, paste.stderr).toBe(0);
    const dir = tempDir('dtt-proj-');
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff]), Buffer.from('.env')]), '');
    const before = readdirSync(dir, { encoding: 'buffer' }).map((b) => b.toString('hex'));
    // What Node hands back for the byte 0xff: U+FFFD, which would be written as EF BF BD.
    openSettings(e.env).update('projects', (all) => [
      ...all,
      {
        path: dir,
        name: 'old',
        keepInSync: false,
        targets: [{ file: '\uFFFD.env', format: 'dotenv', includeRefreshToken: false }],
      },
    ]);
    const sync = await runCli(['sync', '--json'], e.env);
    expect(sync.code).toBe(1);
    const report = JSON.parse(sync.stdout);
    expect(report.targets[0].outcome).toBe('failed');
    expect(report.targets[0].detail).toMatch(/not valid UTF-8/);
    expect(readdirSync(dir, { encoding: 'buffer' }).map((b) => b.toString('hex'))).toEqual(before);
  });
});
