// What the tray shows, as plain data: the Electron glue in tray.ts only renders it, so every
// state can be tested without a display.
import { hasPermissionProblem } from '../shared/permissions';
import { PRODUCT, stateWords } from '../shared/words';
import type { PublicStatus } from '../shared/state';
import { escapeControl } from '../shared/input-rules';

export type TrayIcon = 'normal' | 'attention' | 'disconnected';

/** What a click on the tray (or one of its menu items) asks main to do. */
export type TrayAction =
  | { kind: 'open' }
  | { kind: 'connect' }
  | { kind: 'sync-all' }
  | { kind: 'sync'; path: string }
  | { kind: 'open-folder'; path: string }
  | { kind: 'start-at-login' }
  | { kind: 'quit' };

export type MenuItemSpec = {
  /** Unique within the menu; Electron's item id (the tests click by it). */
  id: string;
  label: string;
  enabled?: boolean;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  checked?: boolean;
  submenu?: MenuItemSpec[];
  /** What a click does; absent on the header, separators and submenus, which do nothing. */
  action?: TrayAction;
};

export interface TrayView {
  status: PublicStatus;
  syncing: boolean;
  /** A notification could not be shown; cleared when the window opens. */
  missedNotice?: boolean;
  startAtLogin: boolean;
  projects: Array<{ path: string; name: string }>;
}

export { PRODUCT };
// Windows keeps tray tooltips in NOTIFYICONDATA.szTip: 128 UTF-16 units including the NUL.
const TOOLTIP_MAX = 127;

export function trayIconFor(s: PublicStatus): TrayIcon {
  switch (s.state) {
    case 'connected':
      return s.expiresSoon || hasPermissionProblem(s) ? 'attention' : 'normal';
    case 'offline':
      return 'attention';
    default:
      return 'disconnected';
  }
}

/** The icon for the whole view: a notification that couldn't be shown raises attention. */
export function trayIconForView(v: TrayView): TrayIcon {
  const icon = trayIconFor(v.status);
  return v.missedNotice && icon === 'normal' ? 'attention' : icon;
}

/** One short line saying where things stand; the tooltip and the menu header share it. */
function stateLine(s: PublicStatus, now: number): string {
  const { line } = stateWords(s, now);
  // The menu right below offers the way back, so the line points at it.
  return s.state === 'revoked' || s.state === 'expired' ? `${line}: reconnect` : line;
}

export function tooltipFor(s: PublicStatus, now = Date.now()): string {
  const text = `${PRODUCT} — ${stateLine(s, now)}`;
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text;
}

// Electron reads a single "&" as a Windows access-key marker and drops it; "&&" shows one
// (electron/electron#9584). Names come from users and Dropbox, so escape them.
function literal(text: string): string {
  return escapeControl(text).replaceAll('&', '&&');
}

function connectLabel(s: PublicStatus): string | null {
  switch (s.state) {
    case 'disconnected':
      return 'Connect Dropbox…';
    case 'connected':
      // A pasted token can't renew itself; signing in with the browser gives one that can.
      return s.expiresSoon ? 'Connect with the browser…' : null;
    default:
      return 'Reconnect…';
  }
}

const separator = (n: number): MenuItemSpec => ({ id: `separator-${n}`, label: '', type: 'separator' });

/**
 * The tray menu. Each clickable item carries its action, so main switches on a typed union
 * instead of parsing ids (a project path may hold any character, ':' included). "Open" and "Quit" are always there:
 * on Linux a click on the icon usually just opens this menu (electron/electron#37112), so the
 * menu is the only reliable way back to the window.
 */
export function menuFor(view: TrayView, now = Date.now()): MenuItemSpec[] {
  const { status } = view;
  const items: MenuItemSpec[] = [{ id: 'header', label: literal(stateLine(status, now)), enabled: false }];
  const connect = connectLabel(status);
  if (connect) items.push({ id: 'connect', label: connect, action: { kind: 'connect' } });

  // Without a working token there is nothing to write; while syncing, one run at a time.
  const haveToken = status.state === 'connected' || status.state === 'offline';
  const canSync = haveToken && !view.syncing;
  items.push(separator(1));
  items.push({
    id: 'sync-all',
    label: view.syncing ? 'Syncing…' : 'Sync all projects',
    enabled: canSync && view.projects.length > 0,
    action: { kind: 'sync-all' },
  });
  for (const p of view.projects) {
    items.push({
      id: `project:${p.path}`,
      label: literal(p.name),
      type: 'submenu',
      submenu: [
        { id: `sync:${p.path}`, label: 'Sync now', enabled: canSync, action: { kind: 'sync', path: p.path } },
        { id: `open:${p.path}`, label: 'Open folder', action: { kind: 'open-folder', path: p.path } },
      ],
    });
  }

  items.push(separator(2));
  items.push({ id: 'open', label: `Open ${PRODUCT}…`, action: { kind: 'open' } });
  items.push({
    id: 'start-at-login',
    label: 'Start at login',
    type: 'checkbox',
    checked: view.startAtLogin,
    action: { kind: 'start-at-login' },
  });
  items.push(separator(3));
  items.push({ id: 'quit', label: `Quit ${PRODUCT}`, action: { kind: 'quit' } });
  return items;
}
