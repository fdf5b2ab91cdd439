import { describeError, type ErrorKind, type ErrorText } from '../shared/error-catalog';
import { redactText } from '../shared/redact';

/**
 * The one error type the core throws at its callers. `kind` picks the plain-language text;
 * `detail` is an extra, already-redacted specific (a file line, the store name, a URL).
 */
export class DttError extends Error {
  readonly kind: ErrorKind;
  readonly detail: string | undefined;
  /** Someone else's words (e.g. Dropbox's error_description), shown only behind "More info" / --verbose. */
  readonly moreInfo: string | undefined;

  constructor(kind: ErrorKind, detail?: string, options?: { cause?: unknown; moreInfo?: string }) {
    const text = describeError(kind);
    const safeDetail = detail === undefined ? undefined : redactText(detail);
    super(safeDetail ? `${text.title}: ${safeDetail}` : text.title, options);
    this.name = 'DttError';
    this.kind = kind;
    this.detail = safeDetail;
    this.moreInfo = options?.moreInfo === undefined ? undefined : redactText(options.moreInfo);
  }

  get text(): ErrorText {
    return describeError(this.kind);
  }
}

export function isDttError(error: unknown, kind?: ErrorKind): error is DttError {
  return error instanceof DttError && (kind === undefined || error.kind === kind);
}
