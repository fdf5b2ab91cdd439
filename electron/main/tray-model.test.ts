import { describe, expect, it } from 'vitest';
import type { ConnectionState, PublicStatus } from '../shared/state';
import {
  connected,
  disconnected,
  expired,
  expiringSoon,
  offline,
  revoked,
  statusOf,
} from '../../test/support/statuses';
import { menuFor, tooltipFor, trayIconFor, trayIconForView, type MenuItemSpec, type TrayView } from './tray-model';

const now = Date.parse('2030-01-01T12:00:00.000Z');
const soon = expiringSoon(new Date(now + 24.5 * 60_000).toISOString());
const all: Record<ConnectionState | 'expiring', PublicStatus> = {
  connected,
  expiring: soon,
  offline,
  revoked,
  expired,
  disconnected,
};
const projects = [
  { path: '/home/dana/app', name: 'app' },
  { path: '/home/dana/R&D', name: 'R&D' },
];

function view(status: PublicStatus, over: Partial<TrayView> = {}): TrayView {
  return { status, syncing: false, startAtLogin: false, projects, ...over };
}
function item(menu: MenuItemSpec[], id: string): MenuItemSpec | undefined {
  return menu.flatMap((m) => [m, ...(m.submenu ?? [])]).find((m) => m.id === id);
}

describe('trayIconForView', () => {
  it('raises attention for a notification that could not be shown, never hiding a worse state', () => {
    expect(trayIconForView(view(connected, { missedNotice: true }))).toBe('attention');
    expect(trayIconForView(view(connected))).toBe('normal');
    expect(trayIconForView(view(revoked, { missedNotice: true }))).toBe('disconnected');
  });
});

describe('trayIconFor', () => {
  it('maps every state to its icon', () => {
    expect(trayIconFor(connected)).toBe('normal');
    expect(trayIconFor(soon)).toBe('attention');
    expect(trayIconFor(offline)).toBe('attention');
    expect(trayIconFor(revoked)).toBe('disconnected');
    expect(trayIconFor(expired)).toBe('disconnected');
    expect(trayIconFor(disconnected)).toBe('disconnected');
  });
  it('asks for attention when the connection lacks a file permission', () => {
    const limited = { ...connected, problem: 'app-scope-missing', scopes: ['files.content.read'] };
    expect(trayIconFor(limited)).toBe('attention');
    expect(tooltipFor(limited, now)).toContain('lacks a permission');
  });
});

describe('tooltipFor', () => {
  it('says where things stand in plain words', () => {
    expect(tooltipFor(connected, now)).toBe('Dropbox Token Tray — Connected as Dana Okafor');
    expect(tooltipFor(soon, now)).toBe('Dropbox Token Tray — Token expires in 24 min');
    expect(tooltipFor(offline, now)).toBe("Dropbox Token Tray — Can't reach Dropbox (will retry)");
    expect(tooltipFor(revoked, now)).toBe('Dropbox Token Tray — Dropbox disconnected this app: reconnect');
    expect(tooltipFor(expired, now)).toBe('Dropbox Token Tray — The token has expired: reconnect');
    expect(tooltipFor(disconnected, now)).toBe('Dropbox Token Tray — Not connected to Dropbox');
  });

  it('fits the Windows tooltip limit', () => {
    const long = statusOf({ account: { name: 'x'.repeat(300), email: 'x@example.com', accountId: 'dbid:x' } });
    expect(tooltipFor(long, now).length).toBeLessThanOrEqual(127);
  });
});

describe('menuFor', () => {
  it.each(Object.entries(all))('always offers Open and Quit (%s)', (_, status) => {
    for (const v of [view(status), view(status, { projects: [] }), view(status, { syncing: true })]) {
      const menu = menuFor(v, now);
      expect(item(menu, 'open')).toMatchObject({ label: 'Open Dropbox Token Tray…' });
      expect(item(menu, 'quit')?.enabled ?? true).toBe(true);
      expect(menu.at(-1)?.id).toBe('quit');
    }
  });

  it('heads the menu with who is connected or what is wrong, disabled', () => {
    expect(menuFor(view(connected), now)[0]).toEqual({
      id: 'header',
      label: 'Connected as Dana Okafor',
      enabled: false,
    });
    expect(menuFor(view(revoked), now)[0]?.label).toBe('Dropbox disconnected this app: reconnect');
    expect(menuFor(view(soon), now)[0]?.label).toBe('Token expires in 24 min');
  });

  it('labels the connect item per state', () => {
    const label = (s: PublicStatus) => item(menuFor(view(s), now), 'connect')?.label;
    expect(label(disconnected)).toBe('Connect Dropbox…');
    expect(label(revoked)).toBe('Reconnect…');
    expect(label(expired)).toBe('Reconnect…');
    expect(label(offline)).toBe('Reconnect…');
    expect(label(soon)).toBe('Connect with the browser…');
    expect(label(connected)).toBeUndefined();
  });

  it('enables syncing only with projects, a token, and no sync running', () => {
    const syncAll = (v: TrayView) => item(menuFor(v, now), 'sync-all');
    expect(syncAll(view(connected))).toMatchObject({ label: 'Sync all projects', enabled: true });
    expect(syncAll(view(offline))?.enabled).toBe(true);
    expect(syncAll(view(connected, { projects: [] }))?.enabled).toBe(false);
    expect(syncAll(view(connected, { syncing: true }))).toMatchObject({ label: 'Syncing…', enabled: false });
    for (const s of [disconnected, revoked, expired]) expect(syncAll(view(s))?.enabled).toBe(false);
    expect(item(menuFor(view(revoked), now), 'sync:/home/dana/app')?.enabled).toBe(false);
  });

  it('gives each project a submenu whose ids carry its path', () => {
    const menu = menuFor(view(connected), now);
    expect(item(menu, 'project:/home/dana/app')?.submenu?.map((m) => m.id)).toEqual([
      'sync:/home/dana/app',
      'open:/home/dana/app',
    ]);
    // "&" would otherwise be eaten as a Windows access key.
    expect(item(menu, 'project:/home/dana/R&D')?.label).toBe('R&&D');
    expect(item(menu, 'open:/home/dana/R&D')?.enabled ?? true).toBe(true);
  });

  it('shows start-at-login as a checkbox', () => {
    expect(item(menuFor(view(connected, { startAtLogin: true }), now), 'start-at-login')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
    expect(item(menuFor(view(connected), now), 'start-at-login')?.checked).toBe(false);
  });

  it('uses unique ids', () => {
    const ids = menuFor(view(connected), now).flatMap((m) => [m.id, ...(m.submenu ?? []).map((s) => s.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('menu actions', () => {
  const flat = (menu: MenuItemSpec[]) => menu.flatMap((m) => [m, ...(m.submenu ?? [])]);
  // Inert: the header says where things stand; separators and submenus only hold others.
  const inert = (m: MenuItemSpec) => m.type === 'separator' || m.type === 'submenu' || m.id === 'header';

  it('every clickable item carries an action, in every state, syncing or not', () => {
    for (const status of Object.values(all)) {
      for (const syncing of [false, true]) {
        for (const m of flat(menuFor(view(status, { syncing }), now))) {
          if (inert(m)) expect(m.action, m.id).toBeUndefined();
          else expect(m.action, m.id).toBeDefined();
        }
      }
    }
  });

  it('maps each fixed item to its own kind', () => {
    const menu = flat(menuFor(view(disconnected), now));
    const kinds = Object.fromEntries(menu.filter((m) => m.action).map((m) => [m.id, m.action!.kind]));
    expect(kinds).toMatchObject({
      connect: 'connect',
      'sync-all': 'sync-all',
      open: 'open',
      'start-at-login': 'start-at-login',
      quit: 'quit',
    });
  });

  it("keeps a project's whole path in its actions, ':' and all", () => {
    const odd = [
      { path: 'C:\\Users\\dana\\app', name: 'app' },
      { path: '/home/dana/sync:open:a', name: 'sync:open:a' },
    ];
    const menu = flat(menuFor(view(connected, { projects: odd }), now));
    for (const p of odd) {
      expect(item(menu, `sync:${p.path}`)?.action).toEqual({ kind: 'sync', path: p.path });
      expect(item(menu, `open:${p.path}`)?.action).toEqual({ kind: 'open-folder', path: p.path });
    }
    // Two projects, two of each: no path was cut short into another's.
    expect(menu.filter((m) => m.action?.kind === 'sync')).toHaveLength(2);
    expect(menu.filter((m) => m.action?.kind === 'open-folder')).toHaveLength(2);
  });
});
