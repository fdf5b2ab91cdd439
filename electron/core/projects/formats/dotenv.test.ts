import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotenvEditor as editor } from './dotenv';
import { bomArb, eolArb, makeToken, tokenArb, unparseableLine } from '../../../../test/support/format-arbitraries';

// A model of a .env file: rendering it with different values for the keys we own gives the
// exact expected text, so "every other byte is unchanged" is checked byte for byte.

type Owned = 'access' | 'refresh' | 'appKey';
const OWNED_KEYS: Record<Owned, string> = {
  access: 'DROPBOX_ACCESS_TOKEN',
  refresh: 'DROPBOX_REFRESH_TOKEN',
  appKey: 'DROPBOX_APP_KEY',
};

interface Assign {
  kind: 'assign';
  key: string;
  owned?: Owned;
  exported: boolean;
  indent: string;
  before: string;
  after: string;
  quote: '' | '"' | "'";
  value: string;
  comment: string;
}
type Line = { kind: 'blank'; ws: string } | { kind: 'comment'; text: string } | Assign;

interface Model {
  lines: Line[];
  eol: string;
  bom: string;
  finalNewline: boolean;
}

const word = fc.string({ unit: fc.constantFrom(...'abcXYZ019_./:-'), minLength: 0, maxLength: 12 });
const spaced = fc.string({ unit: fc.constantFrom(...'abc XYZ 019_./:-#'), minLength: 0, maxLength: 16 });
const oldToken = fc.string({ unit: fc.constantFrom(...'abcXYZ019._-'), minLength: 1, maxLength: 30 });
const otherKey = fc.constantFrom(
  'FOO',
  'BAR_BAZ',
  'DROPBOX_APP_SECRET',
  'DROPBOX_ACCESS_TOKEN_OLD',
  'MY_DROPBOX_ACCESS_TOKEN',
  'lower.case-key',
);

const assignParts = {
  exported: fc.boolean(),
  indent: fc.constantFrom('', '', '  '),
  before: fc.constantFrom('', '', ' '),
  after: fc.constantFrom('', '', ' '),
  comment: fc.constantFrom('', '', ' # note', '  # keep me = "x"'),
};

const otherLine: fc.Arbitrary<Line> = fc.oneof(
  fc.record({ kind: fc.constant('blank' as const), ws: fc.constantFrom('', '  ', '\t') }),
  fc.record({
    kind: fc.constant('comment' as const),
    text: fc.constantFrom('# comment', '  # DROPBOX_ACCESS_TOKEN=old', '#'),
  }),
  fc.oneof(
    fc.record({
      kind: fc.constant('assign' as const),
      key: otherKey,
      ...assignParts,
      quote: fc.constant('' as const),
      value: word,
    }),
    fc.record({
      kind: fc.constant('assign' as const),
      key: otherKey,
      ...assignParts,
      quote: fc.constantFrom('"' as const, "'" as const),
      value: spaced,
    }),
  ),
);

const ownedLine = (owned: Owned): fc.Arbitrary<Line> =>
  fc.record({
    kind: fc.constant('assign' as const),
    key: fc.constant(OWNED_KEYS[owned]),
    owned: fc.constant(owned),
    ...assignParts,
    quote: fc.constantFrom('' as const, '"' as const, "'" as const),
    value: oldToken,
  });

const modelArb = (owned: Owned[]): fc.Arbitrary<Model> =>
  fc.record({
    lines: fc
      .tuple(fc.array(otherLine, { maxLength: 8 }), ...owned.map((o) => fc.array(ownedLine(o), { maxLength: 3 })))
      .chain(([others, ...mine]) =>
        fc.shuffledSubarray([...others, ...mine.flat()], { minLength: others.length + mine.flat().length }),
      ),
    eol: eolArb,
    bom: bomArb,
    finalNewline: fc.boolean(),
  });

function render(m: Model, values: Partial<Record<Owned, string>> = {}): string {
  const body = m.lines
    .map((l) => {
      if (l.kind === 'blank') return l.ws;
      if (l.kind === 'comment') return l.text;
      const value = (l.owned && values[l.owned]) ?? l.value;
      return `${l.indent}${l.exported ? 'export ' : ''}${l.key}${l.before}=${l.after}${l.quote}${value}${l.quote}${l.comment}`;
    })
    .join(m.eol);
  return m.bom + body + (m.finalNewline && m.lines.length > 0 ? m.eol : '');
}

function expectedAfterWrite(m: Model, values: Partial<Record<Owned, string>>): string {
  let text = render(m, values);
  // A file without any line break yet gets LF.
  const eol = text.includes('\n') ? m.eol : '\n';
  const assigns = m.lines.filter((l): l is Assign => l.kind === 'assign');
  const exported = assigns.length > 0 && assigns.every((a) => a.exported) ? 'export ' : '';
  for (const owned of ['access', 'refresh', 'appKey'] as const) {
    const value = values[owned];
    if (value === undefined || assigns.some((a) => a.owned === owned)) continue;
    if (text.length > m.bom.length && !text.endsWith('\n')) text += eol;
    text += `${exported}${OWNED_KEYS[owned]}=${value}${eol}`;
  }
  return text;
}

describe('dotenv editor — properties', () => {
  it('writes the token in place (or appends it) and changes nothing else', () => {
    fc.assert(
      fc.property(modelArb(['access']), tokenArb, (m, token) => {
        const before = render(m);
        const result = editor.write(before, { values: { accessToken: token } });
        expect(result.text).toBe(expectedAfterWrite(m, { access: token }));
        expect(result.changed).toBe(true);
        expect(editor.read(result.text)).toBe(token);
        const again = editor.write(result.text, { values: { accessToken: token } });
        expect(again).toEqual({ text: result.text, changed: false });
      }),
      { numRuns: 100 },
    );
  });

  it('writes refresh token and app key alongside when asked', () => {
    fc.assert(
      fc.property(modelArb(['access', 'refresh', 'appKey']), tokenArb, tokenArb, (m, token, refresh) => {
        const values = { accessToken: token, refreshToken: refresh, appKey: 'appkey123' };
        const result = editor.write(render(m), { values });
        expect(result.text).toBe(expectedAfterWrite(m, { access: token, refresh, appKey: 'appkey123' }));
        expect(editor.read(result.text, 'DROPBOX_REFRESH_TOKEN')).toBe(refresh);
        expect(editor.write(result.text, { values }).changed).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('blanks only the token values', () => {
    fc.assert(
      fc.property(modelArb(['access', 'refresh']), (m) => {
        const result = editor.blank(render(m), {});
        expect(result.text).toBe(render(m, { access: '', refresh: '' }));
        if (m.lines.some((l) => l.kind === 'assign' && l.owned === 'access')) expect(editor.read(result.text)).toBe('');
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a clearly broken line, reporting its line number', () => {
    fc.assert(
      fc.property(
        modelArb(['access']),
        fc.nat(),
        fc.constantFrom('this is not a setting', '=value', 'MY KEY=1', 'DROPBOX_ACCESS_TOKEN "abc"'),
        (m, at, garbage) => {
          const lines = [...m.lines];
          const index = at % (lines.length + 1);
          lines.splice(index, 0, { kind: 'comment', text: garbage });
          const text = render({ ...m, lines });
          expect(unparseableLine(() => editor.write(text, { values: { accessToken: 'sl.x' } }))).toBe(index + 1);
          expect(unparseableLine(() => editor.read(text))).toBe(index + 1);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('dotenv editor — examples', () => {
  const token = makeToken('dotenv');

  it('keeps CRLF, BOM and the missing final newline', () => {
    const before = '\uFEFFFOO=1\r\nDROPBOX_ACCESS_TOKEN=old\r\nBAR=2';
    expect(editor.write(before, { values: { accessToken: token } }).text).toBe(
      `\uFEFFFOO=1\r\nDROPBOX_ACCESS_TOKEN=${token}\r\nBAR=2`,
    );
  });

  it('appends a missing key with the file’s own line ending, adding a line break first if needed', () => {
    expect(editor.write('FOO=1\r\nBAR=2', { values: { accessToken: token } }).text).toBe(
      `FOO=1\r\nBAR=2\r\nDROPBOX_ACCESS_TOKEN=${token}\r\n`,
    );
    expect(editor.write('FOO=1\n', { values: { accessToken: token } }).text).toBe(
      `FOO=1\nDROPBOX_ACCESS_TOKEN=${token}\n`,
    );
    expect(editor.write('', { values: { accessToken: token } }).text).toBe(`DROPBOX_ACCESS_TOKEN=${token}\n`);
    expect(editor.write('\uFEFF', { values: { accessToken: token } }).text).toBe(
      `\uFEFFDROPBOX_ACCESS_TOKEN=${token}\n`,
    );
  });

  it('keeps `export`, and uses it for appended keys when the whole file does', () => {
    expect(editor.write('export DROPBOX_ACCESS_TOKEN="old"\n', { values: { accessToken: token } }).text).toBe(
      `export DROPBOX_ACCESS_TOKEN="${token}"\n`,
    );
    expect(editor.write('export A=1\nexport B=2\n', { values: { accessToken: token } }).text).toBe(
      `export A=1\nexport B=2\nexport DROPBOX_ACCESS_TOKEN=${token}\n`,
    );
  });

  it('updates every duplicate and reads the last one', () => {
    const before = "DROPBOX_ACCESS_TOKEN=one\nX=1\nDROPBOX_ACCESS_TOKEN='two'\n";
    expect(editor.read(before)).toBe('two');
    expect(editor.write(before, { values: { accessToken: token } }).text).toBe(
      `DROPBOX_ACCESS_TOKEN=${token}\nX=1\nDROPBOX_ACCESS_TOKEN='${token}'\n`,
    );
  });

  it('keeps comments next to the key and spacing around =', () => {
    const before = '# Dropbox\nDROPBOX_ACCESS_TOKEN = old   # from the App Console\n# end\n';
    expect(editor.write(before, { values: { accessToken: token } }).text).toBe(
      `# Dropbox\nDROPBOX_ACCESS_TOKEN = ${token}   # from the App Console\n# end\n`,
    );
  });

  it('fills an empty value without gluing it to a comment', () => {
    expect(editor.write('DROPBOX_ACCESS_TOKEN=\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'DROPBOX_ACCESS_TOKEN=sl.a\n',
    );
    const filled = editor.write('DROPBOX_ACCESS_TOKEN= # paste here\n', { values: { accessToken: 'sl.a' } }).text;
    expect(filled).toBe('DROPBOX_ACCESS_TOKEN= sl.a # paste here\n');
    expect(editor.read(filled)).toBe('sl.a');
    expect(editor.write('DROPBOX_ACCESS_TOKEN=""\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'DROPBOX_ACCESS_TOKEN="sl.a"\n',
    );
  });

  it('uses the custom key, and the fixed DROPBOX_* names for the extras', () => {
    const result = editor.write('MY_TOKEN=old\n', {
      key: 'MY_TOKEN',
      values: { accessToken: 'sl.a', refreshToken: 'r1', appKey: 'k1' },
    });
    expect(result.text).toBe('MY_TOKEN=sl.a\nDROPBOX_REFRESH_TOKEN=r1\nDROPBOX_APP_KEY=k1\n');
    expect(editor.read(result.text, 'MY_TOKEN')).toBe('sl.a');
  });

  it('is lenient with quirks: colon syntax, bare keys, multi-line values, an unclosed quote elsewhere', () => {
    const before = 'KEY: value\nBARE\nexport ONLY\nPEM="line1\nline2"\nBROKEN="no end\nDROPBOX_ACCESS_TOKEN=old\n';
    expect(editor.read(before)).toBe('old');
    expect(editor.write(before, { values: { accessToken: 'sl.a' } }).text).toBe(before.replace('=old', '=sl.a'));
  });

  it('refuses to guess where our own value ends', () => {
    expect(
      unparseableLine(() => editor.write('A=1\nDROPBOX_ACCESS_TOKEN="abc\n', { values: { accessToken: 'sl.a' } })),
    ).toBe(2);
    // A quote that runs over our key's line is almost certainly a typo, not a multi-line value.
    expect(unparseableLine(() => editor.read('A="abc\nDROPBOX_ACCESS_TOKEN=x\nB="\n'))).toBe(1);
  });

  it('blank leaves absent keys absent', () => {
    expect(editor.blank('FOO=1', {})).toEqual({ text: 'FOO=1', changed: false });
    expect(editor.blank("DROPBOX_ACCESS_TOKEN='abc'\n", {}).text).toBe("DROPBOX_ACCESS_TOKEN=''\n");
  });

  it('refuses values with line breaks', () => {
    expect(() => editor.write('', { values: { accessToken: 'a\nB=1' } })).toThrow(/line break/);
  });
});
