import { errorText } from '../../shared/error-catalog';
import type { ConnectDeps } from '../connection/connect';
import { revokeAtDropbox } from '../connection/retire';
import { DttError } from '../errors';

export interface DisconnectResult {
  revokedAtDropbox: boolean;
  /** False when nothing was saved here: there was nothing to disconnect. */
  hadConnection: boolean;
  /** Why the token could not be revoked at Dropbox (it was still removed here). */
  detail?: string;
}

/** Revokes the saved connection at Dropbox (when it can) and forgets it here either way. */
export async function forgetConnection({ http, vault, settings }: ConnectDeps): Promise<DisconnectResult> {
  // Settings without a keychain entry (it was removed by hand) still count: they are removed here.
  let result: DisconnectResult = { revokedAtDropbox: false, hadConnection: !!settings.get('connection') };
  const access = await vault.getAccess();
  if (access) {
    const refreshToken = await vault.getRefresh().catch(() => null);
    const outcome = await revokeAtDropbox(http, settings.appKey(), { accessToken: access.token, refreshToken });
    if (outcome.confirmed) result = { revokedAtDropbox: true, hadConnection: true };
    else {
      const told = errorText('revoke-unconfirmed', 'window');
      result = {
        revokedAtDropbox: false,
        hadConnection: true,
        detail: `${told.title} (${new DttError(outcome.kind).title}). ${told.explanation} ${told.action}`,
      };
    }
  }
  await vault.clear();
  settings.set('connection', null);
  return result;
}
