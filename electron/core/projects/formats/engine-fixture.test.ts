import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonEditor as editor } from './python';
import { makeToken, pythonRejects } from '../../../../test/support/format-arbitraries';

// The engine layout the hand-edit guide describes (test/fixtures/engine): the tray must update
// exactly the two places staff used to paste the token into, and nothing else.

const ENGINE = fileURLToPath(new URL('../../../../test/fixtures/engine/', import.meta.url));
const SETTINGS = 'src/cloud/training/config/settings.py';
const PIPELINE = 'src/cloud/training/pipelines/daily_retrain.py';
const FIELD = 'access_token: Optional[str] = "YOUR_NEW_TOKEN_HERE"';
const FALLBACK = 'dropbox_token_raw = settings.dropbox.access_token or "YOUR_NEW_TOKEN_HERE"';

const source = (file: string) => readFileSync(ENGINE + file, 'utf8');

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, () => to);
}

describe('engine fixture (the guide’s layout)', () => {
  const token = makeToken('engine-1');
  const next = makeToken('engine-2', 1420);

  it('writes the token into DropboxSettings.access_token only', () => {
    const before = source(SETTINGS);
    const result = editor.write(before, { values: { accessToken: token } });
    expect(result.text).toBe(replaceOnce(before, FIELD, FIELD.replace('YOUR_NEW_TOKEN_HERE', token)));
    expect(editor.read(before)).toBe('YOUR_NEW_TOKEN_HERE');
    expect(editor.read(result.text)).toBe(token);
  });

  it('writes the token into the pipeline’s fallback only (not the docstring, the check or the f-string)', () => {
    const before = source(PIPELINE);
    const result = editor.write(before, { values: { accessToken: token } });
    expect(result.text).toBe(replaceOnce(before, FALLBACK, FALLBACK.replace('YOUR_NEW_TOKEN_HERE', token)));
    expect(result.text).toContain('if dropbox_token == "YOUR_NEW_TOKEN_HERE":');
    expect(editor.read(result.text)).toBe(token);
  });

  it('keeps both files valid Python through write → rewrite → blank → write', () => {
    const outputs: string[] = [];
    for (const file of [SETTINGS, PIPELINE]) {
      const first = editor.write(source(file), { values: { accessToken: token } }).text;
      const second = editor.write(first, { values: { accessToken: next }, previousTokens: [token] }).text;
      expect(second).toBe(first.split(token).join(next));
      expect(editor.write(second, { values: { accessToken: next } }).changed).toBe(false);
      const blanked = editor.blank(second, { previousTokens: [token, next] }).text;
      expect(editor.read(blanked)).toBe('');
      const again = editor.write(blanked, { values: { accessToken: token } }).text;
      expect(again).toBe(first);
      outputs.push(first, second, blanked, again);
    }
    expect(pythonRejects(outputs)).toEqual([]);
  });
});
