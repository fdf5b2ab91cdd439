// The words a project's target is described in, defined once: the settings file, the IPC
// contract, the window's views, the CLI's --format and the format editors all derive from these.

/** The config-file formats the app can write a token into (one editor each). */
export const FORMAT_NAMES = ['dotenv', 'json', 'yaml', 'python'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What one sync did to one file. */
export type SyncOutcome = 'updated' | 'current' | 'skipped' | 'failed';

/** A file's last recorded result: a sync's outcome, or blanked on disconnect, or restored by undo. */
export type LastOutcome = SyncOutcome | 'blanked' | 'undone';
