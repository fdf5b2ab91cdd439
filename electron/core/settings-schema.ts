import { SETTING_LIMITS } from '../shared/setting-limits';
import type { AccountSummary, ConnectMethod, ConnectionState } from '../shared/state';
import type { FormatName, LastOutcome } from '../shared/targets';

// What the settings file holds. Never a secret: tokens live only in the keychain vault.
// The tray app opens this same file through electron-store with the same defaults and schema.

export interface ConnectionRecord {
  method: ConnectMethod;
  account: AccountSummary;
  scopes: string[];
  /** When the access token stops working; null for legacy long-lived tokens. */
  accessTokenExpiresAt: string | null;
  /** A refresh token is in the keychain, so the access token renews by itself. */
  renewable: boolean;
  connectedAt: string;
  lastState: ConnectionState;
  lastProblem: string | null;
  lastCheckedAt: string | null;
}

export interface TargetLastResult {
  at: string;
  outcome: LastOutcome;
  /** tokenFingerprint() of what was written, never the token. */
  fingerprint?: string;
  detail?: string;
}

export interface ProjectTarget {
  /** Relative to the project folder, with forward slashes. */
  file: string;
  format: FormatName;
  key?: string;
  includeRefreshToken: boolean;
  /** Create this file from another (e.g. .env from .env.example) when it does not exist. */
  createFrom?: string;
  /** The user agreed to write a git-tracked / unignored file, or through a symlink. */
  allowTracked?: boolean;
  allowSymlink?: boolean;
  /** The link text when the file was a symlink at `project add`: consent covers this link only. */
  linkAtAdd?: string;
  last?: TargetLastResult;
}

export interface ProjectRecord {
  path: string;
  name: string;
  keepInSync: boolean;
  /** Write tracked files too, with git set up (in this clone only) so the token never reaches a commit. */
  keepOutOfGit?: boolean;
  targets: ProjectTarget[];
}

export interface SettingsData {
  appKey: string;
  redirectPort: number;
  checkIntervalMinutes: number;
  notifications: boolean;
  startAtLogin: boolean;
  connection: ConnectionRecord | null;
  projects: ProjectRecord[];
}

/** Below 49152: Windows' dynamic range is often reserved by Hyper-V, WSL or Docker. */
export const DEFAULT_REDIRECT_PORT = 17345;

export const SETTINGS_DEFAULTS: SettingsData = {
  appKey: '',
  redirectPort: DEFAULT_REDIRECT_PORT,
  checkIntervalMinutes: 15,
  notifications: true,
  startAtLogin: false,
  connection: null,
  projects: [],
};

/**
 * Top-level JSON schema shared by conf (core) and electron-store (tray): the file's shape. What
 * a user setting may hold is electron/shared/settings-rules.ts, checked on every write (settings.ts);
 * the limits here come from there.
 */
export const SETTINGS_SCHEMA = {
  appKey: { type: 'string', maxLength: SETTING_LIMITS.appKeyMaxLength },
  redirectPort: { type: 'integer', minimum: SETTING_LIMITS.redirectPort.min, maximum: SETTING_LIMITS.redirectPort.max },
  checkIntervalMinutes: {
    type: 'integer',
    minimum: SETTING_LIMITS.checkIntervalMinutes.min,
    maximum: SETTING_LIMITS.checkIntervalMinutes.max,
  },
  notifications: { type: 'boolean' },
  startAtLogin: { type: 'boolean' },
  connection: { type: ['object', 'null'] },
  // What every part of the app relies on in a project, so a file damaged there is refused whole
  // ('settings-unreadable', nothing rewritten) instead of failing later, in the middle of a command.
  projects: {
    type: 'array',
    items: {
      type: 'object',
      required: ['path', 'targets'],
      properties: {
        path: { type: 'string' },
        name: { type: 'string' },
        keepInSync: { type: 'boolean' },
        keepOutOfGit: { type: 'boolean' },
        targets: {
          type: 'array',
          items: {
            type: 'object',
            required: ['file', 'format'],
            properties: { file: { type: 'string' }, format: { type: 'string' }, key: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
