import { escapeControl } from '../../../electron/shared/input-rules';

/**
 * A project or file name as the window shows or announces it. Folder and file names come from
 * the user's disk and may hold control, zero-width or right-to-left override characters that make
 * one name look like another (`invoice\u202Eyp.cod` reads "invoicedoc.py"); they are shown
 * escaped, as the CLI does. Only for display: the raw name or path stays what is sent back to main.
 */
export function shownName(name: string): string {
  return escapeControl(name);
}
