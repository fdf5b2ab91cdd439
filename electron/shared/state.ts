// The one connection state model (its transitions: electron/core/connection/state-rules.ts) and
// the redacted view every shell renders.
// Pure types and functions: importable from main, preload, renderer and plain Node.
import type { FormatName, LastOutcome } from './targets';
import type { ErrorKind } from './error-catalog';

export type ConnectionState = 'disconnected' | 'connected' | 'offline' | 'expired' | 'revoked';
export type ConnectMethod = 'oauth' | 'code' | 'paste';

export interface AccountSummary {
  name: string;
  email: string;
  accountId: string;
}

export type TargetStatus = 'current' | 'stale' | 'missing' | 'error';

export interface PublicTargetStatus {
  file: string;
  format: FormatName;
  key?: string | undefined;
  status: TargetStatus;
  detail?: string | undefined;
  /** Why a file is missing or in error, so each surface can add its own advice from the catalog. */
  kind?: ErrorKind | undefined;
  lastSync?:
    { at: string; outcome: LastOutcome; fingerprint?: string | undefined; detail?: string | undefined } | undefined;
}

export interface PublicProject {
  path: string;
  /** The path as the window shows it (`~/code/engine`); `path` stays its identity. */
  shownPath: string;
  name: string;
  keepInSync: boolean;
  /** Tracked files are written, with git set up so the token never reaches a commit. */
  keepOutOfGit: boolean;
  targets: PublicTargetStatus[];
}

/** Everything a view may know. Never a token: only its expiry time and a fingerprint. */
export interface PublicStatus {
  state: ConnectionState;
  /** A pasted (non-renewable) token with less than 30 minutes left. */
  expiresSoon: boolean;
  account: AccountSummary | null;
  method: ConnectMethod | null;
  accessTokenExpiresAt: string | null;
  renewable: boolean;
  scopes: string[];
  storage: string;
  lastCheckedAt: string | null;
  /** Why the state is not `connected`, as an error kind from the shared catalog. */
  problem: string | null;
  projects?: PublicProject[];
}

export const EXPIRES_SOON_MS = 30 * 60 * 1000;

export function isExpiringSoon(
  method: ConnectMethod | null,
  expiresAt: string | null,
  renewable: boolean,
  now = Date.now(),
): boolean {
  if (renewable || !expiresAt || method === null) return false;
  const left = Date.parse(expiresAt) - now;
  return left > 0 && left < EXPIRES_SOON_MS;
}

/**
 * CLI `status` exits 0 only when connected and verified just now: a problem on the last check (a
 * locked or unreachable keychain, an answer we could not understand) is no all-clear.
 */
export function statusExitCode(state: ConnectionState, problem: string | null = null): 0 | 1 {
  return state === 'connected' && problem === null ? 0 : 1;
}
