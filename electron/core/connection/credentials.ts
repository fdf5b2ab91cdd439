import { DttError, toDttError } from '../errors';
import type { DropboxHttp } from '../dropbox/http';
import { refreshAccessToken, type TokenGrant } from '../dropbox/oauth';
import type { Settings } from '../settings';
import type { Vault } from '../vault';

/** Renew this long before the access token's expiry, so callers never hold a token about to die. */
export const RENEW_MARGIN_MS = 5 * 60 * 1000;

/**
 * Hands out a working access token, renewing it when needed. Callers at the same moment share
 * one refresh. Only Dropbox's `invalid_grant` means "reconnect"; a network error keeps
 * everything as it was.
 */
export class Credentials {
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly vault: Vault,
    private readonly settings: Settings,
    private readonly http: DropboxHttp,
    /** Runs once a renewal is stored (keychain, then settings): anything it reads gets the new token. */
    private readonly onRenewed: (token: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(opts: { forceRefresh?: boolean } = {}): Promise<string> {
    const access = await this.vault.readAccess();
    if (!access) throw new DttError('not-connected');
    const due = access.expiresAt !== null && Date.parse(access.expiresAt) - this.now() < RENEW_MARGIN_MS;
    if (!opts.forceRefresh && !due) return access.token;
    // A pasted token can't be renewed: hand it out anyway and let Dropbox say whether it expired.
    if (!this.settings.get('connection')?.renewable) return access.token;
    return this.renew();
  }

  /** Single-flight: every caller waiting at once gets the same new token. */
  renew(): Promise<string> {
    this.inflight ??= this.doRenew().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Resolves once no renewal is under way (however it ends). */
  async settled(): Promise<void> {
    await this.inflight?.catch(() => undefined);
  }

  private async doRenew(): Promise<string> {
    const renewing = this.settings.get('connection')?.connectedAt;
    const refreshToken = await this.vault.getRefresh();
    if (!refreshToken) throw new DttError('token-expired', 'there is no way to renew this token');
    let grant: TokenGrant;
    try {
      grant = await refreshAccessToken(this.http, { appKey: this.settings.appKey(), refreshToken });
    } catch (error) {
      throw toDttError(error);
    }
    // Disconnected or reconnected while Dropbox answered: keep nothing, or the forgotten
    // connection comes back (or overwrites the new one's token).
    if (this.settings.get('connection')?.connectedAt !== renewing) throw new DttError('not-connected');
    await this.vault.setAccess({ token: grant.accessToken, expiresAt: grant.expiresAt });
    this.settings.update('connection', (c) => (c ? { ...c, accessTokenExpiresAt: grant.expiresAt } : c));
    // Only now, with both stored: a keep-in-sync run it starts reads this token, not the old one.
    this.onRenewed(grant.accessToken);
    return grant.accessToken;
  }
}
