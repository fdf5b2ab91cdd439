// The native keyring (@napi-rs/keyring), behind a small interface so the vault's timeout and
// cleanup logic can be unit-tested with a fake.

/** One keychain entry. Methods may reject; `entry()` itself may throw (store unreachable). */
export interface KeyringEntry {
  setSecret(secret: Uint8Array, signal?: AbortSignal): Promise<void>;
  /** null when there is no such entry. */
  getSecret(signal?: AbortSignal): Promise<ArrayLike<number> | null>;
  /** false when there was nothing to delete. */
  deleteCredential(signal?: AbortSignal): Promise<boolean>;
}

export interface KeyringBackend {
  entry(service: string, account: string): Promise<KeyringEntry>;
}

type KeyringModule = typeof import('@napi-rs/keyring');
let loaded: Promise<KeyringModule> | undefined;

/**
 * The real keychain. On Linux every entry is pinned to the Secret Service
 * (`{ linux: { store: 'secret-service' } }`): without the pin, @napi-rs/keyring silently falls back
 * to the kernel keyutils keyring when no Secret Service answers, and keyutils keeps secrets only in
 * memory (they are gone after a reboot). Pinned, the constructor throws instead. The option is
 * ignored on macOS and Windows.
 */
export const nativeBackend: KeyringBackend = {
  async entry(service, account) {
    loaded ??= import('@napi-rs/keyring');
    const { AsyncEntry } = await loaded;
    // The constructor connects to the store synchronously and throws if it is unavailable.
    return new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  },
};
