import { errorText } from '../shared/error-catalog';
import { redactText } from '../shared/redact';
import { endQuietlyWhenReaderCloses } from './closed-pipe';
import { EXIT } from './help-text';

// Whatever escapes the commands still ends with one plain, redacted line and a non-zero exit —
// never a silent death, never a stack with a token in it.

export function lastResortLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const { title, action } = errorText('internal', 'cli');
  return redactText(`Error: ${title} — ${message.split('\n')[0] ?? ''}. ${action}`);
}

/** Ctrl+C (a signal, or the key at a prompt): one line, exit 130. */
export function cancelled(): never {
  process.stderr.write('Cancelled.\n');
  process.exit(EXIT.interrupted);
}

export function installLastResort(): void {
  const die = (error: unknown) => {
    process.stderr.write(`${lastResortLine(error)}\n`);
    process.exit(1);
  };
  endQuietlyWhenReaderCloses(die);
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  // Ctrl+C ends quietly with one line, unless a command handles it itself (a sign-in to cancel, a
  // child process to pass it on to).
  process.on('SIGINT', () => {
    if (process.listenerCount('SIGINT') > 1) return;
    cancelled();
  });
}
