import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as ElectronModule from 'electron';
import type { IpcRecord, MenuItemRecord, NotificationRecord } from './records';

// For the real-Electron backend: a script loaded with `electron -r` before build/main.mjs. It
// wraps the same few Electron members the stand-in models, so the spec handle can read tray,
// notifications, opened URLs and IPC from the real main process (Electron has no getters for a
// tray's tooltip or menu). shell and dialog are replaced outright: tests must not open the
// user's browser or a native file picker.

export interface RecorderState {
  trays: Array<{ icon: string; tooltip: string; menu: unknown[]; menuObject: ElectronModule.Menu | null }>;
  trayObjects: ElectronModule.Tray[];
  menus: WeakMap<object, unknown[]>;
  notifications: NotificationRecord[];
  notificationObjects: ElectronModule.Notification[];
  openedUrls: string[];
  openedPaths: string[];
  ipcLog: IpcRecord[];
  webPreferences: unknown[];
  dialogAnswers: Array<{ canceled: boolean; filePaths: string[] }>;
  /** dialog.showErrorBox / showMessageBox calls: recorded, never shown on the developer's desktop. */
  messages: Array<{ title: string; content: string }>;
  menuRecord(template: unknown[]): MenuItemRecord[];
}

/** Runs inside Electron's main process; self-contained because it is shipped as source text. */
function recorderMain(req: (id: string) => unknown): void {
  const electron = req('electron') as typeof ElectronModule;
  const { app, dialog, ipcMain, Menu, nativeImage, Notification, shell, Tray } = electron;
  // Before main.mjs runs: the profile and the single-instance lock live in userData.
  const userData = process.env.DTT_E2E_USER_DATA_DIR;
  if (userData) app.setPath('userData', userData);
  const images = new WeakMap<object, string>();
  const menuRecord = (template: unknown[]): MenuItemRecord[] =>
    template.map((raw) => {
      const i = raw as Record<string, unknown>;
      return {
        id: i.id as string,
        label: i.label as string,
        type: i.type as string,
        enabled: i.enabled as boolean,
        checked: i.checked as boolean,
        ...(Array.isArray(i.submenu) ? { submenu: menuRecord(i.submenu) } : {}),
      };
    });
  const rec: RecorderState = {
    trays: [],
    trayObjects: [],
    menus: new WeakMap(),
    notifications: [],
    notificationObjects: [],
    openedUrls: [],
    openedPaths: [],
    ipcLog: [],
    webPreferences: [],
    dialogAnswers: [],
    messages: [],
    menuRecord,
  };
  (globalThis as unknown as { __dttRecorder: RecorderState }).__dttRecorder = rec;

  const createFromPath = nativeImage.createFromPath.bind(nativeImage);
  nativeImage.createFromPath = (p: string) => {
    const image = createFromPath(p);
    images.set(image, p);
    return image;
  };
  const build = Menu.buildFromTemplate.bind(Menu);
  Menu.buildFromTemplate = (template) => {
    const menu = build(template);
    rec.menus.set(menu, template);
    return menu;
  };
  const trayRec = (tray: ElectronModule.Tray) => {
    const i = rec.trayObjects.indexOf(tray);
    if (i >= 0) return rec.trays[i]!;
    const r = { icon: '', tooltip: '', menu: [] as unknown[], menuObject: null as ElectronModule.Menu | null };
    rec.trayObjects.push(tray);
    rec.trays.push(r);
    return r;
  };
  const proto = Tray.prototype;
  const { setImage, setToolTip, setContextMenu } = proto;
  proto.setImage = function (image) {
    trayRec(this).icon = images.get(image as object) ?? String(image);
    return setImage.call(this, image);
  };
  proto.setToolTip = function (text) {
    trayRec(this).tooltip = text;
    return setToolTip.call(this, text);
  };
  proto.setContextMenu = function (menu) {
    const r = trayRec(this);
    r.menu = menu ? (rec.menus.get(menu) ?? []) : [];
    r.menuObject = menu;
    return setContextMenu.call(this, menu);
  };

  const show = Notification.prototype.show;
  Notification.prototype.show = function () {
    if (!rec.notificationObjects.includes(this)) {
      const r: NotificationRecord = { title: this.title, body: this.body, shown: true, closed: false, clicked: false };
      rec.notifications.push(r);
      rec.notificationObjects.push(this);
      this.on('close', () => void (r.closed = true));
      this.on('click', () => void (r.clicked = true));
    }
    return show.call(this);
  };

  shell.openExternal = async (url: string) => void rec.openedUrls.push(url);
  shell.openPath = async (p: string) => (rec.openedPaths.push(p), '');
  dialog.showErrorBox = (title: string, content: string) => void rec.messages.push({ title, content });
  dialog.showMessageBox = (async (...args: unknown[]) => {
    const o = (args.length > 1 ? args[1] : args[0]) as { message: string; detail?: string };
    rec.messages.push({ title: o.message, content: o.detail ?? '' });
    return { response: 0, checkboxChecked: false };
  }) as typeof dialog.showMessageBox;
  dialog.showOpenDialog = (async () =>
    rec.dialogAnswers.shift() ?? { canceled: true, filePaths: [] }) as typeof dialog.showOpenDialog;

  const handle = ipcMain.handle.bind(ipcMain);
  ipcMain.handle = (channel, listener) =>
    handle(channel, async (event, ...args) => {
      const frameUrl = event.senderFrame?.url ?? '';
      rec.ipcLog.push({
        direction: 'renderer→main',
        kind: 'invoke',
        channel,
        payload: args.length <= 1 ? args[0] : args,
        frameUrl,
      });
      const value: unknown = await listener(event, ...args);
      rec.ipcLog.push({ direction: 'main→renderer', kind: 'response', channel, payload: value, frameUrl });
      return value;
    });
  app.on('web-contents-created', (_event, contents) => {
    const send = contents.send.bind(contents);
    contents.send = (channel: string, ...args: unknown[]) => {
      rec.ipcLog.push({
        direction: 'main→renderer',
        kind: 'event',
        channel,
        payload: args.length <= 1 ? args[0] : args,
        delivered: true,
      });
      send(channel, ...args);
    };
  });
  // Undocumented (dropped from the typings) but still what Electron's own devtools read; when it
  // is gone the specs fall back to checking the page's behaviour (no require, no process).
  app.on('browser-window-created', (_event, win) => {
    const contents = win.webContents as unknown as { getLastWebPreferences?: () => unknown };
    rec.webPreferences.push(contents.getLastWebPreferences?.() ?? null);
  });
}

/** Writes the recorder as a CommonJS file for `electron -r`. */
export function writeRecorder(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dtt-recorder-')), 'recorder.cjs');
  writeFileSync(file, `'use strict';\n(${recorderMain.toString()})(require);\n`);
  return file;
}
