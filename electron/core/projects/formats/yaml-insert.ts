import { isMap, isScalar, parse, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { detectEol, detectIndentUnit, endsWithLineBreak, lineEndOf, lineStartOf } from './text';

// Where and how to add a missing key to a YAML file as plain text, in the file's own layout.

export interface Insertion {
  at: number;
  text: string;
}

/** Whether `value` reads back as the same string when written as a plain (unquoted) YAML scalar. */
export function isPlainSafe(value: string): boolean {
  if (!/^[A-Za-z0-9_./][A-Za-z0-9_./+-]*$/.test(value)) return false;
  // Both YAML 1.2 and 1.1 readers must see a string (not a number, bool or null).
  return parse(value) === value && parse(value, { version: '1.1' }) === value;
}

type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | string;

export function renderScalar(value: string, style: ScalarStyle): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'PLAIN' && value !== '' && isPlainSafe(value)) return value;
  return JSON.stringify(value);
}

function renderKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && isPlainSafe(key) ? key : JSON.stringify(key);
}

/** `a:\n  b: value` lines, each starting with `indent`; no trailing line break. */
function renderBlock(path: string[], value: string, indent: string, unit: string, eol: string): string {
  return path
    .map((segment, i) => {
      const prefix = indent + unit.repeat(i) + renderKey(segment) + ':';
      return i === path.length - 1 ? `${prefix} ${renderScalar(value, 'PLAIN')}` : prefix;
    })
    .join(eol);
}

function renderFlow(path: string[], value: string): string {
  const [head, ...rest] = path;
  const key = renderKey(head ?? '');
  return rest.length === 0 ? `${key}: ${renderScalar(value, 'PLAIN')}` : `${key}: {${renderFlow(rest, value)}}`;
}

/** Column of a node's first character, as spaces (so `- key:` items indent correctly). */
function columnOf(body: string, offset: number): string {
  return ' '.repeat(offset - lineStartOf(body, offset));
}

/**
 * Puts block lines at the start of the line after the one holding `at` (a map's end can sit
 * before its last line break), or at the very end of a file lacking its final newline.
 */
function linesAt(body: string, at: number, lines: string, eol: string): Insertion {
  if (at > 0 && body[at - 1] !== '\n') {
    const end = lineEndOf(body, at);
    if (end >= body.length) return { at: end, text: eol + lines };
    return { at: end + (body[end] === '\r' ? 2 : 1), text: lines + eol };
  }
  if (at >= body.length && !endsWithLineBreak(body)) return { at, text: (body.length > 0 ? eol : '') + lines };
  return { at, text: lines + eol };
}

/**
 * `parent` is the map that lacks `rest[0]`, or the pair whose value is empty (`dropbox:`), or
 * null when the document is empty.
 */
export function findInsertion(body: string, parent: YAMLMap | Pair | null, rest: string[], value: string): Insertion {
  const eol = detectEol(body);
  const rawUnit = detectIndentUnit(body);
  const unit = rawUnit === '\t' ? '  ' : rawUnit;

  if (parent === null) return linesAt(body, body.length, renderBlock(rest, value, '', unit, eol), eol);

  if (!isMap(parent)) {
    // `dropbox:` with nothing under it: the new lines go right after that line.
    const keyNode = parent.key as YamlNode;
    const keyStart = keyNode.range?.[0] ?? 0;
    const lines = renderBlock(rest, value, columnOf(body, keyStart) + unit, unit, eol);
    return linesAt(body, keyNode.range?.[1] ?? keyStart, lines, eol);
  }

  const map = parent;
  if (map.flow) {
    const [, end] = map.range ?? [0, 0];
    const close = body.lastIndexOf('}', end - 1);
    const last = map.items[map.items.length - 1];
    if (!last) return { at: close, text: renderFlow(rest, value) };
    const lastNode = (last.value ?? last.key) as YamlNode;
    return { at: lastNode.range?.[1] ?? close, text: `, ${renderFlow(rest, value)}` };
  }

  const firstKey = map.items[0]?.key;
  const indent = isScalar(firstKey) && firstKey.range ? columnOf(body, firstKey.range[0]) : '';
  const at = map.range?.[1] ?? body.length;
  return linesAt(body, at, renderBlock(rest, value, indent, unit, eol), eol);
}
