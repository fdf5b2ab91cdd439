// The keychain vault: the only place tokens are kept. Two entries per account, in the OS keychain
// only; when the keychain fails, the call fails (DttError) and nothing is written anywhere else.
import { randomBytes } from 'node:crypto';
import { PRODUCT_NAME } from '../../shared/app-identity';
import { DttError } from '../errors';
import { nativeBackend, type KeyringBackend, type KeyringEntry } from './backend';
import { KeychainTimeout, toKeychainError } from './keychain-errors';
import { decodeAccessEntry, decodeText, encodeAccessRecord, encodeText, type AccessTokenRecord } from './record';
import { describeStore, storeLabel } from './store-name';

export interface Vault {
  /** The store in plain words: 'macOS Keychain', 'Windows Credential Manager', 'GNOME Keyring', … */
  readonly storageName: string;
  /** Writes, reads back and deletes a probe entry. Throws keychain-unavailable / keychain-locked. */
  check(): Promise<void>;
  /** The access record, or null when there is none or the entry isn't ours (see `readAccess`). */
  getAccess(): Promise<AccessTokenRecord | null>;
  /** Like getAccess, but an entry that isn't this app's record throws keychain-unreadable. */
  readAccess(): Promise<AccessTokenRecord | null>;
  setAccess(rec: AccessTokenRecord): Promise<void>;
  getRefresh(): Promise<string | null>;
  setRefresh(token: string): Promise<void>;
  /** Removes both entries; no error when they are absent. */
  clear(): Promise<void>;
}

export interface OpenVaultOptions {
  /** Keychain service name. Default: env DTT_KEYCHAIN_SERVICE, else the product name. */
  service?: string;
  /** Default 'default'. Entries are `<account>:access-token` and `<account>:refresh-token`. */
  account?: string;
  /** How long one native call may take before it counts as locked (an unanswered unlock prompt). Default 10 s. */
  timeoutMs?: number;
  /** Testing seam: replaces the native keyring. */
  backend?: KeyringBackend;
  /** Testing seam: defaults to process.platform / process.env (used for the store's name). */
  platform?: string;
  env?: NodeJS.ProcessEnv;
}

/** Errors reported because a native call did not finish in time. */
const timedOutErrors = new WeakSet<DttError>();

export const DEFAULT_SERVICE = PRODUCT_NAME;
export const DEFAULT_ACCOUNT = 'default';
export const DEFAULT_TIMEOUT_MS = 10_000;

export function accessAccount(account: string): string {
  return `${account}:access-token`;
}
export function refreshAccount(account: string): string {
  return `${account}:refresh-token`;
}

export function openVault(opts: OpenVaultOptions = {}): Vault {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const service = opts.service || env.DTT_KEYCHAIN_SERVICE || DEFAULT_SERVICE;
  const account = opts.account || DEFAULT_ACCOUNT;
  return new KeychainVault(
    service,
    account,
    describeStore(platform, env),
    platform,
    opts.backend ?? nativeBackend,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
}

class KeychainVault implements Vault {
  constructor(
    private readonly service: string,
    private readonly account: string,
    readonly storageName: string,
    private readonly platform: string,
    private readonly backend: KeyringBackend,
    private readonly timeoutMs: number,
  ) {}

  /**
   * One native call, guarded: errors become DttErrors, and a call that hangs (a keyring waiting on
   * an unlock prompt) is reported as keychain-locked after `timeoutMs`. The native call itself
   * cannot be interrupted; `late` runs if it finishes after all (to undo a write nobody awaits).
   */
  private async call<T>(
    account: string,
    op: (entry: KeyringEntry, signal: AbortSignal) => Promise<T>,
    known: readonly string[] = [],
    late?: (entry: KeyringEntry, value: T) => void,
  ): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const work = (async () => {
      const entry = await this.backend.entry(this.service, account);
      const value = await op(entry, abort.signal);
      if (timedOut && late) late(entry, value);
      return value;
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        // Lets the binding drop the call if it is still queued behind a stuck one.
        abort.abort();
        reject(new KeychainTimeout(this.timeoutMs));
      }, this.timeoutMs);
    });
    work.catch(() => {}); // a late failure after the timeout has nobody to report to
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      const mapped = toKeychainError(error, { storageName: this.storageName, platform: this.platform, known });
      if (timedOut) timedOutErrors.add(mapped);
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  async check(): Promise<void> {
    const probeAccount = `${this.account}:keychain-check-${randomBytes(4).toString('hex')}`;
    const probe = randomBytes(18).toString('base64url');
    const bytes = encodeText(probe, 'keychain check');
    const removeLate = (entry: KeyringEntry) => void entry.deleteCredential().catch(() => {});
    await this.call(probeAccount, (e, signal) => e.setSecret(bytes, signal), [], removeLate);
    let failure: unknown;
    try {
      const back = await this.call(probeAccount, (e, signal) => e.getSecret(signal), [], removeLate);
      const text = back ? decodeText(back) : null;
      if (text !== probe) {
        throw new DttError(
          'keychain-unavailable',
          `${storeLabel(this.storageName)} did not give back what was just saved in it (${text === null ? 'nothing' : 'something else'} came back).`,
        );
      }
    } catch (error) {
      failure = error;
    }
    // After a timeout the keychain is stuck; the probe is removed when the stuck call ends.
    if (!(failure instanceof DttError && timedOutErrors.has(failure))) {
      try {
        await this.call(probeAccount, (e, signal) => e.deleteCredential(signal));
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  async getAccess(): Promise<AccessTokenRecord | null> {
    const bytes = await this.call(accessAccount(this.account), (e, signal) => e.getSecret(signal));
    const decoded = bytes ? decodeAccessEntry(bytes) : null;
    return decoded === 'unreadable' ? null : decoded;
  }

  async readAccess(): Promise<AccessTokenRecord | null> {
    const bytes = await this.call(accessAccount(this.account), (e, signal) => e.getSecret(signal));
    const decoded = bytes ? decodeAccessEntry(bytes) : null;
    if (decoded !== 'unreadable') return decoded;
    throw new DttError(
      'keychain-unreadable',
      `${storeLabel(this.storageName)} has an entry named "${this.service}" (${accessAccount(this.account)}) that is not this app's saved connection`,
    );
  }

  async setAccess(rec: AccessTokenRecord): Promise<void> {
    const bytes = encodeAccessRecord(rec);
    await this.call(accessAccount(this.account), (e, signal) => e.setSecret(bytes, signal), [rec.token]);
  }

  async getRefresh(): Promise<string | null> {
    const bytes = await this.call(refreshAccount(this.account), (e, signal) => e.getSecret(signal));
    return bytes ? decodeText(bytes) : null;
  }

  async setRefresh(token: string): Promise<void> {
    const bytes = encodeText(token, 'refresh token');
    await this.call(refreshAccount(this.account), (e, signal) => e.setSecret(bytes, signal), [token]);
  }

  async clear(): Promise<void> {
    let failure: unknown;
    for (const name of [accessAccount(this.account), refreshAccount(this.account)]) {
      try {
        await this.call(name, (e, signal) => e.deleteCredential(signal));
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}
