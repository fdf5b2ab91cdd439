import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconPathFor } from './tray-icons';

describe('iconPathFor', () => {
  const assets = path.join('/opt', 'app', 'assets');
  it('gives macOS a template image', () => {
    expect(iconPathFor('attention', 'darwin', assets)).toBe(path.join(assets, 'tray', 'attentionTemplate.png'));
  });
  it('gives Windows an .ico', () => {
    expect(iconPathFor('normal', 'win32', assets)).toBe(path.join(assets, 'tray', 'normal.ico'));
  });
  it('gives Linux and the rest a colour PNG', () => {
    expect(iconPathFor('disconnected', 'linux', assets)).toBe(path.join(assets, 'tray', 'disconnected.png'));
    expect(iconPathFor('normal', 'freebsd', assets)).toBe(path.join(assets, 'tray', 'normal.png'));
  });
});
