// The keychain vault: tokens live only in the OS keychain (see vault.ts).
export {
  openVault,
  accessAccount,
  refreshAccount,
  DEFAULT_ACCOUNT,
  DEFAULT_SERVICE,
  DEFAULT_TIMEOUT_MS,
  type OpenVaultOptions,
  type Vault,
} from './vault';
export {
  MAX_SECRET_BYTES,
  encodeAccessRecord,
  decodeAccessRecord,
  decodeAccessEntry,
  type AccessTokenRecord,
} from './record';
export { describeStore, STORE_GNOME, STORE_KDE, STORE_MACOS, STORE_SECRET_SERVICE, STORE_WINDOWS } from './store-name';
export type { KeyringBackend, KeyringEntry } from './backend';
