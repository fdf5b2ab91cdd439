// What the stand-in remembers for assertions. Plain data only: specs compare these, and the
// no-token scan serialises them.

export interface MenuItemRecord {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItemRecord[];
}

export interface TrayRecord {
  /** Path of the image the tray shows now (nativeImage.createFromPath's argument). */
  icon: string;
  tooltip: string;
  menu: MenuItemRecord[];
  destroyed: boolean;
}

export interface NotificationRecord {
  title: string;
  body: string;
  shown: boolean;
  closed: boolean;
  clicked: boolean;
}

export type IpcDirection = 'renderer→main' | 'main→renderer';

export interface IpcRecord {
  direction: IpcDirection;
  /** invoke = a request; response = main's answer to it; event = webContents.send. */
  kind: 'invoke' | 'response' | 'event';
  channel: string;
  payload: unknown;
  /** The URL of the frame that sent an invoke; the page URL for responses and events. */
  frameUrl?: string;
  /** Events only: whether the page had the preload's listener installed to receive it. */
  delivered?: boolean;
}

export interface NavigationRecord {
  url: string;
  prevented: boolean;
}

export interface WindowOpenRecord {
  url: string;
  action: string;
}

/** Deep copy without functions, the way a menu template looks from outside. */
export function menuRecord(template: unknown[]): MenuItemRecord[] {
  return template.map((raw) => {
    const item = raw as Record<string, unknown>;
    const out: MenuItemRecord = {};
    for (const key of ['id', 'label', 'type', 'enabled', 'checked'] as const) {
      if (item[key] !== undefined) (out as Record<string, unknown>)[key] = item[key];
    }
    if (Array.isArray(item.submenu)) out.submenu = menuRecord(item.submenu);
    return out;
  });
}
