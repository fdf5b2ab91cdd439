import type { ErrorKind } from '../../shared/error-catalog';

// What people really paste, diagnosed before we ask Dropbox: the guide's Troubleshooting list
// ("format", "too short") as a table of checks with plain answers.

export type TokenKind = 'short-lived' | 'short-lived-old' | 'legacy';

export type Diagnosis =
  { ok: true; token: string; kind: TokenKind; note?: string } | { ok: false; kind: ErrorKind; detail: string };

/** Current short-lived tokens are ~1,300–1,450 characters after `sl.u.`; anything under this was cut off. */
export const MIN_SL_U_LENGTH = 1000;
/** Older short-lived tokens are `sl.` + ~135–150 characters. */
export const MIN_SL_OLD_LENGTH = 120;
export const LEGACY_LENGTH = 64;
const TOKEN_CHARS = /^[A-Za-z0-9._-]+$/;
const QUOTES = /^(["'`\u201c\u201d\u2018\u2019])([\s\S]*)\1$|^[\u201c\u2018]([\s\S]*)[\u201d\u2019]$/;

/** Trim spaces and newlines, surrounding quotes (also curly ones from word processors), a leading `Bearer `. */
export function normalizePastedToken(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').trim();
  for (let i = 0; i < 3; i++) {
    const before = text;
    const quoted = QUOTES.exec(text);
    if (quoted) text = (quoted[2] ?? quoted[3] ?? '').trim();
    text = text.replace(/^bearer\s+/i, '').trim();
    if (text === before) break;
  }
  return text;
}

export function diagnoseToken(raw: string): Diagnosis {
  const token = normalizePastedToken(raw);
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
  if (token.startsWith('sl.')) {
    if (!TOKEN_CHARS.test(token))
      return { ok: false, kind: 'token-bad-format', detail: 'it has characters a Dropbox token never has' };
    const isNew = token.startsWith('sl.u.');
    const min = isNew ? MIN_SL_U_LENGTH : MIN_SL_OLD_LENGTH;
    if (token.length < min) {
      return {
        ok: false,
        kind: 'token-truncated',
        detail: `it is ${token.length} characters long; a token like this has at least ${min}`,
      };
    }
    return { ok: true, token, kind: isNew ? 'short-lived' : 'short-lived-old' };
  }
  if (token.length === LEGACY_LENGTH && /^[A-Za-z0-9_-]+$/.test(token)) {
    return {
      ok: true,
      token,
      kind: 'legacy',
      note: 'This is an older long-lived token. It works until someone revokes it, but Dropbox no longer issues these — connecting with the browser is safer.',
    };
  }
  if (/^[a-z0-9]{15}$/.test(token)) {
    return { ok: false, kind: 'token-bad-format', detail: 'this looks like an App key, not an access token' };
  }
  return { ok: false, kind: 'token-bad-format', detail: `it starts with "${token.slice(0, 3)}" instead of "sl."` };
}
