#!/usr/bin/env node
// `npm test`: runs `vitest run [args…]` inside test/support/keyring/with-keyring.sh, so tests that
// need the system keychain get a private, unlocked GNOME keyring (and skip, saying why, without it).
// Exits with vitest's exit code. Needs no stdin and no TTY.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const vitestPkg = require.resolve('vitest/package.json', { paths: [root] });
const vitest = path.join(path.dirname(vitestPkg), 'vitest.mjs');
const wrapper = path.join(root, 'test', 'support', 'keyring', 'with-keyring.sh');

const vitestCommand = [process.execPath, vitest, 'run', ...process.argv.slice(2)];
const env = { ...process.env };

let command;
let args;
if (process.platform === 'linux') {
  [command, ...args] = ['bash', wrapper, ...vitestCommand];
} else {
  // The harness only knows how to make a private keyring on Linux; elsewhere keychain tests skip
  // rather than touch the user's real keychain.
  [command, ...args] = vitestCommand;
  env.DTT_TEST_KEYRING = '0';
  env.DTT_TEST_KEYRING_SKIP_REASON = `they need a private GNOME keyring, which the harness only sets up on Linux (this is ${process.platform})`;
  console.error(`[keyring] keychain tests will skip: ${env.DTT_TEST_KEYRING_SKIP_REASON}`);
}

const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`[run-tests] could not start ${command}: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal) {
    const number = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 }[signal] ?? 1;
    process.exit(128 + number);
  }
  process.exit(code ?? 1);
});
