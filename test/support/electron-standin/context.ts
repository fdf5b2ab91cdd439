import type { Browser } from 'playwright-core';
import type { NotificationStandIn, TrayStandIn } from './tray-menu';
import type { IpcRecord, NavigationRecord, NotificationRecord, TrayRecord, WindowOpenRecord } from './records';

/** The state every stand-in module shares: what was recorded and how to reach Chromium. */
export interface StandInContext {
  platform: NodeJS.Platform;
  browser(): Promise<Browser>;
  trays: TrayRecord[];
  trayObjects: TrayStandIn[];
  notifications: NotificationRecord[];
  /** Parallel to notifications: the objects, to click or dismiss. */
  notificationObjects: NotificationStandIn[];
  ipcLog: IpcRecord[];
  navigations: NavigationRecord[];
  windowOpens: WindowOpenRecord[];
  openedUrls: string[];
  openedPaths: string[];
  /** URLs main fetched through net.fetch, in order. */
  netFetches: string[];
  loginItemSettings: unknown[];
  /** webPreferences of every BrowserWindow created, in order. */
  webPreferences: Array<Record<string, unknown>>;
  /**
   * Failures that happen off the caller's stack (an event that could not be delivered, a
   * popup the stand-in does not model). Specs assert this stays empty.
   */
  faults: string[];
  online: boolean;
  notificationsSupported: boolean;
  dialogAnswers: Array<{ canceled: boolean; filePaths: string[] }>;
  /** dialog.showErrorBox calls, in order. */
  errorBoxes: Array<{ title: string; content: string }>;
  messageBoxes: Array<{ message: string; detail: string }>;
  appUserModelIds: string[];
  /** What macOS answers for a login item that was switched on. */
  loginItemStatusWhenOn: 'enabled' | 'requires-approval' | 'not-found';
  /** When set, Notification.show() fails with this text ('failed' event) and shows nothing. */
  notificationFailure: string | null;
}

export function newContext(browser: () => Promise<Browser>, platform: NodeJS.Platform): StandInContext {
  return {
    platform,
    browser,
    trays: [],
    trayObjects: [],
    notifications: [],
    notificationObjects: [],
    ipcLog: [],
    navigations: [],
    windowOpens: [],
    openedUrls: [],
    openedPaths: [],
    netFetches: [],
    loginItemSettings: [],
    webPreferences: [],
    faults: [],
    online: true,
    notificationsSupported: true,
    dialogAnswers: [],
    errorBoxes: [],
    messageBoxes: [],
    appUserModelIds: [],
    loginItemStatusWhenOn: 'enabled',
    notificationFailure: null,
  };
}
