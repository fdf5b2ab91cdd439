import { DttError } from '../../errors';
import { decodeValue, parseDotenv, type DotenvAssignment } from './dotenv-parse';
import { applySplices, assertWritableValue, detectEol, endsWithLineBreak, splitBom, type Splice } from './text';
import type { EditRequest, EditResult, FormatEditor } from './types';

export const DEFAULT_DOTENV_KEY = 'DROPBOX_ACCESS_TOKEN';
export const DOTENV_REFRESH_KEY = 'DROPBOX_REFRESH_TOKEN';
export const DOTENV_APP_KEY = 'DROPBOX_APP_KEY';

const KEY_SHAPE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Characters every loader (npm dotenv, python-dotenv, a shell `source`) reads back verbatim unquoted. */
const SAFE_UNQUOTED = /^[A-Za-z0-9._\-/+:@,%]*$/;

function accessKey(key: string | undefined): string {
  const k = key ?? DEFAULT_DOTENV_KEY;
  if (!KEY_SHAPE.test(k)) throw new DttError('invalid-input', `"${k}" is not a valid .env key`);
  return k;
}

function read(text: string, key?: string): string | undefined {
  const k = accessKey(key);
  const { body } = splitBom(text);
  const found = parseDotenv(body, new Set([k])).filter((a) => a.key === k);
  // A shell `source` and both common loaders let the last assignment win.
  const last = found[found.length - 1];
  return last ? decodeValue(last) : undefined;
}

function write(text: string, req: EditRequest): EditResult {
  const wanted = new Map<string, string>([[accessKey(req.key), req.values.accessToken]]);
  if (req.values.refreshToken !== undefined) wanted.set(DOTENV_REFRESH_KEY, req.values.refreshToken);
  if (req.values.appKey !== undefined) wanted.set(DOTENV_APP_KEY, req.values.appKey);
  return edit(text, wanted, true);
}

function blank(text: string, req: Omit<EditRequest, 'values'>): EditResult {
  return edit(
    text,
    new Map([
      [accessKey(req.key), ''],
      [DOTENV_REFRESH_KEY, ''],
    ]),
    false,
  );
}

function edit(text: string, wanted: ReadonlyMap<string, string>, appendMissing: boolean): EditResult {
  for (const value of wanted.values()) assertWritableValue(value);
  const { bom, body } = splitBom(text);
  const assignments = parseDotenv(body, new Set(wanted.keys()));

  // Every occurrence is updated, not just the last: a shell takes the last one, but a loader
  // that stops at the first (or a person reading the file) would otherwise see a stale token.
  const splices: Splice[] = [];
  for (const a of assignments) {
    const value = wanted.get(a.key);
    if (value !== undefined) {
      const splice = replaceValue(body, a, value);
      if (splice) splices.push(splice);
    }
  }
  let out = applySplices(body, splices);

  if (appendMissing) {
    const present = new Set(assignments.map((a) => a.key));
    const missing = [...wanted].filter(([key]) => !present.has(key));
    if (missing.length > 0) {
      const eol = detectEol(body);
      // A file written for `source` uses `export` everywhere; new lines follow suit.
      const exported = assignments.length > 0 && assignments.every((a) => a.exported) ? 'export ' : '';
      if (out.length > 0 && !endsWithLineBreak(out)) out += eol;
      for (const [key, value] of missing) out += `${exported}${key}=${renderValue(value, '')}${eol}`;
    }
  }
  return { text: bom + out, changed: out !== body };
}

function renderValue(value: string, quote: DotenvAssignment['quote']): string {
  const keepsQuote = quote === '' ? SAFE_UNQUOTED.test(value) : !value.includes(quote) && !value.includes('\\');
  if (keepsQuote) return `${quote}${value}${quote}`;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function replaceValue(body: string, a: DotenvAssignment, value: string): Splice | undefined {
  const quoted = a.quote !== '';
  const start = quoted ? a.valueStart - 1 : a.valueStart;
  const end = quoted ? a.valueEnd + 1 : a.valueEnd;
  let replacement = renderValue(value, a.quote);
  // `KEY= # note` → the value must not run into the comment (`KEY=tok# note` reads as one value).
  if (!quoted && a.valueStart === a.valueEnd && body[a.valueEnd] === '#' && replacement !== '') replacement += ' ';
  if (body.slice(start, end) === replacement) return undefined;
  return { start, end, text: replacement };
}

export const dotenvEditor: FormatEditor = { name: 'dotenv', read, write, blank };
