import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartFile, desktopEntry, setLinuxAutostart } from './autostart';

describe('Linux autostart entry', () => {
  it('quotes paths with spaces and prefers the AppImage', () => {
    expect(desktopEntry('/opt/Dropbox Token Tray/dtt', {})).toContain('Exec="/opt/Dropbox Token Tray/dtt" --hidden');
    expect(desktopEntry('/tmp/.mount/dtt', { APPIMAGE: '/home/d/DTT.AppImage' })).toContain(
      'Exec=/home/d/DTT.AppImage --hidden',
    );
  });
  it('writes and removes the file under XDG_CONFIG_HOME', () => {
    const env = { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), 'xdg-')) };
    setLinuxAutostart(true, '/usr/bin/dtt', env);
    const file = autostartFile(env);
    expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    setLinuxAutostart(false, '/usr/bin/dtt', env);
    expect(existsSync(file)).toBe(false);
  });
});
