import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { detectTargets } from './detect';

const ENGINE = fileURLToPath(new URL('../../../test/fixtures/engine/', import.meta.url));

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A throwaway project: `{ 'a/b.env': 'text' }`. */
function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dtt-detect-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

describe('detectTargets', () => {
  it('finds both files of the engine layout from the guide', async () => {
    const result = await detectTargets(ENGINE);
    expect(result).toEqual({
      targets: [
        {
          file: 'src/cloud/training/config/settings.py',
          format: 'python',
          reason: 'class DropboxSettings with access_token',
        },
        {
          file: 'src/cloud/training/pipelines/daily_retrain.py',
          format: 'python',
          reason: 'has the YOUR_NEW_TOKEN_HERE placeholder',
        },
      ],
      truncated: false,
      skipped: [],
    });
  });

  it('proposes .env files with DROPBOX_* keys, and .env from a template when only the template has them', async () => {
    const root = project({
      '.env': 'DEBUG=1\nDROPBOX_ACCESS_TOKEN=old\n',
      '.env.local': 'export DROPBOX_TOKEN="x"\n',
      '.env.example': 'DROPBOX_ACCESS_TOKEN=\n',
      'svc/.env.example': '# Dropbox\nDROPBOX_APP_KEY=\nDROPBOX_ACCESS_TOKEN=\n',
      'web/.env': 'PORT=3000\n',
      'web/.env.sample': 'DROPBOX_ACCESS_TOKEN=your-token\n',
      'other/.env.template': 'FOO=1\n',
    });
    const { targets } = await detectTargets(root);
    expect(targets).toEqual([
      { file: '.env', format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN', reason: 'has DROPBOX_ACCESS_TOKEN' },
      { file: '.env.local', format: 'dotenv', key: 'DROPBOX_TOKEN', reason: 'has DROPBOX_TOKEN' },
      {
        file: 'svc/.env',
        format: 'dotenv',
        key: 'DROPBOX_ACCESS_TOKEN',
        reason: '.env.example lists DROPBOX_* keys — a .env will be created from it',
        createFrom: 'svc/.env.example',
      },
      {
        file: 'web/.env',
        format: 'dotenv',
        key: 'DROPBOX_ACCESS_TOKEN',
        reason: '.env.sample lists DROPBOX_* keys — they will be added to .env',
      },
    ]);
  });

  it('finds token keys in JSON and YAML, by key path', async () => {
    const root = project({
      'config/app.json':
        '{\n  // jsonc is fine\n  "dropbox": { "access_token": "", "folder": "/x" },\n  "other": {"access_token": "not dropbox"}\n}\n',
      'config/deploy.yaml': 'services:\n  sync:\n    dropbox_access_token: old\n',
      'config/plain.yml': 'name: dropbox-less\nkey: value\n',
      'package.json': '{"dependencies": {"dropbox": "^10"}}',
    });
    const { targets } = await detectTargets(root);
    expect(targets).toEqual([
      { file: 'config/app.json', format: 'json', key: 'dropbox.access_token', reason: 'has dropbox.access_token' },
      {
        file: 'config/deploy.yaml',
        format: 'yaml',
        key: 'services.sync.dropbox_access_token',
        reason: 'has services.sync.dropbox_access_token',
      },
    ]);
  });

  it('finds Python files holding a token literal, but not docstring mentions', async () => {
    const root = project({
      'a.py': 'TOKEN = "sl.abcdefghijklmnopqrstuvwxyz"\n',
      'b.py': '"""sl.abcdefghijklmnopqrstuvwxyz"""\nx = 1\n',
      'c.py': 'x = b"sl.abcdefghijklmnopqrstuvwxyz"\n',
      'd.py': `access_token = "${'Ab1_-'.repeat(12)}Ab1_"\n`,
      'e.py': `other = "${'Ab1_-'.repeat(12)}Ab1_"\n`,
    });
    const { targets } = await detectTargets(root);
    expect(targets).toEqual([
      { file: 'a.py', format: 'python', reason: 'holds a Dropbox token literal' },
      { file: 'd.py', format: 'python', reason: 'holds a Dropbox token literal' },
    ]);
  });

  it('skips tool folders, virtualenvs, binaries, big files, symlinks and unreadable files', async () => {
    const hit = 'DROPBOX_ACCESS_TOKEN=x\n';
    const root = project({
      '.git/.env': hit,
      'node_modules/pkg/.env': hit,
      'venv/.env': hit,
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/lib/python3.11/site-packages/x/settings.py': 'access_token = "sl.abcdefghijklmnopqrstuvwxyz"\n',
      'env/.env': hit,
      'dist/.env': hit,
      'build/.env': hit,
      '__pycache__/.env': hit,
      'bin.env': Buffer.from([0x44, 0x52, 0x00, 0x01]),
      'big/.env': `${hit}${'#'.repeat(2048)}\n`,
      'bad/config.json': '{"dropbox": {"access_token": }',
      'real/.env': hit,
    });
    mkdirSync(path.join(root, 'linked-target'));
    writeFileSync(path.join(root, 'linked-target', 'x.env'), hit);
    symlinkSync(path.join(root, 'linked-target'), path.join(root, 'link'), 'dir');
    symlinkSync(path.join(root, 'real', '.env'), path.join(root, 'alias.env'));
    const result = await detectTargets(root, { maxFileBytes: 1024 });
    expect(result.targets.map((t) => t.file)).toEqual(['env/.env', 'linked-target/x.env', 'real/.env']);
    expect(result.skipped).toEqual([
      { file: 'alias.env', why: 'symbolic link' },
      { file: 'bad/config.json', why: 'line 1: invalid JSON (ValueExpected)' },
      { file: 'big/.env', why: 'larger than 1 KB' },
      { file: 'bin.env', why: 'binary file' },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('stops at the file budget and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = 'x';
    files['zz/.env'] = 'DROPBOX_ACCESS_TOKEN=x\n';
    const result = await detectTargets(project(files), { maxFiles: 10 });
    expect(result.truncated).toBe(true);
    expect(result.targets).toEqual([]);
  });

  it('stops at the time budget and says so', async () => {
    const result = await detectTargets(project({ '.env': 'DROPBOX_ACCESS_TOKEN=x\n' }), { timeBudgetMs: -1 });
    expect(result).toEqual({ targets: [], truncated: true, skipped: [] });
  });
});
