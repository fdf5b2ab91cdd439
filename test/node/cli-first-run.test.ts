import { describe, expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { runCli, startCli, useFakeDropbox, type CliEnv } from '../support/cli';
import { engineRepo } from '../support/projects';
import { findJargon } from '../support/jargon';

// A new staff member and a new admin following the README with the CLI only: every message they
// meet must name a command that works from where they are, in plain words.

const ALL_SCOPES = ['account_info.read', 'files.metadata.read', 'files.content.read', 'files.content.write'];
const { fake, newEnv } = useFakeDropbox();

async function browserConnect(e: CliEnv, args: string[] = []) {
  const cli = startCli(['connect', '--no-browser', ...args], e.env);
  const url = await cli.waitForLine(/\/oauth2\/authorize\?/);
  const { location } = await fake.approve(url.trim());
  await fetch(location!);
  return cli.result;
}

describeWithKeyring('the admin switches on a missing permission', () => {
  it('then `connect`, as the message says, reconnects without --force', async () => {
    fake.setAppScopes(['account_info.read', 'files.metadata.read']);
    const e = await newEnv();
    fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
    const limited = await browserConnect(e);
    expect(limited.code).toBe(1);
    expect(limited.stdout).toContain('run `dropbox-token-tray connect`');
    fake.setAppScopes(ALL_SCOPES);

    const again = await browserConnect(e);
    expect(again.stderr).not.toContain('Already connected');
    expect(again.code, again.stderr).toBe(0);
    expect((await runCli(['status'], e.env)).code).toBe(0);
  });
});

describeWithKeyring('App Console mistakes, as connect and doctor say them', () => {
  it('a wrong app key: said once, names the key, and points at the command, not the window', async () => {
    const e = await newEnv({ DTT_APP_KEY: 'wrongappkey0000' });
    const connect = await runCli(['connect', '--no-browser'], e.env);
    expect(connect.code).toBe(1);
    const headline = connect.stderr.split('\n')[0]!;
    expect(headline).toContain('Dropbox does not recognise the app key');
    expect(headline).toContain('wrongappkey0000');
    expect(headline.match(/Dropbox (does not recognise|knows no app)/g)).toHaveLength(1);
    expect(connect.stderr).not.toMatch(/in Settings/);
    expect(connect.stderr).toContain('dropbox-token-tray config app-key KEY');
    // The key came from the environment, not the settings: said in plain words, the variable only with --verbose.
    expect(connect.stderr).not.toMatch(/in the settings/);
    expect(connect.stderr).toMatch(/the app key this computer is set to use/i);
    expect(connect.stderr).not.toContain('DTT_APP_KEY');
    const verbose = await runCli(['connect', '--no-browser', '--verbose'], e.env);
    expect(verbose.stderr).toMatch(/More info: .*DTT_APP_KEY/);

    const doctor = await runCli(['doctor'], e.env);
    const line = doctor.stdout.split('\n').find((l) => l.includes('Dropbox app settings'))!;
    expect(line).toMatch(/✗ Dropbox app settings: Dropbox does not recognise the app key/);
    expect(line).not.toMatch(/in Settings/);
  });

  it('an unregistered sign-in address: doctor says it is not registered, and which address to add', async () => {
    const e = await newEnv();
    const doctor = await runCli(['doctor'], e.env);
    const line = doctor.stdout.split('\n').find((l) => l.includes('Dropbox app settings'))!;
    expect(line).toContain('The sign-in address is not registered');
    expect(line).toContain(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
  });
});

describeWithKeyring('a pasted token and a code sign-in', () => {
  it('paste names the command that makes the connection renew, not a window button', async () => {
    const e = await newEnv();
    const r = await runCli(['paste'], e.env, fake.mintAppConsoleToken());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('`dropbox-token-tray connect`');
    expect(r.stdout).not.toContain('"Connect Dropbox"');
    expect(findJargon(r.stdout)).toEqual([]);
  });

  it('doctor calls a code sign-in a code sign-in', async () => {
    const e = await newEnv();
    const cli = startCli(['connect', '--copy-code', '--no-browser'], e.env);
    const { code } = await fake.approve((await cli.waitForLine(/\/oauth2\/authorize\?/)).trim());
    cli.send(`${code}\n`);
    expect((await cli.result).code).toBe(0);
    const doctor = await runCli(['doctor'], e.env);
    expect(doctor.stdout).toContain('✓ Connection: Saved (sign-in with a code).');
    // The sign-in address is not registered here: a warning, so not "All checks passed".
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^! Dropbox app settings/m);
    expect(doctor.stdout.trim().split('\n').at(-1)).toBe('No check failed, but see the warnings (!) above.');
  });
});

describe('project add from a script', () => {
  it('without a terminal to answer in, says so and how to answer on the command line', async () => {
    const e = await newEnv();
    const { dir } = engineRepo();
    const r = await runCli(['project', 'add', dir], e.env);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/not valid|not understood|Check what you entered/);
    expect(r.stderr).toContain('--yes');
    expect(r.stderr).toContain('--file');
    expect(findJargon(r.stderr)).toEqual([]);
  });
});

describeWithKeyring("the README's project steps on the training engine", () => {
  it('after sync skips a file git tracks, project list does not send staff back to the same sync', async () => {
    const e = await newEnv();
    fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
    expect((await browserConnect(e)).code).toBe(0);
    const { dir } = engineRepo();
    expect((await runCli(['project', 'add', dir, '--yes'], e.env)).code).toBe(0);
    const sync = await runCli(['sync'], e.env);
    expect(sync.code).toBe(1);
    expect(sync.stdout).toContain(
      `run \`dropbox-token-tray project keep-out-of-git ${dir} on\`, then \`dropbox-token-tray sync\``,
    );

    const list = await runCli(['project', 'list'], e.env);
    expect(list.stdout).toContain('tracked by git');
    expect(list.stdout).not.toContain('To update it, run');
    expect(list.stdout).toContain(`Run \`dropbox-token-tray sync ${dir}\` for the safe fix`);
  });
});

describeWithKeyring('after disconnect', () => {
  it('a second disconnect says there was nothing to do, and project advice starts with connect', async () => {
    const e = await newEnv();
    fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
    expect((await browserConnect(e)).code).toBe(0);
    const { dir } = engineRepo();
    expect((await runCli(['project', 'add', dir, '--yes', '--keep-out-of-git'], e.env)).code).toBe(0);
    expect((await runCli(['disconnect'], e.env)).code).toBe(0);

    const again = await runCli(['disconnect'], e.env);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('There is no connection on this computer to disconnect. Nothing changed.');

    for (const args of [['status'], ['project', 'list']]) {
      const r = await runCli(args, e.env);
      expect(r.stdout, args.join(' ')).not.toContain('To update it, run');
      expect(r.stdout, args.join(' ')).toContain(
        `run \`dropbox-token-tray connect\`, then \`dropbox-token-tray sync ${dir}\``,
      );
    }
  });
});

describeWithKeyring('doctor behind a Wi-Fi sign-in page', () => {
  it('does not pass "Dropbox app settings" when something other than Dropbox answered', async () => {
    const e = await newEnv();
    expect((await runCli(['paste'], e.env, fake.mintAppConsoleToken())).code).toBe(0);
    fake.setCaptivePortal(true);
    try {
      const r = await runCli(['doctor', '--json'], e.env);
      const checks = JSON.parse(r.stdout).checks as Array<{ id: string; status: string; kind?: string }>;
      expect(checks.find((c) => c.id === 'token-valid')).toMatchObject({ status: 'fail', kind: 'network-not-dropbox' });
      expect(checks.find((c) => c.id === 'app-settings')).toMatchObject({
        status: 'warn',
        kind: 'network-not-dropbox',
      });
    } finally {
      fake.setCaptivePortal(false);
    }
  });
});
