// Words from outside (Dropbox's error_description, its error pages) pass through here before anyone sees them:
// a web page can put anything in a callback URL, including terminal escapes and a fake phone number.

/** Someone else's text, made safe to show: no control characters (terminal escapes), one line, capped. */
export function sanitizeRemoteText(text: string, max = 200): string {
  const clean = text

    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
