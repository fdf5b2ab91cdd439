import type {
  ElectronApi,
  MainNotification,
  MainTray,
  NotificationEvents,
  TrayEvents,
  TrayMenu,
  TrayMenuItem,
} from '../../../electron/main/electron-api';
import type { StandInContext } from './context';
import type { ImageStandIn } from './app-modules';
import { menuRecord, type NotificationRecord, type TrayRecord } from './records';
import { cancellable } from './app-modules';
import { checkEvent, Listeners, strict } from './strict';

// Tray, Menu and Notification. Each keeps its record in the shared context so specs can read
// what the user would see without a display.

type Template = TrayMenuItem;
// Exactly the fields main's type lets it set; anything else is a template main no longer types.
const ITEM_KEYS: ReadonlySet<string> = new Set<keyof TrayMenuItem>([
  'id',
  'label',
  'type',
  'enabled',
  'checked',
  'submenu',
  'click',
]);
const ITEM_TYPES = new Set(['normal', 'separator', 'checkbox', 'radio', 'submenu']);

function checkTemplate(template: readonly Template[], where = 'Menu.buildFromTemplate'): void {
  for (const item of template) {
    for (const key of Object.keys(item))
      if (!ITEM_KEYS.has(key)) throw new Error(`electron stand-in does not model menu item option "${key}" (${where})`);
    if (item.type !== undefined && !ITEM_TYPES.has(item.type)) throw new Error(`unknown menu item type ${item.type}`);
    if (item.click !== undefined && typeof item.click !== 'function')
      throw new Error(`menu item ${String(item.id)}: click must be a function`);
    if (item.submenu) checkTemplate(item.submenu, where);
  }
}

export class MenuStandIn implements TrayMenu {
  constructor(readonly template: Template[]) {}

  static buildFromTemplate(template: Template[]): MenuStandIn {
    checkTemplate(template);
    return strict('Menu', new MenuStandIn(template));
  }

  /** Depth-first, like Menu.getMenuItemById. */
  find(id: string, items: Template[] = this.template): Template | undefined {
    for (const item of items) {
      if (item.id === id) return item;
      const inner = item.submenu ? this.find(id, item.submenu) : undefined;
      if (inner) return inner;
    }
    return undefined;
  }

  /** What a user's click does: only enabled items with a click handler react. */
  click(id: string): void {
    const item = this.find(id);
    if (!item) throw new Error(`no menu item with id "${id}" (ids: ${this.ids().join(', ')})`);
    if (item.enabled === false) throw new Error(`menu item "${id}" is disabled: a user can't click it`);
    if (typeof item.click !== 'function') throw new Error(`menu item "${id}" has no click handler`);
    if (item.type === 'checkbox') item.checked = !item.checked;
    item.click();
  }

  ids(items: Template[] = this.template): string[] {
    return items.flatMap((i) => [
      ...(typeof i.id === 'string' ? [i.id] : []),
      ...(i.submenu ? this.ids(i.submenu) : []),
    ]);
  }
}

export interface TrayStandIn {
  readonly record: TrayRecord;
  readonly listeners: Listeners<TrayEvents>;
  menu: MenuStandIn | null;
}

export interface NotificationStandIn {
  readonly record: NotificationRecord;
  userClick(): void;
  dismiss(): void;
}

const TRAY_EVENTS: readonly (keyof TrayEvents)[] = ['click'];

export function trayClass(ctx: StandInContext) {
  return class Tray implements TrayStandIn, MainTray {
    readonly record: TrayRecord;
    readonly listeners = new Listeners<TrayEvents>();
    menu: MenuStandIn | null = null;

    constructor(image: ImageStandIn) {
      this.record = { icon: imagePath(image), tooltip: '', menu: [], destroyed: false };
      ctx.trays.push(this.record);
      const self = strict('Tray', this);
      ctx.trayObjects.push(self);
      return self;
    }

    setImage(image: ImageStandIn): void {
      this.alive();
      this.record.icon = imagePath(image);
    }

    setToolTip(text: string): void {
      this.alive();
      this.record.tooltip = text;
    }

    setContextMenu(menu: MenuStandIn | null): void {
      this.alive();
      this.menu = menu;
      this.record.menu = menu ? menuRecord(menu.template) : [];
    }

    on(event: string, listener: (...args: never[]) => void): this {
      checkEvent('Tray', event, TRAY_EVENTS);
      this.listeners.add(event, listener);
      return this;
    }

    destroy(): void {
      this.record.destroyed = true;
    }

    isDestroyed(): boolean {
      return this.record.destroyed;
    }

    private alive(): void {
      if (this.record.destroyed) throw new Error('Tray used after destroy()');
    }
  };
}

function imagePath(image: ImageStandIn): string {
  if (!image || typeof image.path !== 'string')
    throw new Error('Tray images must come from nativeImage.createFromPath');
  return image.path;
}

const NOTIFICATION_EVENTS: readonly (keyof NotificationEvents)[] = ['click', 'close', 'failed'];
// What main sets. Electron also emits 'failed' on Linux (libnotify's show failing), though its
// docs tag the event macOS and Windows.
const NOTIFICATION_KEYS: ReadonlySet<string> = new Set<keyof NotificationOptions>(['title', 'body']);
type NotificationOptions = ConstructorParameters<ElectronApi['Notification']>[0];

export function notificationClass(ctx: StandInContext) {
  return class Notification implements NotificationStandIn, MainNotification {
    static isSupported(): boolean {
      return ctx.notificationsSupported;
    }

    readonly record: NotificationRecord;
    readonly listeners = new Listeners<NotificationEvents>();

    constructor(options: NotificationOptions) {
      for (const key of Object.keys(options))
        if (!NOTIFICATION_KEYS.has(key))
          throw new Error(`electron stand-in does not model Notification option "${key}"`);
      this.record = {
        title: String(options.title ?? ''),
        body: String(options.body ?? ''),
        shown: false,
        closed: false,
        clicked: false,
      };
      return strict('Notification', this);
    }

    on(event: string, listener: (...args: never[]) => void): this {
      checkEvent('Notification', event, NOTIFICATION_EVENTS);
      this.listeners.add(event, listener);
      return this;
    }

    show(): void {
      if (ctx.notificationFailure !== null) {
        this.listeners.emit('failed', cancellable(), ctx.notificationFailure);
        return;
      }
      if (!this.record.shown) {
        ctx.notifications.push(this.record);
        ctx.notificationObjects.push(this);
      }
      this.record.shown = true;
    }

    close(): void {
      this.dismiss();
    }

    /** The user clicked it; most desktops also take it off screen. */
    userClick(): void {
      if (!this.record.shown || this.record.closed)
        throw new Error(`notification "${this.record.title}" is not on screen`);
      this.record.clicked = true;
      this.listeners.emit('click');
    }

    dismiss(): void {
      if (this.record.closed) return;
      this.record.closed = true;
      this.listeners.emit('close');
    }
  };
}
