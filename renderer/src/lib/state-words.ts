import { hasPermissionProblem } from '../../../electron/shared/permissions';
import type { PublicStatus } from '../../../electron/shared/state';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface StateWords {
  /** Short, for the header pill. */
  label: string;
  /** What the tray icon is showing, as a sentence. */
  tray: string;
  tone: Tone;
}

/** The connection state in the same words the tray uses (electron/main/tray-model.ts). */
export function stateWords(status: PublicStatus): StateWords {
  switch (status.state) {
    case 'connected':
      if (hasPermissionProblem(status))
        return {
          label: 'Permission missing',
          tone: 'warn',
          tray: 'The tray icon asks for attention: this connection is missing a permission.',
        };
      return status.expiresSoon
        ? {
            label: 'Expiring soon',
            tone: 'warn',
            tray: 'The tray icon asks for attention: the pasted token stops working soon.',
          }
        : { label: 'Connected', tone: 'ok', tray: 'The tray icon shows everything is working.' };
    case 'offline':
      return {
        label: 'Offline',
        tone: 'warn',
        tray: "The tray icon asks for attention: Dropbox can't be reached right now. Your connection is kept.",
      };
    case 'expired':
      return {
        label: 'Expired',
        tone: 'bad',
        tray: 'The tray icon shows you are disconnected: the pasted token has expired.',
      };
    case 'revoked':
      return { label: 'Disconnected by Dropbox', tone: 'bad', tray: 'The tray icon shows you are disconnected.' };
    case 'disconnected':
      return { label: 'Not connected', tone: 'idle', tray: 'The tray icon shows you are not connected.' };
  }
}

/** Connected or offline: a connection is saved and believed good, so the connected screens apply. */
export function isLinked(status: PublicStatus): boolean {
  return status.state === 'connected' || status.state === 'offline';
}

export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length >= 2 ? (words[0]?.[0] ?? '') + (words[words.length - 1]?.[0] ?? '') : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase() || '?';
}
