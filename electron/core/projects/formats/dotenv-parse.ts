import { lineEndOf, unparseable } from './text';

// A small dotenv reader that records where each value sits in the text, so the editor can
// splice new values in without re-serialising anything.
//
// Leniency (dotenv files in the wild are messy, and both the npm and Python loaders accept a lot):
//  - understood: blank lines, `# comments`, `KEY=value`, `export KEY=value`, spaces around `=`,
//    `KEY: value` (npm dotenv), bare `KEY` / `export KEY` lines, single/double/backtick quotes,
//    quoted values spanning several lines, inline `# comments`, junk after a closing quote;
//  - a quote that never closes is read as a raw one-line value (what npm dotenv does) — unless
//    the key is one we edit: there we can't know where the value really ends, so it's unparseable;
//  - a multi-line quoted value that swallows a line assigning one of our keys is unparseable
//    (almost always a missing closing quote, and editing either line would be a guess);
//  - any other line (no `=`, a key with spaces, `=value`, shell commands) is unparseable, with
//    its line number, since we can't tell what the file's loader makes of it.

export type Quote = '"' | "'" | '`' | '';

export interface DotenvAssignment {
  key: string;
  line: number;
  exported: boolean;
  quote: Quote;
  /** Where the value's characters are, quotes excluded. */
  valueStart: number;
  valueEnd: number;
  /** The raw characters between valueStart and valueEnd. */
  raw: string;
}

const ASSIGNMENT = /^[ \t]*(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(?:=|:(?=[ \t]|$))[ \t]*/;
const BARE_KEY = /^[ \t]*(export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*$/;

export function parseDotenv(body: string, ownedKeys: ReadonlySet<string>): DotenvAssignment[] {
  const out: DotenvAssignment[] = [];
  let pos = 0;
  let lineNo = 1;
  while (pos < body.length) {
    const lineEnd = lineEndOf(body, pos);
    const lineText = body.slice(pos, lineEnd);
    let next = nextLineStart(body, lineEnd);

    const m = ASSIGNMENT.exec(lineText);
    if (/^\s*(#|$)/.test(lineText) || BARE_KEY.test(lineText)) {
      // nothing to record
    } else if (m?.[2]) {
      const key = m[2];
      const at = pos + m[0].length;
      const first = body[at];
      if (first === '"' || first === "'" || first === '`') {
        const close = findClosingQuote(body, at + 1, first);
        if (close !== -1) {
          checkNotSwallowing(body, lineEnd, close, ownedKeys, lineNo);
          out.push({
            key,
            line: lineNo,
            exported: Boolean(m[1]),
            quote: first,
            valueStart: at + 1,
            valueEnd: close,
            raw: body.slice(at + 1, close),
          });
          next = nextLineStart(body, lineEndOf(body, close));
        } else {
          if (ownedKeys.has(key)) throw unparseable(lineNo, `the value of ${key} opens a quote that never closes`);
          out.push(unquoted(key, lineNo, Boolean(m[1]), body, at, lineEnd));
        }
      } else {
        out.push(unquoted(key, lineNo, Boolean(m[1]), body, at, lineEnd));
      }
    } else {
      throw unparseable(lineNo, 'not a KEY=value line, a comment or a blank line');
    }
    lineNo += countLineBreaks(body, pos, next);
    pos = next;
  }
  return out;
}

function countLineBreaks(body: string, from: number, to: number): number {
  let n = 0;
  for (let i = body.indexOf('\n', from); i !== -1 && i < to; i = body.indexOf('\n', i + 1)) n++;
  return n;
}

function nextLineStart(body: string, lineEnd: number): number {
  if (body[lineEnd] === '\r' && body[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd + 1;
}

function findClosingQuote(body: string, from: number, quote: string): number {
  for (let i = from; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
  }
  return -1;
}

function checkNotSwallowing(
  body: string,
  openLineEnd: number,
  close: number,
  owned: ReadonlySet<string>,
  lineNo: number,
): void {
  if (close <= openLineEnd) return;
  for (const inner of body.slice(openLineEnd, close).split(/\r?\n/)) {
    const m = ASSIGNMENT.exec(inner);
    if (m?.[2] && owned.has(m[2])) {
      throw unparseable(lineNo, `a quoted value that starts here runs over the ${m[2]} line (missing closing quote?)`);
    }
  }
}

/** An unquoted value ends at an inline comment (`#` after whitespace) or the end of the line. */
function unquoted(
  key: string,
  line: number,
  exported: boolean,
  body: string,
  at: number,
  lineEnd: number,
): DotenvAssignment {
  const rest = body.slice(at, lineEnd);
  const comment = /(^|[ \t])#/.exec(rest);
  let end = comment ? comment.index : rest.length;
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
  return { key, line, exported, quote: '', valueStart: at, valueEnd: at + end, raw: rest.slice(0, end) };
}

/** The value a loader would see: double quotes understand the usual backslash escapes. */
export function decodeValue(a: DotenvAssignment): string {
  if (a.quote !== '"') return a.raw;
  return a.raw.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}
