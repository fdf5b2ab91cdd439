import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { jsonEditor as editor } from './json';
import { bomArb, eolArb, makeToken, unparseableLine } from '../../../../test/support/format-arbitraries';
import {
  expectAddsByInsertion,
  expectReplacesInPlace,
  type FormatData,
  type ModelledEditor,
} from '../../../../test/support/format-properties';

// A model of a JSON(C) document. `TOKEN` marks where the access token sits, so rendering the
// model with the new token gives the exact expected text.

const TOKEN = Symbol('token');
type Value = string | number | boolean | null | typeof TOKEN | Value[] | Obj;
interface Member {
  key: string;
  value: Value;
  comment?: string;
}
interface Obj {
  members: Member[];
}
interface Doc {
  root: Obj;
  eol: string;
  bom: string;
  unit: string;
  finalNewline: boolean;
  trailingComma: boolean;
}

const key = fc.constantFrom('name', 'version', 'app_key', 'refresh', 'dropbox_folder', 'nested', 'with "quote"', 'ünï');
const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const comment = fc.option(fc.constantFrom('// a comment', '/* block */'), { nil: undefined });
const { value: valueArb } = fc.letrec<{ value: Value; obj: Obj }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), tie('obj')),
  obj: fc.record({
    members: fc.uniqueArray(fc.record({ key, value: tie('value'), comment }), { maxLength: 4, selector: (m) => m.key }),
  }),
}));
const membersArb = fc.uniqueArray(fc.record({ key, value: valueArb, comment }), {
  maxLength: 5,
  selector: (m) => m.key,
});

type Placement = 'present' | 'no-token-key' | 'no-dropbox';
const docArb = (placement: Placement): fc.Arbitrary<Doc> =>
  fc.record({
    root: fc.tuple(membersArb, membersArb, comment, fc.nat()).map(([members, dropboxOthers, c, at]) => {
      if (placement === 'no-dropbox') return { members };
      const token: Member = { key: 'access_token', value: TOKEN, ...(c ? { comment: c } : {}) };
      const inner = placement === 'present' ? [...dropboxOthers, token] : dropboxOthers;
      const all: Member[] = [...members];
      all.splice(at % (members.length + 1), 0, { key: 'dropbox', value: { members: inner } });
      return { members: all };
    }),
    eol: eolArb,
    bom: bomArb,
    unit: fc.constantFrom('  ', '    ', '\t'),
    finalNewline: fc.boolean(),
    trailingComma: fc.boolean(),
  });

function render(doc: Doc, token: string): string {
  const { eol, unit } = doc;
  const value = (v: Value, indent: string): string => {
    if (v === TOKEN) return JSON.stringify(token);
    if (Array.isArray(v)) return `[${v.map((x) => value(x, indent)).join(', ')}]`;
    if (v !== null && typeof v === 'object') {
      if (v.members.length === 0) return '{}';
      const inner = indent + unit;
      const lines = v.members.map((m, i) => {
        const comma = i < v.members.length - 1 || doc.trailingComma ? ',' : '';
        return `${m.comment ? inner + m.comment + eol : ''}${inner}${JSON.stringify(m.key)}: ${value(m.value, inner)}${comma}`;
      });
      return `{${eol}${lines.join(eol)}${eol}${indent}}`;
    }
    return JSON.stringify(v);
  };
  return doc.bom + value(doc.root, '') + (doc.finalNewline ? eol : '');
}

const OLD = 'sl.old-value';
const model: ModelledEditor<Doc> = {
  editor,
  render,
  parse: (text) => (parse(text.replace(/^\uFEFF/, '')) ?? {}) as FormatData,
};

describe('json editor — properties', () => {
  it('replaces an existing token in place, changing nothing else', () => {
    expectReplacesInPlace(model, docArb('present'), OLD);
  });

  it('adds a missing key (and its objects) by insertion only, in the file’s layout', () => {
    expectAddsByInsertion(
      model,
      fc.constantFrom<Placement>('no-token-key', 'no-dropbox').chain(docArb),
      OLD,
      (doc, before, after) => {
        if (doc.unit === '\t' && before.includes('\n\t')) expect(after).toMatch(/\n\t+"access_token"/);
        if (doc.eol === '\r\n') expect(after.replace(/\r\n/g, '')).not.toContain('\n');
      },
    );
  });

  it('rejects broken JSON with the line of the problem', () => {
    fc.assert(
      fc.property(docArb('present'), fc.nat(), (doc, at) => {
        const text = render(doc, OLD);
        const lines = text.split(doc.eol);
        const index = at % lines.length;
        lines.splice(index, 0, '"oops": ]');
        const broken = lines.join(doc.eol);
        const line = unparseableLine(() => editor.write(broken, { values: { accessToken: 'sl.x' } }));
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(index + 2);
        expect(unparseableLine(() => editor.read(broken))).toBe(line);
      }),
      { numRuns: 100 },
    );
  });
});

describe('json editor — examples', () => {
  const token = makeToken('json');

  it('keeps BOM, CRLF, comments and a missing final newline', () => {
    const before = '\uFEFF{\r\n  // tray writes this\r\n  "dropbox": { "access_token": "old" } // inline\r\n}';
    expect(editor.write(before, { values: { accessToken: token } }).text).toBe(
      before.replace('"old"', JSON.stringify(token)),
    );
  });

  it('creates the objects along the path, next to an inline comment, tab-indented', () => {
    const before = '{\n\t"name": "x", // keep\n\t"n": 1\n}\n';
    const result = editor.write(before, { values: { accessToken: 'sl.a', appKey: 'k' } });
    expect(result.text).toBe(
      '{\n\t"name": "x", // keep\n\t"n": 1,\n\t"dropbox": {\n\t\t"access_token": "sl.a",\n\t\t"app_key": "k"\n\t}\n}\n',
    );
  });

  it('keeps a one-line file on one line', () => {
    expect(editor.write('{"a":1}', { values: { accessToken: 'sl.a' } }).text).toBe(
      '{"a":1,"dropbox":{"access_token":"sl.a"}}',
    );
    expect(editor.write('{}', { values: { accessToken: 'sl.a' } }).text).toBe('{"dropbox": {"access_token": "sl.a"}}');
  });

  it('fills an empty file and an object holding only a comment', () => {
    expect(editor.write('', { values: { accessToken: 'sl.a' } }).text).toBe(
      '{\n  "dropbox": {\n    "access_token": "sl.a"\n  }\n}\n',
    );
    expect(editor.write('{\n  // later\n}\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      '{\n  // later\n  "dropbox": {\n    "access_token": "sl.a"\n  }\n}\n',
    );
  });

  it('uses custom key paths and names siblings after them', () => {
    const result = editor.write('{"dropboxAccessToken": "old"}', {
      key: 'dropboxAccessToken',
      values: { accessToken: 'sl.a', refreshToken: 'r' },
    });
    expect(result.text).toBe('{"dropboxAccessToken": "sl.a", "dropboxRefreshToken": "r"}');
  });

  it('updates duplicate keys together', () => {
    expect(
      editor.write('{"dropbox": {"access_token": "a", "access_token": "b"}}', { values: { accessToken: 'sl.a' } }).text,
    ).toBe('{"dropbox": {"access_token": "sl.a", "access_token": "sl.a"}}');
  });

  it('refuses a non-object root or a non-object on the path', () => {
    expect(unparseableLine(() => editor.write('[1, 2]', { values: { accessToken: 'sl.a' } }))).toBe(1);
    expect(unparseableLine(() => editor.write('{\n"dropbox": "x"\n}', { values: { accessToken: 'sl.a' } }))).toBe(2);
    expect(unparseableLine(() => editor.read('{\n  "a": 1\n  "b": 2\n}'))).toBe(3);
  });

  it('blank empties both tokens but adds nothing', () => {
    expect(editor.blank('{"dropbox": {"access_token": "x", "refresh_token": "y"}}', {}).text).toBe(
      '{"dropbox": {"access_token": "", "refresh_token": ""}}',
    );
    expect(editor.blank('{"a": 1}', {})).toEqual({ text: '{"a": 1}', changed: false });
  });
});
