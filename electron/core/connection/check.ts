import type { ErrorKind } from '../../shared/error-catalog';
import { toDttError } from '../errors';
import type { AccountSummary, ConnectionState } from '../../shared/state';
import type { Credentials } from './credentials';
import { verifyAccount } from './connect';
import type { DropboxHttp } from '../dropbox/http';
import { stateAfterProblem } from './state-rules';

export interface CheckOutcome {
  state: ConnectionState;
  problem: ErrorKind | null;
  account?: AccountSummary;
}

/** Asks Dropbox whether the stored connection works, renewing first when it is due. */
export async function checkConnection(
  http: DropboxHttp,
  credentials: Credentials,
  previous: ConnectionState,
): Promise<CheckOutcome> {
  try {
    let token = await credentials.accessToken();
    try {
      return { state: 'connected', problem: null, account: await verifyAccount(http, token) };
    } catch (error) {
      // The clock may disagree with Dropbox: renew once on Dropbox's say-so, then retry once.
      if (toDttError(error).kind !== 'token-expired') throw error;
      token = await credentials.accessToken({ forceRefresh: true });
      return { state: 'connected', problem: null, account: await verifyAccount(http, token) };
    }
  } catch (error) {
    const kind = toDttError(error).kind;
    return { state: stateAfterProblem(kind, previous), problem: kind };
  }
}
