import type { Page } from 'playwright-core';
import type { TokenTrayService } from '../../../electron/core/service';
import type { PublicStatus } from '../../../electron/shared/state';
import type { ElectronStandIn, PowerEvent } from './index';
import type { IpcRecord, MenuItemRecord, NotificationRecord } from './records';

// The one handle e2e specs get from launchApp, whichever backend runs the app. Everything that
// reads the app is async: with real Electron it is a round trip to the main process.

export type Backend = 'electron' | 'stand-in';

export interface TraySnapshot {
  /** Path of the image file the tray shows. */
  icon: string;
  /** 'normal' | 'attention' | 'disconnected', from the file name (platform suffixes removed). */
  iconName: string;
  tooltip: string;
  menu: MenuItemRecord[];
}

export interface AppUnderTest {
  backend: Backend;
  /** The DTT_* environment the app runs with (config dir, keychain service, origin, port…). */
  env: NodeJS.ProcessEnv;
  /**
   * The core service. Stand-in: the app's own. Electron: a twin in the test process on the same
   * settings file and keychain entry, for setup (projects) and for reading the real tokens.
   */
  service: TokenTrayService;
  /** Stand-in only: its recordings and extra controls (webPreferences, navigations, frames…). */
  standIn?: ElectronStandIn;
  tray(): Promise<TraySnapshot>;
  menuIds(): Promise<string[]>;
  /** A user's click on a tray menu item (any depth). Returns once the click handler ran. */
  clickMenu(id: string): Promise<void>;
  notifications(): Promise<NotificationRecord[]>;
  clickNotification(index: number): Promise<void>;
  /** The main window's page; waits for the window if it is still being created. */
  page(): Promise<Page>;
  windowVisible(): Promise<boolean>;
  /** The user's close button on the window (the app keeps running in the tray). */
  closeWindow(): Promise<void>;
  /** A main-initiated load in the window (webContents.loadURL): no will-navigate, as in Electron. */
  loadInWindow(url: string): Promise<void>;
  /** webPreferences of each window created (null where real Electron does not tell). */
  webPreferences(): Promise<Array<Record<string, unknown> | null>>;
  /** One connection check, as the monitor's timer would run it. */
  tick(): Promise<PublicStatus>;
  openedUrls(): Promise<string[]>;
  ipcLog(): Promise<IpcRecord[]>;
  secondInstance(): Promise<void>;
  /** The answer the next dialog.showOpenDialog gets (the user's pick in the folder chooser). */
  queueOpenDialog(answer: { canceled: boolean; filePaths: string[] }): Promise<void>;
  emitPowerMonitor(event: PowerEvent): Promise<void>;
  /** A tab in "the user's browser" (a separate profile in the same Chromium). */
  openInBrowser(url: string): Promise<Page>;
  close(): Promise<void>;
}

export function iconName(iconPath: string): string {
  return (iconPath.split(/[\\/]/).pop() ?? '').replace(/(Template)?(@\dx)?\.(png|ico)$/, '');
}
