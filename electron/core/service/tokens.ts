// The only ways a token leaves the service: for scripts (`token`), for `run`, and for project
// files. Each name says UNSAFE_ on the facade so a caller can't hand one out by accident.
import type { ErrorKind } from '../../shared/error-catalog';
import type { PublicStatus } from '../../shared/state';
import type { Credentials } from '../connection/credentials';
import { unverifiedTokenUsable } from '../connection/state-rules';
import { DttError, toDttError } from '../errors';
import type { TokenValues } from '../projects/formats';
import type { Settings } from '../settings';
import type { Vault } from '../vault';

export interface TokenDeps {
  settings: Settings;
  vault: Vault;
  credentials: Credentials;
  /** A fresh check at Dropbox, recorded (the service's check()). */
  check(): Promise<PublicStatus>;
}

export interface VerifiedToken {
  token: string;
  verified: boolean;
  problem: ErrorKind | null;
}

/**
 * A token Dropbox has just accepted, renewed if Dropbox says it expired early. When Dropbox can't
 * be reached, or answers in a way we don't understand, the stored token is returned with
 * `verified: false` and the problem; when Dropbox refuses it, this throws.
 */
export async function verifiedAccessToken(deps: TokenDeps): Promise<VerifiedToken> {
  const status = await deps.check();
  const problem = (status.problem as ErrorKind | null) ?? null;
  if (status.state !== 'connected' && status.state !== 'offline') throw new DttError(problem ?? 'not-connected');
  // A keychain problem throws here: there is no token to hand out.
  const token = await deps.credentials.accessToken();
  if (status.state === 'connected' && problem === null) return { token, verified: true, problem: null };
  // An answer that wasn't Dropbox's (a Wi-Fi sign-in page) gets no token: it proves nothing.
  if (!unverifiedTokenUsable(status.state, status.problem)) throw new DttError(problem ?? 'not-connected');
  return { token, verified: false, problem: problem ?? 'network-offline' };
}

/**
 * For `run`: the variables a child process gets, only from a token Dropbox has just accepted.
 * Anything less refuses, so the command never starts with a token that may not work.
 */
export async function runEnvironment(
  deps: TokenDeps,
  opts: { includeRefreshToken?: boolean } = {},
): Promise<Record<string, string>> {
  const notRun = (kind: ErrorKind, detail?: string) =>
    new DttError(kind, detail ? `${detail}; the command was not run` : 'the command was not run');
  const { token, verified, problem } = await verifiedAccessToken(deps).catch((error: unknown) => {
    const e = toDttError(error);
    throw notRun(e.kind, e.detail);
  });
  if (!verified) throw notRun(problem ?? 'network-offline');
  const env: Record<string, string> = { DROPBOX_ACCESS_TOKEN: token };
  if (!opts.includeRefreshToken) return env;
  const refreshToken = await deps.vault.getRefresh();
  if (!refreshToken)
    throw new DttError(
      'invalid-input',
      "this connection can't renew itself (the token was pasted), so there is no refresh token to pass. Connect with the browser first, or leave out --include-refresh-token; the command was not run",
    );
  return { ...env, DROPBOX_REFRESH_TOKEN: refreshToken, DROPBOX_APP_KEY: deps.settings.appKey() };
}

/**
 * What project files get: the access token, plus refresh token and app key for targets that opt
 * in. `access` skips the refresh token (a status only compares access tokens), and so does a
 * pasted connection, which has none: each keychain read is one the caller needs.
 */
export async function tokenValues(deps: TokenDeps, need: 'all' | 'access' = 'all'): Promise<TokenValues | null> {
  const connection = deps.settings.get('connection');
  if (!connection) return null;
  const accessToken = await deps.credentials.accessToken();
  if (need === 'access' || !connection.renewable) return { accessToken };
  const refreshToken = (await deps.vault.getRefresh()) ?? undefined;
  return { accessToken, ...(refreshToken ? { refreshToken, appKey: deps.settings.appKey() } : {}) };
}
