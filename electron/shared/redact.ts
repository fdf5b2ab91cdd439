// Tokens never appear whole in logs, errors or the UI: at most a short head and tail.

const TOKEN_PATTERN = /\bsl\.[A-Za-z0-9._-]{8,}|\b[A-Za-z0-9_-]{60,}\b/g;

/** `sl.u.AbCdEf…` → `sl.u.AbC…xyz`. Short strings collapse to `…` entirely. */
export function redactToken(token: string): string {
  if (token.length < 16) return '…';
  const headLength = token.startsWith('sl.u.') ? 8 : token.startsWith('sl.') ? 6 : 3;
  return `${token.slice(0, headLength)}…${token.slice(-3)}`;
}

/** Redacts anything that looks like a Dropbox access or refresh token inside free text. */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret && secret.length >= 8) out = out.split(secret).join(redactToken(secret));
  }
  return out.replace(TOKEN_PATTERN, (match) => redactToken(match));
}

/** A short, stable, non-reversible fingerprint, so "which token was written" can be shown without the token. */
export async function tokenFingerprint(token: string): Promise<string> {
  const data = new TextEncoder().encode(token);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest).slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
}
