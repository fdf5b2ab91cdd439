import { describe, expect, it } from 'vitest';
import { findJargon } from '../../test/support/jargon';
import { ERROR_CATALOG, ERROR_KINDS, errorText } from './error-catalog';

// Every message the catalog can give, on both surfaces, follows the same rules.

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

describe('the error catalog', () => {
  it('has exactly one entry per kind', () => {
    expect(Object.keys(ERROR_CATALOG).sort()).toEqual([...ERROR_KINDS].sort());
  });

  for (const kind of ERROR_KINDS) {
    it(`${kind}: plain, said once, with an action that names a command or a button`, () => {
      const cli = errorText(kind, 'cli', { folder: '/home/dana/engine' });
      const window = errorText(kind, 'window');
      for (const text of [cli.title, cli.explanation, cli.action, window.action]) {
        expect(findJargon(text), text).toEqual([]);
        expect(text, text).not.toMatch(/\.\.|\.\s*\.$/);
      }
      const all = [cli.title, cli.explanation, cli.action].flatMap(sentences);
      expect(new Set(all).size, all.join(' | ')).toBe(all.length);
      const allWindow = [window.title, window.explanation, window.action].flatMap(sentences);
      expect(new Set(allWindow).size).toBe(allWindow.length);
      expect(cli.action, 'cli names a command').toMatch(/`dropbox-token-tray [a-z]|No action needed|No command can/);
      expect(cli.action, 'cli names no window button').not.toMatch(/\bClick\b/);
      expect(window.action, 'window names a control').toMatch(/Click "|"[A-Z][^"]+"|No action needed/);
      expect(window.action, 'window names no command').not.toContain('dropbox-token-tray');
    });
  }

  it('puts the folder into the terminal command, quoted for a shell', () => {
    expect(errorText('project-unknown', 'cli', { folder: '/tmp/my engine' }).action).toContain(
      "`dropbox-token-tray project add '/tmp/my engine'`",
    );
  });
});
