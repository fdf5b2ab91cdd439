#!/usr/bin/env node
// `npm test`: the checks (build, lint, format, typecheck), then `vitest run [args…]` inside
// test/support/keyring/with-keyring.sh, so tests that need the system keychain get a private,
// unlocked GNOME keyring (and skip, saying why, without it). Runs on Node >= 22.12, which the build
// tooling needs: on an older Node it re-runs itself on a Node 22 from the npm registry
// (scripts/node-runtime.mjs) and passes the old Node on as DTT_NODE20, for the CLI's own Node 20 test.
// Exits with the first failing step's exit code. Needs no stdin and no TTY.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { TOOLING_MIN, atLeast, ensureNode } from './node-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!atLeast(process.versions.node.split('.').map(Number), TOOLING_MIN)) {
  const { bin, reason } = ensureNode(22);
  if (!bin) {
    console.error(
      `[node] npm test needs Node >= ${TOOLING_MIN.join('.')} (this is ${process.version}), and ${reason}.`,
    );
    console.error('[node] Install Node 22 (https://nodejs.org), then run npm test again.');
    process.exit(1);
  }
  console.error(
    `[node] this is Node ${process.version}; the build tooling needs >= ${TOOLING_MIN.join('.')}, so the tests run on ${bin}`,
  );
  const env = { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH ?? ''}` };
  if (process.versions.node.startsWith('20.')) env.DTT_NODE20 = process.execPath;
  const rerun = spawnSync(bin, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { env, stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

// Each a package.json script; a failure stops the run before the slower tests. Only the whole
// run (`npm test` with no arguments) does them: `npm test -- some.test.ts`, test:unit and
// test:e2e go straight to vitest.
const CHECKS = process.argv.length > 2 ? [] : ['build', 'lint', 'format:check', 'typecheck'];
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const check of CHECKS) {
  if (!scripts[check]) throw new Error(`package.json has no "${check}" script, which npm test runs`);
  console.error(`[npm test] ${check}`);
  const step = spawnSync(npm, ['run', '--silent', check], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (step.status !== 0) {
    console.error(`[npm test] ${check} failed (exit ${step.status ?? step.signal})`);
    process.exit(step.status || 1);
  }
}
const require = createRequire(import.meta.url);
const vitestPkg = require.resolve('vitest/package.json', { paths: [root] });
const vitest = path.join(path.dirname(vitestPkg), 'vitest.mjs');
const wrapper = path.join(root, 'test', 'support', 'keyring', 'with-keyring.sh');

const env = { ...process.env };
let wrap = (cmd) => ['bash', wrapper, ...cmd];
if (process.platform !== 'linux') {
  // The harness only knows how to make a private keyring on Linux; elsewhere keychain tests skip
  // rather than touch the user's real keychain.
  wrap = (cmd) => cmd;
  env.DTT_TEST_KEYRING = '0';
  env.DTT_TEST_KEYRING_SKIP_REASON = `they need a private GNOME keyring, which the harness only sets up on Linux (this is ${process.platform})`;
  console.error(`[keyring] keychain tests will skip: ${env.DTT_TEST_KEYRING_SKIP_REASON}`);
}

// The whole run: every suite, then the start-up timing alone (see vitest.config.ts). With
// arguments, exactly what was asked for.
const given = process.argv.slice(2);
const phases = given.length
  ? [given]
  : [
      ['--project', 'unit', '--project', 'node', '--project', 'e2e'],
      ['--project', 'timing'],
    ];

let child = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]);
  });
}

function runPhase(args) {
  const [command, ...rest] = wrap([process.execPath, vitest, 'run', ...args]);
  return new Promise((resolve) => {
    child = spawn(command, rest, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => {
      console.error(`[run-tests] could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      const number = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 }[signal] ?? 1;
      resolve(signal ? 128 + number : (code ?? 1));
    });
  });
}

let failed = 0;
for (const phase of phases) {
  const code = await runPhase(phase);
  if (code !== 0 && !failed) failed = code;
}
process.exit(failed);
