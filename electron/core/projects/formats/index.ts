import { dotenvEditor } from './dotenv';
import { jsonEditor } from './json';
import { pythonEditor } from './python';
import type { FormatEditor, FormatName } from './types';
import { yamlEditor } from './yaml';

export type { EditRequest, EditResult, FormatEditor, FormatName, TokenValues } from './types';

const EDITORS: Record<FormatName, FormatEditor> = {
  dotenv: dotenvEditor,
  json: jsonEditor,
  yaml: yamlEditor,
  python: pythonEditor,
};

export function editorFor(format: FormatName): FormatEditor {
  return EDITORS[format];
}

/** `.env`, `.env.local`, `.env.*`, `*.env` → dotenv; `.json`/`.jsonc`; `.yml`/`.yaml`; `.py`. */
export function guessFormat(relativePath: string): FormatName | undefined {
  const name = (relativePath.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4)) return 'dotenv';
  if (name.endsWith('.json') || name.endsWith('.jsonc')) return 'json';
  if (name.endsWith('.yml') || name.endsWith('.yaml')) return 'yaml';
  if (name.endsWith('.py')) return 'python';
  return undefined;
}
