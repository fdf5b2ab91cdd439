// The words of each notification, as plain data. Where the shared error catalog already has
// the sentence, it is used, so a notification never contradicts the window or the CLI.
import type { Incident } from '../core/monitor';
import { errorText } from '../shared/error-catalog';
import { timeLeft } from '../shared/words';
import { escapeControl } from '../shared/input-rules';

export interface NotificationSpec {
  title: string;
  body: string;
  /** What a click on the notification does. */
  action: 'reconnect' | 'open-window';
}

const SHOWN_FILES = 3;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function fileList(files: string[]): string {
  const shown = files.slice(0, SHOWN_FILES).map(escapeControl).join(', ');
  const more = files.length - SHOWN_FILES;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

export function notificationFor(incident: Incident, now = Date.now()): NotificationSpec {
  switch (incident.kind) {
    case 'revoked':
      return {
        title: `${errorText('token-revoked', 'window').title}.`,
        body: 'Click to reconnect.',
        action: 'reconnect',
      };
    case 'expired':
      return {
        title: 'Your Dropbox token has expired',
        body: `${errorText('token-expired', 'window').explanation} Click to reconnect.`,
        action: 'reconnect',
      };
    case 'expiring-soon': {
      return {
        title: `Your pasted Dropbox token stops working in ${timeLeft(incident.expiresAt, now) ?? 'a short while'}`,
        body: 'Click to connect with the browser so it renews itself.',
        action: 'reconnect',
      };
    }
    case 'projects-updated':
      return {
        title: `${plural(incident.count, 'project', 'projects')} updated`,
        body: incident.count === 1 ? 'It now has the new Dropbox token.' : 'They now have the new Dropbox token.',
        action: 'open-window',
      };
    case 'account-changed':
      return { title: `Now connected as ${incident.now}`, body: `Before: ${incident.before}.`, action: 'open-window' };
    case 'sync-failed': {
      const { files } = incident;
      if (files.length === 0)
        return { title: "Couldn't update your projects", body: 'Click to see what went wrong.', action: 'open-window' };
      return {
        title:
          files.length === 1
            ? `Couldn't update ${escapeControl(files[0]!)}`
            : `Couldn't update ${plural(files.length, 'file', 'files')}`,
        body: `${files.length === 1 ? 'It still has' : `${fileList(files)} still have`} the old Dropbox token. Click to see why.`,
        action: 'open-window',
      };
    }
  }
}
