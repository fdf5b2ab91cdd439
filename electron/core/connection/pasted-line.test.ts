import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanPastedToken, diagnoseToken } from './token-diagnosis';

const chars = (n: number) =>
  randomBytes(n * 2)
    .toString('base64url')
    .slice(0, n);
const t = `sl.u.${chars(1350)}`;
/** The redaction limit: no message may carry more of the token than its first few characters. */
const leaks = (detail: string) => detail.includes(t.slice(0, 12)) || detail.includes(t.slice(-6));

describe('a whole settings-file line pasted instead of the token', () => {
  it.each([
    ['.env', `DROPBOX_ACCESS_TOKEN=${t}`],
    ['.env with a line break', `DROPBOX_ACCESS_TOKEN=${t}\r\n`],
    ['Python assignment', `DROPBOX_ACCESS_TOKEN = "${t}"`],
    ['Python annotated', `dropbox_access_token: str = '${t}'`],
    ['Python annotated Optional', `    access_token: Optional[str] = "${t}"  # from the App Console`],
    ['shell export', `export DROPBOX_ACCESS_TOKEN='${t}'`],
    ['JSON', `  "access_token": "${t}",`],
    ['YAML', `access_token: ${t}`],
    ['YAML with a comment', `access_token: ${t}  # expires at 4pm`],
    ['dotted name', `dropbox.access_token=${t};`],
    ['curly quotes', `DROPBOX_ACCESS_TOKEN = \u201c${t}\u201d`],
    ['a header with Bearer', `Authorization: Bearer ${t}`],
    ['with a comment line above', `# Dropbox, made today\nDROPBOX_ACCESS_TOKEN=${t}`],
  ])('takes the token out of %s', (_label, raw) => {
    expect(cleanPastedToken(raw)).toEqual({ ok: true, text: t });
    expect(diagnoseToken(raw)).toEqual({ ok: true, token: t, kind: 'short-lived' });
  });

  it('passes a bare token and a wrapped one through to the usual checks', () => {
    expect(cleanPastedToken(t)).toEqual({ ok: true, text: t });
    const legacy = chars(64);
    expect(diagnoseToken(legacy)).toMatchObject({ ok: true, token: legacy, kind: 'legacy' });
    expect(diagnoseToken(`${t.slice(0, 700)}\n${t.slice(700)}`)).toMatchObject({ kind: 'token-has-whitespace' });
  });

  it.each([
    ['two tokens', `${t} sl.u.${chars(1350)}`, 'token-bad-format', /2 tokens/],
    ['two tokens on two lines', `A=${t}\nB=sl.u.${chars(1350)}`, 'token-bad-format', /2 tokens/],
    [
      'two lines with values',
      `DROPBOX_APP_KEY=yxnputg7g9kijch\nDROPBOX_ACCESS_TOKEN=${t}`,
      'token-bad-format',
      /2 lines/,
    ],
    ['a line with no value', 'DROPBOX_ACCESS_TOKEN=', 'token-empty', /no token/],
    ['an empty quoted value', 'DROPBOX_ACCESS_TOKEN = ""', 'token-empty', /nothing was pasted/],
    [
      'code, not a value',
      `DROPBOX_ACCESS_TOKEN = os.environ["DROPBOX_ACCESS_TOKEN"]`,
      'token-bad-format',
      /not a token/,
    ],
    ['a value that is an app key', 'DROPBOX_APP_KEY=yxnputg7g9kijch', 'token-bad-format', /App key or App secret/],
    ['a placeholder value', 'DROPBOX_ACCESS_TOKEN="your-token-here"', 'token-bad-format', /instead of "sl\."/],
    [
      'a cut-short value',
      `DROPBOX_ACCESS_TOKEN='${t.slice(0, 40)}'`,
      'token-truncated',
      /no Dropbox token is that short/,
    ],
  ])('refuses %s with a specific reason', (_label, raw, kind, reason) => {
    const d = diagnoseToken(raw);
    expect(d).toMatchObject({ ok: false, kind });
    expect(!d.ok && d.detail).toMatch(reason);
    expect(!d.ok && leaks(d.detail)).toBe(false);
  });
});
