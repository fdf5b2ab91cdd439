import type { ErrorKind } from '../../shared/error-catalog';
import { classifyDropboxError } from '../dropbox/api-error';
import type { DropboxHttp } from '../dropbox/http';
import { refreshAccessToken, revokeToken } from '../dropbox/oauth';

export interface OldConnection {
  accessToken: string;
  refreshToken: string | null;
}

export type RevokeOutcome = { confirmed: true } | { confirmed: false; kind: ErrorKind };

/**
 * Tells Dropbox to stop a connection (its access token, refresh token and their siblings).
 * Only Dropbox's own word counts: its confirmation, or an answer that the token is already dead
 * (`invalid_access_token`, `invalid_grant`). An access token that expired early is renewed with
 * its refresh token first — otherwise the refresh token would live on.
 */
export async function revokeAtDropbox(http: DropboxHttp, appKey: string, old: OldConnection): Promise<RevokeOutcome> {
  let token = old.accessToken;
  for (let attempt = 1; ; attempt++) {
    try {
      await revokeToken(http, token);
      return { confirmed: true };
    } catch (error) {
      const kind = classifyDropboxError(error);
      if (kind === 'token-revoked') return { confirmed: true };
      if (kind !== 'token-expired' || attempt > 1) return { confirmed: false, kind };
      // Expired and nothing to renew it with: Dropbox itself says nothing is left alive.
      if (!old.refreshToken) return { confirmed: true };
      if (!appKey) return { confirmed: false, kind: 'app-key-missing' };
      try {
        token = (await refreshAccessToken(http, { appKey, refreshToken: old.refreshToken })).accessToken;
      } catch (renewError) {
        const renewKind = classifyDropboxError(renewError);
        return renewKind === 'token-revoked' ? { confirmed: true } : { confirmed: false, kind: renewKind };
      }
    }
  }
}
