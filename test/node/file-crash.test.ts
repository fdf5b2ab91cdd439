import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring } from '../support/keyring';
import { runCli, startCli, useFakeDropbox } from '../support/cli';
import { tempProject } from '../support/projects';

// `kill -9` a real CLI sync at random moments, again and again. At no point may a copy of the
// token be readable by others, and once a sync completes, only the registered files hold it.
// Needs the built CLI (node scripts/build.mjs).

const { fake, newEnv } = useFakeDropbox();
const TARGETS = Array.from({ length: 30 }, (_, i) => `svc${i}/.env`);
const EMPTY = `# settings\n${'PADDING=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'.repeat(2000)}DROPBOX_ACCESS_TOKEN=\n`;

/** Every file under dir holding the token, with its mode. */
function holders(dir: string, token: string): Array<{ rel: string; mode: number }> {
  const found: Array<{ rel: string; mode: number }> = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && readFileSync(full).includes(token))
        found.push({ rel: path.relative(dir, full), mode: statSync(full).mode & 0o777 });
    }
  };
  walk(dir);
  return found;
}

const isTemp = (rel: string) => /(^|\/)\.[^/]+\.dtt-[0-9a-f]{12}\.tmp$/.test(rel);

describeWithKeyring('the CLI on real files: kill -9 during a sync, and undo', () => {
  it('never leaves a token readable by others, and the next sync leaves copies only in the targets', async () => {
    const e = await newEnv();
    const token = fake.mintAppConsoleToken();
    expect((await runCli(['paste'], e.env, token)).code).toBe(0);
    const dir = tempProject(Object.fromEntries(TARGETS.map((t) => [t, EMPTY])));
    const reset = () => {
      for (const t of TARGETS) {
        mkdirSync(path.dirname(path.join(dir, t)), { recursive: true });
        writeFileSync(path.join(dir, t), EMPTY);
        // Readable by others on purpose: a temp file must not copy this mode before the rename.
        chmodSync(path.join(dir, t), 0o644);
      }
    };
    reset();
    const add = await runCli(['project', 'add', dir, ...TARGETS.flatMap((t) => ['--file', t])], e.env);
    expect(add.code, add.stderr).toBe(0);

    const started = Date.now();
    const full = await runCli(['sync'], e.env);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    const oneSyncMs = Date.now() - started;

    let leftoversSeen = 0;
    let iterations = 0;
    const deadline = Date.now() + 45_000;
    for (; iterations < 40 && Date.now() < deadline; iterations++) {
      reset();
      const cli = startCli(['sync'], e.env);
      // Half the kills land anywhere; the other half while files are being written (the
      // first temp file appeared), where a crash can strand a copy of the token.
      const killed = new Promise<void>((resolve) => {
        const kill = () => (cli.kill('SIGKILL'), resolve());
        if (iterations % 2 === 0) return void setTimeout(kill, Math.random() * oneSyncMs * 1.2);
        const watchers = TARGETS.map((t) =>
          watch(path.dirname(path.join(dir, t)), (_, name) => {
            if (!String(name).includes('.dtt-')) return;
            watchers.forEach((w) => w.close());
            setTimeout(kill, Math.random() * 40);
          }),
        );
        setTimeout(() => (watchers.forEach((w) => w.close()), kill()), oneSyncMs * 3);
      });
      await killed;
      await cli.result;
      for (const h of holders(dir, token)) {
        if (TARGETS.includes(h.rel)) continue;
        expect(isTemp(h.rel), `${h.rel} holds the token`).toBe(true);
        expect(h.mode, `${h.rel} is readable by others`).toBe(0o600);
        leftoversSeen++;
      }
    }
    console.log(`kill -9: ${iterations} runs, sync takes ~${oneSyncMs} ms, ${leftoversSeen} temp leftovers seen`);

    reset();
    const done = await runCli(['sync'], e.env);
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(
      holders(dir, token)
        .map((h) => h.rel)
        .sort(),
    ).toEqual([...TARGETS].sort());
    const all: string[] = [];
    const walk = (d: string) =>
      readdirSync(d, { withFileTypes: true }).forEach((x) =>
        x.isDirectory() ? walk(path.join(d, x.name)) : all.push(path.relative(dir, path.join(d, x.name))),
      );
    walk(dir);
    expect(all.filter(isTemp)).toEqual([]);
    for (const t of TARGETS) expect(statSync(path.join(dir, t)).mode & 0o777).toBe(0o644);
  }, 120_000);

  it('undo refuses over edits made after the sync, names the file, and offers undo --force', async () => {
    const e = await newEnv();
    expect((await runCli(['paste'], e.env, fake.mintAppConsoleToken())).code).toBe(0);
    const dir = tempProject({ '.env': 'A=1\nDROPBOX_ACCESS_TOKEN=\n' });
    expect((await runCli(['project', 'add', dir, '--file', '.env'], e.env)).code).toBe(0);
    expect((await runCli(['sync'], e.env)).code).toBe(0);
    appendFileSync(path.join(dir, '.env'), 'TYPED_AFTERWARDS=1\n');
    const edited = readFileSync(path.join(dir, '.env'), 'utf8');

    const refused = await runCli(['undo', dir], e.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('.env was changed after the sync (1 line added)');
    expect(refused.stderr).toContain('dropbox-token-tray undo --force');
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(edited);

    const forced = await runCli(['undo', '--force', dir], e.env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Restored: .env');
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('A=1\nDROPBOX_ACCESS_TOKEN=\n');
  });
});
