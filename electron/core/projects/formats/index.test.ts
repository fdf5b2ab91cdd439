import { describe, expect, it } from 'vitest';
import { editorFor, guessFormat, type FormatName } from './index';
import { siblingKeyName } from './token-shape';

describe('guessFormat', () => {
  it.each([
    ['.env', 'dotenv'],
    ['app/.env.local', 'dotenv'],
    ['.env.production', 'dotenv'],
    ['config\\prod.env', 'dotenv'],
    ['settings.json', 'json'],
    ['.vscode/settings.jsonc', 'json'],
    ['deploy.yml', 'yaml'],
    ['k8s/Config.YAML', 'yaml'],
    ['src/settings.py', 'python'],
    ['README.md', undefined],
    ['environment', undefined],
    ['.envrc', undefined],
  ] as Array<[string, FormatName | undefined]>)('%s → %s', (file, format) => {
    expect(guessFormat(file)).toBe(format);
  });
});

describe('editorFor', () => {
  it('returns the editor for each format', () => {
    for (const name of ['dotenv', 'json', 'yaml', 'python'] as const) expect(editorFor(name).name).toBe(name);
  });

  it('writes the same token the same way through every editor', () => {
    const token = `sl.u.${'x'.repeat(40)}`;
    const samples: Record<FormatName, string> = {
      dotenv: 'DROPBOX_ACCESS_TOKEN=old\n',
      json: '{"dropbox": {"access_token": "old"}}\n',
      yaml: 'dropbox:\n  access_token: old\n',
      python: 'class DropboxSettings:\n    access_token = "old"\n',
    };
    for (const [format, text] of Object.entries(samples) as Array<[FormatName, string]>) {
      const editor = editorFor(format);
      const written = editor.write(text, { values: { accessToken: token } });
      expect(written.changed).toBe(true);
      expect(editor.read(written.text)).toBe(token);
      expect(editor.read(editor.blank(written.text, {}).text)).toBe('');
    }
  });
});

describe('siblingKeyName', () => {
  it.each([
    ['access_token', 'refresh_token', 'app_key'],
    ['dropbox_access_token', 'dropbox_refresh_token', 'dropbox_app_key'],
    ['DROPBOX_ACCESS_TOKEN', 'DROPBOX_REFRESH_TOKEN', 'DROPBOX_APP_KEY'],
    ['accessToken', 'refreshToken', 'appKey'],
    ['dropboxAccessToken', 'dropboxRefreshToken', 'dropboxAppKey'],
    ['token', 'refresh_token', 'app_key'],
  ])('%s → %s, %s', (key, refresh, appKey) => {
    expect(siblingKeyName(key, 'refresh')).toBe(refresh);
    expect(siblingKeyName(key, 'appKey')).toBe(appKey);
  });
});
