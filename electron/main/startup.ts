import { toDttError } from '../core/errors';
import { errorText } from '../shared/error-catalog';
import { redactText } from '../shared/redact';
import type { ElectronApi } from './electron-api';

// Start-up that can't leave an invisible process behind, and a last resort for later errors.

export type Log = (line: string) => void;

/** stderr, redacted: an error's text can quote a config line or a response that holds a token. */
export const stderrLog: Log = (line) => void process.stderr.write(`${redactText(line)}\n`);

/** The one dialog a failed start shows: plain words, then what failed (redacted). */
export function startupFailureText(error: unknown): { title: string; content: string } {
  const text = errorText('app-start-failed', 'window');
  // An unexpected error has no catalog words of its own: only what failed is worth saying.
  const e = toDttError(error);
  const cause = e.kind === 'internal' ? null : e.textFor('window');
  const lines = [
    text.explanation,
    '',
    ...(cause ? [`${cause.title}. ${cause.action}`] : []),
    ...(e.detail ? [redactText(e.detail)] : []),
    '',
    text.action,
  ];
  return { title: text.title, content: lines.join('\n') };
}

/**
 * Runs `start` (opening settings, the keychain, the tray, the window…). Any failure shows one
 * dialog and exits non-zero: Electron would otherwise turn a rejected top-level await into an
 * uncaughtException dialog and keep an invisible process holding the single-instance lock, so
 * every later launch would exit silently.
 */
export async function startOrExit<T>(
  electron: Pick<ElectronApi, 'app' | 'dialog'>,
  start: () => Promise<T>,
  log: Log = stderrLog,
): Promise<T | null> {
  try {
    return await start();
  } catch (error) {
    log(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const { title, content } = startupFailureText(error);
    // Safe before 'ready' (Electron prints it to stderr on Linux then).
    electron.dialog.showErrorBox(title, redactText(content));
    electron.app.exit(1);
    return null;
  }
}

type ProcessLike = Pick<NodeJS.Process, 'on'>;

/**
 * After start-up, an error nobody caught (a timer, an event handler) is logged and the app
 * carries on: the tray and the window stay usable, and the next check starts afresh. Having a
 * listener also stops Electron's own uncaughtException dialog.
 */
export function installLastResort(proc: ProcessLike = process, log: Log = stderrLog): void {
  const report = (what: string) => (error: unknown) =>
    log(`${what} (kept running): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  proc.on('uncaughtException', report('uncaught error'));
  proc.on('unhandledRejection', report('unhandled rejection'));
}
