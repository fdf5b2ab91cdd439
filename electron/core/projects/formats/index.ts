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

export { guessFormat } from './guess';
