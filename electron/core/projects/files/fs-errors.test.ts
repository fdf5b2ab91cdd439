import { describe, expect, it } from 'vitest';
import { DttError } from '../../errors';
import { readError, writeError } from './fs-errors';

const fail = (code: string) => Object.assign(new Error(`${code}: some/internal/path`), { code });

describe('file error wording', () => {
  it('maps write failures to the kind the user can act on, naming the file', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'ENOSPC',
        'file-write-failed',
        /^config\/\.env could not be written \(ENOSPC: disk full\?\); the old file is unchanged/,
      ],
      ['EIO', 'file-write-failed', /disk full\?/],
      ['EDQUOT', 'file-write-failed', /disk full\?/],
      ['EACCES', 'file-readonly', /^config\/\.env or its folder is read-only \(EACCES\); make it writable/],
      ['EPERM', 'file-readonly', /read-only/],
      ['EROFS', 'file-readonly', /read-only/],
      ['ENOENT', 'file-missing', /^the folder of config\/\.env no longer exists/],
      ['EXYZ', 'file-write-failed', /\(EXYZ\)/],
    ];
    for (const [code, kind, detail] of cases) {
      const e = writeError('config/.env', fail(code));
      expect([code, e.kind]).toEqual([code, kind]);
      expect(e.detail).toMatch(detail);
    }
  });

  it('maps read failures, and passes our own errors through untouched', () => {
    expect(readError('a.env', fail('EACCES')).kind).toBe('file-readonly');
    expect(readError('a.env', fail('ENOTDIR')).kind).toBe('file-missing');
    expect(readError('a.env', fail('ELOOP')).kind).toBe('file-symlink');
    const own = new DttError('file-binary', 'a.env contains binary data');
    expect(readError('b.env', own)).toBe(own);
    expect(writeError('b.env', own)).toBe(own);
  });
});
