// Tests that need the real OS keychain: they run against the private GNOME keyring that
// with-keyring.sh sets up (npm test does this), and skip with a printed reason without it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The wrapper script; `bash keyringScript --fresh CMD…` runs CMD against a new private keyring. */
export const keyringScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'with-keyring.sh');

/** The session bus is the one with-keyring.sh started (its socket is in the throwaway folder). */
function onPrivateBus(): boolean {
  const root = process.env.DTT_TEST_KEYRING_ROOT;
  return !!root && (process.env.DBUS_SESSION_BUS_ADDRESS ?? '').includes(`path=${root}/`);
}

/**
 * True when a private, unlocked GNOME keyring is ready: DTT_TEST_KEYRING=1, set by with-keyring.sh,
 * and D-Bus really is its private bus (so a stray DTT_TEST_KEYRING=1 never touches a real keyring).
 */
export function keyringAvailable(): boolean {
  return process.env.DTT_TEST_KEYRING === '1' && onPrivateBus();
}

export function keyringSkipReason(): string {
  if (process.env.DTT_TEST_KEYRING === '1' && !onPrivateBus()) {
    return 'DTT_TEST_KEYRING=1 is set, but D-Bus is not the private bus of test/support/keyring/with-keyring.sh; refusing to use your own keyring';
  }
  return (
    process.env.DTT_TEST_KEYRING_SKIP_REASON ||
    'the tests were not started with `npm test` (scripts/run-tests.mjs), which sets up a private GNOME keyring'
  );
}

/** Where the private keyring keeps its files (encrypted), when available. */
export function keyringDir(): string | undefined {
  return keyringAvailable() ? process.env.DTT_TEST_KEYRING_DIR : undefined;
}

const warned = Symbol.for('dtt.keyring.skip-warned');
function warnOnce(): void {
  const g = globalThis as { [warned]?: boolean };
  if (g[warned]) return;
  g[warned] = true;
  console.warn(`[keyring] Skipping tests that need the system keychain: ${keyringSkipReason()}.`);
}

/** `describe` when the real keyring is available, else `describe.skip` (after saying why, once). */
export const describeWithKeyring: typeof describe.skip = keyringAvailable() ? describe : (warnOnce(), describe.skip);

let counter = 0;
/** A keychain service name of its own for each test, so tests (and parallel workers) never collide. */
export function uniqueService(label = 'test'): string {
  counter += 1;
  return `Dropbox Token Tray ${label} ${process.pid}-${counter}-${randomBytes(3).toString('hex')}`;
}
