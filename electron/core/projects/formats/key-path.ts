import { DttError } from '../../errors';
import { siblingKeyName } from './token-shape';
import type { EditRequest } from './types';

// JSON and YAML address the token by a dotted key path and write the optional refresh token and
// app key as siblings of the access-token key; this is that shared bookkeeping.

export const DEFAULT_KEY_PATH = 'dropbox.access_token';

export function parseKeyPath(key: string | undefined): string[] {
  const path = (key ?? DEFAULT_KEY_PATH).split('.');
  if (path.some((segment) => segment === ''))
    throw new DttError('invalid-input', `"${key ?? ''}" is not a valid key path`);
  return path;
}

/** [path, value] pairs to write, access token first so siblings land right after it. */
export function pathsToWrite(req: EditRequest): Array<[string[], string]> {
  const path = parseKeyPath(req.key);
  const out: Array<[string[], string]> = [[path, req.values.accessToken]];
  if (req.values.refreshToken !== undefined) out.push([sibling(path, 'refresh'), req.values.refreshToken]);
  if (req.values.appKey !== undefined) out.push([sibling(path, 'appKey'), req.values.appKey]);
  return out;
}

export function pathsToBlank(key: string | undefined): string[][] {
  const path = parseKeyPath(key);
  return [path, sibling(path, 'refresh')];
}

function sibling(path: string[], role: 'refresh' | 'appKey'): string[] {
  return [...path.slice(0, -1), siblingKeyName(path[path.length - 1] ?? '', role)];
}
