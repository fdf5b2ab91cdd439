import type { SettingsView } from '../../shared/views';
import { redirectUriFor } from '../signin/loopback';
import type { Settings } from '../settings';

/** What the window's settings page shows, in one place for every shell. */
export function settingsView(settings: Settings): SettingsView {
  return {
    appKey: settings.appKey(),
    redirectPort: settings.redirectPort(),
    redirectUri: redirectUriFor(settings.redirectPort()),
    checkIntervalMinutes: settings.get('checkIntervalMinutes'),
    startAtLogin: settings.get('startAtLogin'),
    notifications: settings.get('notifications'),
    fromEnvironment: settings.fromEnvironment(),
  };
}

export type SettingsPatch = Partial<Omit<SettingsView, 'redirectUri' | 'fromEnvironment'>>;

/** Stores each field the patch names; the caller applies side effects (start at login) first. */
export function applySettings(settings: Settings, patch: SettingsPatch): void {
  if (patch.appKey !== undefined) settings.set('appKey', patch.appKey);
  if (patch.redirectPort !== undefined) settings.set('redirectPort', patch.redirectPort);
  if (patch.checkIntervalMinutes !== undefined) settings.set('checkIntervalMinutes', patch.checkIntervalMinutes);
  if (patch.notifications !== undefined) settings.set('notifications', patch.notifications);
  if (patch.startAtLogin !== undefined) settings.set('startAtLogin', patch.startAtLogin);
}
