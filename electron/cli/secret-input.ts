import type { Readable, Writable } from 'node:stream';

// A token typed or pasted at a terminal must not be shown: the terminal is put in raw mode (no
// echo) and the prompt shows only how much arrived. Ctrl+C here is the user's "stop", not a
// keystroke: raw mode turns it into a byte, so it is handled as a cancel.

export class InputCancelled extends Error {
  constructor() {
    super('cancelled at the prompt');
  }
}

type RawInput = Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };

/** How the prompt line looks after `count` characters: a few stars, then the count. */
export function maskedLine(prompt: string, count: number): string {
  const stars = '*'.repeat(Math.min(count, 8));
  return `\r\x1b[2K${prompt}${stars}${count > 8 ? ` (${count} characters)` : ''}`;
}

/**
 * Reads one line without echo. Enter ends it; Backspace removes a character; Ctrl+U clears;
 * Ctrl+C (or Ctrl+D on an empty line) rejects with InputCancelled. Escape sequences (arrow
 * keys) are ignored. The terminal's mode is restored however it ends.
 */
export function readSecretLine(prompt: string, input: RawInput, output: Writable, maxChars: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = (input as { isRaw?: boolean }).isRaw ?? false;
    input.setRawMode?.(true);
    output.write(prompt);
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replace(/\x1b\[[0-9;?]*[A-Za-z~]/g, '');
      for (const ch of text) {
        // The count stays on screen, so a paste that was cut short shows.
        if (ch === '\r' || ch === '\n') return (output.write(maskedLine(prompt, value.length)), finish(null));
        if (ch === '\x03' || (ch === '\x04' && value === '')) return finish(new InputCancelled());
        if (ch === '\x7f' || ch === '\b') value = value.slice(0, -1);
        else if (ch === '\x15') value = '';
        else if (ch >= ' ' && value.length < maxChars) value += ch;
      }
      output.write(maskedLine(prompt, value.length));
    };
    input.on('data', onData);
    input.resume();
  });
}
