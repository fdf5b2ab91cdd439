import { describe, expect, it } from 'vitest';
import { parseFileSpec, pickTargets } from './project-commands';

describe('pickTargets', () => {
  it('reads the usual answers', () => {
    expect(pickTargets('', 3)).toEqual([0, 1, 2]);
    expect(pickTargets('yes', 2)).toEqual([0, 1]);
    expect(pickTargets('n', 2)).toEqual([]);
    expect(pickTargets('1, 3', 3)).toEqual([0, 2]);
    expect(pickTargets('2 2', 3)).toEqual([1]);
  });
  it('rejects numbers outside the list', () => {
    expect(pickTargets('0', 3)).toBeUndefined();
    expect(pickTargets('4', 3)).toBeUndefined();
    expect(pickTargets('one', 3)).toBeUndefined();
  });
});

describe('parseFileSpec', () => {
  it('takes PATH[:FORMAT[:KEY]] relative to the project', () => {
    expect(parseFileSpec('/p', 'config/app.yaml:yaml:storage.dropbox.token', true)).toEqual({
      file: 'config/app.yaml',
      format: 'yaml',
      key: 'storage.dropbox.token',
      includeRefreshToken: true,
    });
    expect(parseFileSpec('/p', '/p/.env.local', false)).toEqual({
      file: '.env.local',
      format: 'dotenv',
      includeRefreshToken: false,
    });
  });
  it('refuses paths outside the project and unknown formats', () => {
    expect(() => parseFileSpec('/p', '../x/.env', false)).toThrow(/outside the project/);
    expect(() => parseFileSpec('/p', 'notes.txt', false)).toThrow(/format/);
  });
});
