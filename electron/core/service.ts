import { EventEmitter } from 'node:events';
import type { PublicProject, PublicStatus } from '../shared/state';
import type { SettingsView } from '../shared/views';
import { checkConnection } from './connection/check';
import type { ConnectDeps, ConnectResult } from './connection/connect';
import { Credentials } from './connection/credentials';
import { pasteToken } from './connection/paste';
import { runDoctor, type DoctorReport } from './doctor';
import type { WakeReason } from './monitor';
import type { UndoResult } from './projects/files';
import type { DetectResult } from './projects/detect';
import type { GitVerdict } from './projects/git-guard';
import { Projects } from './projects/projects';
import type { SyncOptions, SyncReport } from './projects/sync';
import { forgetConnection, type DisconnectResult } from './service/disconnect';
import { EventFlow, type ServiceEvents } from './service/event-flow';
import { applySettings, settingsView, type SettingsPatch } from './service/settings-view';
import { openParts, type ServiceOptions } from './service/options';
import { recordCheck, statusFrom, writeRefusal } from './service/status';
import { runEnvironment, tokenValues, verifiedAccessToken, type TokenDeps, type VerifiedToken } from './service/tokens';
import type { DropboxHttp } from './dropbox/http';
import type { Settings } from './settings';
import type { ProjectRecord } from './settings-schema';
import { startBrowserSignIn, startCodeSignIn } from './signin/flows';
import { SignInSession, type BrowserStart, type CodeStart } from './signin/session';
import type { Vault } from './vault';

export type { DisconnectResult } from './service/disconnect';
export type { ServiceOptions } from './service/options';

/** A new connection, and what keep-in-sync wrote with it. */
export type Connected = ConnectResult & { projects: SyncReport | null };

/**
 * The one object that owns the connection. The CLI, the tray and the window are views of it:
 * they call these methods and redraw on `status`, notify on `incident`. Nothing it emits contains a token.
 */
export class TokenTrayService extends EventEmitter<ServiceEvents> {
  private readonly settings: Settings;
  private readonly vault: Vault;
  private readonly http: DropboxHttp;
  private readonly credentials: Credentials;
  private readonly projects: Projects;
  private readonly flow: EventFlow;
  /** The tray's one sign-in in progress (browser or copy-code); the CLI starts its own. */
  readonly signIn = new SignInSession<Connected>({
    browser: () => this.startBrowserSignIn(),
    code: () => this.startCodeSignIn(),
  });
  /** One setting by name (for `config`); the settings page uses settingsView(). */
  readonly setting: Settings['get'];
  /** Stores one setting by name (for `config`); throws when the value is not allowed. */
  readonly setSetting: Settings['set'];

  constructor(opts: ServiceOptions = {}) {
    super();
    ({ settings: this.settings, vault: this.vault, http: this.http } = openParts(opts));
    // Called once a renewal is stored in the keychain and settings (see Credentials.doRenew).
    this.credentials = new Credentials(this.vault, this.settings, this.http, () => this.flow.renewed());
    this.projects = new Projects(this.settings, { values: (need) => tokenValues(this.tokenDeps, need) });
    this.flow = new EventFlow(this, {
      projects: this.projects,
      status: () => this.status(),
      check: () => this.check(),
      intervalMinutes: () => this.settings.get('checkIntervalMinutes'),
    });
    this.setting = this.settings.get.bind(this.settings);
    this.setSetting = this.settings.set.bind(this.settings);
  }

  /** What `config` shows and changes: each value in effect, where it comes from, and a checked set. */
  configSettings(): Pick<Settings, 'get' | 'set' | 'has' | 'appKey' | 'redirectPort' | 'fromEnvironment' | 'file'> {
    return this.settings;
  }

  settingsView = (): SettingsView => settingsView(this.settings);
  setSettings = (patch: SettingsPatch): SettingsView => (applySettings(this.settings, patch), this.settingsView());

  // Tracked projects, their file statuses, and the edits the window and CLI make to them.
  listProjects = (): ProjectRecord[] => this.projects.list();
  projectStatuses = (): Promise<PublicProject[]> => this.projects.statuses();
  /** The registered project at or holding `dir` (throws project-unknown). */
  projectPath = (dir: string): string => this.projects.registry.get(dir).path;
  /** The registered project holding `dir`, if any. */
  findProject = (dir: string): string | undefined => this.projects.registry.find(dir)?.path;
  detectProject = (dir: string): Promise<DetectResult> => this.projects.detect(dir);
  addProject = (...args: Parameters<Projects['add']>): ProjectRecord => this.projects.add(...args);
  removeProject = (dir: string): Promise<ProjectRecord> => this.projects.remove(dir);
  setKeepOutOfGit = (dir: string, on: boolean): Promise<ProjectRecord> => this.projects.setKeepOutOfGit(dir, on);
  setKeepInSync = (dir: string, on: boolean): void => this.projects.setKeepInSync(dir, on);
  undoProject = (dir: string, opts: { force?: boolean } = {}): Promise<UndoResult[]> => this.projects.undo(dir, opts);
  makePrivate = (dir: string, file: string): Promise<void> => this.projects.makePrivate(dir, file);

  /** Adds `file` to .gitignore when that is git's fix (see Projects.ignoreInGit), and returns git's verdict. */
  ignoreInGit = (...args: Parameters<Projects['ignoreInGit']>): Promise<GitVerdict> =>
    this.projects.ignoreInGit(...args);

  /** The redacted view, from what we last knew; no network. */
  status(now = Date.now()): PublicStatus {
    return statusFrom(this.settings, this.vault.storageName, now);
  }

  /** The redacted view including each project's target status. */
  statusWithProjects = async (): Promise<PublicStatus> => ({
    ...this.status(),
    projects: await this.projects.statuses(),
  });

  /** Asks Dropbox (renewing if due), records the answer and pushes it once. */
  async check(): Promise<PublicStatus> {
    return (await this.checkQuietly()) ? this.flow.push() : this.status();
  }

  // The tray's background checks: on a timer and when the machine wakes or comes back online.
  startWatching = (): void => this.flow.monitor.start();
  stopWatching = (): void => this.flow.monitor.stop();
  wake = (reason: WakeReason): Promise<PublicStatus> => this.flow.monitor.wake(reason);

  /** Checks the keychain first, so nobody signs in only to find the connection can't be kept. */
  async startBrowserSignIn(opts: { timeoutMs?: number } = {}): Promise<BrowserStart<Connected>> {
    await this.vault.check();
    const signIn = await startBrowserSignIn(this.deps, { port: this.settings.redirectPort(), ...opts });
    return { ...signIn, result: signIn.result.then((r) => this.connected(r)) };
  }

  async startCodeSignIn(): Promise<CodeStart<Connected>> {
    await this.vault.check();
    const signIn = await startCodeSignIn(this.deps);
    return { url: signIn.url, finish: (code) => signIn.finish(code).then((r) => this.connected(r)) };
  }

  async pasteToken(raw: string, opts: { minutesLeft?: number } = {}): Promise<Connected> {
    return this.connected(await pasteToken(this.deps, raw, opts));
  }

  /**
   * Syncs projects; on disconnect, `blank` empties our values instead (never deletes a file).
   * Asks Dropbox first: a connection it no longer accepts is refused before any file is touched.
   */
  async syncProjects(dirs: string[] = [], opts: SyncOptions = {}): Promise<SyncReport> {
    try {
      if (!opts.blank) await this.checkQuietly();
      const refusal = opts.blank ? null : writeRefusal(this.status());
      if (refusal) throw refusal;
      return await this.projects.sync(dirs, opts);
    } finally {
      await this.flow.push();
    }
  }

  /** The stored access token (renewed when due by our clock), for project sync. Never shown in any view. */
  UNSAFE_accessToken = (): Promise<string> => this.credentials.accessToken();
  /** For scripts: a token Dropbox has just accepted (see service/tokens.ts). */
  UNSAFE_verifiedAccessToken = (): Promise<VerifiedToken> => verifiedAccessToken(this.tokenDeps);
  /** For `run`: the variables a child process gets, only from a token Dropbox has just accepted. */
  UNSAFE_runEnvironment = (opts: { includeRefreshToken?: boolean } = {}): Promise<Record<string, string>> =>
    runEnvironment(this.tokenDeps, opts);
  /** Refresh token and app key, only for writing into projects that opted in. */
  UNSAFE_refreshToken = (): Promise<string | null> => this.vault.getRefresh();

  doctor = (): Promise<DoctorReport> =>
    runDoctor({ ...this.deps, credentials: this.credentials, port: this.settings.redirectPort() });

  /** Forgets the connection; `blankProjects` first empties our values in every project (never deletes a file). */
  async disconnect(opts: { blankProjects?: boolean } = {}): Promise<DisconnectResult & { projects?: SyncReport }> {
    try {
      // A renewal under way finishes first (stored, and written by keep-in-sync), so blanking
      // and revoking come after it, and nothing it writes lands after the disconnect.
      await this.credentials.settled();
      await this.flow.keepInSyncIdle();
      const projects = opts.blankProjects ? await this.projects.sync([], { blank: true, allowTracked: true }) : null;
      return { ...(await forgetConnection(this.deps)), ...(projects ? { projects } : {}) };
    } finally {
      await this.flow.push();
    }
  }

  private get deps(): ConnectDeps {
    return { http: this.http, vault: this.vault, settings: this.settings };
  }

  private get tokenDeps(): TokenDeps {
    return { settings: this.settings, vault: this.vault, credentials: this.credentials, check: () => this.check() };
  }

  /** A check without its push, for callers that push once when all their work is done; false: nothing to check. */
  private async checkQuietly(): Promise<boolean> {
    const c = this.settings.get('connection');
    if (!c) return false;
    recordCheck(
      this.settings,
      await this.flow.checking(() => checkConnection(this.http, this.credentials, c.lastState)),
      c.connectedAt,
    );
    return true;
  }

  private async connected(result: ConnectResult): Promise<Connected> {
    const who = (a: { name: string; email: string }) => `${a.name} (${a.email})`;
    if (result.previousAccount)
      this.flow.incident({ kind: 'account-changed', now: who(result.account), before: who(result.previousAccount) });
    const projects = await this.flow.newToken();
    await this.flow.push();
    return { ...result, projects };
  }
}
