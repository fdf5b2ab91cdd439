// Maps what the native keyring library throws to the two keychain error kinds, with a detail that
// names the store and says what to do. Pure: unit-tested with the library's real messages.
import { DttError } from '../errors';
import { redactText } from '../../shared/redact';
import { STORE_GNOME, STORE_MACOS, STORE_WINDOWS, storeLabel } from './store-name';

/** Our own guard fired: the native call did not finish in time (usually: an unlock prompt is waiting). */
export class KeychainTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the keychain did not answer within ${timeoutMs} ms`);
    this.name = 'KeychainTimeout';
  }
}

export interface KeychainErrorContext {
  storageName: string;
  platform: string;
  /** Secrets involved in the call, removed from any library text. */
  known?: readonly string[];
}

const LOCKED =
  /prompt was dismissed|\bdismissed\b|not unlocked|could not unlock|failed to unlock|\bis locked\b|\blocked\b|IsLocked|interaction is not allowed|-25308|user cancel+ed|-25293|errSecAuthFailed|ERROR_CANCELLED/i;
const NO_BUS =
  /failed to connect to socket|autolaunch|DBUS_SESSION_BUS_ADDRESS|connection refused|no such file or directory|\bdisconnected\b|not connected/i;
const NO_SERVICE = /not provided by any \.service files|ServiceUnknown|NameHasNoOwner|no such name/i;
const NO_REPLY = /did not receive a reply|NoReply|timed? ?out/i;
const NO_DEFAULT_COLLECTION = /no result found|no such object|UnknownObject|default collection/i;

/** Every message in an error and its `cause` chain, one line. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    if (current instanceof Error) {
      if (current.message && !parts.includes(current.message)) parts.push(current.message);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' / ');
}

function unlockHint(storageName: string): string {
  if (storageName === STORE_MACOS)
    return 'Unlock it (log in again, or unlock the "login" keychain in Keychain Access), then try again.';
  if (storageName === STORE_WINDOWS) return 'Sign in to Windows again, then try again.';
  if (storageName === STORE_GNOME)
    return 'Unlock it (log in again, or unlock the "Login" keyring in Passwords and Keys), then try again.';
  return 'Unlock your keyring (log in again, or unlock it in your keyring app), then try again.';
}

/** A DttError for a failed keychain call. Never contains a token: library text is redacted. */
export function toKeychainError(error: unknown, ctx: KeychainErrorContext): DttError {
  if (error instanceof DttError) return error;
  const label = storeLabel(ctx.storageName);
  const raw = errorText(error);
  const safe = redactText(raw, ctx.known ?? []);
  const cause = new Error(safe);
  const linuxLike = ctx.platform !== 'darwin' && ctx.platform !== 'win32';

  if (error instanceof KeychainTimeout || (error instanceof Error && error.name === 'AbortError')) {
    const seconds = Math.round((error instanceof KeychainTimeout ? error.timeoutMs : 10_000) / 100) / 10;
    return new DttError(
      'keychain-locked',
      `${label} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. It is probably waiting for you to unlock it: look for a password prompt. ${unlockHint(ctx.storageName)}`,
      { cause },
    );
  }
  if (LOCKED.test(raw)) {
    return new DttError(
      'keychain-locked',
      `${label} is locked, and the request to unlock it was dismissed or could not be shown. ${unlockHint(ctx.storageName)}`,
      { cause },
    );
  }
  if (linuxLike && NO_SERVICE.test(raw)) {
    return new DttError(
      'keychain-unavailable',
      `${label} is not running: no keyring service answers on the D-Bus session. Log in to a desktop session or start gnome-keyring, then try again.`,
      { cause },
    );
  }
  if (linuxLike && NO_BUS.test(raw)) {
    return new DttError(
      'keychain-unavailable',
      `${label} is not running or not reachable: no D-Bus session. Log in to a desktop session or start gnome-keyring, then try again.`,
      { cause },
    );
  }
  if (NO_REPLY.test(raw)) {
    return new DttError(
      'keychain-unavailable',
      `${label} is not responding. Log out and back in (or restart your keyring service), then try again.`,
      { cause },
    );
  }
  if (linuxLike && NO_DEFAULT_COLLECTION.test(raw)) {
    return new DttError(
      'keychain-unavailable',
      `${label} has no default keyring to save into. Open Passwords and Keys, create a keyring named "Login" and make it the default, then try again.`,
      { cause },
    );
  }
  return new DttError('keychain-unavailable', `${label} refused the request (${safe || 'no reason given'}).`, {
    cause,
  });
}
