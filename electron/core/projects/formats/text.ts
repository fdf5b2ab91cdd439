import { DttError } from '../../errors';

// Helpers every editor shares: they all edit text in place, so they need the same notion of
// "BOM", "line ending" and "line number" to report errors and append lines consistently.

export const BOM = '\uFEFF';

/** Splits a leading BOM off so parsers see plain text; editors put it back untouched. */
export function splitBom(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}

/** The file's own line ending: the majority style, LF when the file has no line break yet. */
export function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function endsWithLineBreak(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}

/** 1-based line number of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The spaces/tabs that start the line holding `offset`. */
export function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, start + 200))?.[0] ?? '';
}

/** Offset just before the line break that ends the line holding `offset` (or the text's end). */
export function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** One indentation step, guessed from the first indented line (tab, or N spaces; 2 by default). */
export function detectIndentUnit(text: string): string {
  const match = /^([ \t]+)\S/m.exec(text);
  if (!match?.[1]) return '  ';
  if (match[1].startsWith('\t')) return '\t';
  const width = match[1].length;
  return ' '.repeat(width >= 1 && width <= 8 ? width : 2);
}

export function unparseable(line: number, reason: string): DttError {
  return new DttError('file-unparseable', `line ${line}: ${reason}`);
}

/**
 * Values are written inside a single line of text; a line break or control character would
 * corrupt every format here, so refuse them before touching anything.
 */
export function assertWritableValue(value: string): void {
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new DttError('invalid-input', 'a value to write contains a line break or control character');
  }
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices given in any order. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of sorted) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
