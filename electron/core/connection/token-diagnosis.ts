import type { ErrorKind } from '../../shared/error-catalog';
import { unwrapPastedLine, type PastedLine } from './pasted-line';

// What people really paste, diagnosed before we ask Dropbox: the guide's Troubleshooting list
// ("format", "too short") as a table of checks with plain answers.

export type TokenKind = 'short-lived' | 'short-lived-old' | 'legacy';

export type Diagnosis =
  | {
      ok: true;
      token: string;
      kind: TokenKind;
      note?: string;
      /** Shown only if Dropbox then refuses the token: "it is N characters; a full one is about…". */
      lengthHint?: string;
      /** 64 characters: a legacy access token, or a refresh token pasted by mistake. */
      maybeRefreshToken?: boolean;
    }
  | { ok: false; kind: ErrorKind; detail: string };

/**
 * What we know of token lengths. Only the `sl.` prefix is documented, so lengths never refuse a
 * token on their own except below `certainlyBrokenBelow` (shorter than any Dropbox token ever
 * issued: the shortest kind is the 64-character legacy one). Between that and `usualFrom`, we ask
 * Dropbox, and show the length as the likely reason only if Dropbox refuses it.
 *
 * | prefix  | seen in practice      | certainly broken below |
 * |---------|-----------------------|------------------------|
 * | `sl.u.` | ~1,300–1,450 chars    | 64                     |
 * | `sl.`   | ~135–150 chars        | 64                     |
 * | none    | exactly 64 (legacy, or a refresh token) | —    |
 */
export const TOKEN_SHAPES = [
  { prefix: 'sl.u.', kind: 'short-lived', usualFrom: 1000, usual: 'about 1,300 characters', certainlyBrokenBelow: 64 },
  { prefix: 'sl.', kind: 'short-lived-old', usualFrom: 120, usual: 'about 140 characters', certainlyBrokenBelow: 64 },
] as const;
export const LEGACY_LENGTH = 64;
/** Dropbox app keys and app secrets: 15 lowercase letters and digits. */
const APP_KEY_OR_SECRET = /^[a-z0-9]{15}$/;
const TOKEN_CHARS = /^[A-Za-z0-9._-]+$/;
const QUOTES = /^(["'`\u201c\u201d\u2018\u2019])([\s\S]*)\1$|^[\u201c\u2018]([\s\S]*)[\u201d\u2019]$/;

/**
 * Trim spaces and newlines, take the value out of one settings-file line (`NAME = "…"`), strip
 * surrounding quotes (also curly ones from word processors) and a leading `Bearer `.
 */
export function cleanPastedToken(raw: string): PastedLine {
  const line = unwrapPastedLine(raw.replace(/^\uFEFF/, '').trim());
  if (!line.ok) return line;
  let text = line.text;
  for (let i = 0; i < 3; i++) {
    const before = text;
    const quoted = QUOTES.exec(text);
    if (quoted) text = (quoted[2] ?? quoted[3] ?? '').trim();
    text = text.replace(/^bearer\s+/i, '').trim();
    if (text === before) break;
  }
  return { ok: true, text };
}

export function diagnoseToken(raw: string): Diagnosis {
  const cleaned = cleanPastedToken(raw);
  if (!cleaned.ok) return cleaned;
  const token = cleaned.text;
  if (token.length === 0) return { ok: false, kind: 'token-empty', detail: 'nothing was pasted' };
  if (/\s/.test(token)) {
    const where = /[\r\n]/.test(token) ? 'a line break' : 'a space';
    return {
      ok: false,
      kind: 'token-has-whitespace',
      detail: `it has ${where} inside, at character ${token.search(/\s/) + 1}`,
    };
  }
  if (/…|\.\.\.$/.test(token))
    return { ok: false, kind: 'token-truncated', detail: 'it ends in "…", so only a shortened preview was copied' };
  if (!TOKEN_CHARS.test(token))
    return { ok: false, kind: 'token-bad-format', detail: 'it has characters a Dropbox token never has' };
  const shape = TOKEN_SHAPES.find((t) => token.startsWith(t.prefix));
  if (shape) {
    if (token.length < shape.certainlyBrokenBelow) {
      return {
        ok: false,
        kind: 'token-truncated',
        detail: `it is ${token.length} characters long; no Dropbox token is that short`,
      };
    }
    const lengthHint =
      token.length < shape.usualFrom
        ? `it is ${token.length} characters long; a full token like this is usually ${shape.usual}`
        : undefined;
    return { ok: true, token, kind: shape.kind, ...(lengthHint ? { lengthHint } : {}) };
  }
  if (APP_KEY_OR_SECRET.test(token)) {
    return {
      ok: false,
      kind: 'token-bad-format',
      detail: 'this looks like an App key or App secret, not an access token',
    };
  }
  if (token.length === LEGACY_LENGTH && /^[A-Za-z0-9_-]+$/.test(token)) {
    return {
      ok: true,
      token,
      kind: 'legacy',
      maybeRefreshToken: true,
      note: 'This is an older long-lived token. It works until someone revokes it, but Dropbox no longer issues these — connecting with the browser is safer.',
    };
  }
  return { ok: false, kind: 'token-bad-format', detail: `it starts with "${token.slice(0, 3)}" instead of "sl."` };
}

/**
 * Dropbox refused a pasted token: say the likeliest reason we saw in its shape (cut short, or a
 * refresh token), else pass Dropbox's answer on.
 */
export function explainRefusal(
  diagnosis: Extract<Diagnosis, { ok: true }>,
  refusal: ErrorKind,
): ErrorKind | { kind: ErrorKind; detail: string } {
  if (refusal !== 'token-invalid' && refusal !== 'token-malformed' && refusal !== 'token-revoked') return refusal;
  if (diagnosis.lengthHint) return { kind: 'token-truncated', detail: diagnosis.lengthHint };
  if (diagnosis.maybeRefreshToken)
    return { kind: 'token-is-refresh', detail: 'it is 64 characters and does not start with "sl."' };
  return refusal;
}
