import { describe, expect, it } from 'vitest';
import { formatDuration } from './time';

// The window's pure rules, without a browser.

describe('window rules: time left', () => {
  it('rounds time left down, never promising more than there is', () => {
    expect(formatDuration(((3 * 60 + 12) * 60 + 59) * 1000)).toBe('3 h 12 min');
    expect(formatDuration(2 * 3600_000)).toBe('2 h');
    expect(formatDuration(45 * 60_000 + 30_000)).toBe('45 min');
    expect(formatDuration(59_000)).toBe('less than a minute');
  });
});
