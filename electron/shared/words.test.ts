import { describe, expect, it } from 'vitest';
import { shownPath } from './words';

describe('shownPath', () => {
  it('writes the home folder as ~ on macOS and Linux', () => {
    expect(shownPath('/Users/dana/code/training-engine', '/Users/dana', 'darwin')).toBe('~/code/training-engine');
    expect(shownPath('/home/dana/code/training-engine', '/home/dana/', 'linux')).toBe('~/code/training-engine');
    expect(shownPath('/home/dana', '/home/dana', 'linux')).toBe('~');
  });

  it('leaves every other folder whole, a neighbour whose name starts the same included', () => {
    expect(shownPath('/home/danaold/engine', '/home/dana', 'linux')).toBe('/home/danaold/engine');
    expect(shownPath('/srv/engine', '/home/dana', 'linux')).toBe('/srv/engine');
    expect(shownPath('/srv/engine', '/', 'linux')).toBe('/srv/engine');
    expect(shownPath('/srv/engine', '', 'linux')).toBe('/srv/engine');
  });

  it('shows control, direction and invisible characters as escapes, so one folder cannot pass for another', () => {
    expect(shownPath('/home/dana/code/evil\u202e/enigne-gniniart', '/home/dana', 'linux')).toBe(
      '~/code/evil\\u202e/enigne-gniniart',
    );
    expect(shownPath('/srv/a\nFake line\x1b]0;t\x07', '/home/dana', 'linux')).toBe(
      '/srv/a\\x0aFake line\\x1b]0;t\\x07',
    );
    expect(shownPath('C:\\Users\\dana\\x\u200b', 'C:\\Users\\dana', 'win32')).toBe('C:\\Users\\dana\\x\\u200b');
  });

  it('shows full paths on Windows, where ~ means nothing to staff', () => {
    expect(shownPath('C:\\Users\\dana\\code\\engine', 'C:\\Users\\dana', 'win32')).toBe(
      'C:\\Users\\dana\\code\\engine',
    );
  });
});
