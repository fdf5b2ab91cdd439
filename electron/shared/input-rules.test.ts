import { describe, expect, it } from 'vitest';
import { escapeControl, minutesLeftValue } from './input-rules';

describe('input rules', () => {
  it('accepts whole minutes from 1 to 240 only', () => {
    expect(['1', '240', ' 30 '].map(minutesLeftValue)).toEqual([1, 240, 30]);
    for (const bad of ['abc', '-30', '99999999999', '1.5', '0', '241', '', '1e2', '0x10'])
      expect(minutesLeftValue(bad)).toBeUndefined();
  });

  it('escapes control and bidi characters, keeping ordinary text and UTF-8', () => {
    expect(escapeControl('a\x1b]0;t\x07b\r\n\x7f\u009b')).toBe('a\\x1b]0;t\\x07b\\x0d\\x0a\\x7f\\x9b');
    expect(escapeControl('evil\u202egnp.env')).toBe('evil\\u202egnp.env');
    // Invisible characters make one name look like another: each is shown.
    expect(escapeControl('training\u200b-engine\u200f\ufeff\u061c\u2060')).toBe(
      'training\\u200b-engine\\u200f\\ufeff\\u061c\\u2060',
    );
    expect(escapeControl('café/Übung 1.env')).toBe('café/Übung 1.env');
  });
});
