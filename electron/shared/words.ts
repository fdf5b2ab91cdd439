// The app's everyday words, defined once for the terminal, the tray and the window: how time
// left reads, what each connection state is called, and the product's name.
import { errorText, type ErrorKind, type Surface } from './error-catalog';
import { escapeControl } from './input-rules';
import { hasPermissionProblem } from './permissions';
import type { ConnectionState, PublicStatus } from './state';

export { PRODUCT_NAME as PRODUCT } from './app-identity';

const MINUTE = 60_000;

/** "3 h 12 min", "45 min", "less than a minute". Rounds down: a promise of time left must not overstate it. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  const totalMinutes = Math.floor(ms / MINUTE);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** Time until `iso`, in the same words everywhere (rounded down); null when there is no end. */
export function timeLeft(iso: string | null, now = Date.now()): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return null;
  return formatDuration(Math.max(0, ms));
}

/** "just now", "5 min ago", "2 h ago", or a date for anything older than a day. */
export function formatAgo(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return 'just now';
  if (ms < 24 * 60 * MINUTE) return `${formatDuration(ms)} ago`;
  return new Date(at).toLocaleString();
}

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface StateWords {
  /** Short, for the window's header pill. */
  label: string;
  /** One line saying where things stand: the tray's tooltip and menu header, the terminal's headline. */
  line: string;
  /** What the tray icon is showing, as a sentence (for the window). */
  tray: string;
  tone: Tone;
}

/**
 * The states without a working connection: each is its catalog error's title, with its own pill
 * label, tone and tray sentence. Only "offline" keeps the connection, so only it says it retries;
 * and only where that is true: the tray keeps checking, the terminal checks once and stops.
 */
const NOT_CONNECTED: Record<
  Exclude<ConnectionState, 'connected'>,
  { label: string; kind: ErrorKind; tone: Tone; tray: string; after?: Record<Surface, string> }
> = {
  offline: {
    label: 'Offline',
    kind: 'network-offline',
    after: { window: ' (will retry)', cli: ' right now' },
    tone: 'warn',
    tray: "The tray icon asks for attention: Dropbox can't be reached right now. Your connection is kept.",
  },
  expired: {
    label: 'Expired',
    kind: 'token-expired',
    tone: 'bad',
    tray: 'The tray icon shows you are disconnected: the pasted token has expired.',
  },
  revoked: {
    label: 'Disconnected by Dropbox',
    kind: 'token-revoked',
    tone: 'bad',
    tray: 'The tray icon shows you are disconnected.',
  },
  disconnected: {
    label: 'Not connected',
    kind: 'not-connected',
    tone: 'idle',
    tray: 'The tray icon shows you are not connected.',
  },
};

function notConnectedWords(state: Exclude<ConnectionState, 'connected'>, surface: Surface): StateWords {
  const { label, kind, tone, tray, after } = NOT_CONNECTED[state];
  return { label, line: `${errorText(kind, 'window').title}${after?.[surface] ?? ''}`, tone, tray };
}

/** The connection state in one set of words, for every surface ('window' = the tray and the window). */
export function stateWords(s: PublicStatus, now = Date.now(), surface: Surface = 'window'): StateWords {
  if (s.state !== 'connected') return notConnectedWords(s.state, surface);
  if (hasPermissionProblem(s))
    return {
      label: 'Permission missing',
      line: errorText('app-scope-missing', 'window').title,
      tone: 'warn',
      tray: 'The tray icon asks for attention: this connection is missing a permission.',
    };
  return s.expiresSoon
    ? {
        label: 'Expiring soon',
        line: `Token expires in ${timeLeft(s.accessTokenExpiresAt, now) ?? 'a short while'}`,
        tone: 'warn',
        tray: 'The tray icon asks for attention: the pasted token stops working soon.',
      }
    : {
        label: 'Connected',
        line: s.account ? `Connected as ${s.account.name}` : 'Connected',
        tone: 'ok',
        tray: 'The tray icon shows everything is working.',
      };
}

/** Connected or offline: a connection is saved and believed good ("linked"), so the connected screens apply. */
export function isLinked(status: PublicStatus): boolean {
  return status.state === 'connected' || status.state === 'offline';
}

/**
 * How long the connection lasts, said only while Dropbox still accepts it: "renews automatically"
 * only for a renewable connection, an end time only for a pasted token that still works.
 */
export function lifetimeLine(s: PublicStatus, now = Date.now()): string | null {
  if (!isLinked(s)) return null;
  if (s.renewable) return 'Renews automatically.';
  if (s.accessTokenExpiresAt) {
    const ms = Date.parse(s.accessTokenExpiresAt) - now;
    return ms > 0
      ? `This pasted token stops working in about ${formatDuration(ms)}.`
      : 'This pasted token has run out.';
  }
  return 'Long-lived token (does not expire).';
}

/**
 * A folder as staff read it: under their home folder it starts with `~`, as macOS's Go to Folder
 * and every terminal write it; anywhere else, and on Windows (where `~` means nothing), in full.
 * The full path stays the folder's identity: this is for showing only, so control, direction
 * and invisible characters in a name are shown as escapes (escapeControl).
 */
export function shownPath(dir: string, home: string, platform: string): string {
  const base = home.replace(/\/+$/, '');
  if (platform === 'win32' || base === '') return escapeControl(dir);
  if (dir === base) return '~';
  return escapeControl(dir.startsWith(`${base}/`) ? `~${dir.slice(base.length)}` : dir);
}
