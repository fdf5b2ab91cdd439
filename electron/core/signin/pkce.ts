import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
}

function base64url(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 7636 S256: a 43–128 char verifier from the unreserved set, and its SHA-256 challenge. */
export function createPkcePair(bytes = 48): PkcePair {
  const verifier = base64url(randomBytes(bytes));
  return { verifier, challenge: challengeFor(verifier) };
}

export function challengeFor(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** An unguessable `state` (well under Dropbox's 500-byte limit). */
export function createState(): string {
  return base64url(randomBytes(24));
}
