// The properties the structured editors (JSON, YAML) share, checked against each one's model of
// a document: `render(doc, token)` is the exact text with the token in its place, `parse` the
// file's data as plain objects.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { FormatEditor } from '../../electron/core/projects/formats';
import { isSingleInsertion, tokenArb } from './format-arbitraries';

/** A document's data, as the test parsers give it. */
export type FormatData = Record<string, Record<string, unknown> | null | undefined>;

export interface ModelledEditor<Doc> {
  editor: FormatEditor;
  render(doc: Doc, token: string): string;
  /** The document's data; empty for an empty file. */
  parse(text: string): FormatData;
}

/** A token already there: only its value changes, it reads back, and writing it again changes nothing. */
export function expectReplacesInPlace<Doc>(m: ModelledEditor<Doc>, docs: fc.Arbitrary<Doc>, old: string): void {
  fc.assert(
    fc.property(docs, tokenArb, (doc, token) => {
      const result = m.editor.write(m.render(doc, old), { values: { accessToken: token } });
      expect(result).toEqual({ text: m.render(doc, token), changed: true });
      expect(m.editor.read(result.text)).toBe(token);
      expect(m.editor.write(result.text, { values: { accessToken: token } })).toEqual({
        text: result.text,
        changed: false,
      });
    }),
    { numRuns: 100 },
  );
}

/**
 * A missing key (and its `dropbox` object) is added by one insertion, the data gains exactly the
 * token (and the refresh token when asked), it reads back, and a second write changes nothing.
 * `layout` checks what the format promises about the file's own layout.
 */
export function expectAddsByInsertion<Doc>(
  m: ModelledEditor<Doc>,
  docs: fc.Arbitrary<Doc>,
  old: string,
  layout: (doc: Doc, before: string, after: string) => void,
): void {
  fc.assert(
    fc.property(docs, tokenArb, fc.boolean(), (doc, token, withRefresh) => {
      const before = m.render(doc, old);
      const values = withRefresh ? { accessToken: token, refreshToken: 'r-1' } : { accessToken: token };
      const result = m.editor.write(before, { values });
      expect(result.changed).toBe(true);
      expect(isSingleInsertion(before, result.text)).toBe(true);
      const expected = m.parse(before);
      expected.dropbox = {
        ...(expected.dropbox ?? {}),
        access_token: token,
        ...(withRefresh ? { refresh_token: 'r-1' } : {}),
      };
      expect(m.parse(result.text)).toEqual(expected);
      expect(m.editor.read(result.text)).toBe(token);
      expect(m.editor.write(result.text, { values }).changed).toBe(false);
      layout(doc, before, result.text);
    }),
    { numRuns: 100 },
  );
}
