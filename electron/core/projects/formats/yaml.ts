import { isDeepStrictEqual } from 'node:util';
import {
  isAlias,
  isMap,
  isScalar,
  parseAllDocuments,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { parseKeyPath } from './key-path';
import { pathEditor } from './path-edit';
import { applySplices, detectEol, lineOf, splitBom, unparseable, type Splice } from './text';
import type { FormatEditor } from './types';
import { findInsertion, renderScalar, type Insertion } from './yaml-insert';

// YAML is edited surgically: the `yaml` package tells us where each node's source is, and we
// splice only the value text, keeping its quote style. Re-serialising the document with
// `toString()` would normalise quotes, spacing and comments elsewhere in the file.
// Missing keys are added as text at the right indentation (see yaml-insert.ts), and the result
// is re-parsed to prove every other value is unchanged.

type Docs = Document.Parsed[];

// The library stops at 100 alias uses, against "billion laughs" files. A docker-compose.yml often
// uses one anchor in every service; we only read the values to check our edit, so allow far more
// while still refusing a file built to blow up.
const MAX_ALIAS_COUNT = 10_000;

/** A document's value, as detection and the write check both see it. */
export function yamlValue(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias count/i.test(error.message)) throw error;
    throw unparseable(
      1,
      'it repeats its own values (aliases like *name) too many times to check safely; edit it by hand',
    );
  }
}

export function parseYaml(body: string): Docs {
  // The library's own duplicate-key check compares every pair of keys (minutes on a big map),
  // so it is off and done here with a set instead.
  const docs = Array.from(parseAllDocuments(body, { uniqueKeys: false }) as Iterable<Document.Parsed>);
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line ?? lineOf(body, error.pos[0]);
      throw unparseable(
        line,
        `invalid YAML (${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code})`,
      );
    }
    visit(doc, {
      Map(_, map) {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          if (seen.has(pair.key.value))
            throw unparseable(lineOf(body, pair.key.range?.[0] ?? 0), 'invalid YAML (Map keys must be unique)');
          seen.add(pair.key.value);
        }
      },
    });
  }
  return docs;
}

type Lookup =
  | { kind: 'found'; node: YamlNode | null; pair: Pair }
  | { kind: 'missing'; parent: YAMLMap | Pair | null; rest: string[] };

/** Walks `path` through block/flow maps; throws when something other than a map is in the way. */
function lookup(body: string, root: unknown, path: string[]): Lookup {
  let node: unknown = root;
  let viaPair: Pair | null = null;
  for (let i = 0; i < path.length; i++) {
    if (
      node === null ||
      node === undefined ||
      (isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1])
    ) {
      return { kind: 'missing', parent: viaPair, rest: path.slice(i) };
    }
    if (!isMap(node)) {
      const at = (node as YamlNode).range?.[0] ?? 0;
      const what = i === 0 ? 'the top level' : `"${path.slice(0, i).join('.')}"`;
      throw unparseable(lineOf(body, at), `${what} is not a mapping`);
    }
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === path[i]);
    if (!pair) return { kind: 'missing', parent: node, rest: path.slice(i) };
    if (i === path.length - 1) return { kind: 'found', node: (pair.value as YamlNode | null) ?? null, pair };
    node = pair.value;
    viaPair = pair;
  }
  throw new Error('unreachable: empty key path');
}

function read(text: string, key?: string): string | undefined {
  const { body } = splitBom(text);
  const path = parseKeyPath(key);
  for (const doc of parseYaml(body)) {
    const found = lookup(body, doc.contents, path);
    if (found.kind === 'found' && isScalar(found.node) && typeof found.node.value === 'string') return found.node.value;
  }
  return undefined;
}

const { write, blank } = pathEditor(setPath);

function setPath(body: string, path: string[], value: string, create: boolean, home: string[] = path): string {
  const docs = parseYaml(body);
  const lookups = docs.map((doc) => lookup(body, doc.contents, path));
  const found = lookups.filter((l): l is Extract<Lookup, { kind: 'found' }> => l.kind === 'found');
  if (found.length > 0) {
    return applySplices(
      body,
      found.flatMap((f) => replaceScalar(body, f.node, f.pair, value) ?? []),
    );
  }
  if (!create) return body;
  // The document holding the access token gets its siblings; otherwise the first one.
  const holder = home === path ? -1 : docs.findIndex((doc) => lookup(body, doc.contents, home).kind === 'found');
  const index = Math.max(holder, 0);
  const target = lookups[index];
  if (docs.length > 1 && target?.kind === 'missing' && target.parent === null) {
    throw unparseable(1, 'the first YAML document is empty; add the key by hand');
  }
  const insertion = findInsertion(
    body,
    target?.kind === 'missing' ? target.parent : null,
    target?.kind === 'missing' ? target.rest : path,
    value,
  );
  return verifiedInsert(body, docs, path, value, insertion, index);
}

function replaceScalar(body: string, node: YamlNode | null, pair: Pair, value: string): Splice | undefined {
  const line = lineOf(body, (node ?? (pair.key as YamlNode)).range?.[0] ?? 0);
  // `? key` or `{key}`: a key with no value slot at all, so there's nowhere to splice.
  if (node === null) throw unparseable(line, 'the token key has no value; write it as `key: value`');
  if (isAlias(node)) throw unparseable(line, 'the token value is an alias (*name); edit the anchored value instead');
  if (!isScalar(node)) throw unparseable(line, 'the token key holds a list or mapping, not a value');
  if (node.value === value) return undefined;
  const [start, end] = node.range ?? [0, 0];
  const source = body.slice(start, end);
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  let text = renderScalar(value, block ? 'QUOTE_DOUBLE' : (node.type ?? 'PLAIN'));
  // A block scalar's source ends with its line break, which the next line still needs.
  if (block) text += /\r\n$/.test(source) ? '\r\n' : source.endsWith('\n') ? '\n' : '';
  if (start === end) {
    // `key:` or `key: # note`: keep a space after the colon and before a comment.
    if (body[start - 1] !== ' ' && body[start - 1] !== '\t') text = ` ${text}`;
    if (body[start] === '#') text += ' ';
  }
  return { start, end, text };
}

/** Applies the textual insertion, then proves the document means what it meant plus the new key. */
function verifiedInsert(
  body: string,
  docs: Docs,
  path: string[],
  value: string,
  insertion: Insertion,
  index: number,
): string {
  const expected =
    docs.length === 0
      ? [withPath({}, path, value)]
      : docs.map((d, i) => (i === index ? withPath(yamlValue(d), path, value) : yamlValue(d)));
  const candidate = applySplices(body, [{ start: insertion.at, end: insertion.at, text: insertion.text }]);
  if (sameMeaning(candidate, expected)) return candidate;
  // Rare layouts (a `|+` block scalar keeping trailing blank lines, odd indentation) can make a
  // textual insertion change a neighbour. Re-serialising a single document is the safe fallback,
  // at the cost of normalising its formatting.
  if (docs.length === 1 && docs[0]) {
    try {
      const doc = docs[0].clone();
      doc.setIn(path, value);
      let fallback = doc.toString({ lineWidth: 0 });
      if (detectEol(body) === '\r\n') fallback = fallback.replace(/\r?\n/g, '\r\n');
      if (sameMeaning(fallback, expected)) return fallback;
    } catch {
      // setIn refuses some shapes (e.g. a scalar in the way); report it below like any other failure.
    }
  }
  throw unparseable(
    lineOf(body, insertion.at),
    `could not add "${path.join('.')}" without changing other values; add it by hand`,
  );
}

function sameMeaning(text: string, expected: unknown[]): boolean {
  try {
    const docs = parseYaml(text);
    const actual = docs.length === 0 ? [] : docs.map(yamlValue);
    return isDeepStrictEqual(actual, expected);
  } catch {
    return false;
  }
}

function withPath(root: unknown, path: string[], value: string): unknown {
  const out = (root && typeof root === 'object' ? root : {}) as Record<string, unknown>;
  let node = out;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    node = (node[segment] = next && typeof next === 'object' ? next : {}) as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return out;
}

export const yamlEditor: FormatEditor = { name: 'yaml', read, write, blank };
