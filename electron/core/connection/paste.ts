import { DttError, toDttError } from '../errors';
import { isValidMinutesLeft, MINUTES_LEFT } from '../../shared/input-rules';
import { diagnoseToken, explainRefusal } from './token-diagnosis';
import { storeCredential, verifyAccount, verifyFileScopes, type ConnectDeps, type ConnectResult } from './connect';

/** App Console tokens live about 4 hours from when they were generated. */
export const PASTED_TOKEN_LIFETIME_MS = 4 * 60 * 60 * 1000;

/** Said after a paste; each surface adds its own way to connect with the browser (the CLI its command). */
export const PASTED_TOKEN_NOTE =
  'Tokens generated in the App Console stop working about 4 hours after they were made and cannot be renewed.';

/**
 * The guide's Option 1, made safe: diagnose what was pasted, ask Dropbox who it belongs to and
 * whether it can read and write files, and only then keep it.
 */
export async function pasteToken(
  deps: ConnectDeps,
  raw: string,
  opts: { minutesLeft?: number } = {},
): Promise<ConnectResult> {
  if (opts.minutesLeft !== undefined && !isValidMinutesLeft(opts.minutesLeft))
    throw new DttError(
      'invalid-input',
      `minutes left must be a whole number from ${MINUTES_LEFT.min} to ${MINUTES_LEFT.max}, not ${opts.minutesLeft}`,
    );
  const diagnosis = diagnoseToken(raw);
  if (!diagnosis.ok) throw new DttError(diagnosis.kind, diagnosis.detail);
  await deps.vault.check();
  // For a token someone pasted, "unknown" is not "disconnected": it was never ours.
  const account = await verifyAccount(deps.http, diagnosis.token, { invalid_access_token: 'token-invalid' }).catch(
    (error: unknown) => {
      const refused = toDttError(error);
      const why = explainRefusal(diagnosis, refused.kind);
      throw typeof why === 'string' ? refused : new DttError(why.kind, why.detail, { cause: error });
    },
  );
  await verifyFileScopes(deps.http, diagnosis.token);
  const now = deps.now?.() ?? Date.now();
  // Dropbox can't tell us when a pasted token dies; assume it was generated just now unless told.
  const lifetime = opts.minutesLeft !== undefined ? opts.minutesLeft * 60_000 : PASTED_TOKEN_LIFETIME_MS;
  const expiresAt = diagnosis.kind === 'legacy' ? null : new Date(now + lifetime).toISOString();
  const result = await storeCredential(
    deps,
    {
      method: 'paste',
      accessToken: diagnosis.token,
      expiresAt,
      refreshToken: null,
      scopes: ['account_info.read', 'files.content.read', 'files.content.write'],
    },
    account,
  );
  result.notes.push(diagnosis.kind === 'legacy' && diagnosis.note ? diagnosis.note : PASTED_TOKEN_NOTE);
  return result;
}
