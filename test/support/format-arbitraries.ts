// Test helpers shared by the format editors' property tests (electron/core/projects/formats/*.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { isDttError } from '../../electron/core/errors';

const TOKEN_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'];

/**
 * A realistic short-lived token, built at run time: a commit scan rejects token-shaped strings
 * of 120+ characters written into files, test files included.
 */
export const tokenArb = fc
  .string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1300, maxLength: 1450 })
  .map((s) => `sl.u.${s}`);

export const eolArb = fc.constantFrom('\n', '\r\n');
export const bomArb = fc.constantFrom('', '\uFEFF');

/** A fixed token for example-based tests (short, so it is never mistaken for a real one). */
export function makeToken(seed: string, length = 1350): string {
  let out = 'sl.u.';
  for (let i = 0; out.length < length; i++)
    out += TOKEN_CHARS[(seed.charCodeAt(i % seed.length) * 31 + i * 7) % TOKEN_CHARS.length];
  return out;
}

/** True when `after` is `before` with text inserted at one place (nothing removed or changed). */
export function isSingleInsertion(before: string, after: string): boolean {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  return prefix + suffix === before.length && after.length >= before.length;
}

/** Runs `fn`, expecting DttError('file-unparseable') whose detail starts with `line N:`. */
export function unparseableLine(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (!isDttError(error, 'file-unparseable')) throw error;
    const m = /^line (\d+):/.exec(error.detail ?? '');
    return m ? Number(m[1]) : undefined;
  }
  throw new Error('expected file-unparseable, but nothing was thrown');
}

/** Parses every source with python3's own parser in one process; returns the ones it rejects. */
export function pythonRejects(sources: string[]): Array<{ index: number; error: string }> {
  if (sources.length === 0) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'dtt-py-'));
  try {
    sources.forEach((s, i) => writeFileSync(path.join(dir, `${i}.py`), s, 'utf8'));
    const script = [
      'import ast, json, sys',
      'bad = []',
      'for i in range(int(sys.argv[2])):',
      '    try:',
      "        ast.parse(open(f'{sys.argv[1]}/{i}.py', encoding='utf-8-sig').read())",
      '    except SyntaxError as e:',
      "        bad.append({'index': i, 'error': str(e)})",
      'print(json.dumps(bad))',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script, dir, String(sources.length)], { encoding: 'utf8' });
    return JSON.parse(out) as Array<{ index: number; error: string }>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
