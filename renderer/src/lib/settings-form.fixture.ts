// Test data only (imported by settings-form.test.ts and electron/shared/settings-rules.test.ts,
// never by the window): the saved settings as main sends them, and the form showing them.

export const SAVED_SETTINGS = {
  appKey: 'abc123',
  redirectPort: 17345,
  redirectUri: 'http://127.0.0.1:17345/callback',
  checkIntervalMinutes: 15,
  startAtLogin: false,
  notifications: true,
  fromEnvironment: [] as Array<'appKey' | 'redirectPort'>,
};

export const SAVED_FORM = {
  appKey: 'abc123',
  redirectPort: '17345',
  checkIntervalMinutes: '15',
  startAtLogin: false,
  notifications: true,
};
