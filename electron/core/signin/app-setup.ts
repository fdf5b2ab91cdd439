import { DttError } from '../errors';
import type { DropboxHttp } from '../dropbox/http';
import { sanitizeRemoteText } from './remote-text';

// Before anyone is sent to the browser: request the same authorize URL ourselves (no cookies) and
// read Dropbox's answer. For an App Console mistake Dropbox answers its own "Error (400)" page
// instead of a sign-in page (see the API notes); the page's developer text tells the cases apart.
// The wordings for "public clients" and the user limit are unconfirmed, so matching is loose and
// anything else is left to the real sign-in: this check only ever stops a certain dead end.

export interface SetupContext {
  appKey: string;
  /** Absent for the copy-code sign-in. */
  redirectUri?: string;
}

const CASES: Array<{ test: RegExp; error: (ctx: SetupContext) => DttError }> = [
  {
    test: /code_challenge|pkce|public client/i,
    error: () => new DttError('pkce-disabled'),
  },
  {
    test: /user limit|production status|linked users|too many users/i,
    error: () => new DttError('app-user-limit'),
  },
  {
    test: /redirect_uri|redirect uri/i,
    error: (ctx) =>
      new DttError('redirect-unregistered', `the address to register is exactly ${ctx.redirectUri ?? ''}`),
  },
  {
    test: /client_id|app key/i,
    error: (ctx) => new DttError('app-key-invalid', `this computer uses "${ctx.appKey}"`),
  },
];

function visibleText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The problem Dropbox's answer shows, or null when it is (or may be) a normal sign-in page. */
export function readAuthorizeAnswer(status: number, html: string, ctx: SetupContext): DttError | null {
  if (status !== 400) return null;
  const text = visibleText(html);
  const moreInfo = `Dropbox's page said: ${sanitizeRemoteText(text, 300)}`;
  for (const c of CASES) {
    if (!c.test.test(text)) continue;
    const e = c.error(ctx);
    return new DttError(e.kind, e.detail, { moreInfo });
  }
  return new DttError('dropbox-error', 'Dropbox showed an error page instead of the sign-in', { moreInfo });
}

/** Throws the App Console problem, if Dropbox shows one; unreachable is left to the sign-in itself. */
export async function checkAppSetup(http: DropboxHttp, authorizeUrl: string, ctx: SetupContext): Promise<void> {
  let answer: { status: number; text: string };
  try {
    answer = await http.page(authorizeUrl);
  } catch {
    // The browser may reach Dropbox where we can't (its own proxy settings): don't block it.
    return;
  }
  const problem = readAuthorizeAnswer(answer.status, answer.text, ctx);
  if (problem) throw problem;
}
