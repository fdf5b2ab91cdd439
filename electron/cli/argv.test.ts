import { describe, expect, it } from 'vitest';
import { hoistGlobalFlags } from './argv';

const run = (...args: string[]) => hoistGlobalFlags(['node', 'cli', ...args]).slice(2);

describe('hoistGlobalFlags', () => {
  it('moves --verbose in front of the command, wherever it was typed', () => {
    expect(run('token', '--verbose')).toEqual(['--verbose', 'token']);
    expect(run('project', 'add', '/p', '--verbose', '--yes')).toEqual(['--verbose', 'project', 'add', '/p', '--yes']);
  });

  it("leaves the child's flags alone: after --, and from run's command on", () => {
    expect(run('run', '--', 'python', 'x.py', '--verbose')).toEqual(['run', '--', 'python', 'x.py', '--verbose']);
    expect(run('run', 'python', '--verbose')).toEqual(['run', 'python', '--verbose']);
    expect(run('--verbose', 'run', '--include-refresh-token', 'env', '--verbose')).toEqual([
      '--verbose',
      'run',
      '--include-refresh-token',
      'env',
      '--verbose',
    ]);
  });
});
