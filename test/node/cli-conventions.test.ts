import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_MESSAGES } from '../../electron/shared/settings-rules';
import { describeWithKeyring } from '../support/keyring';
import { cliBin, repoRoot, runCli, useFakeDropbox } from '../support/cli';
import { ptyAvailable, runOnPty } from '../support/pty';

// Issue 11 item 6: the CLI behaves like gh and 1Password's op — examples in every --help,
// documented exit codes, a bare command that helps, no accidental reconnects, no echoed token.

const { fake, newEnv } = useFakeDropbox();

/** Every command and subcommand, read from the help itself so a new command can't be missed. */
async function allCommands(): Promise<string[][]> {
  const names = (help: string) =>
    [
      ...help
        .split('Commands:')[1]!
        .split('\n\n')[0]!
        .matchAll(/^ {2}([a-z][a-z-]*)/gm),
    ]
      .map((m) => m[1]!)
      .filter((n) => n !== 'help');
  const top = names((await runCli(['--help'], process.env)).stdout);
  const project = names((await runCli(['project', '--help'], process.env)).stdout);
  return [...top.map((c) => [c]), ...project.map((c) => ['project', c])];
}

describe('help', () => {
  it('every command shows examples in --help', async () => {
    const commands = await allCommands();
    expect(commands.length).toBeGreaterThan(14);
    const missing: string[] = [];
    await Promise.all(
      commands.map(async (c) => {
        const r = await runCli([...c, '--help'], process.env);
        expect(r.code, c.join(' ')).toBe(0);
        const examples = r.stdout.split('\nExamples:\n')[1] ?? '';
        if (!/^ {2}.*dropbox-token-tray /m.test(examples)) missing.push(c.join(' '));
      }),
    );
    expect(missing).toEqual([]);
  }, 60_000);

  it('the top-level help shows examples too', async () => {
    expect((await runCli(['--help'], process.env)).stdout).toMatch(/\nExamples:\n {2}dropbox-token-tray connect/);
  });

  it('documents the exit codes in the top-level help and the README, the same way', async () => {
    const help = (await runCli(['--help'], process.env)).stdout;
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const code of ['0', '1', '2', '3', '130']) {
      expect(help).toMatch(new RegExp(`^ {2}${code} +\\S`, 'm'));
      expect(readme).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
    }
    expect(help).toMatch(/run passes through the exit code/);
  });

  it('a bare dropbox-token-tray prints a short help and exits 0', async () => {
    const r = await runCli([], process.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: dropbox-token-tray <command>/m);
    expect(r.stdout).toMatch(/dropbox-token-tray --help/);
    expect(r.stdout.split('\n').length).toBeLessThan(25);
    expect(r.stderr).toBe('');
  });

  it('a command line it does not understand exits 2', async () => {
    expect((await runCli(['nosuch'], process.env)).code).toBe(2);
    expect((await runCli(['status', '--nosuch'], process.env)).code).toBe(2);
    expect((await runCli(['run'], process.env)).code).toBe(2);
  });
});

describe('config uses the window’s rules', () => {
  it('refuses a bad app key with the message the window shows, and keeps the old one', async () => {
    const e = await newEnv({ DTT_APP_KEY: '' });
    expect((await runCli(['config', 'app-key', 'abc123'], e.env)).code).toBe(0);
    const r = await runCli(['config', 'app-key', 'bad key!'], e.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(SETTING_MESSAGES.appKey);
    expect((await runCli(['config', 'app-key'], e.env)).stdout).toBe('abc123\n');
  });

  it.each([
    ['check-interval', '0', SETTING_MESSAGES.checkIntervalMinutes],
    ['check-interval', 'soon', SETTING_MESSAGES.checkIntervalMinutes],
    ['redirect-port', '80', SETTING_MESSAGES.redirectPort],
    ['notifications', 'maybe', SETTING_MESSAGES.onOff],
  ])('config %s %s says what is allowed', async (name, value, message) => {
    const e = await newEnv();
    const r = await runCli(['config', name, value], e.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message.replace(/\.$/, ''));
    expect(r.stderr).not.toMatch(/schema|violation|\.\./i);
  });

  it('shows where each value comes from; the variable name only with --verbose', async () => {
    const e = await newEnv({ DTT_REDIRECT_PORT: '' });
    expect((await runCli(['config', 'check-interval', '30'], e.env)).code).toBe(0);
    const r = await runCli(['config'], e.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^app-key +testappkey123456 +set by your administrator's environment$/m);
    expect(r.stdout).toMatch(/^check-interval +30 +your settings$/m);
    expect(r.stdout).toMatch(/^redirect-port +17345 +default$/m);
    expect(r.stdout).not.toContain('DTT_');
    const verbose = await runCli(['--verbose', 'config'], e.env);
    expect(verbose.stdout).toMatch(/^app-key .*environment \(DTT_APP_KEY\)$/m);
  });
});

describe.skipIf(!ptyAvailable())('the paste prompt on a terminal (needs python3 with pty)', () => {
  it('Ctrl+C ends quietly with one line and exit 130', async () => {
    const e = await newEnv();
    const r = await runOnPty([process.execPath, cliBin, 'paste'], [['press Enter', 'sl.u.abc\x03']], e.env);
    expect(r.code).toBe(130);
    expect(r.output.replace(/\r/g, '')).toBe('Paste the token and press Enter: \nCancelled.\n');
  });
});

describeWithKeyring('on a terminal, with a keychain', () => {
  it.skipIf(!ptyAvailable())('interactive paste never shows the token', async () => {
    const e = await newEnv();
    const token = fake.mintAppConsoleToken();
    const r = await runOnPty([process.execPath, cliBin, 'paste'], [['press Enter', `${token}\r`]], e.env);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('Connected as Dana Okafor');
    expect(r.output).toContain(`(${token.length} characters)`);
    expect(r.output).not.toContain(token.slice(5, 25));
  });

  it('connect when already connected says so; a script needs --force, and nothing changes', async () => {
    const e = await newEnv();
    const token = fake.mintAppConsoleToken();
    expect((await runCli(['paste'], e.env, token)).code).toBe(0);
    const before = readFileSync(path.join(e.configDir, 'config.json'), 'utf8');
    const r = await runCli(['connect', '--no-browser'], e.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Already connected as Dana Okafor \(dana@example.com\)\./m);
    expect(r.stderr).toContain('dropbox-token-tray connect --force');
    expect(r.stdout).not.toMatch(/oauth2/);
    expect(readFileSync(path.join(e.configDir, 'config.json'), 'utf8')).toBe(before);
    expect((await runCli(['token'], e.env)).stdout).toBe(`${token}\n`);

    // --force goes on to sign in (here the code sign-in, which gets no code on empty stdin).
    const forced = await runCli(['connect', '--no-browser', '--force', '--copy-code'], e.env);
    expect(forced.stdout).toMatch(/\/oauth2\/authorize\?/);
    expect(forced.stderr).not.toContain('Already connected');
  });

  it.skipIf(!ptyAvailable())('on a terminal, connect asks first; "n" changes nothing', async () => {
    const e = await newEnv();
    expect((await runCli(['paste'], e.env, fake.mintAppConsoleToken())).code).toBe(0);
    const r = await runOnPty([process.execPath, cliBin, 'connect', '--no-browser'], [['[y/N]', 'n\r']], e.env);
    expect(r.output).toMatch(/Already connected as Dana Okafor/);
    expect(r.output).toContain('Nothing changed.');
    expect(r.output).not.toMatch(/oauth2/);
    expect(r.code).toBe(0);
  });
});
