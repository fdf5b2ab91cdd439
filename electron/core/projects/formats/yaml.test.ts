import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bomArb, eolArb, makeToken, unparseableLine } from '../../../../test/support/format-arbitraries';
import {
  expectAddsByInsertion,
  expectReplacesInPlace,
  type FormatData,
  type ModelledEditor,
} from '../../../../test/support/format-properties';
import { yamlEditor as editor } from './yaml';

// A model of a block-style YAML file; `TOKEN` marks the access token's place, so rendering the
// model with the new token gives the exact expected text.

const TOKEN = Symbol('token');
type Style = 'plain' | 'single' | 'double';
type Value = { scalar: string; style: Style } | typeof TOKEN | Member[];
interface Member {
  key: string;
  value: Value;
  comment?: string;
  above?: string;
}
interface Doc {
  members: Member[];
  tokenStyle: Style;
  eol: string;
  bom: string;
  unit: string;
  finalNewline: boolean;
}

const key = fc.constantFrom('name', 'version', 'app_key', 'region', 'paths', 'dropbox_folder', 'retries');
const scalar = fc.oneof(
  fc.record({
    scalar: fc.constantFrom('abc', 'hello world', '42', 'true', 'x-y.z', '~'),
    style: fc.constant<Style>('plain'),
  }),
  fc.record({
    scalar: fc.constantFrom('', "it's", 'a: b', '# not a comment'),
    style: fc.constantFrom<Style>('single', 'double'),
  }),
);
const extras = {
  comment: fc.option(fc.constantFrom(' # note', '  # sl.not-a-token'), { nil: undefined }),
  above: fc.option(fc.constantFrom('# heading', ''), { nil: undefined }),
};
const { members: membersArb } = fc.letrec<{ value: Value; members: Member[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('members')),
  members: fc.uniqueArray(fc.record({ key, value: tie('value'), ...extras }), { maxLength: 4, selector: (m) => m.key }),
}));

type Placement = 'present' | 'no-token-key' | 'no-dropbox';
const docArb = (placement: Placement): fc.Arbitrary<Doc> =>
  fc.record({
    members: fc.tuple(membersArb, membersArb, fc.nat(), fc.nat()).map(([members, inner, at, innerAt]) => {
      if (placement === 'no-dropbox') return members;
      const dropbox = [...inner];
      if (placement === 'present')
        dropbox.splice(innerAt % (inner.length + 1), 0, { key: 'access_token', value: TOKEN });
      const all: Member[] = [...members];
      all.splice(at % (members.length + 1), 0, { key: 'dropbox', value: dropbox });
      return all;
    }),
    tokenStyle: fc.constantFrom<Style>('plain', 'single', 'double'),
    eol: eolArb,
    bom: bomArb,
    unit: fc.constantFrom('  ', '    '),
    finalNewline: fc.boolean(),
  });

function quote(text: string, style: Style): string {
  if (style === 'single') return `'${text.replace(/'/g, "''")}'`;
  if (style === 'double') return JSON.stringify(text);
  return text;
}

function render(doc: Doc, token: string): string {
  const lines: string[] = [];
  const walk = (members: Member[], indent: string) => {
    for (const m of members) {
      if (m.above !== undefined) lines.push(m.above === '' ? '' : indent + m.above);
      if (Array.isArray(m.value)) {
        lines.push(`${indent}${m.key}:${m.comment ?? ''}`);
        walk(m.value, indent + doc.unit);
      } else {
        const v = m.value === TOKEN ? quote(token, doc.tokenStyle) : quote(m.value.scalar, m.value.style);
        lines.push(`${indent}${m.key}: ${v}${m.comment ?? ''}`);
      }
    }
  };
  walk(doc.members, '');
  if (lines.length === 0) return doc.bom;
  return doc.bom + lines.join(doc.eol) + (doc.finalNewline ? doc.eol : '');
}

function toJS(text: string): unknown[] {
  return Array.from(parseAllDocuments(text.replace(/^\uFEFF/, '')) as Iterable<{ toJS(): unknown }>, (d) => d.toJS());
}

const OLD = 'sl.old-value';
const model: ModelledEditor<Doc> = {
  editor,
  render,
  // One document at most: the editor never adds a second.
  parse(text) {
    const docs = toJS(text);
    expect(docs.length).toBeLessThanOrEqual(1);
    return { ...((docs[0] as FormatData | null | undefined) ?? {}) };
  },
};

describe('yaml editor — properties', () => {
  it('replaces an existing token in place, keeping its quote style and every other byte', () => {
    expectReplacesInPlace(model, docArb('present'), OLD);
  });

  it('adds missing keys as text at the right indentation, by insertion only', () => {
    expectAddsByInsertion(
      model,
      fc.constantFrom<Placement>('no-token-key', 'no-dropbox').chain(docArb),
      OLD,
      (doc, before, after) => {
        if (doc.eol === '\r\n' && before.includes('\n')) expect(after.replace(/\r\n/g, '')).not.toContain('\n');
      },
    );
  });

  it('blank leaves an empty string in the same place', () => {
    fc.assert(
      fc.property(docArb('present'), (doc) => {
        const result = editor.blank(render(doc, OLD), {});
        expect(editor.read(result.text)).toBe('');
        expect(result.text).toBe(
          render({ ...doc, tokenStyle: doc.tokenStyle === 'plain' ? 'double' : doc.tokenStyle }, ''),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('rejects broken YAML with a line number', () => {
    fc.assert(
      fc.property(
        docArb('present'),
        fc.nat(),
        fc.constantFrom('oops: "never closed', 'oops: [1, 2', '\tbad: tab'),
        (doc, at, garbage) => {
          const lines = render(doc, OLD).split(doc.eol);
          lines.splice(at % (lines.length + 1), 0, garbage);
          const broken = lines.join(doc.eol);
          const line = unparseableLine(() => editor.write(broken, { values: { accessToken: 'sl.x' } }));
          expect(line).toBeGreaterThanOrEqual(1);
          expect(unparseableLine(() => editor.read(broken))).toBe(line);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('yaml editor — examples', () => {
  const token = makeToken('yaml');

  it('keeps BOM, CRLF, comments and quote style', () => {
    const before = '\uFEFF# config\r\ndropbox:\r\n  access_token: \'old\' # from the tray\r\n  folder: "/x"\r\n';
    expect(editor.write(before, { values: { accessToken: token } }).text).toBe(before.replace("'old'", `'${token}'`));
  });

  it('fills `key:` and `key: # comment` without touching the comment', () => {
    expect(editor.write('dropbox:\n  access_token:\nb: 1', { values: { accessToken: 'sl.a' } }).text).toBe(
      'dropbox:\n  access_token: sl.a\nb: 1',
    );
    expect(editor.write('dropbox:\n  access_token: # paste\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'dropbox:\n  access_token: sl.a # paste\n',
    );
  });

  it('adds under an empty `dropbox:` and into flow mappings', () => {
    expect(editor.write('dropbox: # later\nb: 1\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'dropbox: # later\n  access_token: sl.a\nb: 1\n',
    );
    expect(editor.write('dropbox: {folder: x}\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'dropbox: {folder: x, access_token: sl.a}\n',
    );
    expect(editor.write('dropbox: {}\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'dropbox: {access_token: sl.a}\n',
    );
  });

  it('adds a missing key after the last one, keeping an absent final newline', () => {
    expect(editor.write('a: 1\nb: 2', { values: { accessToken: 'sl.a', appKey: 'k' } }).text).toBe(
      'a: 1\nb: 2\ndropbox:\n  access_token: sl.a\n  app_key: k',
    );
    expect(editor.write('', { values: { accessToken: 'sl.a' } }).text).toBe('dropbox:\n  access_token: sl.a');
    expect(editor.write('# only a comment\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      '# only a comment\ndropbox:\n  access_token: sl.a\n',
    );
  });

  it('replaces a block scalar with a quoted value', () => {
    expect(
      editor.write('dropbox:\n  access_token: |\n    old\n  x: 1\n', { values: { accessToken: 'sl.a' } }).text,
    ).toBe('dropbox:\n  access_token: "sl.a"\n  x: 1\n');
  });

  it('quotes values a YAML reader would not read back as the same string', () => {
    expect(editor.write('dropbox:\n  access_token: old\n', { values: { accessToken: 'true' } }).text).toBe(
      'dropbox:\n  access_token: "true"\n',
    );
    expect(editor.write('dropbox:\n  access_token: old\n', { values: { accessToken: '1_000' } }).text).toBe(
      'dropbox:\n  access_token: "1_000"\n',
    );
  });

  it('edits the document that has the key, and adds to the first one otherwise', () => {
    const multi = 'a: 1\n---\ndropbox:\n  access_token: old\n';
    expect(editor.write(multi, { values: { accessToken: 'sl.a' } }).text).toBe(multi.replace('old', 'sl.a'));
    expect(editor.write('a: 1\n---\nb: 2\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'a: 1\ndropbox:\n  access_token: sl.a\n---\nb: 2\n',
    );
  });

  it('adds the refresh token and app key to the document that holds the access token', () => {
    const multi = 'name: first\n---\ndropbox:\n  access_token: old\n---\nlast: 3\n';
    const out = editor.write(multi, { values: { accessToken: 'sl.a', refreshToken: 'rt-1', appKey: 'key1' } }).text;
    const docs = parseAllDocuments(out).map((d) => (d as { toJS(): unknown }).toJS());
    expect(docs).toEqual([
      { name: 'first' },
      { dropbox: { access_token: 'sl.a', refresh_token: 'rt-1', app_key: 'key1' } },
      { last: 3 },
    ]);
    expect(editor.read(out, 'dropbox.refresh_token')).toBe('rt-1');
  });

  it('refuses what it cannot edit safely', () => {
    expect(unparseableLine(() => editor.write('- a\n- b\n', { values: { accessToken: 'sl.a' } }))).toBe(1);
    expect(unparseableLine(() => editor.write('x: 1\ndropbox: text\n', { values: { accessToken: 'sl.a' } }))).toBe(2);
    expect(
      unparseableLine(() =>
        editor.write('base: &t old\ndropbox:\n  access_token: *t\n', { values: { accessToken: 'sl.a' } }),
      ),
    ).toBe(3);
    expect(unparseableLine(() => editor.read('a: 1\na: 2\n'))).toBe(2);
  });
});
