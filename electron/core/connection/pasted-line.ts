import type { ErrorKind } from '../../shared/error-catalog';

// Staff keep tokens in settings files and .env files, so a paste is often the whole line:
// `DROPBOX_ACCESS_TOKEN = "sl.u.…"`, `export X='…'`, `"access_token": "…",`, `access_token: …`.
// Take the value out of exactly one such line; refuse what stays ambiguous with a specific reason.
// No message here ever repeats the value or the name.

export type PastedLine = { ok: true; text: string } | { ok: false; kind: ErrorKind; detail: string };

/** `export ` (shell), a name (maybe quoted, as in JSON), then `: type =` (Python), `=` or `:`. */
const ASSIGNMENT = /^(?:export\s+)?(["']?)[A-Za-z_][\w.]*\1\s*(?::\s*[A-Za-z_][\w.[\]|, ]*?\s*=|=|:)\s*(.*)$/;
/** After the value: an optional `,` or `;`, then an optional `#` or `//` comment. */
const TAIL = String.raw`\s*[,;]?\s*(?:(?:#|\/\/).*)?$`;
const QUOTED_VALUE = new RegExp(
  String.raw`^(?:(["'\x60])([^"'\x60]*)\1|[\u201c\u2018]([^\u201d\u2019]*)[\u201d\u2019])` + TAIL,
);
const BARE_VALUE = new RegExp(String.raw`^((?:bearer\s+)?[^\s"'\x60,;#]+)` + TAIL, 'i');
const COMMENT_LINE = /^(?:#|\/\/)/;
/** Anything that looks like the start of an `sl.` token, to notice two pasted at once. */
const TOKEN_START = /\bsl\.[A-Za-z0-9_-][A-Za-z0-9._-]{15,}/g;

function valueOf(rest: string): string | undefined {
  const quoted = QUOTED_VALUE.exec(rest);
  if (quoted) return quoted[2] ?? quoted[3] ?? '';
  return BARE_VALUE.exec(rest)?.[1];
}

/** `text` is already trimmed. Anything that is not an assignment line passes through unchanged. */
export function unwrapPastedLine(text: string): PastedLine {
  const tokens = text.match(TOKEN_START)?.length ?? 0;
  if (tokens > 1)
    return { ok: false, kind: 'token-bad-format', detail: `it has ${tokens} tokens in it; paste only one` };
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !COMMENT_LINE.test(line));
  const assignments = lines.flatMap((line) => {
    const match = ASSIGNMENT.exec(line);
    return match ? [match[2] ?? ''] : [];
  });
  if (assignments.filter((rest) => rest.length > 0).length > 1)
    return {
      ok: false,
      kind: 'token-bad-format',
      detail: `it has ${assignments.length} lines with values in it; copy only the token, or only its line`,
    };
  const rest = assignments[0] ?? '';
  // A token wrapped over two lines, plain text, a web address: the usual checks say what is wrong.
  if (lines.length !== 1 || assignments.length !== 1 || rest.startsWith('//')) return { ok: true, text };
  if (rest.length === 0) return { ok: false, kind: 'token-empty', detail: 'the line has no token after its name' };
  const value = valueOf(rest);
  if (value === undefined)
    return {
      ok: false,
      kind: 'token-bad-format',
      detail: 'it is a line of a settings file, and what it sets is not a token; copy only the token itself',
    };
  return { ok: true, text: value.trim() };
}
