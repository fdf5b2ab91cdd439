// `npm run test:electron`: the end-to-end specs on real Electron (a developer's desktop, or CI
// under xvfb-run). Says why and exits 1 when this machine can't run them: nothing was tested.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { displayProblem, electronBinary } from './support/electron-standin/launch-electron';

const root = path.resolve(import.meta.dirname, '..');
const binary = electronBinary(root);
const problem = 'missing' in binary ? binary.missing : displayProblem(process.platform, process.env);
if (problem) {
  console.error(`test:electron: can't run the specs on real Electron: ${problem}`);
  process.exit(1);
}
const run = spawnSync(
  process.execPath,
  [path.join(root, 'scripts', 'run-tests.mjs'), 'test/e2e', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DTT_E2E_BACKEND: 'electron' },
  },
);
process.exit(run.status ?? 1);
