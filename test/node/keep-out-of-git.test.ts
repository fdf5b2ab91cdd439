import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectTargets } from '../../electron/core/projects/detect';
import { editorFor } from '../../electron/core/projects/formats';
import {
  attributesPattern,
  cleanCommand,
  disableKeepOut,
  enableKeepOut,
  FALLBACK_PLACEHOLDER,
  keepOutActive,
  placeholderIn,
  refreshIndexEntry,
  type GitRun,
} from '../../electron/core/projects/keep-out-of-git';
import { runSafeGit } from '../../electron/core/projects/safe-git';
import type { ProjectTarget } from '../../electron/core/settings-schema';
import { runCli, useFakeDropbox } from '../support/cli';
import { describeWithKeyring } from '../support/keyring';
import { engineRepo } from '../support/projects';

// Real git, real clones: the token goes into the guide's two committed Python files, and nothing
// git can show, commit or push from this clone may contain it.

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const sh = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: 'pipe' });
// The app's own runner: every setting that could run project code is off.
const gitRun: GitRun = runSafeGit;
/** Files under dir (the .git folder too) that contain the text; grep exits 1 when none do. */
function grepTree(dir: string, text: string): string[] {
  try {
    return execFileSync('grep', ['-r', '-l', '-F', text, dir], { encoding: 'utf8' }).trim().split('\n');
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}
const mintToken = () => `sl.u.${randomBytes(1000).toString('base64url')}`;

/** The guide's engine cloned twice: `clone` is staff's copy, `upstream` a colleague's to push from. */
function fixtureClone(): { origin: string; upstream: string; clone: string } {
  const { dir: clone, origin, upstream } = engineRepo('clone');
  sh(clone, 'config', 'user.email', 'staff@example.com');
  sh(clone, 'config', 'user.name', 'Staff');
  sh(upstream, 'checkout', '-q', '-B', 'main', 'origin/main');
  return { origin, upstream, clone };
}

/** What a sync does for a keep-out project: write the token, then refresh git's index entry. */
async function writeToken(dir: string, targets: ProjectTarget[], token: string) {
  for (const t of targets) {
    const file = path.join(dir, t.file);
    const next = editorFor(t.format).write(readFileSync(file, 'utf8'), { key: t.key, values: { accessToken: token } });
    writeFileSync(file, next.text);
    const placeholder = placeholderIn(sh(dir, 'cat-file', 'blob', `HEAD:${t.file}`), t);
    await refreshIndexEntry(dir, { file: t.file, placeholder }, gitRun);
  }
}

async function setUp(clone: string) {
  const found = await detectTargets(clone);
  const targets = found.targets.map((t) => ({ file: t.file, format: t.format, includeRefreshToken: false }));
  const files = targets.map((t) => ({
    file: t.file,
    placeholder: placeholderIn(sh(clone, 'cat-file', 'blob', `HEAD:${t.file}`), t),
  }));
  await enableKeepOut(clone, files, gitRun);
  return { targets, files };
}

/** Everything git can show of this clone's working tree, index and history, in one string. */
function gitViews(dir: string): string {
  return [
    sh(dir, 'diff'),
    sh(dir, 'diff', 'HEAD'),
    sh(dir, 'diff', '--cached'),
    sh(dir, 'status', '--porcelain'),
    sh(dir, 'log', '-p', '--all'),
  ].join('\n');
}

// The engine's own reader: pydantic's Settings() must see the token we wrote.
const pydantic = (() => {
  try {
    execFileSync('python3', ['-c', 'import pydantic'], { stdio: 'pipe' });
    return true;
  } catch {
    console.log('[skip] reading Settings() with pydantic: python3 has no pydantic (Debian: python3-pydantic)');
    return false;
  }
})();
function settingsToken(file: string): string {
  const code = [
    'import importlib.util, sys',
    'spec = importlib.util.spec_from_file_location("engine_settings", sys.argv[1])',
    'm = importlib.util.module_from_spec(spec); sys.modules[spec.name] = m; spec.loader.exec_module(m)',
    'print(m.Settings().dropbox.access_token)',
  ].join('\n');
  return execFileSync('python3', ['-c', code, file], { encoding: 'utf8' }).trim();
}

describe('keep out of git (clean filter, this clone only)', () => {
  let repo: ReturnType<typeof fixtureClone>;
  beforeEach(() => {
    repo = fixtureClone();
  });

  it('finds the committed placeholder the token replaces', async () => {
    const { files } = await setUp(repo.clone);
    expect(files.map((f) => f.placeholder)).toEqual(['YOUR_NEW_TOKEN_HERE', 'YOUR_NEW_TOKEN_HERE']);
    for (const f of files) expect(await keepOutActive(repo.clone, f, gitRun)).toBe(true);
  });

  it('writes the token into tracked files while diff, status, commit and push never see it', async () => {
    const { targets } = await setUp(repo.clone);
    const token = mintToken();
    await writeToken(repo.clone, targets, token);
    for (const t of targets) expect(readFileSync(path.join(repo.clone, t.file), 'utf8')).toContain(token);
    execFileSync('python3', [
      '-c',
      'import ast,sys; [ast.parse(open(f).read()) for f in sys.argv[1:]]',
      ...targets.map((t) => path.join(repo.clone, t.file)),
    ]);

    expect(sh(repo.clone, 'status', '--porcelain')).toBe('');
    expect(gitViews(repo.clone)).not.toContain(token.slice(5, 40));
    if (pydantic) expect(settingsToken(path.join(repo.clone, targets[0]!.file))).toBe(token);

    // A real change next to the token is committed; the token is not.
    const settings = path.join(repo.clone, targets[0]!.file);
    writeFileSync(settings, `${readFileSync(settings, 'utf8')}\n# tuned by staff\n`);
    sh(repo.clone, 'stash');
    expect(gitViews(repo.clone)).not.toContain(token.slice(5, 40));
    sh(repo.clone, 'stash', 'pop');
    sh(repo.clone, 'add', '-A');
    sh(repo.clone, 'commit', '-qm', 'tune');
    expect(sh(repo.clone, 'show', `HEAD:${targets[0]!.file}`)).toContain('# tuned by staff');
    expect(gitViews(repo.clone)).not.toContain(token.slice(5, 40));
    sh(repo.clone, 'push', '-q', 'origin', 'HEAD:main');

    const fresh = path.join(path.dirname(repo.clone), 'fresh');
    sh(path.dirname(repo.clone), 'clone', '-q', '-b', 'main', repo.origin, fresh);
    expect(readFileSync(path.join(fresh, targets[0]!.file), 'utf8')).toContain('# tuned by staff');
    expect(grepTree(fresh, token.slice(5, 40))).toEqual([]);
  });

  it('survives a pull of upstream changes to the same file; the next write puts the token back', async () => {
    const { targets } = await setUp(repo.clone);
    await writeToken(repo.clone, targets, mintToken());
    const rel = targets[0]!.file;
    const upstreamFile = path.join(repo.upstream, rel);
    writeFileSync(
      upstreamFile,
      readFileSync(upstreamFile, 'utf8').replace('upload_chunk_mb: int = 8', 'upload_chunk_mb: int = 16'),
    );
    sh(repo.upstream, 'commit', '-qam', 'bigger chunks');
    sh(repo.upstream, 'push', '-q', 'origin', 'HEAD:main');

    sh(repo.clone, 'pull', '-q', '--no-rebase', 'origin', 'main');
    const pulled = readFileSync(path.join(repo.clone, rel), 'utf8');
    expect(pulled).toContain('upload_chunk_mb: int = 16');

    const token = mintToken();
    await writeToken(repo.clone, targets, token);
    expect(readFileSync(path.join(repo.clone, rel), 'utf8')).toContain(token);
    expect(sh(repo.clone, 'status', '--porcelain')).toBe('');
    expect(gitViews(repo.clone)).not.toContain(token.slice(5, 40));
  });

  it('fails closed: without perl, git refuses to stage the file instead of staging the token', async () => {
    const { targets } = await setUp(repo.clone);
    const token = mintToken();
    await writeToken(repo.clone, targets, token);
    const settings = path.join(repo.clone, targets[0]!.file);
    writeFileSync(settings, `${readFileSync(settings, 'utf8')}# edit\n`);
    const bin = mkdtempSync(path.join(os.tmpdir(), 'dtt-noperl-'));
    for (const tool of ['git', 'sh'])
      symlinkSync(execFileSync('which', [tool], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    let failed = false;
    try {
      execFileSync('git', ['add', '-A'], { cwd: repo.clone, env: { ...env, PATH: bin }, stdio: 'pipe' });
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
    expect(sh(repo.clone, 'diff', '--cached', '--name-only')).not.toContain('settings.py');
    expect(execFileSync('git', ['ls-files', '-s'], { cwd: repo.clone, env, encoding: 'utf8' })).not.toContain(token);
  });

  it("is undone completely by disable, leaving others' attributes alone", async () => {
    const attributes = path.join(repo.clone, '.git', 'info', 'attributes');
    mkdirSync(path.dirname(attributes), { recursive: true });
    writeFileSync(attributes, '*.png binary\n');
    const { files } = await setUp(repo.clone);
    await disableKeepOut(
      repo.clone,
      files.map((f) => f.file),
      gitRun,
    );
    expect(readFileSync(attributes, 'utf8')).toBe('*.png binary\n');
    expect(sh(repo.clone, 'config', '--local', '--list')).not.toContain('dtt-keep-out');
    for (const f of files) expect(await keepOutActive(repo.clone, f, gitRun)).toBe(false);
  });
});

describe('keep-out-of-git building blocks', () => {
  // Glob escape first (\[), then C quoting doubles that backslash: git reads "\\[" as \[, a literal [.
  // (keep-out-hostile.test.ts checks such names against real git.)
  it('quotes attribute patterns that need it', () => {
    expect(attributesPattern('src/a.py')).toBe('/src/a.py');
    expect(attributesPattern('my dir/a [1].py')).toBe('"/my dir/a \\\\[1\\\\].py"');
    expect(attributesPattern('a\n/b -filter')).toBe('"/a\\012/b -filter"');
  });

  it('makes a filter command that swaps only tokens, whatever the placeholder holds', () => {
    const placeholder = `it's & #1 \\ "x"`;
    const token = mintToken();
    const input = `a = "${token}"\nb = "sl.u."\nc = x${token}\n`;
    const out = execFileSync('sh', ['-c', cleanCommand(placeholder)], { input, encoding: 'utf8' });
    expect(out).toBe(`a = "${placeholder}"\nb = "sl.u."\nc = x${token}\n`);
  });

  // Git runs the filter through sh, as here. A file must come out byte for byte except the token:
  // no final newline added (BSD sed adds one), CRLF kept, bytes that aren't UTF-8 kept (a UTF-8
  // locale makes some tools fail or rewrite them), whatever perl's Unicode switches say.
  it('gives back every byte but the token: no final newline, CRLF, NUL, bytes that are not UTF-8', () => {
    const placeholder = 'YOUR_NEW_TOKEN_HERE';
    const token = mintToken();
    const bytes = (text: string) => Buffer.from(text, 'latin1'); // one byte per character
    const cases = [
      (t: string) => `token = "${t}"`,
      (t: string) => `# caf\u00e9\r\ntoken = "${t}"\r\nnext = 1\r\n`,
      (t: string) => `a\u0000b\r\n\u00ff\u00fe token=${t}\r\nlast line ${t}`,
      (t: string) => `\r\n\r\n${t}`,
    ];
    const utf8Locale = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', PERL_UNICODE: 'SDA' };
    for (const make of cases) {
      const out = execFileSync('sh', ['-c', cleanCommand(placeholder)], {
        input: bytes(make(token)),
        env: utf8Locale,
      });
      expect(out.equals(bytes(make(placeholder))), JSON.stringify(out.toString('latin1'))).toBe(true);
    }
  });

  it('needs neither sed nor anything the app installs: sh and perl, which git for every platform has', () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'dtt-onlyperl-'));
    for (const tool of ['sh', 'perl'])
      symlinkSync(execFileSync('which', [tool], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    const token = mintToken();
    const out = execFileSync(path.join(bin, 'sh'), ['-c', cleanCommand('x')], {
      input: `k = "${token}"`,
      env: { PATH: bin },
      encoding: 'utf8',
    });
    expect(out).toBe('k = "x"');
  });

  it('a committed file that already holds a token (an old leak) gets the standard placeholder back', () => {
    const old = mintToken();
    expect(placeholderIn(`DROPBOX_ACCESS_TOKEN=${old}\n`, { format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN' })).toBe(
      FALLBACK_PLACEHOLDER,
    );
    expect(placeholderIn(`DROPBOX_ACCESS_TOKEN = "${old}"\n`, { format: 'python', key: 'DROPBOX_ACCESS_TOKEN' })).toBe(
      FALLBACK_PLACEHOLDER,
    );
    // A placeholder that starts like the sentinel is still taken whole.
    expect(
      placeholderIn('DROPBOX_ACCESS_TOKEN=sl.PASTE_HERE\n', { format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN' }),
    ).toBe('sl.PASTE_HERE');
  });

  it('refuses a file whose committed version has no value where the token goes', () => {
    expect(() => placeholderIn('x = 1\n', { format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN' })).toThrow(/no value/);
  });
});

describeWithKeyring('keep out of git, through the CLI', () => {
  const { fake, newEnv } = useFakeDropbox();

  it(
    "writes the guide's tracked files with --keep-out-of-git; remove undoes the git setup",
    { timeout: 90_000 },
    async () => {
      const repo = fixtureClone();
      const e = await newEnv();
      expect((await runCli(['paste'], e.env, fake.mintAppConsoleToken())).code).toBe(0);
      const token = (await runCli(['token'], e.env)).stdout.trim();

      // Without the choice, tracked files are refused as before, and the advice names the command.
      expect((await runCli(['project', 'add', repo.clone, '--yes'], e.env)).code).toBe(0);
      const refused = await runCli(['sync'], e.env);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(`dropbox-token-tray project keep-out-of-git ${repo.clone} on`);
      expect(sh(repo.clone, 'status', '--porcelain')).toBe('');

      const on = await runCli(['project', 'keep-out-of-git', repo.clone, 'on'], e.env);
      expect(on.code, on.stderr).toBe(0);
      const synced = await runCli(['sync'], e.env);
      expect(synced.code, synced.stdout + synced.stderr).toBe(0);
      for (const file of ['src/cloud/training/config/settings.py', 'src/cloud/training/pipelines/daily_retrain.py'])
        expect(readFileSync(path.join(repo.clone, file), 'utf8')).toContain(token);
      expect(sh(repo.clone, 'status', '--porcelain')).toBe('');
      expect(gitViews(repo.clone)).not.toContain(token.slice(5, 40));

      // The same choice made when adding the folder: one step, then sync.
      const other = fixtureClone();
      const added = await runCli(['project', 'add', other.clone, '--yes', '--keep-out-of-git'], e.env);
      expect(added.code, added.stderr).toBe(0);
      const second = await runCli(['sync', other.clone], e.env);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(readFileSync(path.join(other.clone, 'src/cloud/training/config/settings.py'), 'utf8')).toContain(token);
      expect(sh(other.clone, 'status', '--porcelain')).toBe('');

      const removed = await runCli(['project', 'remove', repo.clone], e.env);
      expect(removed.code, removed.stderr).toBe(0);
      expect(sh(repo.clone, 'config', '--local', '--list')).not.toContain('dtt-keep-out');
      expect(readFileSync(path.join(repo.clone, '.git/info/attributes'), 'utf8')).not.toContain('dtt-keep-out');
    },
  );
});
