import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonEditor as editor } from './python';
import {
  bomArb,
  eolArb,
  makeToken,
  pythonRejects,
  tokenArb,
  unparseableLine,
} from '../../../../test/support/format-arbitraries';
import { TOKEN_PLACEHOLDER } from './token-shape';

// A Python module built from chunks. Holes mark the literals we own; everything else — other
// strings, f-strings, bytes, docstrings, comments, comparisons — must come back byte for byte.

interface Literal {
  kind: 'literal';
  prefix: string;
  quote: string;
  old: string;
}
type Hole = Literal | { kind: 'none' };
type Piece = string | Hole;

const PREVIOUS = 'prev-token-1';
const SHORT_TOKEN = `sl.${'AbC0-_'.repeat(5)}`;
const LEGACY_TOKEN = 'Lg0_-'.repeat(12) + 'Lg0_';

const UNOWNED: string[] = [
  'import os\n',
  '# access_token = "YOUR_NEW_TOKEN_HERE"  (a comment, left alone)\n',
  '"""YOUR_NEW_TOKEN_HERE"""\n',
  'msg = f"YOUR_NEW_TOKEN_HERE {x!r:>{width}}"\n',
  `raw = b"${SHORT_TOKEN}"\n`,
  `also_raw = rb'${SHORT_TOKEN}'\n`,
  `template = f'${SHORT_TOKEN}'\n`,
  'name = \'hello\'\npath = r"C:\\dir\\file"\n',
  'if token == "YOUR_NEW_TOKEN_HERE":\n    pass\n',
  'x = dict(\n    a=1,\n    b="two",  # comment with "quotes\n)\n',
  "text = '''it's \"quoted\"\nover lines'''\n",
  'esc = "tab\\t \\"q\\" \\u00e9"\n',
  'total = 1 + \\\n    2\n',
  "s = f\"{d['k']}\" + f'{y}'\n",
  'def method(self):\n    """Docstring with sl.not-really-a-token."""\n    self.other = "abc"\n',
];

const literal = (old: fc.Arbitrary<string>): fc.Arbitrary<Literal> =>
  fc.record({
    kind: fc.constant('literal' as const),
    prefix: fc.constantFrom('', '', 'r', 'u', 'R', 'U'),
    quote: fc.constantFrom('"', "'", '"""', "'''"),
    old,
  });
const fieldHole: fc.Arbitrary<Hole> = fc.oneof(
  literal(fc.constantFrom(TOKEN_PLACEHOLDER, SHORT_TOKEN, LEGACY_TOKEN, '', 'anything')),
  fc.constant({ kind: 'none' as const }),
);

const ownedChunks = fc
  .tuple(
    fieldHole,
    fc.constantFrom('access_token: Optional[str] = ', 'access_token = ', 'access_token: str = ('),
    literal(fc.constantFrom(TOKEN_PLACEHOLDER, SHORT_TOKEN, '')),
    literal(fc.constant(TOKEN_PLACEHOLDER)),
    literal(fc.constant(SHORT_TOKEN)),
    literal(fc.constant(PREVIOUS)),
  )
  .map(([field, assign, fallback, placeholder, stray, previous]): Piece[][] => [
    [
      'class DropboxSettings(BaseModel):\n    """Dropbox settings: YOUR_NEW_TOKEN_HERE goes below."""\n\n    ',
      assign,
      field,
      assign.endsWith('(') ? ')' : '',
      '  # pasted by hand\n    app_folder: str = "Runpodhuracan"\n',
    ],
    ['class GithubSettings:\n    access_token = "ghp_untouched"\n'],
    [
      'def client():\n    dropbox_token_raw = settings.dropbox.access_token or ',
      fallback,
      '\n    return dropbox_token_raw\n',
    ],
    ['DEFAULTS = {"token": ', placeholder, ', "n": 1}\n'],
    ['LEGACY = ', stray, '\n'],
    ['OLD = [', previous, ']\n'],
  ]);

interface Module {
  chunks: Piece[][];
  eol: string;
  bom: string;
  finalNewline: boolean;
}

const moduleArb: fc.Arbitrary<Module> = fc.record({
  chunks: fc
    .tuple(fc.subarray(UNOWNED), ownedChunks)
    .chain(([unowned, owned]) =>
      fc.shuffledSubarray([...unowned.map((u) => [u]), ...owned], { minLength: unowned.length + owned.length }),
    ),
  eol: eolArb,
  bom: bomArb,
  finalNewline: fc.boolean(),
});

function render(m: Module, value?: string): string {
  const hole = (h: Hole): string => {
    if (h.kind === 'none') return value === undefined ? 'None' : JSON.stringify(value);
    return `${h.prefix}${h.quote}${value ?? h.old}${h.quote}`;
  };
  let text = m.chunks.map((c) => c.map((p) => (typeof p === 'string' ? p : hole(p))).join('')).join('\n');
  if (!m.finalNewline) text = text.replace(/\n$/, '');
  return m.bom + text.replace(/\n/g, m.eol);
}

describe('python editor — properties', () => {
  it('replaces exactly the owned literals; the result still parses with python3', () => {
    const outputs: string[] = [];
    fc.assert(
      fc.property(moduleArb, tokenArb, (m, token) => {
        const before = render(m);
        const result = editor.write(before, { values: { accessToken: token }, previousTokens: [PREVIOUS] });
        expect(result.text).toBe(render(m, token));
        expect(editor.read(result.text)).toBe(token);
        expect(editor.write(result.text, { values: { accessToken: token }, previousTokens: [PREVIOUS] })).toEqual({
          text: result.text,
          changed: false,
        });
        const blanked = editor.blank(result.text, {});
        expect(blanked.text).toBe(render(m, ''));
        outputs.push(before, result.text, blanked.text);
      }),
      { numRuns: 100 },
    );
    expect(pythonRejects(outputs)).toEqual([]);
  });

  it('rejects an unterminated string or an unclosed bracket at its line', () => {
    fc.assert(
      fc.property(
        moduleArb,
        fc.nat(),
        fc.constantFrom('oops = "never closed', 'oops = call(1,', 'oops = 1]'),
        (m, at, bad) => {
          const chunks = [...m.chunks];
          const index = at % (chunks.length + 1);
          chunks.splice(index, 0, [`${bad}\n`]);
          const text = render({ ...m, chunks, finalNewline: true });
          const line = text.slice(0, text.indexOf(bad)).split('\n').length;
          expect(unparseableLine(() => editor.write(text, { values: { accessToken: 'sl.x' } }))).toBe(line);
          expect(unparseableLine(() => editor.read(text))).toBe(line);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('python editor — examples', () => {
  const token = makeToken('python');

  it('fills a field that is None with a string literal', () => {
    const before = 'class DropboxSettings:\n    access_token: Optional[str] = None\n';
    const result = editor.write(before, { values: { accessToken: token } });
    expect(result.text).toBe(`class DropboxSettings:\n    access_token: Optional[str] = "${token}"\n`);
    expect(editor.read(before)).toBeUndefined();
  });

  it('leaves a field computed by an expression alone, and says it found nothing', () => {
    const before = 'import os\naccess_token = os.environ["DROPBOX_ACCESS_TOKEN"]\n';
    expect(editor.read(before)).toBeUndefined();
    expect(editor.write(before, { values: { accessToken: token } })).toEqual({ text: before, changed: false });
  });

  it('handles module-level, attribute and custom-named fields', () => {
    expect(editor.write("access_token = 'x'\n", { values: { accessToken: 'sl.a' } }).text).toBe(
      "access_token = 'sl.a'\n",
    );
    expect(editor.write('cfg.access_token = "x"\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'cfg.access_token = "sl.a"\n',
    );
    expect(
      editor.write('DROPBOX_TOKEN = "x"  # ok\n', { key: 'DROPBOX_TOKEN', values: { accessToken: 'sl.a' } }).text,
    ).toBe('DROPBOX_TOKEN = "sl.a"  # ok\n');
  });

  it('does not touch a field in a function body unless it looks like a token', () => {
    const before = 'def f():\n    access_token = "local"\n    other = "sl.abcdefghijklmnopqrstuvwxyz"\n';
    expect(editor.write(before, { values: { accessToken: 'sl.a' } }).text).toBe(
      before.replace('sl.abcdefghijklmnopqrstuvwxyz', 'sl.a'),
    );
  });

  it('uses any class’s field when no class is named for Dropbox', () => {
    expect(editor.write('class Settings:\n    access_token = ""\n', { values: { accessToken: 'sl.a' } }).text).toBe(
      'class Settings:\n    access_token = "sl.a"\n',
    );
  });

  it('reads the field first, then the fallback, then a token-looking literal', () => {
    expect(editor.read('a = "sl.abcdefghijklmnopqrstuvwxyz"\naccess_token = "field"\n')).toBe('field');
    expect(editor.read('t = s.access_token or "fallback"\n')).toBe('fallback');
    expect(editor.read('a = "sl.abcdefghijklmnopqrstuvwxyz"\n')).toBe('sl.abcdefghijklmnopqrstuvwxyz');
    expect(editor.read('a = "short"\n')).toBeUndefined();
  });

  it('keeps CRLF, BOM and a missing final newline', () => {
    const before = '\uFEFFclass DropboxSettings:\r\n    access_token = "old"';
    expect(editor.write(before, { values: { accessToken: 'sl.a' } }).text).toBe(
      '\uFEFFclass DropboxSettings:\r\n    access_token = "sl.a"',
    );
  });

  it('understands strings that look like they end early', () => {
    const before = 'a = "it\\"s"\nb = r"\\"" \nc = f"{x:{w}}" \'\'\naccess_token = "old"\n';
    expect(editor.write(before, { values: { accessToken: 'sl.a' } }).text).toBe(before.replace('"old"', '"sl.a"'));
  });

  it('reports mismatched brackets with the line of the closing one, and unclosed strings where they open', () => {
    expect(unparseableLine(() => editor.read('x = [\n  1,\n)\n'))).toBe(3);
    expect(unparseableLine(() => editor.read("a = 1\nb = '''open\n\nc = 2\n"))).toBe(2);
    expect(unparseableLine(() => editor.read('a = f"{x\n'))).toBe(1);
  });
});
