import type { FormatName } from './types';

// Apart from the editors, so the CLI can check a --file argument without loading every parser.

/** `.env`, `.env.local`, `.env.*`, `*.env` → dotenv; `.json`/`.jsonc`; `.yml`/`.yaml`; `.py`. */
export function guessFormat(relativePath: string): FormatName | undefined {
  const name = (relativePath.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4)) return 'dotenv';
  if (name.endsWith('.json') || name.endsWith('.jsonc')) return 'json';
  if (name.endsWith('.yml') || name.endsWith('.yaml')) return 'yaml';
  if (name.endsWith('.py')) return 'python';
  return undefined;
}
