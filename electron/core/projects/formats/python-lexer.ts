import { unparseable } from './text';

// There is no Python parser in Node, and we only need to find string literals and the shape of
// simple assignments. This tokenizer knows exactly enough Python to do that safely: string
// literals (all quote styles and prefixes, escapes, f-string replacement fields with nested
// strings), comments, brackets, line continuations and logical lines. It rejects what would make
// it guess: an unterminated string or an unbalanced bracket.

export type PyTokenKind = 'name' | 'string' | 'number' | 'op' | 'comment' | 'newline';

export interface PyToken {
  kind: PyTokenKind;
  start: number;
  end: number;
  text: string;
  line: number;
  /** Bracket nesting at the token (0 = statement level). */
  depth: number;
  /** Strings only: the prefix letters as written (`r`, `Rb`, `f`…), the quote (`'`, `"""`…) and where the content sits. */
  prefix?: string;
  quote?: string;
  contentStart?: number;
  contentEnd?: number;
}

const STRING_PREFIXES = new Set(['r', 'u', 'f', 'b', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const OPERATOR =
  /\*\*=|\/\/=|>>=|<<=|\.\.\.|->|:=|==|!=|<=|>=|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|@=|\*\*|\/\/|<<|>>|[-+*/%&|^~<>=.,:;@!]/y;
const IDENTIFIER = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER = /(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJlL]?/y;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function tokenizePython(source: string): PyToken[] {
  const tokens: PyToken[] = [];
  const brackets: Array<{ char: string; line: number }> = [];
  let line = 1;
  let i = 0;
  let lineHasTokens = false;

  const push = (kind: PyTokenKind, start: number, end: number, startLine: number, extra: Partial<PyToken> = {}) => {
    tokens.push({
      kind,
      start,
      end,
      text: source.slice(start, end),
      line: startLine,
      depth: brackets.length,
      ...extra,
    });
    if (kind !== 'comment') lineHasTokens = true;
  };

  while (i < source.length) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
    } else if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\r' ? 3 : 2;
      line++;
    } else if (c === '\n' || c === '\r') {
      const width = c === '\r' && source[i + 1] === '\n' ? 2 : 1;
      if (brackets.length === 0 && lineHasTokens) push('newline', i, i + width, line);
      lineHasTokens = false;
      i += width;
      line++;
    } else if (c === '#') {
      const nl = source.slice(i).search(/[\r\n]/);
      const end = nl === -1 ? source.length : i + nl;
      push('comment', i, end, line);
      i = end;
    } else if (c === '"' || c === "'") {
      const s = scanString(source, i, i, line);
      push('string', i, s.end, line, s.extra);
      line = s.line;
      i = s.end;
    } else if (/[\p{L}\p{Nl}_]/u.test(c)) {
      IDENTIFIER.lastIndex = i;
      const end = i + (IDENTIFIER.exec(source)?.[0].length ?? 1);
      const quote = source[end];
      if ((quote === '"' || quote === "'") && STRING_PREFIXES.has(source.slice(i, end).toLowerCase())) {
        const s = scanString(source, i, end, line);
        push('string', i, s.end, line, s.extra);
        line = s.line;
        i = s.end;
      } else {
        push('name', i, end, line);
        i = end;
      }
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const end = i + (NUMBER.exec(source)?.[0].length ?? 1);
      push('number', i, end, line);
      i = end;
    } else if (c === '(' || c === '[' || c === '{') {
      push('op', i, i + 1, line);
      brackets.push({ char: c, line });
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      const open = brackets.pop();
      if (!open) throw unparseable(line, `"${c}" closes a bracket that was never opened`);
      if (open.char !== CLOSERS[c])
        throw unparseable(line, `"${c}" does not match the "${open.char}" opened on line ${open.line}`);
      push('op', i, i + 1, line);
      i++;
    } else {
      OPERATOR.lastIndex = i;
      // Anything Python itself would reject ($, ?, `) is kept as a one-character operator: we
      // never edit near it, and refusing the whole file over it would be unhelpful.
      const end = i + (OPERATOR.exec(source)?.[0].length ?? 1);
      push('op', i, end, line);
      i = end;
    }
  }
  const unclosed = brackets[brackets.length - 1];
  if (unclosed) throw unparseable(unclosed.line, `the "${unclosed.char}" opened here is never closed`);
  if (lineHasTokens) push('newline', source.length, source.length, line);
  return tokens;
}

interface Scanned {
  end: number;
  line: number;
  extra: Partial<PyToken>;
}

/** Scans a string literal whose prefix starts at `start` and whose opening quote is at `quoteAt`. */
function scanString(source: string, start: number, quoteAt: number, startLine: number): Scanned {
  const prefix = source.slice(start, quoteAt);
  const q = source[quoteAt] as string;
  const triple = source.startsWith(q.repeat(3), quoteAt);
  const quote = triple ? q.repeat(3) : q;
  const formatted = /[ft]/i.test(prefix);
  let line = startLine;
  let i = quoteAt + quote.length;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\' && formatted && (source[i + 1] === '{' || source[i + 1] === '}')) {
      // In f-strings a backslash doesn't escape braces: `\{{` is a backslash and a literal `{`.
      i++;
    } else if (c === '\\') {
      // Even in raw strings a backslash keeps the next character from ending the literal.
      if (source[i + 1] === '\n') line++;
      if (source[i + 1] === '\r' && source[i + 2] === '\n') {
        line++;
        i++;
      }
      i += 2;
    } else if (source.startsWith(quote, i)) {
      return {
        end: i + quote.length,
        line,
        extra: { prefix, quote, contentStart: quoteAt + quote.length, contentEnd: i },
      };
    } else if (c === '\n' || c === '\r') {
      if (!triple) throw unparseable(startLine, 'a string literal is never closed on its line');
      if (c === '\n') line++;
      i++;
    } else if (formatted && c === '{') {
      if (source[i + 1] === '{') i += 2;
      else ({ end: i, line } = scanReplacementField(source, i + 1, line, startLine));
    } else {
      i++;
    }
  }
  throw unparseable(startLine, 'a string literal is never closed');
}

/**
 * Skips an f-string `{expression!r:spec}` starting just after `{`; returns the offset after the
 * matching `}`. Since Python 3.12 the expression may hold strings using the same quote.
 */
function scanReplacementField(
  source: string,
  from: number,
  line: number,
  stringLine: number,
): { end: number; line: number } {
  let depth = 0;
  let inSpec = false;
  let i = from;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\n') line++;
    if (inSpec) {
      if (c === '{') ({ end: i, line } = scanReplacementField(source, i + 1, line, stringLine));
      else if (c === '}') return { end: i + 1, line };
      else i++;
      continue;
    }
    if (c === '"' || c === "'") {
      ({ end: i, line } = scanString(source, i, i, line));
    } else if (/[\p{L}\p{Nl}_]/u.test(c)) {
      IDENTIFIER.lastIndex = i;
      const end = i + (IDENTIFIER.exec(source)?.[0].length ?? 1);
      const quote = source[end];
      if ((quote === '"' || quote === "'") && STRING_PREFIXES.has(source.slice(i, end).toLowerCase())) {
        ({ end: i, line } = scanString(source, i, end, line));
      } else {
        i = end;
      }
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ')' || c === ']') {
      depth--;
      i++;
    } else if (c === '}') {
      if (depth === 0) return { end: i + 1, line };
      depth--;
      i++;
    } else if (c === ':' && depth === 0) {
      inSpec = true;
      i++;
    } else if (c === '!' && source[i + 1] === '=') {
      i += 2;
    } else {
      i++;
    }
  }
  throw unparseable(stringLine, 'an f-string is never closed');
}

/** The value of a (non-f, non-bytes) string literal, with the usual escapes decoded. */
export function stringValue(source: string, token: PyToken): string {
  const raw = source.slice(token.contentStart ?? token.start, token.contentEnd ?? token.end);
  if (/r/i.test(token.prefix ?? '') || !raw.includes('\\')) return raw;
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '\n': '',
  };
  return raw.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])/g,
    (whole, esc: string) => {
      if (esc in simple) return simple[esc] as string;
      if (esc === '\r\n') return '';
      if (/^[xuU]/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
      if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
      return whole;
    },
  );
}
