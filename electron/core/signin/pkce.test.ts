import { describe, expect, it } from 'vitest';
import { challengeFor, createPkcePair, createState } from './pkce';

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
  it('makes verifiers of legal length and charset, each different', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(challengeFor(a.verifier));
  });
  it('makes random states', () => {
    expect(createState()).not.toBe(createState());
    expect(createState().length).toBeLessThan(500);
  });
});
