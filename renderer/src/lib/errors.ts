import { ERROR_KINDS, errorText, type ErrorKind, type ErrorText } from '../../../electron/shared/error-catalog';
import { redactText } from '../../../electron/shared/redact';
import type { ErrorView } from '../../../electron/shared/views';

const KNOWN = new Set<string>(ERROR_KINDS);

export function isErrorKind(kind: string | null | undefined): kind is ErrorKind {
  return typeof kind === 'string' && KNOWN.has(kind);
}

/**
 * The window's one conversion to an ErrorView (main converts with toErrorView; this is for what
 * reaches the window unconverted: PublicStatus.problem, a plain string on the wire, and an IPC
 * call that itself failed). Anything unknown reads as "internal".
 */
export function asErrorView(kind: string | null | undefined, detail?: string): ErrorView {
  return { kind: isErrorKind(kind) ? kind : 'internal', ...(detail ? { detail } : {}) };
}

export interface ErrorWords extends ErrorText {
  detail?: string;
}

/** The window's words for a kind (the action names the button). */
export function windowText(kind: ErrorKind): ErrorText {
  return errorText(kind, 'window');
}

/** The catalog's words plus the error's own detail, which main has already redacted (belt and braces). */
export function errorWords(error: ErrorView): ErrorWords {
  const text = errorText(isErrorKind(error.kind) ? error.kind : 'internal', 'window');
  return error.detail ? { ...text, detail: redactText(error.detail) } : { ...text };
}
