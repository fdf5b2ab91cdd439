import { errorText } from '../../shared/error-catalog';
import type { ConnectDeps } from '../connection/connect';
import { revokeAtDropbox } from '../connection/retire';
import { DttError } from '../errors';

export interface DisconnectResult {
  revokedAtDropbox: boolean;
  /** Why the token could not be revoked at Dropbox (it was still removed here). */
  detail?: string;
}

/** Revokes the saved connection at Dropbox (when it can) and forgets it here either way. */
export async function forgetConnection({ http, vault, settings }: ConnectDeps): Promise<DisconnectResult> {
  let result: DisconnectResult = { revokedAtDropbox: false, detail: 'there was no saved connection' };
  const access = await vault.getAccess();
  if (access) {
    const refreshToken = await vault.getRefresh().catch(() => null);
    const outcome = await revokeAtDropbox(http, settings.appKey(), { accessToken: access.token, refreshToken });
    if (outcome.confirmed) result = { revokedAtDropbox: true };
    else {
      const told = errorText('revoke-unconfirmed', 'window');
      result = {
        revokedAtDropbox: false,
        detail: `${told.title} (${new DttError(outcome.kind).title}). ${told.explanation} ${told.action}`,
      };
    }
  }
  await vault.clear();
  settings.set('connection', null);
  return result;
}
