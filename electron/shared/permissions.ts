// The two Dropbox permissions the team's software needs, with the words staff see for each.
// Pure data: safe to import from main, preload, renderer and plain Node.

export const FILE_PERMISSIONS = [
  { scope: 'files.content.read', words: 'read files in Dropbox' },
  { scope: 'files.content.write', words: 'save files to Dropbox' },
] as const;

export type FileScope = (typeof FILE_PERMISSIONS)[number]['scope'];

/** Which file permissions a connection lacks, judged from the scopes it was granted and kept. */
export function missingFileScopes(scopes: readonly string[]): FileScope[] {
  return FILE_PERMISSIONS.filter((p) => !scopes.includes(p.scope)).map((p) => p.scope);
}

/** "can't save files to Dropbox", joined with "or" for both; the scope names stay behind More info. */
export function missingPermissionWords(missing: readonly string[]): string {
  const parts = FILE_PERMISSIONS.filter((p) => missing.includes(p.scope)).map((p) => p.words);
  return `can't ${parts.join(' or ')}`;
}

/** A connection that works but lacks a permission: shown as a problem, never as plain "Connected". */
export function hasPermissionProblem(s: { state: string; problem: string | null }): boolean {
  return s.state === 'connected' && (s.problem === 'app-scope-missing' || s.problem === 'scope-missing');
}
