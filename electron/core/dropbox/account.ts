import type { AccountSummary } from '../../shared/state';
import { DropboxApiError } from './api-error';
import type { DropboxHttp } from './http';

interface FullAccount {
  account_id: string;
  email: string;
  name: { display_name: string };
}

export async function getCurrentAccount(http: DropboxHttp, token: string): Promise<AccountSummary> {
  const account = await http.rpc<FullAccount>('users/get_current_account', token);
  return { name: account.name.display_name, email: account.email, accountId: account.account_id };
}

export type ProbeOutcome = { ok: true } | { ok: false; error: unknown };

function randomPath(): string {
  return `/dropbox-token-tray-probe-${Math.random().toString(36).slice(2)}`;
}

/** Side-effect free: downloading a path that can't exist answers 409 not_found iff we may read. */
export async function probeRead(http: DropboxHttp, token: string): Promise<ProbeOutcome> {
  try {
    await http.content('files/download', token, { path: randomPath() });
    return { ok: true };
  } catch (error) {
    if (error instanceof DropboxApiError && error.status === 409) return { ok: true };
    return { ok: false, error };
  }
}

/** Side-effect free: a temporary upload link writes nothing unless it is used. */
export async function probeWrite(http: DropboxHttp, token: string): Promise<ProbeOutcome> {
  try {
    await http.rpc('files/get_temporary_upload_link', token, { commit_info: { path: randomPath() }, duration: 60 });
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}
