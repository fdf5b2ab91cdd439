// shell.openExternal is only for https. The one exception: the Dropbox sign-in page of a
// local origin the admin configured (DTT_DROPBOX_ORIGIN, e.g. the fake server in tests).

export function isSafeExternalUrl(raw: string, localOrigin?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.username === '' && url.password === '';
  if (!localOrigin || url.protocol !== 'http:') return false;
  const local = new URL(localOrigin);
  return url.origin === local.origin && (local.hostname === '127.0.0.1' || local.hostname === 'localhost');
}
