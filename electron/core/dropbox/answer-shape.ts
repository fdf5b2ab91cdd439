import { NotDropboxAnswerError } from './api-error';

// Is this answer one Dropbox could have given? Dropbox's API hosts answer JSON
// (`application/json`, no charset: ../shared/dropbox-api-notes.md) or, for some 400s, plain text
// (`text/plain; charset=utf-8`); content downloads are `application/octet-stream`. Never HTML,
// never a redirect. Parameters after the media type are ignored: a charset added some day must
// not turn Dropbox's own answer into "not Dropbox".

/** What a success must look like; anything else came from something other than Dropbox. */
export type Expect = 'json' | 'any';

const ERROR_MEDIA_TYPES = new Set(['application/json', 'text/plain']);

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Throws NotDropboxAnswerError for a captive portal's page or redirect, or a filtering proxy's answer. */
export function requireDropboxShape(status: number, contentType: string, expect: Expect): void {
  const type = mediaType(contentType);
  // A portal's redirect or page, or "511 Network Authentication Required": not Dropbox talking.
  if ((status >= 300 && status < 400) || status === 511) throw new NotDropboxAnswerError(status, contentType);
  if (status >= 200 && status < 300) {
    if ((expect === 'json' && type !== 'application/json') || type === 'text/html')
      throw new NotDropboxAnswerError(status, contentType);
    return;
  }
  // 5xx stays "Dropbox is having trouble" whatever its body; the proxy's 407 is read by status.
  if (status < 500 && status !== 407 && !ERROR_MEDIA_TYPES.has(type))
    throw new NotDropboxAnswerError(status, contentType);
}

/** A body that claims to be JSON and isn't was not written by Dropbox. */
export function parseJson(text: string, status: number, contentType: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new NotDropboxAnswerError(status, contentType);
  }
}
