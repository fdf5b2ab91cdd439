import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanPastedToken, diagnoseToken, explainRefusal, TOKEN_SHAPES } from './token-diagnosis';

const chars = (n: number) =>
  randomBytes(n * 2)
    .toString('base64url')
    .slice(0, n);
const fullToken = () => `sl.u.${chars(1350)}`;

describe('cleanPastedToken', () => {
  const t = fullToken();
  it.each([
    ['spaces and newlines', `  ${t}\n`],
    ['double quotes', `"${t}"`],
    ['single quotes with spaces', ` '${t}' `],
    ['curly quotes', `\u201c${t}\u201d`],
    ['Bearer prefix', `Bearer ${t}`],
    ['quoted Bearer', `"Bearer ${t}"\r\n`],
    ['CRLF and BOM', `\uFEFF${t}\r\n`],
  ])('accepts %s', (_label, raw) => {
    expect(cleanPastedToken(raw)).toEqual({ ok: true, text: t });
  });
});

describe('diagnoseToken', () => {
  it('accepts a full current token', () => {
    const t = fullToken();
    expect(diagnoseToken(t)).toEqual({ ok: true, token: t, kind: 'short-lived' });
  });
  it('accepts an older sl. token', () => {
    expect(diagnoseToken(`sl.${chars(140)}`)).toMatchObject({ ok: true, kind: 'short-lived-old' });
  });
  it('accepts a 64-character legacy token with a note', () => {
    const d = diagnoseToken(chars(64));
    expect(d).toMatchObject({ ok: true, kind: 'legacy' });
    expect(d.ok && d.note).toMatch(/long-lived/);
  });
  it.each([
    ['empty', '', 'token-empty'],
    ['only quotes', '""', 'token-empty'],
    ['line break inside', `sl.u.${chars(700)}\n${chars(650)}`, 'token-has-whitespace'],
    ['space inside', `sl.u.${chars(700)} ${chars(650)}`, 'token-has-whitespace'],
    ['truncated old token', `sl.${chars(60)}`, 'token-truncated'],
    ['preview with ellipsis', `sl.u.${chars(20)}…`, 'token-truncated'],
    ['app key instead', 'yxnputg7g9kijch', 'token-bad-format'],
    ['garbage', 'hello world!', 'token-has-whitespace'],
    ['wrong prefix', chars(300), 'token-bad-format'],
    ['bad characters', `sl.u.${chars(1200)}$%`, 'token-bad-format'],
  ])('rejects %s', (_label, raw, kind) => {
    const d = diagnoseToken(raw);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.kind).toBe(kind);
    expect(!d.ok && d.detail.length).toBeGreaterThan(5);
  });
  it('leaves a short-but-possible sl.u. token to Dropbox, with a length hint for later', () => {
    const d = diagnoseToken(`sl.u.${chars(395)}`);
    expect(d).toMatchObject({ ok: true, kind: 'short-lived' });
    expect(d.ok && d.lengthHint).toContain('400 characters');
    expect(d.ok && explainRefusal(d, 'token-invalid')).toMatchObject({ kind: 'token-truncated' });
    // Network trouble is never blamed on the token's length.
    expect(d.ok && explainRefusal(d, 'network-offline')).toBe('network-offline');
  });
  it('gives a full-length token no length hint', () => {
    const d = diagnoseToken(fullToken());
    expect(d.ok && d.lengthHint).toBeUndefined();
    expect(d.ok && explainRefusal(d, 'token-invalid')).toBe('token-invalid');
  });
  it('treats 64 characters as a legacy token, or a refresh token if Dropbox refuses it', () => {
    const d = diagnoseToken(chars(64));
    expect(d.ok && explainRefusal(d, 'token-invalid')).toMatchObject({ kind: 'token-is-refresh' });
  });
  it.each(TOKEN_SHAPES.map((s) => [s.prefix, s] as const))(
    'table row %s: refuses only below its floor',
    (_p, shape) => {
      const at = `${shape.prefix}${chars(shape.certainlyBrokenBelow - shape.prefix.length)}`;
      const below = at.slice(0, -1);
      expect(diagnoseToken(at).ok).toBe(true);
      expect(diagnoseToken(below)).toMatchObject({ ok: false, kind: 'token-truncated' });
      expect(shape.usualFrom).toBeGreaterThan(shape.certainlyBrokenBelow);
    },
  );
  it.each([
    ['app key', 'yxnputg7g9kijch'],
    ['app secret', 'q8r3k2m9x0w1v7z'],
  ])('names a pasted %s', (_label, value) => {
    const d = diagnoseToken(value);
    expect(!d.ok && d.detail).toMatch(/App key or App secret/);
  });
});
