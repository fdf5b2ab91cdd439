import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { DttError } from '../core/errors';
import { MAX_TOKEN_INPUT_BYTES } from '../shared/input-rules';
import { InputCancelled, readSecretLine } from './secret-input';

/**
 * Reads all of stdin (piped), or one line from a prompt on a terminal. Input is a token or a
 * short answer, so anything past maxBytes is refused as soon as it arrives, without reading on.
 */
export async function readInput(
  prompt: string,
  maxBytes = MAX_TOKEN_INPUT_BYTES,
  { secret = false }: { secret?: boolean } = {},
): Promise<string> {
  if (process.stdin.isTTY) {
    if (secret) return readSecretLine(prompt, process.stdin, process.stderr, maxBytes);
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      return await new Promise<string>((resolve, reject) => {
        // Without this, readline swallows Ctrl+C and Node ends with 13 (an unfinished await).
        rl.once('SIGINT', () => reject(new InputCancelled()));
        rl.question(prompt, resolve);
      });
    } finally {
      rl.close();
    }
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      process.stdin.destroy();
      throw new DttError(
        'invalid-input',
        `more than ${Math.round(maxBytes / 1024)} KB arrived on standard input, and a Dropbox token is much shorter; pipe only the token, e.g. dropbox-token-tray paste < token.txt`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Best effort: the URL is always printed too, so a failure here costs nothing. */
export function openInBrowser(url: string): void {
  if (!/^https?:\/\//.test(url)) return;
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is the fallback.
  }
}
