import {
  errorText,
  type ErrorKind,
  type ErrorText,
  type ErrorTextOptions,
  type Surface,
} from '../shared/error-catalog';
import { redactText } from '../shared/redact';
import type { ErrorView } from '../shared/views';
import { classifyDropboxError, DropboxApiError, DropboxNetworkError, NotDropboxAnswerError } from './dropbox/api-error';

/**
 * The one error type the core throws at its callers. `kind` picks the plain-language text;
 * `detail` is an extra, already-redacted specific (a file line, the store name, a URL).
 */
export class DttError extends Error {
  readonly kind: ErrorKind;
  readonly detail: string | undefined;
  /** Someone else's words (e.g. Dropbox's error_description), shown only behind "More info" / --verbose. */
  readonly moreInfo: string | undefined;
  /** The project folder it is about, so the terminal's advice can name it in the command. */
  readonly folder: string | undefined;

  constructor(kind: ErrorKind, detail?: string, options?: { cause?: unknown; moreInfo?: string; folder?: string }) {
    const title = errorText(kind, 'window').title;
    const safeDetail = detail === undefined ? undefined : redactText(detail);
    super(safeDetail ? `${title}: ${safeDetail}` : title, options);
    this.name = 'DttError';
    this.kind = kind;
    this.detail = safeDetail;
    this.moreInfo = options?.moreInfo === undefined ? undefined : redactText(options.moreInfo);
    this.folder = options?.folder;
  }

  get title(): string {
    return errorText(this.kind, 'window').title;
  }

  /** The catalog's words for this error on one surface (the terminal names commands, the window buttons). */
  textFor(surface: Surface, options?: ErrorTextOptions): ErrorText {
    return errorText(this.kind, surface, options);
  }
}

export function isDttError(error: unknown, kind?: ErrorKind): error is DttError {
  return error instanceof DttError && (kind === undefined || error.kind === kind);
}

const FROM_DROPBOX = [DropboxApiError, DropboxNetworkError, NotDropboxAnswerError];

/**
 * The one conversion of anything thrown into the user-facing error. What Dropbox or the network
 * said (status codes, error tags) is someone else's wording: it goes behind "More info" /
 * --verbose, never into the primary text. `overrides` maps a Dropbox error tag to a kind where a
 * call site knows better (e.g. invalid_grant while exchanging a sign-in code).
 */
export function toDttError(error: unknown, overrides: Partial<Record<string, ErrorKind>> = {}): DttError {
  if (error instanceof DttError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (FROM_DROPBOX.some((type) => error instanceof type)) {
    const tag = (error as { tag?: string }).tag;
    return new DttError((tag && overrides[tag]) || classifyDropboxError(error), undefined, {
      cause: error,
      moreInfo: message,
    });
  }
  return new DttError('internal', message, { cause: error });
}

/** Anything thrown → the shape the window may see (kind, redacted detail and "More info"). */
export function toErrorView(error: unknown): ErrorView {
  const e = toDttError(error);
  return {
    kind: e.kind,
    ...(e.detail ? { detail: redactText(e.detail) } : {}),
    ...(e.moreInfo ? { moreInfo: redactText(e.moreInfo) } : {}),
  };
}
