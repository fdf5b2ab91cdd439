// The keychain's name in plain words, per OS. Pure: used in messages, the doctor and the window.

export const STORE_MACOS = 'macOS Keychain';
export const STORE_WINDOWS = 'Windows Credential Manager';
export const STORE_GNOME = 'GNOME Keyring';
export const STORE_KDE = 'KDE Wallet';
/** Linux (and the BSDs) when the desktop does not tell which Secret Service provider runs. */
export const STORE_SECRET_SERVICE = 'Secret Service (GNOME Keyring / KWallet)';

type Env = Readonly<Record<string, string | undefined>>;

const GNOME_LIKE = /\b(gnome|unity|cinnamon|mate|budgie|pantheon|xfce|lxde|deepin|pop|ubuntu|x-cinnamon)\b/i;
const KDE = /\bkde\b/i;

/**
 * `platform` is `process.platform`. On Linux the Secret Service can be GNOME Keyring, KWallet or
 * something else: GNOME Keyring sets GNOME_KEYRING_CONTROL, and the desktop name hints at the rest.
 */
export function describeStore(platform: string, env: Env = {}): string {
  if (platform === 'darwin') return STORE_MACOS;
  if (platform === 'win32') return STORE_WINDOWS;
  if (env.GNOME_KEYRING_CONTROL) return STORE_GNOME;
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''} ${env.XDG_SESSION_DESKTOP ?? ''} ${env.DESKTOP_SESSION ?? ''}`;
  if (KDE.test(desktop)) return STORE_KDE;
  if (GNOME_LIKE.test(desktop)) return STORE_GNOME;
  return STORE_SECRET_SERVICE;
}

/** How messages name the store: on Linux, say it is the Secret Service, which is what the app talks to. */
export function storeLabel(storageName: string): string {
  if (storageName === STORE_GNOME) return 'GNOME Keyring (Secret Service)';
  if (storageName === STORE_KDE) return 'KDE Wallet (Secret Service)';
  return storageName;
}
