import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnoseToken, normalizePastedToken } from './token-diagnosis';

const chars = (n: number) =>
  randomBytes(n * 2)
    .toString('base64url')
    .slice(0, n);
const fullToken = () => `sl.u.${chars(1350)}`;

describe('normalizePastedToken', () => {
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
    expect(normalizePastedToken(raw)).toBe(t);
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
    ['truncated current token', `sl.u.${chars(400)}`, 'token-truncated'],
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
  it('says how long a truncated token is', () => {
    const d = diagnoseToken(`sl.u.${chars(395)}`);
    expect(!d.ok && d.detail).toContain('400 characters');
  });
});
