import { pathsToBlank, pathsToWrite } from './key-path';
import { assertWritableValue, splitBom } from './text';
import type { EditRequest, EditResult } from './types';

/**
 * Sets one dotted key path in a document body (no BOM); `create` adds missing keys. `home` is
 * the access token's path: a format with several documents (YAML `---`) adds a missing sibling
 * to the document that holds it.
 */
export type SetPath = (body: string, path: string[], value: string, create: boolean, home: string[]) => string;

/**
 * write/blank for the key-path formats (JSON, YAML): one path at a time on the updated text,
 * so a parent object created for the first path is found by the next.
 */
export function pathEditor(setPath: SetPath): {
  write(text: string, req: EditRequest): EditResult;
  blank(text: string, req: Omit<EditRequest, 'values'>): EditResult;
} {
  const edit = (text: string, items: Array<[string[], string]>, create: boolean): EditResult => {
    for (const [, value] of items) assertWritableValue(value);
    const { bom, body } = splitBom(text);
    let out = body;
    const home = items[0]?.[0] ?? [];
    for (const [path, value] of items) out = setPath(out, path, value, create, home);
    return { text: bom + out, changed: out !== body };
  };
  return {
    write: (text, req) => edit(text, pathsToWrite(req), true),
    blank: (text, req) =>
      edit(
        text,
        pathsToBlank(req.key).map((p) => [p, ''] as [string[], string]),
        false,
      ),
  };
}
