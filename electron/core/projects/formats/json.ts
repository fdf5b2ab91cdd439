import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseKeyPath } from './key-path';
import { pathEditor } from './path-edit';
import {
  applySplices,
  detectEol,
  detectIndentUnit,
  endsWithLineBreak,
  indentOfLine,
  lineOf,
  lineStartOf,
  splitBom,
  unparseable,
  type Splice,
} from './text';
import type { FormatEditor } from './types';

// JSON and JSONC (comments, trailing commas). jsonc-parser gives us the syntax tree with exact
// offsets; we then splice text ourselves. jsonc-parser's `modify` would also work for replacing a
// value, but when it inserts it re-formats the surrounding members (minified files get expanded,
// tab-indented files get space-indented children), and we promise every other byte stays as is.

/** `undefined` means the file holds no value yet (empty, or only whitespace/comments). */
function parseRoot(body: string): Node | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (!root && isOnlyTrivia(body)) return undefined;
  const first = errors[0];
  if (first) throw unparseable(lineOf(body, first.offset), `invalid JSON (${printParseErrorCode(first.error)})`);
  if (!root || root.type !== 'object')
    throw unparseable(lineOf(body, root?.offset ?? 0), 'the top level is not a JSON object');
  return root;
}

function read(text: string, key?: string): string | undefined {
  const { body } = splitBom(text);
  const root = parseRoot(body);
  if (!root) return undefined;
  let node: Node | undefined = root;
  for (const segment of parseKeyPath(key))
    node = node?.type === 'object' ? lastMember(node, segment)?.children?.[1] : undefined;
  return node?.type === 'string' ? (getNodeValue(node) as string) : undefined;
}

/** With duplicate keys JSON.parse keeps the last one, so reading does too. */
function lastMember(object: Node, key: string): Node | undefined {
  return (object.children ?? []).filter((p) => p.children?.[0]?.value === key).pop();
}

const { write, blank } = pathEditor(setPath);

function setPath(body: string, path: string[], value: string, create: boolean): string {
  const root = parseRoot(body);
  if (!root) {
    if (!create) return body;
    const eol = detectEol(body);
    const unit = detectIndentUnit(body);
    const prefix = body.length > 0 && !endsWithLineBreak(body) ? eol : '';
    return `${body}${prefix}{${eol}${unit}${renderMember(path, value, unit, unit, ': ', eol, true)}${eol}}${eol}`;
  }
  let object = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    const members = (object.children ?? []).filter((p) => p.children?.[0]?.value === segment);
    if (members.length === 0) return create ? insertMember(body, root, object, path.slice(i), value) : body;
    if (i === path.length - 1) {
      // Duplicate keys: JSON.parse keeps the last, other readers the first; update them all.
      const splices: Splice[] = [];
      for (const member of members) {
        const v = member.children?.[1];
        if (!v || (v.type === 'string' && getNodeValue(v) === value)) continue;
        if (v.type === 'object' || v.type === 'array')
          throw unparseable(lineOf(body, v.offset), `"${path.join('.')}" holds an ${v.type}, not a value`);
        splices.push({ start: v.offset, end: v.offset + v.length, text: JSON.stringify(value) });
      }
      return applySplices(body, splices);
    }
    const child = members[members.length - 1]?.children?.[1];
    if (child?.type !== 'object') {
      throw unparseable(
        lineOf(body, child?.offset ?? object.offset),
        `"${path.slice(0, i + 1).join('.')}" is not an object`,
      );
    }
    object = child;
  }
  return body;
}

/** Adds `"a": {"b": value}` as the last member of `object`, in the object's own layout. */
function insertMember(body: string, root: Node, object: Node, path: string[], value: string): string {
  const eol = detectEol(body);
  const unit = detectIndentUnit(body);
  const members = object.children ?? [];
  const open = object.offset;
  const close = object.offset + object.length - 1;
  const separator = keySeparator(body, members[0] ?? root.children?.[0]);
  const inline = renderMember(path, value, '', unit, separator, eol, false);
  const outer = indentOfLine(body, open);

  const last = members[members.length - 1];
  if (!last) {
    // A file written on one line (minified) stays on one line.
    if (!body.slice(root.offset, root.offset + root.length).includes('\n'))
      return body.slice(0, open + 1) + inline + body.slice(open + 1);
    const member = renderMember(path, value, outer + unit, unit, separator, eol, true);
    if (onlyWhitespaceBefore(body, close) && lineStartOf(body, close) > open) {
      // `{` … `}` on its own line (maybe with comments between): the member goes just above `}`.
      const at = lineStartOf(body, close);
      return body.slice(0, at) + outer + unit + member + eol + body.slice(at);
    }
    return body.slice(0, close) + eol + outer + unit + member + eol + outer + body.slice(close);
  }

  const lastEnd = last.offset + last.length;
  const trivia = scanTrivia(body, lastEnd);
  const hasComma = body[trivia] === ',';
  if (!body.slice(open, close).includes('\n')) {
    const at = hasComma ? trivia + 1 : lastEnd;
    const comma = hasComma ? '' : ',';
    return body.slice(0, at) + comma + (separator.includes(' ') ? ' ' : '') + inline + body.slice(at);
  }
  const memberIndent = onlyWhitespaceBefore(body, last.offset) ? indentOfLine(body, last.offset) : outer + unit;
  // The new member goes after the last one's line, so an inline comment stays with its member.
  const lineEnd = endOfLineSkippingTrivia(body, hasComma ? trivia + 1 : lastEnd, close);
  const member = eol + memberIndent + renderMember(path, value, memberIndent, unit, separator, eol, true);
  return body.slice(0, lastEnd) + (hasComma ? '' : ',') + body.slice(lastEnd, lineEnd) + member + body.slice(lineEnd);
}

function renderMember(
  path: string[],
  value: string,
  indent: string,
  unit: string,
  separator: string,
  eol: string,
  multiLine: boolean,
): string {
  const [head, ...rest] = path;
  const key = JSON.stringify(head);
  if (rest.length === 0) return `${key}${separator}${JSON.stringify(value)}`;
  if (!multiLine) return `${key}${separator}{${renderMember(rest, value, '', unit, separator, eol, false)}}`;
  const inner = indent + unit;
  return `${key}${separator}{${eol}${inner}${renderMember(rest, value, inner, unit, separator, eol, true)}${eol}${indent}}`;
}

/** `": "` or `":"` — whatever the file's first member uses. */
function keySeparator(body: string, member: Node | undefined): string {
  const [k, v] = member?.children ?? [];
  if (!k || !v) return ': ';
  const between = body.slice(k.offset + k.length, v.offset);
  return /^[ \t]*:[ \t]*$/.test(between) ? between : ': ';
}

function onlyWhitespaceBefore(body: string, offset: number): boolean {
  return /^[ \t]*$/.test(body.slice(body.lastIndexOf('\n', offset - 1) + 1, offset));
}

/** First offset at or after `pos` that is not whitespace or a comment. */
function scanTrivia(body: string, pos: number): number {
  let i = pos;
  while (i < body.length) {
    const c = body[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '/' && body[i + 1] === '/') i = body.indexOf('\n', i) === -1 ? body.length : body.indexOf('\n', i);
    else if (c === '/' && body[i + 1] === '*') {
      const end = body.indexOf('*/', i + 2);
      i = end === -1 ? body.length : end + 2;
    } else break;
  }
  return i;
}

/** End of the current line (before its line break), stepping over comments, but never past `limit`. */
function endOfLineSkippingTrivia(body: string, pos: number, limit: number): number {
  let i = pos;
  while (i < limit) {
    const c = body[i];
    if (c === '\n') return i > pos && body[i - 1] === '\r' ? i - 1 : i;
    if (c === '/' && body[i + 1] === '/') {
      const nl = body.indexOf('\n', i);
      i = nl === -1 ? body.length : nl;
    } else if (c === '/' && body[i + 1] === '*') {
      const end = body.indexOf('*/', i + 2);
      i = end === -1 ? body.length : end + 2;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else return i;
  }
  return limit;
}

function isOnlyTrivia(body: string): boolean {
  return scanTrivia(body, 0) >= body.length;
}

export const jsonEditor: FormatEditor = { name: 'json', read, write, blank };
