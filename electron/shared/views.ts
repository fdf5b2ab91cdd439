import type { ErrorKind } from './error-catalog';
import type { AccountSummary, ConnectMethod } from './state';
import type { FormatName, SyncOutcome } from './targets';

// What crosses IPC to the window besides PublicStatus. Never a token: these are the only shapes
// the renderer can receive, and none has a field that could hold one.

export interface ErrorView {
  kind: ErrorKind;
  detail?: string;
  /** Someone else's words (what Dropbox said), already cleaned: shown only under "More info". */
  moreInfo?: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

export interface ConnectResultView {
  account: AccountSummary;
  method: ConnectMethod;
  renewable: boolean;
  accessTokenExpiresAt: string | null;
  notes: string[];
  projectsUpdated: number;
  /** File permissions the new connection lacks. */
  missingScopes: string[];
  /** Set when the new connection is a different account from the one it replaced. */
  previousAccount?: AccountSummary;
}

export interface SignInStarted {
  url: string;
  redirectUri?: string;
}

export type SignInFinished = { ok: true; result: ConnectResultView } | { ok: false; error: ErrorView };

/** How one doctor check came out. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface DoctorCheckView {
  id: string;
  label: string;
  status: CheckStatus;
  detail: string;
  kind?: ErrorKind;
  /** What to do, per surface: the terminal names the command, the window the button. */
  fix?: { cli: string; window: string };
}

export interface DoctorReportView {
  ok: boolean;
  checks: DoctorCheckView[];
}

export interface GitWarningView {
  warning: string;
  fix: { kind: 'add-to-gitignore'; line: string } | { kind: 'use-env-file' | 'keep-out-of-git'; explanation: string };
}

export interface DetectedTargetView {
  file: string;
  format: FormatName;
  key?: string;
  reason: string;
  createFrom?: string;
  git?: GitWarningView;
}

export interface FolderChoice {
  dir: string;
  /** `dir` as the window shows it (shownPath in words.ts): `~/…` under the home folder. */
  shownDir: string;
  name: string;
  targets: DetectedTargetView[];
  truncated: boolean;
}

export interface TargetReportView {
  project: string;
  projectName: string;
  file: string;
  outcome: SyncOutcome;
  kind?: ErrorKind;
  detail?: string;
  /** The system's own words (e.g. "ENOSPC: no space left on device"): only behind More info / --verbose. */
  moreInfo?: string;
  git?: GitWarningView;
}

export interface SyncReportView {
  targets: TargetReportView[];
  projectsUpdated: number;
}

export interface SettingsView {
  appKey: string;
  redirectPort: number;
  redirectUri: string;
  checkIntervalMinutes: number;
  startAtLogin: boolean;
  notifications: boolean;
  /** Settings an environment variable (DTT_APP_KEY, DTT_REDIRECT_PORT) overrides on this computer. */
  fromEnvironment: Array<'appKey' | 'redirectPort'>;
}

export interface DisconnectResultView {
  revokedAtDropbox: boolean;
  detail?: string;
  projects?: SyncReportView;
}
