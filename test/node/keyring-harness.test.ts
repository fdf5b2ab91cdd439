// The private keyring the keychain tests share (test/support/keyring/with-keyring.sh) stays usable
// for the whole run: when gnome-keyring-daemon dies part-way (seen: a GLib error in its OpenSession
// killed it with SIGTRAP, and 80 later tests failed as "GNOME Keyring is not running"), the harness
// says so at once and restarts it on the same keyring files; and a nested --fresh run never reaches
// into the run around it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeWithKeyring, keyringScript } from '../support/keyring';

const exec = promisify(execFile);

/** Shell: the pid of whoever owns org.freedesktop.secrets on the current bus (empty when nobody). */
const OWNER_PID = `owner_pid() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ { print $2 }'
}`;

/** Runs a bash script in a new private keyring (`with-keyring.sh --fresh`); never rejects. */
async function inFreshKeyring(script: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await exec('bash', [keyringScript, '--fresh', 'bash', '-c', `${OWNER_PID}\n${script}`], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describeWithKeyring('the shared keyring harness', () => {
  it('when gnome-keyring-daemon dies during the tests: says so at once, restarts it, and the keyring answers again with what it held', async () => {
    const secret = randomBytes(12).toString('hex');
    const script = `
      printf %s "$SECRET" | secret-tool store --label=harness-test dtt-harness-test crash || exit 90
      first=$(owner_pid)
      [ -n "$first" ] || exit 91
      kill -TRAP "$first"   # what the GLib error did to it
      for i in $(seq 100); do now=$(owner_pid); [ -n "$now" ] && [ "$now" != "$first" ] && break; sleep 0.1; done
      echo "RESTARTED=$([ -n "$now" ] && [ "$now" != "$first" ] && echo yes || echo no)"
      echo "LOOKUP=$(secret-tool lookup dtt-harness-test crash 2>/dev/null)"
      echo "CMD still running" >&2
      exit 5`;
    const r = await inFreshKeyring(script, { SECRET: secret });

    expect(r.stdout, r.stderr).toContain('RESTARTED=yes');
    // The same keyring files, unlocked again with the run's password.
    expect(r.stdout).toContain(`LOOKUP=${secret}`);
    // One clear line, while CMD was still running, with the status and the daemon's log…
    const report = r.stderr.indexOf(
      '[keyring] gnome-keyring-daemon exited during the tests (status 133: killed by SIGTRAP); its log:',
    );
    expect(report, r.stderr).toBeGreaterThanOrEqual(0);
    expect(report).toBeLessThan(r.stderr.indexOf('CMD still running'));
    // …said again at the end, and the exit code is still CMD's.
    expect(r.stderr).toContain('[keyring] note: gnome-keyring-daemon exited 1 time(s) during the tests');
    expect(r.code).toBe(5);
  }, 70_000);

  it("a nested --fresh run gets a daemon of its own, none of the outer run's keyring variables, and leaves the outer daemon alone", async () => {
    const outerControl = process.env.GNOME_KEYRING_CONTROL;
    const outerRoot = process.env.DTT_TEST_KEYRING_ROOT!;
    expect(outerControl, 'the outer harness exports GNOME_KEYRING_CONTROL').toContain(outerRoot);
    const ownerPid = async () =>
      (await exec('bash', ['-c', `${OWNER_PID}\nowner_pid`], { timeout: 10_000 })).stdout.trim();
    const outerDaemon = await ownerPid();
    expect(outerDaemon).toMatch(/^\d+$/);

    const script = `
      echo "ROOT=$DTT_TEST_KEYRING_ROOT"
      echo "CONTROL=$GNOME_KEYRING_CONTROL"
      echo "DAEMON=$(owner_pid)"
      tr '\\0' '\\n' </proc/$(owner_pid)/environ | grep '^GNOME_KEYRING_CONTROL=' | sed 's/^/DAEMON_ENV_/'
      true`;
    const r = await inFreshKeyring(script);
    expect(r.code, r.stderr).toBe(0);
    const value = (name: string) => r.stdout.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];
    const root = value('ROOT')!;
    expect(root).toBeTruthy();
    expect(root).not.toBe(outerRoot);
    expect(value('DAEMON')).not.toBe(outerDaemon);
    expect(value('CONTROL')).toBe(`${root}/run/keyring`);
    // The nested daemon was not handed the outer run's control directory.
    expect(r.stdout).not.toContain(`DAEMON_ENV_GNOME_KEYRING_CONTROL=${outerControl}`);

    // The outer keyring still answers, from the same daemon.
    expect(await ownerPid()).toBe(outerDaemon);
    expect(readFileSync(`/proc/${outerDaemon}/cmdline`, 'utf8')).toContain('gnome-keyring-daemon');
    const secret = randomBytes(12).toString('hex');
    await exec('bash', ['-c', 'printf %s "$S" | secret-tool store --label=harness-test dtt-harness-test outer'], {
      env: { ...process.env, S: secret },
      timeout: 10_000,
    });
    const { stdout } = await exec('secret-tool', ['lookup', 'dtt-harness-test', 'outer'], { timeout: 10_000 });
    expect(stdout).toBe(secret);
    await exec('secret-tool', ['clear', 'dtt-harness-test', 'outer'], { timeout: 10_000 });
  }, 70_000);
});
