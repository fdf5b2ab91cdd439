import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayProblem, electronBinary } from '../support/electron-standin/launch-electron';
import { plannedBackend } from '../support/launch-app';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('the real-Electron test path', () => {
  it('needs a display on Linux only', () => {
    expect(displayProblem('linux', {})).toMatch(/neither DISPLAY nor WAYLAND_DISPLAY/);
    expect(displayProblem('linux', { DISPLAY: ':99' })).toBeNull();
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(displayProblem('darwin', {})).toBeNull();
    expect(displayProblem('win32', {})).toBeNull();
  });

  it('says why it falls back to the stand-in', () => {
    const plan = plannedBackend();
    if (plan.backend === 'stand-in') expect(plan.why.length).toBeGreaterThan(5);
    else expect(plan.binary).toBeDefined();
  });

  it('npm run test:electron says why it cannot run, and exits 1, when Electron or a display is missing', () => {
    const binary = electronBinary(root);
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    if ('path' in binary && process.platform !== 'linux')
      return void console.log('skipped: this machine has Electron and a display, so test:electron would run');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/run-on-electron.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/can't run the specs on real Electron: .*(absent|does not exist|no display)/);
  });
});
