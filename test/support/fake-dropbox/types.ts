export interface FakeAccount {
  accountId?: string;
  givenName?: string;
  surname?: string;
  email?: string;
}

export interface FakeDropboxOptions {
  /** Unknown client_id → 400 HTML page at authorize, `invalid_client` at the token endpoint. */
  appKey?: string;
  /** Registered redirect URIs, matched exactly (Dropbox compares them character for character). */
  redirectUris?: string[];
  /** Scopes enabled for the app in the App Console. */
  appScopes?: string[];
  accessTokenLifetimeSec?: number;
  account?: FakeAccount;
  /** "Allow public clients (Implicit Grant & PKCE)" in the App Console; default on. Off → PKCE authorize gets the 400 page. */
  allowPublicClients?: boolean;
  /** A Development-status app past its linked-user limit: authorize gets the 400 page. */
  userLimitReached?: boolean;
  /** 0 = any free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Serve HTTPS with this certificate (PEM) instead of plain HTTP: stands in for a TLS-inspecting proxy's certificate. */
  tls?: { key: string; cert: string };
  /** The host name the origin is reported under (default 127.0.0.1); the server still listens on 127.0.0.1. */
  hostname?: string;
}

export interface Fault {
  /** Exact path ('/oauth2/token', '/2/users/get_current_account' or just 'users/get_current_account') or a RegExp tested on the path; absent = every request. */
  route?: string | RegExp;
  status?: number;
  retryAfter?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** How many matching requests it hits; default 1, Infinity allowed. */
  times?: number;
  /** 429 only: JSON body (default) or plain text. */
  jsonBody?: boolean;
  /**
   * Answer with exactly this body (and status, default 500) instead of the default text: an object is
   * sent as JSON (e.g. a 401 with a tag Dropbox has never used), a string with `contentType`
   * (e.g. a proxy's HTML page).
   */
  body?: string | Record<string, unknown>;
  /** With a string `body`; default 'text/html; charset=utf-8'. */
  contentType?: string;
  /**
   * Handle the request for real first (a code exchange consumes the code, a revoke revokes),
   * then throw the answer away and fail with `status`/`drop` instead.
   */
  afterHandling?: boolean;
  /**
   * A slow line: wait this long, then handle the request normally (the fault's other fields are
   * ignored); with `afterHandling`, handle it at once and deliver the answer this late.
   */
  delayMs?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface ApproveResult {
  /** The redirect Location, not followed. */
  location?: string;
  /** From the Location, or from the page's #auth-code element when there is no redirect_uri. */
  code?: string;
  html: string;
}

export interface DenyResult {
  location?: string;
  html: string;
}

export interface FakeDropbox {
  origin: string;
  close(): Promise<void>;
  mintAppConsoleToken(opts?: { scopes?: string[]; expiresInSec?: number }): string;
  mintLegacyToken(): string;
  revokeAll(): void;
  expireAccessTokens(): void;
  setAppScopes(scopes: string[]): void;
  /** Another person signs in at the authorize page from now on. */
  setAccount(account: FakeAccount): void;
  setAllowPublicClients(on: boolean): void;
  setUserLimitReached(reached: boolean): void;
  /** Every refresh token issued so far, oldest first. */
  refreshTokens(): string[];
  refreshTokenStatus(token: string): 'live' | 'revoked' | 'unknown';
  /** Like adding a redirect URI in the App Console. */
  registerRedirect(uri: string): void;
  injectFault(f: Fault): void;
  /** Hotel Wi-Fi: every request is answered 200 with the portal's HTML sign-in page. */
  setCaptivePortal(on: boolean): void;
  clearFaults(): void;
  requests: LoggedRequest[];
  approve(authorizeUrl: string): Promise<ApproveResult>;
  deny(authorizeUrl: string): Promise<DenyResult>;
  tokens(): { access: number; refresh: number };
}
