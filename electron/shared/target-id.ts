// A project's place for the token is a file AND a key in it: one file can hold two places
// (`dropbox_access_token` at the top and under `backup:`), and each stays its own target.

export function targetId(t: { file: string; key?: string | undefined }): string {
  return `${t.file}\u0000${t.key ?? ''}`;
}
