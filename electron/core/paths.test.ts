import { describe, expect, it } from 'vitest';
import { userCacheDir, userDataDir } from './paths';

describe('userDataDir matches Electron app.getPath("userData")', () => {
  it('uses XDG_CONFIG_HOME or ~/.config on Linux', () => {
    expect(userDataDir({}, 'linux', '/home/dana')).toBe('/home/dana/.config/Dropbox Token Tray');
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/dana')).toBe('/x/Dropbox Token Tray');
  });
  it('uses Application Support on macOS', () => {
    expect(userDataDir({}, 'darwin', '/Users/dana')).toBe('/Users/dana/Library/Application Support/Dropbox Token Tray');
  });
  it('uses APPDATA on Windows', () => {
    expect(userDataDir({ APPDATA: 'C:\\Users\\dana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\dana')).toBe(
      'C:\\Users\\dana\\AppData\\Roaming\\Dropbox Token Tray',
    );
  });
  it('lets DTT_CONFIG_DIR override', () => {
    expect(userDataDir({ DTT_CONFIG_DIR: '/tmp/cfg' }, 'darwin', '/Users/dana')).toBe('/tmp/cfg');
  });
});

describe('userCacheDir keeps undo copies out of the settings folder', () => {
  it('uses the platform cache folder', () => {
    expect(userCacheDir({}, 'linux', '/home/dana')).toBe('/home/dana/.cache/Dropbox Token Tray');
    expect(userCacheDir({}, 'darwin', '/Users/dana')).toBe('/Users/dana/Library/Caches/Dropbox Token Tray');
    expect(userCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\U')).toBe('C:\\L\\Dropbox Token Tray\\Cache');
  });
  it('follows DTT_CACHE_DIR, else sits beside DTT_CONFIG_DIR', () => {
    expect(userCacheDir({ DTT_CACHE_DIR: '/c' }, 'linux', '/h')).toBe('/c');
    expect(userCacheDir({ DTT_CONFIG_DIR: '/tmp/cfg' }, 'linux', '/h')).toBe('/tmp/cfg-cache');
  });
});
