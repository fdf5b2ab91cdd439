import { EventEmitter } from 'node:events';
import { isExpiringSoon, type PublicStatus } from '../shared/state';
import { DttError } from './errors';
import { resolveEndpoints } from './dropbox/endpoints';
import { DropboxHttp, type FetchLike, type RetryPolicy } from './dropbox/http';
import { createNodeFetch } from './dropbox/node-fetch';
import { revokeToken } from './dropbox/oauth';
import { openSettings, type Settings } from './settings';
import { openVault, type Vault } from './vault';
import { Credentials } from './connection/credentials';
import { checkConnection } from './connection/check';
import { unverifiedTokenUsable } from './connection/state-rules';
import { asDttError, type ConnectDeps, type ConnectResult } from './connection/connect';
import { pasteToken } from './connection/paste';
import { startBrowserSignIn, startCodeSignIn, type BrowserSignIn, type CodeSignIn } from './connection/signin';
import { runDoctor, type DoctorReport } from './doctor';
import { Projects } from './projects/projects';
import type { SyncOptions, SyncReport } from './projects/sync';
import type { TokenValues } from './projects/formats';

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
}

/**
 * The one object that owns the connection. The CLI, the tray and the window are views of it:
 * they call these methods and redraw on `status`. Nothing it emits contains a token.
 */
export class TokenTrayService extends EventEmitter<ServiceEvents> {
  readonly settings: Settings;
  readonly vault: Vault;
  readonly http: DropboxHttp;
  readonly credentials: Credentials;
  readonly projects: Projects;
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
    this.credentials = new Credentials(this.vault, this.settings, this.http, () => this.newToken());
    this.projects = new Projects(this.settings, { values: () => this.tokenValues() });
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
            kind: asDttError(error).kind,
            detail: asDttError(error).detail,
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
    const signIn = startCodeSignIn(this.deps);
    return { url: signIn.url, finish: (code) => signIn.finish(code).then((r) => this.connected(r)) };
  }

  async pasteToken(raw: string, opts: { minutesLeft?: number } = {}): Promise<ConnectResult> {
    return this.connected(await pasteToken(this.deps, raw, opts));
  }

  /** Syncs projects; on disconnect, `blank` empties our values instead (never deletes a file). */
  async syncProjects(dirs: string[] = [], opts: SyncOptions = {}): Promise<SyncReport> {
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
   * If Dropbox can't be reached the stored token is returned with `verified: false`.
   */
  async UNSAFE_verifiedAccessToken(): Promise<{ token: string; verified: boolean }> {
    const status = await this.check();
    const token = await this.credentials.accessToken();
    if (status.state === 'connected') return { token, verified: true };
    if (unverifiedTokenUsable(status.state, status.problem)) return { token, verified: false };
    throw new DttError((status.problem as DttError['kind'] | null) ?? 'not-connected');
  }

  /** Refresh token and app key, only for writing into projects that opted in. */
  async UNSAFE_refreshToken(): Promise<string | null> {
    return this.vault.getRefresh();
  }

  async doctor(): Promise<DoctorReport> {
    return runDoctor({ ...this.deps, credentials: this.credentials, port: this.settings.redirectPort() });
  }

  async disconnect(): Promise<DisconnectResult> {
    let result: DisconnectResult = { revokedAtDropbox: false, detail: 'there was no saved connection' };
    const access = await this.vault.getAccess();
    if (access) {
      try {
        const token = await this.credentials.accessToken().catch(() => access.token);
        await revokeToken(this.http, token);
        result = { revokedAtDropbox: true };
      } catch (error) {
        const kind = asDttError(error).kind;
        // Dropbox saying "invalid"/"expired" means there is nothing left to revoke there.
        result = ['token-revoked', 'token-expired'].includes(kind)
          ? { revokedAtDropbox: true }
          : {
              revokedAtDropbox: false,
              detail: `${new DttError(kind).text.title}: the token could not be revoked at Dropbox. It stops working within 4 hours; you can also remove the app at dropbox.com → Settings → Connected apps.`,
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
    return { ...result, projects: await this.newToken() };
  }

  private changed(): PublicStatus {
    const status = this.status();
    this.emit('status', status);
    return status;
  }
}
