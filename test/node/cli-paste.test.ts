import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { readAllFiles, runCli, useFakeDropbox } from '../support/cli';

const { fake, appKey, newEnv } = useFakeDropbox();
const chars = (n: number) =>
  randomBytes(n * 2)
    .toString('base64url')
    .slice(0, n);

async function paste(input: string, extra: NodeJS.ProcessEnv = {}, args: string[] = []) {
  const e = await newEnv(extra);
  const r = await runCli(['paste', ...args], e.env, input);
  const status = JSON.parse((await runCli(['status', '--json'], e.env)).stdout) as Record<string, any>;
  return { ...r, status, e };
}

describeWithKeyring("pasting a token (the guide's Option 1)", () => {
  it('accepts what people really paste and warns that it lasts 4 hours', async () => {
    const token = fake.mintAppConsoleToken();
    const r = await paste(`  "Bearer ${token}"\r\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Connected as Dana Okafor (dana@example.com)');
    expect(r.stdout).toMatch(/about 4 hours/);
    expect(r.stdout).toContain('Run `dropbox-token-tray connect` to connect with the browser instead');
    expect(r.status).toMatchObject({ state: 'connected', method: 'paste', renewable: false });
    expect((await runCli(['token'], r.e.env)).stdout).toBe(`${token}\n`);
    expect(readAllFiles(r.e.configDir) + r.stdout + r.stderr).not.toContain(token.slice(5, 60));
  });

  it('accepts the whole line copied from a settings file, and keeps only the token', async () => {
    const token = fake.mintAppConsoleToken();
    const r = await paste(`DROPBOX_ACCESS_TOKEN = "${token}"\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Connected as Dana Okafor (dana@example.com)');
    expect(r.status).toMatchObject({ state: 'connected', method: 'paste' });
    expect((await runCli(['token'], r.e.env)).stdout).toBe(`${token}\n`);
    expect(readAllFiles(r.e.configDir) + r.stdout + r.stderr).not.toContain(token.slice(5, 60));
  });

  it('accepts a legacy 64-character token with a note', async () => {
    const r = await paste(fake.mintLegacyToken());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('older long-lived token');
    expect(r.status.accessTokenExpiresAt).toBeNull();
  });

  it.each([
    ['empty', () => '\n', 'Nothing was pasted'],
    ['garbage', () => 'hello', "This doesn't look like a Dropbox token"],
    ['truncated', () => fake.mintAppConsoleToken().slice(0, 300), 'The token is cut short'],
    [
      'line break inside',
      () => {
        const t = fake.mintAppConsoleToken();
        return `${t.slice(0, 600)}\n${t.slice(600)}`;
      },
      'space or line break inside',
    ],
    ['the app key', () => appKey.slice(0, 15), 'looks like an App key'],
    ['unknown to Dropbox', () => `sl.u.${chars(1350)}`, 'Dropbox does not accept this token'],
  ])('rejects %s with a specific message and stores nothing', async (_label, make, message) => {
    const r = await paste(make());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('What to do:');
    expect(r.status.state).toBe('disconnected');
  });

  it('tells an expired token from a revoked one', async () => {
    const expired = fake.mintAppConsoleToken({ expiresInSec: -1 });
    const r1 = await paste(expired);
    expect(r1.stderr).toContain('The token has expired');
    const revoked = fake.mintAppConsoleToken();
    fake.revokeAll();
    const r2 = await paste(revoked);
    expect(r2.stderr).toContain('Dropbox does not accept this token');
    expect(r1.status.state).toBe('disconnected');
    expect(r2.status.state).toBe('disconnected');
  });

  it('rejects a token lacking a permission, naming it (its technical name with --verbose)', async () => {
    const minted = () => fake.mintAppConsoleToken({ scopes: ['account_info.read', 'files.content.read'] });
    const r = await paste(minted());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('A permission is missing — this token cannot write files.');
    expect(r.stderr).not.toContain('files.content.write');
    expect((await paste(minted(), {}, ['--verbose'])).stderr).toContain('files.content.write');
    expect(r.status.state).toBe('disconnected');
  });

  it('tells when the app itself lacks a permission (fix in the App Console)', async () => {
    const token = fake.mintAppConsoleToken();
    fake.setAppScopes(['account_info.read', 'files.metadata.read', 'files.content.read']);
    try {
      const r = await paste(token);
      expect(r.stderr).toContain('The Dropbox app itself lacks a permission');
      expect(r.stderr).toContain('App Console → Permissions');
    } finally {
      fake.setAppScopes(['account_info.read', 'files.metadata.read', 'files.content.read', 'files.content.write']);
    }
  });

  it('waits out a short 429 and succeeds; a long one is reported', async () => {
    fake.injectFault({ route: '/2/users/get_current_account', status: 429, retryAfter: 1 });
    const ok = await paste(fake.mintAppConsoleToken());
    expect(ok.code, ok.stderr).toBe(0);
    fake.injectFault({ route: '/2/users/get_current_account', status: 429, retryAfter: 600 });
    const limited = await paste(fake.mintAppConsoleToken());
    expect(limited.stderr).toContain('Dropbox asked us to slow down');
    expect(limited.status.state).toBe('disconnected');
  });

  it('says Dropbox is unreachable when it is, and stores nothing', async () => {
    const r = await paste(fake.mintAppConsoleToken(), { DTT_DROPBOX_ORIGIN: 'http://127.0.0.1:9' });
    expect(r.stderr).toContain("Can't reach Dropbox");
    expect(r.status.state).toBe('disconnected');
  });

  it('survives dropped connections by retrying', async () => {
    fake.injectFault({ route: '/2/users/get_current_account', drop: true, times: 1 });
    const r = await paste(fake.mintAppConsoleToken());
    expect(r.code, r.stderr).toBe(0);
  });

  it('names the keychain when it is unavailable and writes nothing anywhere', async () => {
    const token = fake.mintAppConsoleToken();
    const r = await paste(token, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The system keychain is not available');
    expect(readAllFiles(r.e.configDir)).not.toContain(token.slice(5, 60));
  });
});
