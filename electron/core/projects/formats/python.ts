import { DttError } from '../../errors';
import type { PyToken } from './python-lexer';
import { scanPython, type PyLiteral, type PyScan } from './python-scan';
import { applySplices, assertWritableValue, splitBom, type Splice } from './text';
import { TOKEN_PLACEHOLDER, looksLikeDropboxToken, namesTheToken } from './token-shape';
import type { EditRequest, EditResult, FormatEditor } from './types';

// Python sources: we replace string literals, never code. The literals we own are
//  - the one assigned to the field (`access_token: Optional[str] = "…"`; `= None` becomes `"…"`),
//  - the fallback after the field (`settings.dropbox.access_token or "…"`),
//  - any other literal that is a Dropbox token or a token we wrote before — except in a
//    comparison (`if token == "YOUR_NEW_TOKEN_HERE":` is a check, and replacing it would break it).
// The guide's placeholder is ours only as the field's value or the fallback: anywhere else
// (`PLACEHOLDER = "YOUR_NEW_TOKEN_HERE"`, compared against the token later) it is the program's
// own "token missing" check.
// Docstrings, f-strings, t-strings, bytes and comments are never touched. A field assigned an
// expression (`os.environ[...]`) is left alone; read() then reports what else it finds, if anything.
// Refresh token and app key are ignored: the engine's settings have no place for them.

export const DEFAULT_PYTHON_FIELD = 'access_token';

function fieldName(key: string | undefined): string {
  const name = key ?? DEFAULT_PYTHON_FIELD;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new DttError('invalid-input', `"${name}" is not a Python name`);
  return name;
}

function read(text: string, key?: string): string | undefined {
  const { body } = splitBom(text);
  const { literals } = scanPython(body, fieldName(key));
  const usable = literals.filter((l) => l.editable);
  return (
    usable.find((l) => l.role === 'field')?.value ??
    usable.find((l) => l.role === 'fallback')?.value ??
    usable.find((l) => l.role === 'other' && looksLikeDropboxToken(l.value))?.value
  );
}

function write(text: string, req: EditRequest): EditResult {
  const value = req.values.accessToken;
  assertWritableValue(value);
  const previous = new Set((req.previousTokens ?? []).filter((t) => t !== ''));
  return edit(
    text,
    req.key,
    value,
    (l, scan) => looksLikeDropboxToken(l.value) || previous.has(l.value) || isTokenPlaceholder(l, scan),
    true,
  );
}

/** The guide's placeholder where it is a token's value (`"token": "…"`), and no guard compares against it. */
export function isTokenPlaceholder(l: PyLiteral, scan: PyScan): boolean {
  if (l.value !== TOKEN_PLACEHOLDER) return false;
  if (l.role === 'field' || l.role === 'fallback') return true;
  if (!l.label || !namesTheToken(l.label.name)) return false;
  // `TOKEN = "YOUR_NEW_TOKEN_HERE"` then `if token_in_use == TOKEN:` is a guard, not the value.
  return l.label.kind === 'key' || !scan.comparedNames.has(l.label.name);
}

function blank(text: string, req: Omit<EditRequest, 'values'>): EditResult {
  const previous = new Set((req.previousTokens ?? []).filter((t) => t !== ''));
  // The placeholder is left as is: it isn't a secret, and blanking it gains nothing.
  return edit(text, req.key, '', (l) => looksLikeDropboxToken(l.value) || previous.has(l.value), false);
}

function edit(
  text: string,
  key: string | undefined,
  value: string,
  ownsOther: (l: PyLiteral, scan: PyScan) => boolean,
  fillNone: boolean,
): EditResult {
  const { bom, body } = splitBom(text);
  const scan = scanPython(body, fieldName(key));
  const splices: Splice[] = [];
  for (const literal of scan.literals) {
    if (!literal.editable || literal.role === 'docstring' || literal.role === 'compared') continue;
    const owned = literal.role === 'field' || literal.role === 'fallback' || ownsOther(literal, scan);
    if (!owned || literal.value === value) continue;
    splices.push({ start: literal.token.start, end: literal.token.end, text: renderLiteral(literal.token, value) });
  }
  if (fillNone) {
    for (const none of scan.noneFields) splices.push({ start: none.start, end: none.end, text: JSON.stringify(value) });
  }
  const out = applySplices(body, splices);
  return { text: bom + out, changed: out !== body };
}

/** The same prefix and quotes as before; a plain double-quoted literal if the value can't fit them. */
function renderLiteral(token: PyToken, value: string): string {
  const prefix = token.prefix ?? '';
  const quote = token.quote ?? '"';
  const raw = /r/i.test(prefix);
  const q = quote[0] as string;
  if (raw) {
    if (!value.includes('\\') && !value.includes(q)) return `${prefix}${quote}${value}${quote}`;
    return JSON.stringify(value);
  }
  const escaped = value.replace(/\\/g, '\\\\').split(q).join(`\\${q}`);
  return `${prefix}${quote}${escaped}${quote}`;
}

export const pythonEditor: FormatEditor = { name: 'python', read, write, blank };
