// The state words live in electron/shared/words.ts, shared with the tray and the terminal.
export { isLinked, stateWords, type StateWords, type Tone } from '../../../electron/shared/words';

export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length >= 2 ? (words[0]?.[0] ?? '') + (words[words.length - 1]?.[0] ?? '') : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase() || '?';
}
