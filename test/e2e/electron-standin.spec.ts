import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createElectronStandIn, type ElectronStandIn } from '../support/electron-standin';
import { closeSharedChromium, sharedChromium } from '../support/electron-standin/chromium';
import { writeTestRenderer } from '../support/electron-standin/test-renderer';
import { repoRoot } from '../support/cli';

// The stand-in itself: strict where main could drift, faithful where the e2e specs rely on it
// (the real preload bundle, sender identity, navigation and window-open guards).

const preloadPath = path.join(repoRoot, 'build', 'preload.cjs');
const haveBuild = existsSync(preloadPath);
let standIn: ElectronStandIn | undefined;
const tempDirs: string[] = [];

afterEach(async () => {
  await standIn?.dispose();
  standIn = undefined;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => closeSharedChromium());

function make(): ElectronStandIn {
  standIn = createElectronStandIn({ browser: sharedChromium });
  return standIn;
}

describe('strictness', () => {
  it('throws on members and events it does not model', () => {
    const { electron } = make();
    const loose = electron as unknown as Record<string, Record<string, unknown>>;
    expect(() => loose.app!.getPath).toThrow('electron stand-in does not model app.getPath');
    expect(() => (electron as unknown as Record<string, unknown>).clipboard).toThrow(
      'does not model electron.clipboard',
    );
    // What main's types already forbid (ElectronApi), called the way drifted JavaScript would.
    const untyped = electron as unknown as {
      app: { on(event: string, listener: () => void): void };
      Menu: { buildFromTemplate(template: object[]): unknown };
      ipcMain: { on(channel: string, listener: () => void): void };
    };
    expect(() => untyped.app.on('ready', () => undefined)).toThrow("app.on('ready')");
    expect(() => untyped.Menu.buildFromTemplate([{ label: 'x', accelerator: 'Ctrl+Q' }])).toThrow('"accelerator"');
    expect(() => electron.nativeImage.createFromPath('/nonexistent.png')).toThrow('no file');
    expect(() => untyped.ipcMain.on('x', () => undefined)).toThrow('ipcMain.on');
  });

  it('clicks menu items like a user: nested ids work, disabled ones refuse', () => {
    const s = make();
    const clicked: string[] = [];
    const tray = new s.electron.Tray(
      s.electron.nativeImage.createFromPath(path.join(repoRoot, 'assets/tray/normal.png')),
    );
    tray.setContextMenu(
      s.electron.Menu.buildFromTemplate([
        { id: 'off', label: 'Off', enabled: false, click: () => clicked.push('off') },
        { id: 'sub', label: 'Sub', submenu: [{ id: 'deep', label: 'Deep', click: () => clicked.push('deep') }] },
      ]),
    );
    expect(s.menuIds()).toEqual(['off', 'sub', 'deep']);
    s.clickMenu('deep');
    expect(() => s.clickMenu('off')).toThrow('disabled');
    expect(clicked).toEqual(['deep']);
    expect(s.tray().icon).toMatch(/normal\.png$/);
  });
});

describe.skipIf(!haveBuild)('window with the real preload bundle', () => {
  async function openWindow(s: ElectronStandIn) {
    const rendererDir = writeTestRenderer();
    tempDirs.push(rendererDir);
    const win = new s.electron.BrowserWindow({
      show: false,
      webPreferences: { preload: preloadPath, contextIsolation: true, sandbox: true },
    });
    await win.loadFile(path.join(rendererDir, 'index.html'));
    return { win, rendererDir, page: await s.page() };
  }

  it('runs invoke through ipcMain with the window as sender, and delivers events to the page', async () => {
    const s = make();
    const senders: unknown[] = [];
    s.electron.ipcMain.handle('dtt:status', (event) => {
      senders.push(event.sender, event.senderFrame);
      return { ok: true, value: { state: 'connected', expiresSoon: false, account: { name: 'Dana Okafor' } } };
    });
    const { win, page } = await openWindow(s);
    await expect.poll(() => page.locator('#header').textContent()).toBe('Dana Okafor');
    expect(senders[0]).toBe(win.webContents);
    expect(senders[1]).toBe(win.webContents.mainFrame);

    win.webContents.send('dtt:state-changed', { state: 'revoked', expiresSoon: false, account: null });
    await s.flushEvents();
    expect(await page.locator('#state').textContent()).toBe('revoked');
    expect(s.ctx.ipcLog.map((r) => `${r.direction} ${r.kind} ${r.channel}`)).toEqual([
      'renderer→main invoke dtt:status',
      'main→renderer response dtt:status',
      'main→renderer event dtt:state-changed',
    ]);
  });

  it('hides ipcRenderer and the binding from the page and freezes window.dtt', async () => {
    const s = make();
    const { page } = await openWindow(s);
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const dtt = w.dtt as Record<string, unknown> & { status(): unknown };
      let replaced = true;
      try {
        dtt.status = () => 'hijacked';
      } catch {
        replaced = false;
      }
      return {
        frozen: Object.isFrozen(dtt) && Object.isFrozen(dtt.projects),
        replaced: replaced && dtt.status() === 'hijacked',
        // Playwright's own binding plumbing is there in any Playwright page, not in Electron.
        globals: Object.keys(w).filter(
          (k) => /ipc|electron|require|__dtt|binding/i.test(k) && !k.startsWith('__playwright__'),
        ),
        require: typeof w.require,
      };
    });
    expect(seen).toEqual({ frozen: true, replaced: false, globals: [], require: 'undefined' });
  });

  it('asks will-navigate and the window-open handler, like Electron', async () => {
    const s = make();
    const { win, page } = await openWindow(s);
    const before = page.url();
    win.webContents.on('will-navigate', (event: { preventDefault(): void }) => event.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    const opened = await page.evaluate(() => window.open('https://example.com/popup'));
    await expect.poll(() => s.ctx.navigations.length).toBe(1);
    expect(page.url()).toBe(before);
    expect(opened).toBeNull();
    await expect.poll(() => s.ctx.windowOpens).toEqual([{ url: 'https://example.com/popup', action: 'deny' }]);
    expect(s.ctx.faults).toEqual([]);
  });
});
