import { settingProblem, wholeNumberText } from '../../../electron/shared/settings-rules';
import type { SettingsView } from '../../../electron/shared/views';

// The rules main enforces (electron/shared/settings-rules.ts, through the IPC contract), checked
// here first so the message can sit next to the field it is about.

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

/**
 * Field errors, or the patch holding only what changed. Unchanged fields are not judged: the
 * value in use may come from elsewhere (DTT_REDIRECT_PORT) and the user did not touch it.
 */
export function validate(form: SettingsForm, saved: SettingsView): { errors: FieldErrors; patch: SettingsPatch } {
  const errors: FieldErrors = {};
  const patch: SettingsPatch = {};
  const appKey = form.appKey.trim();
  if (appKey !== saved.appKey) {
    const problem = settingProblem('appKey', appKey);
    if (problem) errors.appKey = problem;
    else patch.appKey = appKey;
  }
  for (const field of ['redirectPort', 'checkIntervalMinutes'] as const) {
    if (form[field].trim() === String(saved[field])) continue;
    const value = wholeNumberText(form[field]);
    const problem = settingProblem(field, value);
    if (problem) errors[field] = problem;
    else if (value !== saved[field]) patch[field] = value;
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
