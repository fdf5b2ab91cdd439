import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempProject } from '../../../test/support/projects';
import { openSettings } from '../settings';
import { detectTargets } from './detect';
import { editorFor } from './formats';
import { makeToken } from '../../../test/support/format-arbitraries';
import { Projects } from './projects';

// Detection proposes only places that hold the token, each place on its own; sync then writes
// exactly there. Files here are shaped after public config files nobody on the team wrote.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const project = (files: Record<string, string>) => {
  const dir = tempProject(files);
  dirs.push(dir);
  return dir;
};
const found = async (files: Record<string, string>) => (await detectTargets(project(files))).targets;

/** Adds every detected place to a fresh Projects and syncs `token` into them. */
async function detectAndSync(dir: string, token: string) {
  const config = mkdtempSync(path.join(os.tmpdir(), 'dtt-cfg-'));
  dirs.push(config);
  const projects = new Projects(openSettings({ DTT_CONFIG_DIR: config }), {
    values: async () => ({ accessToken: token }),
  });
  const { targets } = await detectTargets(dir);
  projects.add(
    dir,
    targets.map((t) => ({ file: t.file, format: t.format, key: t.key, includeRefreshToken: false })),
  );
  return { targets, report: await projects.sync([dir], { allowTracked: true }), projects };
}

const GUARD = [
  'import os',
  'import dropbox',
  '',
  'PLACEHOLDER = "YOUR_NEW_TOKEN_HERE"',
  '',
  'def client():',
  '    token = os.environ.get("DROPBOX_TOKEN", PLACEHOLDER)',
  '    if token == PLACEHOLDER:',
  '        raise SystemExit("set DROPBOX_TOKEN first")',
  '    return dropbox.Dropbox(token)',
  '',
].join('\n');

describe('Python', () => {
  it('a placeholder kept as a guard constant is neither proposed nor overwritten', async () => {
    expect(await found({ 'app.py': GUARD })).toEqual([]);
    expect(editorFor('python').write(GUARD, { values: { accessToken: makeToken('g') } }).changed).toBe(false);
  });

  it('sync writes the field and leaves the guard constant next to it alone', async () => {
    const text = `access_token = "YOUR_NEW_TOKEN_HERE"\n${GUARD.replace('os.environ.get("DROPBOX_TOKEN", PLACEHOLDER)', 'access_token')}`;
    const dir = project({ 'app.py': text });
    const token = makeToken('guard');
    const { targets, report } = await detectAndSync(dir, token);
    expect(targets).toEqual([{ file: 'app.py', format: 'python', reason: 'has the YOUR_NEW_TOKEN_HERE placeholder' }]);
    expect(report.targets[0]?.outcome).toBe('updated');
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(
      text.replace('access_token = "YOUR_NEW_TOKEN_HERE"', `access_token = "${token}"`),
    );
  });

  it("the engine's check in daily_retrain.py stays after sync; only the fallback changes", async () => {
    const dir = project({});
    const src = path.join(__dirname, '../../../test/fixtures/engine/src');
    const file = 'src/cloud/training/pipelines/daily_retrain.py';
    const settingsFile = 'src/cloud/training/config/settings.py';
    for (const f of [file, settingsFile]) {
      const to = path.join(dir, f);
      (await import('node:fs')).mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, readFileSync(path.join(src, '..', f)));
    }
    const token = makeToken('engine');
    const { report } = await detectAndSync(dir, token);
    expect(report.targets.map((t) => t.outcome)).toEqual(['updated', 'updated']);
    const after = readFileSync(path.join(dir, file), 'utf8');
    expect(after).toContain('if dropbox_token == "YOUR_NEW_TOKEN_HERE":');
    expect(after).toContain(`settings.dropbox.access_token or "${token}"`);
  });

  it('a module-level access_token unrelated to Dropbox is left alone when a DropboxSettings class exists', async () => {
    const text = [
      'access_token = "hf_not_dropbox_0123456789"',
      '',
      'class DropboxSettings:',
      '    access_token: str = "YOUR_NEW_TOKEN_HERE"',
      '',
    ].join('\n');
    const token = makeToken('m');
    const out = editorFor('python').write(text, { values: { accessToken: token } }).text;
    expect(out).toBe(text.replace('str = "YOUR_NEW_TOKEN_HERE"', `str = "${token}"`));
    expect(editorFor('python').read(text)).toBe('YOUR_NEW_TOKEN_HERE');
  });

  it("the Dropbox SDK examples' TOKEN = '' under a comment about the access token is found and written", async () => {
    const text = [
      'import sys',
      'import dropbox',
      '',
      '# Add OAuth2 access token here.',
      '# You can generate one for yourself in the App Console.',
      "TOKEN = ''",
      '',
      "LOCALFILE = 'my-file.txt'",
      '',
      'with dropbox.Dropbox(TOKEN) as dbx:',
      '    dbx.users_get_current_account()',
      '',
    ].join('\n');
    const dir = project({ 'backup-and-restore-example.py': text });
    const token = makeToken('sdk');
    const { targets, report } = await detectAndSync(dir, token);
    expect(targets).toEqual([
      { file: 'backup-and-restore-example.py', format: 'python', key: 'TOKEN', reason: 'has TOKEN, the access token' },
    ]);
    expect(report.targets[0]?.outcome).toBe('updated');
    expect(readFileSync(path.join(dir, 'backup-and-restore-example.py'), 'utf8')).toBe(
      text.replace("TOKEN = ''", `TOKEN = '${token}'`),
    );
  });
});

describe('JSON and YAML', () => {
  it('matches whole key names, and two places in one file stay two targets through sync', async () => {
    const text = JSON.stringify(
      {
        dropbox_access_token: '',
        dropbox_access_token_secret: 'keep-me',
        backup: { dropbox_access_token: '' },
      },
      null,
      2,
    );
    const dir = project({ 'config/app.json': text });
    const token = makeToken('two');
    const { targets, report, projects } = await detectAndSync(dir, token);
    expect(targets.map((t) => t.key)).toEqual(['dropbox_access_token', 'backup.dropbox_access_token']);
    expect(projects.list()[0]?.targets.map((t) => t.key)).toEqual([
      'dropbox_access_token',
      'backup.dropbox_access_token',
    ]);
    expect(report.targets.every((t) => t.outcome === 'updated')).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'config/app.json'), 'utf8'))).toEqual({
      dropbox_access_token: token,
      dropbox_access_token_secret: 'keep-me',
      backup: { dropbox_access_token: token },
    });
  });

  it("node-config's environment-variable map is not proposed", async () => {
    expect(
      await found({
        'config/custom-environment-variables.json': '{"dropbox": {"access_token": "DROPBOX_ACCESS_TOKEN"}}\n',
        'config/custom-environment-variables.yaml': 'dropbox:\n  access_token: DROPBOX_ACCESS_TOKEN\n',
      }),
    ).toEqual([]);
  });

  it('a placeholder value is a place for the token; a ${VARIABLE} reference is not', async () => {
    expect(
      await found({
        'config/app.json': '{"dropbox": {"access_token": "YOUR_NEW_TOKEN_HERE"}}\n',
        'docker-compose.yml':
          'services:\n  app:\n    environment:\n      DROPBOX_ACCESS_TOKEN: ${DROPBOX_ACCESS_TOKEN}\n',
      }),
    ).toEqual([
      { file: 'config/app.json', format: 'json', key: 'dropbox.access_token', reason: 'has dropbox.access_token' },
    ]);
  });

  it('finds common Dropbox config files by their name', async () => {
    expect(
      await found({
        'config/dropbox.json': '{"access_token": "", "root": "/Apps/x"}\n',
        'dropbox.yml': 'access_token: ""\nfolder: /backup\n',
        'deploy/dropbox.yaml': 'app:\n  key: abc\n  token: ""\n',
        'config/github.json': '{"access_token": ""}\n',
      }),
    ).toEqual([
      { file: 'config/dropbox.json', format: 'json', key: 'access_token', reason: 'has access_token' },
      { file: 'deploy/dropbox.yaml', format: 'yaml', key: 'app.token', reason: 'has app.token' },
      { file: 'dropbox.yml', format: 'yaml', key: 'access_token', reason: 'has access_token' },
    ]);
  });

  it('a docker-compose.yml with one anchor used by 100+ aliases is found and written', async () => {
    const services = Array.from({ length: 150 }, (_, i) => `  svc${i}:\n    <<: *common\n    image: app:${i}\n`);
    const text = `x-common: &common\n  restart: always\n  environment:\n    DROPBOX_ACCESS_TOKEN: ""\nservices:\n${services.join('')}`;
    const dir = project({ 'docker-compose.yml': text });
    const token = makeToken('compose');
    const { targets, report } = await detectAndSync(dir, token);
    expect(targets.map((t) => t.key)).toEqual(['x-common.environment.DROPBOX_ACCESS_TOKEN']);
    expect(report.targets[0]?.outcome).toBe('updated');
    expect(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')).toBe(
      text.replace('DROPBOX_ACCESS_TOKEN: ""', `DROPBOX_ACCESS_TOKEN: "${token}"`),
    );
  });
});

describe('whole key names and hostile YAML', () => {
  it('a .env with only DROPBOX_ACCESS_TOKEN_SECRET gets DROPBOX_ACCESS_TOKEN added, not the secret replaced', async () => {
    expect(await found({ '.env': 'DROPBOX_ACCESS_TOKEN_SECRET=keep\n' })).toEqual([
      {
        file: '.env',
        format: 'dotenv',
        key: 'DROPBOX_ACCESS_TOKEN',
        reason: 'lists DROPBOX_ACCESS_TOKEN_SECRET — DROPBOX_ACCESS_TOKEN will be added',
      },
    ]);
  });

  it('a YAML file built to blow up through aliases is refused in plain words, quickly', async () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `dropbox:\n  access_token: ""\n${levels.join('\n')}\n`;
    const t = performance.now();
    const result = await detectTargets(project({ 'bomb.yaml': text }));
    expect(performance.now() - t).toBeLessThan(2000);
    expect(result.targets).toEqual([]);
    expect(result.skipped).toEqual([
      {
        file: 'bomb.yaml',
        why: 'line 1: it repeats its own values (aliases like *name) too many times to check safely; edit it by hand',
      },
    ]);
    expect(() =>
      editorFor('yaml').write(text.replace('access_token: ""\n', ''), { values: { accessToken: makeToken('b') } }),
    ).toThrow(/too many times to check safely/);
  });
});

describe('encodings', () => {
  const utf16 = (bom: number[], text: string, le: boolean) => {
    const body = Buffer.from(text, 'utf16le');
    if (!le) body.swap16();
    return Buffer.concat([Buffer.from(bom), body]);
  };

  it('a UTF-16 .env (what PowerShell 5.1 writes) is named as such, in detection and in sync', async () => {
    const dir = project({});
    writeFileSync(path.join(dir, '.env'), utf16([0xff, 0xfe], 'DROPBOX_ACCESS_TOKEN=\r\n', true));
    writeFileSync(path.join(dir, 'be.env'), utf16([0xfe, 0xff], 'DROPBOX_ACCESS_TOKEN=\r\n', false));
    const advice = 'saved as UTF-16; save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)';
    const result = await detectTargets(dir);
    expect(result.skipped).toEqual([
      { file: '.env', why: advice },
      { file: 'be.env', why: advice },
    ]);
    const config = mkdtempSync(path.join(os.tmpdir(), 'dtt-cfg-'));
    dirs.push(config);
    const projects = new Projects(openSettings({ DTT_CONFIG_DIR: config }), {
      values: async () => ({ accessToken: makeToken('u') }),
    });
    projects.add(dir, [{ file: '.env', format: 'dotenv', includeRefreshToken: false }]);
    const before = readFileSync(path.join(dir, '.env'));
    const report = await projects.sync([dir], { allowTracked: true });
    expect(report.targets[0]).toMatchObject({ outcome: 'skipped', kind: 'file-utf16' });
    expect(report.targets[0]?.detail).toBe(`.env is ${advice}`);
    expect(readFileSync(path.join(dir, '.env'))).toEqual(before);
  });
});
