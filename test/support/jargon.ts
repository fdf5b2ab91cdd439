// Words staff shouldn't have to know. Shared by the window's screen checks and the CLI's message
// tests; these words may appear only behind "More info" (window) or --verbose (CLI).

export const JARGON_WORDS = [
  'OAuth',
  'PKCE',
  'scope',
  'scopes',
  'token refresh',
  'refresh token',
  'redirect',
  'URI',
  'grant',
  'dotenv',
  'invalid_grant',
  'invalid_access_token',
  'files.content',
  'client_id',
];

/** Environment-variable names, HTTP status codes and system error codes, which a word list can't enumerate. */
const PATTERNS = [
  /\b(?:DTT|DROPBOX|HTTPS?|NODE)_[A-Z_]+\b/,
  /\b(?:400|401|403|404|407|409|429|500|502|503)\b/,
  /\bE(?:NOSPC|DQUOT|IO|FBIG|ACCES|PERM|ROFS|BUSY|NOENT|NOTDIR|ISDIR|LOOP|EXIST|MFILE|XDEV|PIPE|CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|AI_AGAIN)\b/,
];

/** The jargon found in a text (empty when it is plain). */
export function findJargon(text: string): string[] {
  const found = JARGON_WORDS.filter((w) =>
    new RegExp(`(?<![\\w.])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'i').test(text),
  );
  for (const p of PATTERNS) {
    const m = p.exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}
