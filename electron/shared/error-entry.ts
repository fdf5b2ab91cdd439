// The shape of one catalog entry. Pure types: imported by the catalog's area files.

/** Where a message is shown: the terminal names the command, the window names the button. */
export type Surface = 'cli' | 'window';

export interface ErrorEntry {
  title: string;
  /** One explanation, in plain words. */
  explanation: string;
  /** What to do in the terminal: names the exact `dropbox-token-tray` command ({folder} = the project folder). */
  cli: string;
  /** What to do in the window: names the button or control. */
  window: string;
  /** For IT, only behind "More info" / --verbose: the technical words staff never need. */
  technical?: string;
}
