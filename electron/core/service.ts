import { EventEmitter } from 'node:events';
import { errorText, type ErrorKind } from '../shared/error-catalog';
import { isExpiringSoon, type PublicStatus } from '../shared/state';
import { missingFileScopes } from '../shared/permissions';
import { DttError, toDttError } from './errors';
import { resolveEndpoints } from './dropbox/endpoints';
import { DropboxHttp, type FetchLike, type RetryPolicy } from './dropbox/http';
import { createNodeFetch } from './dropbox/node-fetch';
import { openSettings, type Settings } from './settings';
import { openVault, type Vault } from './vault';
import { Credentials } from './connection/credentials';
import { checkConnection } from './connection/check';
import { unverifiedTokenUsable } from './connection/state-rules';
import type { ConnectDeps, ConnectResult } from './connection/connect';
import { pasteToken } from './connection/paste';
import { revokeAtDropbox } from './connection/retire';
import { startBrowserSignIn, startCodeSignIn, type BrowserSignIn, type CodeSignIn } from './signin/flows';
import { runDoctor, type DoctorReport } from './doctor';
import { Projects } from './projects/projects';
import type { SyncOptions, SyncReport } from './projects/sync';
import type { TokenValues } from './projects/formats';
import type { DetectResult } from './projects/detect';
import type { ProjectRecord } from './settings-schema';
import type { PublicProject } from '../shared/state';
import type { UndoResult } from './projects/files';
import { gitVerdict, type GitVerdict } from './projects/git-guard';
import { resolveInside } from './projects/files/resolve-inside';
import type { SettingsView } from '../shared/views';
import { applySettings, settingsView, type SettingsPatch } from './service/settings-view';

/**
 * Why a connection must not be written into projects, from a fresh check. Dropbox's refusal, or a
 * keychain we can't use, stops the sync; "offline" does not (network trouble is not revocation).
 */
function writeRefusal(status: PublicStatus): DttError | null {
  if (status.state === 'revoked') return new DttError('sync-revoked');
  if (status.state === 'expired') return new DttError('sync-expired');
  if (status.state === 'disconnected') return new DttError('not-connected');
  if (status.problem?.startsWith('keychain-')) return new DttError(status.problem as ErrorKind);
  return null;
}

export interface ServiceOptions {
  env?: NodeJS.ProcessEnv;
  settings?: Settings;
  vault?: Vault;
  http?: DropboxHttp;
  /** How requests reach Dropbox: the tray passes Electron's net.fetch; plain Node gets undici with the proxy settings. */
  fetchImpl?: FetchLike;
  retry?: Partial<RetryPolicy>;
}

export interface DisconnectResult {
  revokedAtDropbox: boolean;
  /** Why the token could not be revoked at Dropbox (it was still removed here). */
  detail?: string;
}

interface ServiceEvents {
  status: [PublicStatus];
  /** A new access token exists (connect or renewal). */
  token: [];
  /** Keep-in-sync projects were rewritten after a new token ("3 projects updated"). */
  'projects-synced': [SyncReport];
  /** A reconnect signed in as a different account ("Name (email)" of each). */
  'account-changed': [{ now: string; before: string }];
}

/**
 * The one object that owns the connection. The CLI, the tray and the window are views of it:
 * they call these methods and redraw on `status`. Nothing it emits contains a token.
 */
export class TokenTrayService extends EventEmitter<ServiceEvents> {
  private readonly settings: Settings;
  private readonly vault: Vault;
  private readonly http: DropboxHttp;
  private readonly credentials: Credentials;
  private readonly projects: Projects;
  /** One setting by name (for `config`); the settings page uses settingsView(). */
  readonly setting: Settings['get'];
  /** Stores one setting by name (for `config`); throws when the value is not allowed. */
  readonly setSetting: Settings['set'];
  private keepInSyncRun: Promise<SyncReport | null> = Promise.resolve(null);

  constructor(opts: ServiceOptions = {}) {
    super();
    const env = opts.env ?? process.env;
    this.settings = opts.settings ?? openSettings(env);
    this.vault = opts.vault ?? openVault({ service: env.DTT_KEYCHAIN_SERVICE });
    this.http =
      opts.http ??
      new DropboxHttp({
        endpoints: resolveEndpoints(env),
        retry: opts.retry,
        fetchImpl: opts.fetchImpl ?? createNodeFetch(env),
      });
    // newToken never rejects (a failed sync lands in its report), so nothing is left unhandled.
    this.credentials = new Credentials(this.vault, this.settings, this.http, () => void this.newToken());
    this.projects = new Projects(this.settings, { values: () => this.tokenValues() });
    this.setting = this.settings.get.bind(this.settings);
    this.setSetting = this.settings.set.bind(this.settings);
  }

  get settingsFile(): string {
    return this.settings.file;
  }

  /**
   * What `config` shows and changes: each value in effect, where it comes from, and a checked set.
   * Nothing secret lives in settings; the keychain and projects stay behind the service.
   */
  configSettings(): Pick<Settings, 'get' | 'set' | 'has' | 'appKey' | 'redirectPort' | 'fromEnvironment' | 'file'> {
    return this.settings;
  }

  settingsView(): SettingsView {
    return settingsView(this.settings);
  }

  setSettings(patch: SettingsPatch): SettingsView {
    applySettings(this.settings, patch);
    return this.settingsView();
  }

  /** Tracked projects, their file statuses, and the edits the window and CLI make to them. */
  listProjects(): ProjectRecord[] {
    return this.projects.list();
  }

  projectStatuses(): Promise<PublicProject[]> {
    return this.projects.statuses();
  }

  /** The registered project at or holding `dir` (throws project-unknown). */
  projectPath(dir: string): string {
    return this.projects.registry.get(dir).path;
  }

  /** The registered project holding `dir`, if any. */
  findProject(dir: string): string | undefined {
    return this.projects.registry.find(dir)?.path;
  }

  detectProject(dir: string): Promise<DetectResult> {
    return this.projects.detect(dir);
  }

  addProject(...args: Parameters<Projects['add']>): ProjectRecord {
    return this.projects.add(...args);
  }

  removeProject(dir: string): Promise<ProjectRecord> {
    return this.projects.remove(dir);
  }

  setKeepOutOfGit(dir: string, on: boolean): Promise<ProjectRecord> {
    return this.projects.setKeepOutOfGit(dir, on);
  }

  setKeepInSync(dir: string, on: boolean): void {
    this.projects.setKeepInSync(dir, on);
  }

  undoProject(dir: string, opts: { force?: boolean } = {}): Promise<UndoResult[]> {
    return this.projects.undo(dir, opts);
  }

  makePrivate(dir: string, file: string): Promise<void> {
    return this.projects.makePrivate(dir, file);
  }

  /**
   * Adds `file` (inside `root`) to .gitignore when that is git's fix, and returns git's verdict.
   * `chosen`: a folder just picked, not yet registered. `strict`: no fix is an error, not a verdict.
   */
  async ignoreInGit(root: string, file: string, opts: { chosen?: string; strict?: boolean } = {}): Promise<GitVerdict> {
    const verdict = await gitVerdict(resolveInside(root, file));
    if (!opts.strict && verdict.fix?.kind !== 'add-to-gitignore') return verdict;
    await this.projects.applyGitignoreFix(verdict, opts.chosen);
    return verdict;
  }

  /** What project files get: the access token, plus refresh token and app key for targets that opt in. */
  private async tokenValues(): Promise<TokenValues | null> {
    if (!this.settings.get('connection')) return null;
    const accessToken = await this.credentials.accessToken();
    const refreshToken = (await this.vault.getRefresh()) ?? undefined;
    return { accessToken, ...(refreshToken ? { refreshToken, appKey: this.settings.appKey() } : {}) };
  }

  /** Runs after every connect and renewal, one at a time; a failure is reported, never thrown. */
  private newToken(): Promise<SyncReport | null> {
    this.emit('token');
    this.keepInSyncRun = this.keepInSyncRun.then(async () => {
      if (!this.projects.list().some((p) => p.keepInSync)) return null;
      // Deferred a tick so a renewal in progress finishes storing before we read the token.
      await new Promise((resolve) => setImmediate(resolve));
      const report = await this.projects.syncKeepInSync().catch((error: unknown) => ({
        targets: [
          {
            project: '',
            projectName: '',
            file: '',
            outcome: 'failed' as const,
            kind: toDttError(error).kind,
            detail: toDttError(error).detail,
          },
        ],
        projectsUpdated: 0,
      }));
      this.emit('projects-synced', report);
      return report;
    });
    return this.keepInSyncRun;
  }

  /** The redacted view including each project's target status. */
  async statusWithProjects(): Promise<PublicStatus> {
    return { ...this.status(), projects: await this.projects.statuses() };
  }

  private get deps(): ConnectDeps {
    return { http: this.http, vault: this.vault, settings: this.settings };
  }

  /** The redacted view, from what we last knew; no network. */
  status(now = Date.now()): PublicStatus {
    const c = this.settings.get('connection');
    return {
      state: c ? c.lastState : 'disconnected',
      expiresSoon: c ? isExpiringSoon(c.method, c.accessTokenExpiresAt, c.renewable, now) : false,
      account: c?.account ?? null,
      method: c?.method ?? null,
      accessTokenExpiresAt: c?.accessTokenExpiresAt ?? null,
      renewable: c?.renewable ?? false,
      scopes: c?.scopes ?? [],
      storage: this.vault.storageName,
      lastCheckedAt: c?.lastCheckedAt ?? null,
      problem: c?.lastProblem ?? null,
    };
  }

  /** Asks Dropbox (renewing if due) and records the answer. */
  async check(): Promise<PublicStatus> {
    const c = this.settings.get('connection');
    if (!c) return this.status();
    const outcome = await checkConnection(this.http, this.credentials, c.lastState);
    // A connection made without a file permission stays a problem until it is replaced.
    if (outcome.state === 'connected' && missingFileScopes(c.scopes).length) outcome.problem = 'app-scope-missing';
    this.settings.update(
      'connection',
      (cur) =>
        cur && {
          ...cur,
          account: outcome.account ?? cur.account,
          lastState: outcome.state,
          lastProblem: outcome.problem,
          lastCheckedAt: new Date().toISOString(),
        },
    );
    return this.changed();
  }

  /** Checks the keychain first, so nobody signs in only to find the connection can't be kept. */
  async startBrowserSignIn(opts: { timeoutMs?: number } = {}): Promise<BrowserSignIn> {
    await this.vault.check();
    const signIn = await startBrowserSignIn(this.deps, { port: this.settings.redirectPort(), ...opts });
    return { ...signIn, result: signIn.result.then((r) => this.connected(r)) };
  }

  async startCodeSignIn(): Promise<CodeSignIn> {
    await this.vault.check();
    const signIn = await startCodeSignIn(this.deps);
    return { url: signIn.url, finish: (code) => signIn.finish(code).then((r) => this.connected(r)) };
  }

  async pasteToken(raw: string, opts: { minutesLeft?: number } = {}): Promise<ConnectResult> {
    return this.connected(await pasteToken(this.deps, raw, opts));
  }

  /**
   * Syncs projects; on disconnect, `blank` empties our values instead (never deletes a file).
   * Asks Dropbox first: a connection it no longer accepts is refused before any file is touched.
   */
  async syncProjects(dirs: string[] = [], opts: SyncOptions = {}): Promise<SyncReport> {
    if (!opts.blank) {
      const refusal = writeRefusal(await this.check());
      if (refusal) throw refusal;
    }
    const report = await this.projects.sync(dirs, opts);
    this.emit('status', this.status());
    return report;
  }

  /** The stored access token (renewed when due by our clock), for project sync. Never shown in any view. */
  async UNSAFE_accessToken(): Promise<string> {
    return this.credentials.accessToken();
  }

  /**
   * For scripts: a token Dropbox has just accepted, renewed if Dropbox says it expired early.
   * When Dropbox can't be reached, or answers in a way we don't understand, the stored token is
   * returned with `verified: false` and the problem; when Dropbox refuses it, this throws.
   */
  async UNSAFE_verifiedAccessToken(): Promise<{ token: string; verified: boolean; problem: ErrorKind | null }> {
    const status = await this.check();
    const problem = (status.problem as ErrorKind | null) ?? null;
    if (status.state !== 'connected' && status.state !== 'offline') throw new DttError(problem ?? 'not-connected');
    // A keychain problem throws here: there is no token to hand out.
    const token = await this.credentials.accessToken();
    if (status.state === 'connected' && problem === null) return { token, verified: true, problem: null };
    // An answer that wasn't Dropbox's (a Wi-Fi sign-in page) gets no token: it proves nothing.
    if (!unverifiedTokenUsable(status.state, status.problem)) throw new DttError(problem ?? 'not-connected');
    return { token, verified: false, problem: problem ?? 'network-offline' };
  }

  /**
   * For `run`: the variables a child process gets, only from a token Dropbox has just accepted.
   * Anything less refuses, so the command never starts with a token that may not work.
   */
  async UNSAFE_runEnvironment(opts: { includeRefreshToken?: boolean } = {}): Promise<Record<string, string>> {
    const notRun = (kind: ErrorKind, detail?: string) =>
      new DttError(kind, detail ? `${detail}; the command was not run` : 'the command was not run');
    const { token, verified, problem } = await this.UNSAFE_verifiedAccessToken().catch((error: unknown) => {
      const e = toDttError(error);
      throw notRun(e.kind, e.detail);
    });
    if (!verified) throw notRun(problem ?? 'network-offline');
    const env: Record<string, string> = { DROPBOX_ACCESS_TOKEN: token };
    if (!opts.includeRefreshToken) return env;
    const refreshToken = await this.vault.getRefresh();
    if (!refreshToken)
      throw new DttError(
        'invalid-input',
        "this connection can't renew itself (the token was pasted), so there is no refresh token to pass. Connect with the browser first, or leave out --include-refresh-token; the command was not run",
      );
    return { ...env, DROPBOX_REFRESH_TOKEN: refreshToken, DROPBOX_APP_KEY: this.settings.appKey() };
  }

  /** Refresh token and app key, only for writing into projects that opted in. */
  async UNSAFE_refreshToken(): Promise<string | null> {
    return this.vault.getRefresh();
  }

  async doctor(): Promise<DoctorReport> {
    return runDoctor({ ...this.deps, credentials: this.credentials, port: this.settings.redirectPort() });
  }

  /** Forgets the connection; `blankProjects` first empties our values in every project (never deletes a file). */
  async disconnect(opts: { blankProjects?: boolean } = {}): Promise<DisconnectResult & { projects?: SyncReport }> {
    const projects = opts.blankProjects ? await this.syncProjects([], { blank: true, allowTracked: true }) : undefined;
    return { ...(await this.forget()), ...(projects ? { projects } : {}) };
  }

  private async forget(): Promise<DisconnectResult> {
    let result: DisconnectResult = { revokedAtDropbox: false, detail: 'there was no saved connection' };
    const access = await this.vault.getAccess();
    if (access) {
      const refreshToken = await this.vault.getRefresh().catch(() => null);
      const outcome = await revokeAtDropbox(this.http, this.settings.appKey(), {
        accessToken: access.token,
        refreshToken,
      });
      if (outcome.confirmed) result = { revokedAtDropbox: true };
      else {
        const told = errorText('revoke-unconfirmed', 'window');
        result = {
          revokedAtDropbox: false,
          detail: `${told.title} (${new DttError(outcome.kind).title}). ${told.explanation} ${told.action}`,
        };
      }
    }
    await this.vault.clear();
    this.settings.set('connection', null);
    this.changed();
    return result;
  }

  private async connected(result: ConnectResult): Promise<ConnectResult & { projects: SyncReport | null }> {
    this.changed();
    const who = (a: { name: string; email: string }) => `${a.name} (${a.email})`;
    if (result.previousAccount)
      this.emit('account-changed', { now: who(result.account), before: who(result.previousAccount) });
    return { ...result, projects: await this.newToken() };
  }

  private changed(): PublicStatus {
    const status = this.status();
    this.emit('status', status);
    return status;
  }
}
