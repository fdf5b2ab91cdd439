import { describe, expect, it } from 'vitest';
import { findJargon } from '../../../../test/support/jargon';
import { DttError } from '../../errors';
import { readError, writeError } from './fs-errors';

const fail = (code: string) => Object.assign(new Error(`${code}: some/internal/path`), { code });

describe('file error wording', () => {
  it('maps write failures to the kind the user can act on, naming the file', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'ENOSPC',
        'file-write-failed',
        /^config\/\.env could not be written because the disk is full; the old file is unchanged/,
      ],
      ['EIO', 'file-write-failed', /could not be written/],
      ['EDQUOT', 'file-write-failed', /disk is full/],
      ['EACCES', 'file-readonly', /^config\/\.env or its folder is read-only for you/],
      ['EPERM', 'file-readonly', /read-only/],
      ['EROFS', 'file-readonly', /read-only/],
      ['ENOENT', 'file-missing', /^the folder of config\/\.env no longer exists/],
      ['EMFILE', 'file-write-failed', /could not be written; the old file is unchanged/],
    ];
    for (const [code, kind, detail] of cases) {
      const e = writeError('config/.env', fail(code));
      expect([code, e.kind]).toEqual([code, kind]);
      expect(e.detail).toMatch(detail);
    }
  });

  // The system's code (ENOSPC…) is for IT: it goes behind --verbose / "More info", and the detail
  // doesn't repeat "sync again", since the catalog's action already names the command or button.
  it('keeps system error codes out of the primary text, behind More info', () => {
    const codes = ['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'EMFILE'];
    const errors = [
      ...codes.map((code) => [code, writeError('config/.env', fail(code))] as const),
      ...['EACCES', 'EPERM', 'EMFILE'].map((code) => [code, readError('config/.env', fail(code))] as const),
    ];
    for (const [code, e] of errors) {
      expect([code, findJargon(e.detail ?? '')]).toEqual([code, []]);
      expect([code, e.detail]).not.toEqual([code, expect.stringMatching(/sync again|unknown error/i)]);
      expect([code, e.moreInfo]).toEqual([code, expect.stringContaining(code)]);
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
