// The bounds of the numeric and text settings: the rules in settings-rules.ts and the settings
// file's schema (core/settings-schema.ts) both use them. Plain data, so the CLI's quick status
// reader can check the file against the schema without loading the rules' validator.

export const SETTING_LIMITS = {
  appKeyMaxLength: 64,
  redirectPort: { min: 1024, max: 65535 },
  checkIntervalMinutes: { min: 1, max: 1440 },
} as const;
