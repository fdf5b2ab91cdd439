import * as z from 'zod/mini';
import { SETTING_LIMITS } from './setting-limits';

// The one definition of what a setting may hold, with the words that say so. The settings
// store checks every write with it, the IPC contract validates the window's requests with it,
// the CLI's `config` and the window's form show its messages. zod/mini keeps the window's
// bundle small (a few KB) and mixes with the full zod the IPC contract uses.

export { SETTING_LIMITS };

const { redirectPort: port, checkIntervalMinutes: interval } = SETTING_LIMITS;

export const SETTING_MESSAGES = {
  appKey: 'Use letters and digits only, exactly as shown in the App Console.',
  appKeyLength: `That is longer than an app key (at most ${SETTING_LIMITS.appKeyMaxLength} characters); copy it exactly as shown in the App Console.`,
  redirectPort: `Enter a whole number from ${port.min} to ${port.max}.`,
  checkIntervalMinutes: `Enter a whole number of minutes from ${interval.min} to ${interval.max} (one day).`,
  onOff: 'Choose on or off.',
} as const;

const M = SETTING_MESSAGES;

const wholeNumberIn = (range: { min: number; max: number }, message: string) =>
  z.number(message).check(z.int(message), z.minimum(range.min, message), z.maximum(range.max, message));

/** Each user setting's rule; an empty app key means "not set". */
export const SETTING_RULES = {
  appKey: z
    .string(M.appKey)
    .check(z.maxLength(SETTING_LIMITS.appKeyMaxLength, M.appKeyLength), z.regex(/^[A-Za-z0-9]*$/, M.appKey)),
  redirectPort: wholeNumberIn(port, M.redirectPort),
  checkIntervalMinutes: wholeNumberIn(interval, M.checkIntervalMinutes),
  notifications: z.boolean(M.onOff),
  startAtLogin: z.boolean(M.onOff),
};

export type UserSettingName = keyof typeof SETTING_RULES;
export type UserSettings = { [K in UserSettingName]: z.infer<(typeof SETTING_RULES)[K]> };

/** A change to some settings (the IPC request's shape): each field optional, nothing else allowed. */
export const SETTINGS_PATCH_SHAPE = {
  appKey: z.optional(SETTING_RULES.appKey),
  redirectPort: z.optional(SETTING_RULES.redirectPort),
  checkIntervalMinutes: z.optional(SETTING_RULES.checkIntervalMinutes),
  notifications: z.optional(SETTING_RULES.notifications),
  startAtLogin: z.optional(SETTING_RULES.startAtLogin),
};

export const isUserSetting = (name: PropertyKey): name is UserSettingName =>
  typeof name === 'string' && Object.hasOwn(SETTING_RULES, name);

/** What is wrong with `value` for setting `name`, in the words the window and the CLI show; null when fine. */
export function settingProblem(name: UserSettingName, value: unknown): string | null {
  const result = z.safeParse(SETTING_RULES[name], value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'That value is not allowed.');
}

/** A number typed as text: NaN unless it is all digits, so the rule's message applies. */
export function wholeNumberText(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}
