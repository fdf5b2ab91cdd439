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
 * Reads what `encodeAccessRecord` wrote. A bare token (no JSON) reads as a long-lived token.
 * Anything unreadable reads as absent: the user is asked to connect again, which overwrites it.
 */
export function decodeAccessRecord(bytes: ArrayLike<number>): AccessTokenRecord | null {
  const text = decodeText(bytes);
  if (!text) return null;
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text) as { token?: unknown; expiresAt?: unknown };
      if (typeof value.token !== 'string' || value.token.length === 0) return null;
      const expiresAt = typeof value.expiresAt === 'string' ? value.expiresAt : null;
      return { token: value.token, expiresAt };
    } catch {
      return null;
    }
  }
  return /\s/.test(text) ? null : { token: text, expiresAt: null };
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
