// Limits on what a person types or pipes in, shared by the CLI, the window's IPC contract and
// the core, so each limit has one definition. Pure data and checks: safe anywhere.

/** `paste --minutes-left`: Dropbox's short-lived tokens live 4 hours at most. */
export const MINUTES_LEFT = { min: 1, max: 240 } as const;

/** A Dropbox token (or sign-in code) is well under this; more is not a token. */
export const MAX_TOKEN_INPUT_BYTES = 10 * 1024;

/** The minutes, when `text` is a whole number in range; otherwise undefined. */
export function minutesLeftValue(text: string): number | undefined {
  if (!/^\s*\d{1,4}\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= MINUTES_LEFT.min && n <= MINUTES_LEFT.max ? n : undefined;
}

export const isValidMinutesLeft = (n: number): boolean =>
  Number.isInteger(n) && n >= MINUTES_LEFT.min && n <= MINUTES_LEFT.max;

/**
 * A name or path as it may be printed to a terminal or shown in a title: control characters
 * (ESC, BEL, CR, newline, DEL, C1) become visible escapes, so a file name can't rewrite the
 * screen, fake a line or retitle the terminal; so do the direction marks and overrides (U+202E
 * shows a name backwards) and the invisible ones (zero-width space, BOM), so one name can't pass
 * for another. U+FFFD (bytes that weren't UTF-8) stays visible.
 */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function escapeControl(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
