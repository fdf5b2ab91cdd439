import type { SettingsView } from '../../../electron/shared/views';

// The same limits main enforces (electron/shared/ipc-contract.ts), checked here first so the
// message can sit next to the field it is about.

export interface SettingsForm {
  appKey: string;
  redirectPort: string;
  checkIntervalMinutes: string;
  startAtLogin: boolean;
  notifications: boolean;
}

export type FieldErrors = Partial<Record<'appKey' | 'redirectPort' | 'checkIntervalMinutes', string>>;
export type SettingsPatch = Partial<Omit<SettingsView, 'redirectUri'>>;

export function toForm(view: SettingsView): SettingsForm {
  return {
    appKey: view.appKey,
    redirectPort: String(view.redirectPort),
    checkIntervalMinutes: String(view.checkIntervalMinutes),
    startAtLogin: view.startAtLogin,
    notifications: view.notifications,
  };
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * Field errors, or the patch holding only what changed. Unchanged fields are not judged: the
 * value in use may come from elsewhere (DTT_REDIRECT_PORT) and the user did not touch it.
 */
export function validate(form: SettingsForm, saved: SettingsView): { errors: FieldErrors; patch: SettingsPatch } {
  const errors: FieldErrors = {};
  const patch: SettingsPatch = {};
  const appKey = form.appKey.trim();
  if (appKey !== saved.appKey) {
    if (!/^[A-Za-z0-9]*$/.test(appKey) || appKey.length > 64)
      errors.appKey = 'Use letters and digits only, exactly as shown in the App Console.';
    else patch.appKey = appKey;
  }

  if (form.redirectPort.trim() !== String(saved.redirectPort)) {
    const port = wholeNumber(form.redirectPort);
    if (port === null || port < 1024 || port > 49151) errors.redirectPort = 'Enter a whole number from 1024 to 49151.';
    else if (port !== saved.redirectPort) patch.redirectPort = port;
  }

  if (form.checkIntervalMinutes.trim() !== String(saved.checkIntervalMinutes)) {
    const interval = wholeNumber(form.checkIntervalMinutes);
    if (interval === null || interval < 1 || interval > 1440)
      errors.checkIntervalMinutes = 'Enter a whole number of minutes from 1 to 1440 (one day).';
    else if (interval !== saved.checkIntervalMinutes) patch.checkIntervalMinutes = interval;
  }

  if (form.startAtLogin !== saved.startAtLogin) patch.startAtLogin = form.startAtLogin;
  if (form.notifications !== saved.notifications) patch.notifications = form.notifications;
  return { errors, patch };
}

/** Main's invalid-input detail names the field first ("redirectPort: …"); point at that field. */
export function fieldOf(detail: string | undefined): keyof FieldErrors | null {
  const match = /\b(appKey|redirectPort|checkIntervalMinutes)\b/.exec(detail ?? '');
  return (match?.[1] as keyof FieldErrors | undefined) ?? null;
}
