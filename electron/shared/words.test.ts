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

  it('shows full paths on Windows, where ~ means nothing to staff', () => {
    expect(shownPath('C:\\Users\\dana\\code\\engine', 'C:\\Users\\dana', 'win32')).toBe(
      'C:\\Users\\dana\\code\\engine',
    );
  });
});
