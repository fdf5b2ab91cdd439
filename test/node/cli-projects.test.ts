import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { readAllFiles, runCli, useFakeDropbox } from '../support/cli';
import { engineProject, gitInit, pythonParses, tempProject } from '../support/projects';

const { fake, newEnv, pasted } = useFakeDropbox();
const SETTINGS_PY = 'src/cloud/training/config/settings.py';
const RETRAIN_PY = 'src/cloud/training/pipelines/daily_retrain.py';

describeWithKeyring("projects: the guide's training engine works out of the box", () => {
  it('detects both Python files, writes the token, and both still parse', async () => {
    const { e, token } = await pasted();
    const dir = engineProject();
    const before = {
      s: readFileSync(path.join(dir, SETTINGS_PY), 'utf8'),
      r: readFileSync(path.join(dir, RETRAIN_PY), 'utf8'),
    };
    const add = await runCli(['project', 'add', dir, '--yes'], e.env);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(SETTINGS_PY);
    expect(add.stdout).toContain(RETRAIN_PY);

    const sync = await runCli(['sync', '--json'], e.env);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    const report = JSON.parse(sync.stdout);
    expect(report.targets.map((t: any) => t.outcome)).toEqual(['updated', 'updated']);
    for (const [rel, old] of [
      [SETTINGS_PY, before.s],
      [RETRAIN_PY, before.r],
    ] as const) {
      const now = readFileSync(path.join(dir, rel), 'utf8');
      expect(now).toContain(`"${token}"`);
      expect(now.replace(token, 'YOUR_NEW_TOKEN_HERE')).toBe(old);
      expect(pythonParses(path.join(dir, rel))).toBe(true);
    }
    expect(sync.stdout).not.toContain(token);

    const again = JSON.parse((await runCli(['sync', '--json'], e.env)).stdout);
    expect(again.targets.map((t: any) => t.outcome)).toEqual(['current', 'current']);
    const status = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
    expect(status.projects[0].targets.map((t: any) => t.status)).toEqual(['current', 'current']);
    expect(readAllFiles(e.configDir).includes(token)).toBe(false);

    const undo = await runCli(['undo', dir], e.env);
    expect(undo.code, undo.stderr).toBe(0);
    expect(readFileSync(path.join(dir, SETTINGS_PY), 'utf8')).toBe(before.s);
    const stale = JSON.parse((await runCli(['project', 'list', '--json'], e.env)).stdout);
    expect(stale[0].targets.map((t: any) => t.status)).toEqual(['stale', 'stale']);
  });
});

describeWithKeyring('projects: git guard', () => {
  it('warns before writing a tracked file and writes only with --allow-tracked', async () => {
    const { e, token } = await pasted();
    const dir = engineProject();
    gitInit(dir);
    await runCli(['project', 'add', dir, '--file', SETTINGS_PY], e.env);
    const original = readFileSync(path.join(dir, SETTINGS_PY), 'utf8');
    const blocked = await runCli(['sync'], e.env);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(
      'settings.py` is tracked by git: if you commit it, your Dropbox token goes with it',
    );
    expect(blocked.stdout).toContain(`Safe fix: run \`dropbox-token-tray project keep-out-of-git ${dir} on\``);
    expect(blocked.stdout).toContain('dropbox-token-tray run -- <command>');
    expect(readFileSync(path.join(dir, SETTINGS_PY), 'utf8')).toBe(original);
    const allowed = await runCli(['sync', '--allow-tracked'], e.env);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(readFileSync(path.join(dir, SETTINGS_PY), 'utf8')).toContain(token);
  });

  it('offers to ignore an untracked env file, then writes it', async () => {
    const { e, token } = await pasted();
    const dir = tempProject({ 'README.md': 'hi\n' });
    gitInit(dir);
    writeFileSync(path.join(dir, '.env'), 'OTHER=1\nDROPBOX_ACCESS_TOKEN=\n');
    await runCli(['project', 'add', dir, '--file', '.env'], e.env);
    const blocked = await runCli(['sync'], e.env);
    expect(blocked.stdout).toContain('not ignored by git');
    // The fix names this folder and file, ready to run (not "<folder> <file>").
    expect(blocked.stdout).toContain(`run \`dropbox-token-tray project ignore ${dir} .env\``);
    const fix = await runCli(['project', 'ignore', dir, '.env'], e.env);
    expect(fix.code, fix.stderr).toBe(0);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('.env');
    const ok = await runCli(['sync'], e.env);
    expect(ok.code, ok.stdout).toBe(0);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(`OTHER=1\nDROPBOX_ACCESS_TOKEN=${token}\n`);
  });
});

describeWithKeyring('projects: keep in sync and bad input', () => {
  it('rewrites keep-in-sync projects after a renewal, with refresh token and app key when asked', async () => {
    const e = await newEnv();
    const dir = tempProject({ '.env': '# team settings\r\nDROPBOX_ACCESS_TOKEN="old"\r\n' });
    // The refresh token only goes into a file no one else can read (issue 8).
    chmodSync(path.join(dir, '.env'), 0o600);
    await runCli(['project', 'add', dir, '--file', '.env', '--include-refresh-token', '--keep-in-sync'], e.env);
    fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
    const { startCli } = await import('../support/cli');
    const cli = startCli(['connect', '--no-browser'], e.env);
    const { location } = await fake.approve((await cli.waitForLine(/oauth2\/authorize/)).trim());
    await fetch(location!);
    const connected = await cli.result;
    expect(connected.stdout).toContain('1 project updated');
    const first = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(first).toMatch(
      /^# team settings\r\nDROPBOX_ACCESS_TOKEN="sl\.u\.[^"]+"\r\nDROPBOX_REFRESH_TOKEN=[A-Za-z0-9_-]{64}\r\nDROPBOX_APP_KEY=testappkey123456\r\n$/,
    );
    expect(statSync(path.join(dir, '.env')).mode & 0o777).not.toBe(0);

    fake.expireAccessTokens();
    const token = (await runCli(['token'], e.env)).stdout.trim();
    const second = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(second).toContain(`DROPBOX_ACCESS_TOKEN="${token}"`);
    expect(second).not.toBe(first);
  });

  it('leaves an unparseable file byte-for-byte untouched and says which line', async () => {
    const { e } = await pasted();
    const broken = '{\n  "dropbox": {\n    "access_token": "x",\n  \n';
    const dir = tempProject({ 'config.json': broken });
    await runCli(['project', 'add', dir, '--file', 'config.json'], e.env);
    const r = await runCli(['sync'], e.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/config\.json — skipped: line \d+/);
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(broken);
  });

  it('says where a symlink points and writes through it only with consent', async () => {
    const { e, token } = await pasted();
    const shared = tempProject({ 'team.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    const dir = tempProject({});
    symlinkSync(path.join(shared, 'team.env'), path.join(dir, '.env'));
    await runCli(['project', 'add', dir, '--file', '.env'], e.env);
    const refused = await runCli(['sync'], e.env);
    expect(refused.stdout).toContain(`.env points to ${path.join(shared, 'team.env')}`);
    expect(readFileSync(path.join(shared, 'team.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=\n');
    const allowed = await runCli(['sync', '--allow-symlinks'], e.env);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(readFileSync(path.join(shared, 'team.env'), 'utf8')).toBe(`DROPBOX_ACCESS_TOKEN=${token}\n`);
    expect(lstatSync(path.join(dir, '.env')).isSymbolicLink()).toBe(true);
  });

  it('refuses paths outside the project and folders that are not projects', async () => {
    const { e } = await pasted();
    const dir = tempProject({ '.env': '' });
    const outside = await runCli(['project', 'add', dir, '--file', '../elsewhere/.env'], e.env);
    expect(outside.stderr).toContain('That file is outside the project');
    const unknown = await runCli(['sync', '/tmp/not-a-project-dtt'], e.env);
    expect(unknown.stderr).toContain('Not a registered project');
  });

  it('reports a vanished project folder without failing the others', async () => {
    const { e, token } = await pasted();
    const gone = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    const kept = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\n' });
    await runCli(['project', 'add', gone, '--file', '.env'], e.env);
    await runCli(['project', 'add', kept, '--file', '.env'], e.env);
    const { rmSync } = await import('node:fs');
    rmSync(gone, { recursive: true });
    const r = await runCli(['sync'], e.env);
    expect(r.stdout).toMatch(/\.env — failed: .* no longer exists/);
    expect(readFileSync(path.join(kept, '.env'), 'utf8')).toContain(token);
  });

  it('two syncs at once do not interleave', async () => {
    const { e, token } = await pasted();
    const dirs = Array.from({ length: 5 }, () => tempProject({ '.env': 'A=1\nDROPBOX_ACCESS_TOKEN=\nB=2\n' }));
    for (const d of dirs) await runCli(['project', 'add', d, '--file', '.env'], e.env);
    const [a, b] = await Promise.all([runCli(['sync', '--json'], e.env), runCli(['sync', '--json'], e.env)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const outcomes = [...JSON.parse(a.stdout).targets, ...JSON.parse(b.stdout).targets]
      .map((t: any) => t.outcome)
      .sort();
    expect(outcomes).toEqual([...Array(5).fill('current'), ...Array(5).fill('updated')]);
    for (const d of dirs)
      expect(readFileSync(path.join(d, '.env'), 'utf8')).toBe(`A=1\nDROPBOX_ACCESS_TOKEN=${token}\nB=2\n`);
  });

  it('disconnect --blank-projects empties the token but keeps the files', async () => {
    const { e, token } = await pasted();
    const dir = tempProject({ '.env': 'DROPBOX_ACCESS_TOKEN=\nKEEP=me\n' });
    await runCli(['project', 'add', dir, '--file', '.env'], e.env);
    await runCli(['sync'], e.env);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toContain(token);
    const r = await runCli(['disconnect', '--blank-projects'], e.env);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('DROPBOX_ACCESS_TOKEN=\nKEEP=me\n');
  });
});
