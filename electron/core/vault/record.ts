// How the two keychain entries are encoded. Pure.
import { DttError } from '../errors';

export interface AccessTokenRecord {
  token: string;
  /** ISO 8601; null for legacy long-lived tokens. */
  expiresAt: string | null;
}

/**
 * Windows Credential Manager keeps at most 2,560 bytes per credential (CRED_MAX_CREDENTIAL_BLOB_SIZE).
 * Entries are stored as UTF-8 bytes (not UTF-16 text, which would double the size), and every
 * platform enforces this limit so a Linux or macOS test run catches what would break on Windows.
 */
export const MAX_SECRET_BYTES = 2560;

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function checked(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.byteLength > MAX_SECRET_BYTES) {
    throw new DttError(
      'internal',
      `The ${what} is too large for the system keychain: ${bytes.byteLength} bytes, the limit is ${MAX_SECRET_BYTES.toLocaleString('en-US')} (Windows Credential Manager).`,
    );
  }
  return bytes;
}

/** Compact JSON `{"token":…,"expiresAt":…}` as UTF-8. Throws if it would not fit the keychain. */
export function encodeAccessRecord(rec: AccessTokenRecord): Uint8Array {
  if (typeof rec.token !== 'string' || rec.token.length === 0)
    throw new DttError('internal', 'Refusing to store an empty access token.');
  if (rec.expiresAt !== null && typeof rec.expiresAt !== 'string')
    throw new DttError('internal', 'The token expiry must be an ISO date or null.');
  return checked(utf8.encode(JSON.stringify({ token: rec.token, expiresAt: rec.expiresAt })), 'access token');
}

/**
 * Reads what `encodeAccessRecord` wrote: null when the entry is empty, 'unreadable' for anything
 * else that isn't our JSON record (another program's entry under our name, or a damaged one).
 * Such an entry is never taken for a token: sending it to Dropbox would make it look revoked.
 */
export function decodeAccessEntry(bytes: ArrayLike<number>): AccessTokenRecord | null | 'unreadable' {
  if (bytes.length === 0) return null;
  const text = decodeText(bytes);
  if (!text || !text.startsWith('{')) return 'unreadable';
  try {
    const value = JSON.parse(text) as { token?: unknown; expiresAt?: unknown };
    if (typeof value !== 'object' || value === null) return 'unreadable';
    if (typeof value.token !== 'string' || value.token.length === 0 || /\s/.test(value.token)) return 'unreadable';
    const expiresAt = value.expiresAt ?? null;
    if (expiresAt !== null && (typeof expiresAt !== 'string' || Number.isNaN(Date.parse(expiresAt))))
      return 'unreadable';
    return { token: value.token, expiresAt };
  } catch {
    return 'unreadable';
  }
}

/** Like `decodeAccessEntry`, with an unreadable entry read as absent (for clean-up paths). */
export function decodeAccessRecord(bytes: ArrayLike<number>): AccessTokenRecord | null {
  const decoded = decodeAccessEntry(bytes);
  return decoded === 'unreadable' ? null : decoded;
}

export function encodeText(secret: string, what: string): Uint8Array {
  if (typeof secret !== 'string' || secret.length === 0)
    throw new DttError('internal', `Refusing to store an empty ${what}.`);
  return checked(utf8.encode(secret), what);
}

/** UTF-8 text, or null when empty or not valid UTF-8. */
export function decodeText(bytes: ArrayLike<number>): string | null {
  if (bytes.length === 0) return null;
  try {
    return utf8Strict.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}
